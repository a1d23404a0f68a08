// The message elements of spec §3 with Tencent's own field names: a parsed body is stored and
// echoed back as-is, so wire names are the model here. Every content type also keeps unknown
// extra fields (Extra) for forward compatibility; they are plain JSON values.
// Optional fields are absent, never undefined-valued.
import type { JsonValue } from '../store/relationships.js';

/** Fields a newer client may add; kept and sized, never interpreted. */
export type Extra = { readonly [extra: string]: JsonValue | undefined };

export const MsgType = {
  TEXT: 'TIMTextElem',
  LOCATION: 'TIMLocationElem',
  FACE: 'TIMFaceElem',
  CUSTOM: 'TIMCustomElem',
  SOUND: 'TIMSoundElem',
  IMAGE: 'TIMImageElem',
  FILE: 'TIMFileElem',
  VIDEO: 'TIMVideoFileElem',
  RELAY: 'TIMRelayElem',
} as const;
export type MsgTypeName = (typeof MsgType)[keyof typeof MsgType];

/** ImageFormat: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other. */
export const IMAGE_FORMATS: readonly number[] = [1, 2, 3, 4, 255];
/** ImageInfoArray[].Type: 1 original, 2 large, 3 thumbnail. */
export const IMAGE_INFO_TYPES: readonly number[] = [1, 2, 3];
/** The only Download_Flag / VideoDownloadFlag / ThumbDownloadFlag value: download from the URL. */
export const DOWNLOAD_FLAG_URL = 2;

export type TextContent = Extra & { Text: string };
export type LocationContent = Extra & { Desc?: string; Latitude: number; Longitude: number };
export type FaceContent = Extra & { Index: number; Data?: string };
export type CustomContent = Extra & { Data: string; Desc?: string; Ext?: string; Sound?: string };
export type SoundContent = Extra & { Url: string; UUID?: string; Size: number; Second: number; Download_Flag?: number };
export type ImageInfo = Extra & { Type: number; URL: string; Size?: number; Width?: number; Height?: number };
export type ImageContent = Extra & { UUID?: string; ImageFormat: number; ImageInfoArray: ImageInfo[] };
export type FileContent = Extra & { Url: string; UUID?: string; FileSize?: number; FileName?: string; Download_Flag?: number };
export type VideoContent = Extra & {
  VideoUrl: string;
  VideoUUID?: string;
  VideoSize?: number;
  VideoSecond?: number;
  VideoFormat?: string;
  VideoDownloadFlag?: number;
  ThumbUrl?: string;
  ThumbUUID?: string;
  ThumbSize?: number;
  ThumbWidth?: number;
  ThumbHeight?: number;
  ThumbFormat?: string;
  ThumbDownloadFlag?: number;
};

/** One message inside a merged (relay) message. */
export type RelayedMsg = Extra & {
  From_Account: string;
  To_Account?: string;
  GroupId?: string;
  MsgSeq?: number;
  MsgRandom?: number;
  MsgTimeStamp?: number;
  MsgBody: MsgElement[];
  CloudCustomData?: string;
};

/** A merged message carries its messages inline (MsgList) or by reference (JsonMsgKey), never both. */
export type RelayContent = Extra & {
  Title?: string;
  MsgNum?: number;
  CompatibleText?: string;
  AbstractList?: string[];
  MsgList?: RelayedMsg[];
  JsonMsgKey?: string;
};

export type MsgElement =
  | { MsgType: typeof MsgType.TEXT; MsgContent: TextContent }
  | { MsgType: typeof MsgType.LOCATION; MsgContent: LocationContent }
  | { MsgType: typeof MsgType.FACE; MsgContent: FaceContent }
  | { MsgType: typeof MsgType.CUSTOM; MsgContent: CustomContent }
  | { MsgType: typeof MsgType.SOUND; MsgContent: SoundContent }
  | { MsgType: typeof MsgType.IMAGE; MsgContent: ImageContent }
  | { MsgType: typeof MsgType.FILE; MsgContent: FileContent }
  | { MsgType: typeof MsgType.VIDEO; MsgContent: VideoContent }
  | { MsgType: typeof MsgType.RELAY; MsgContent: RelayContent };
