// The offline-push text of a message when no OfflinePushInfo.Desc overrides it (spec §3):
// element push texts concatenated with no separators. Tencent's English placeholders where the
// spec gives them ("[Location]", "[Face]"); the others are this server's choice, named here.
import { MsgType, type MsgElement } from './msg-types.js';

export const PUSH_TEXT_LOCATION = '[Location]';
export const PUSH_TEXT_FACE = '[Face]';
export const PUSH_TEXT_SOUND = '[Voice]';
export const PUSH_TEXT_IMAGE = '[Image]';
export const PUSH_TEXT_FILE = '[File]';
export const PUSH_TEXT_VIDEO = '[Video]';
/** A merged message without a Title. */
export const PUSH_TEXT_RELAY = '[Chat history]';

/** Push text of one element; a custom element's is its Desc ('' when absent). */
export function elementPushText(el: MsgElement): string {
  switch (el.MsgType) {
    case MsgType.TEXT:
      return el.MsgContent.Text;
    case MsgType.LOCATION:
      return PUSH_TEXT_LOCATION;
    case MsgType.FACE:
      return PUSH_TEXT_FACE;
    case MsgType.CUSTOM:
      return el.MsgContent.Desc ?? '';
    case MsgType.SOUND:
      return PUSH_TEXT_SOUND;
    case MsgType.IMAGE:
      return PUSH_TEXT_IMAGE;
    case MsgType.FILE:
      return PUSH_TEXT_FILE;
    case MsgType.VIDEO:
      return PUSH_TEXT_VIDEO;
    case MsgType.RELAY:
      return el.MsgContent.Title || PUSH_TEXT_RELAY;
  }
}

export const pushTextOf = (elements: readonly MsgElement[]): string => elements.map(elementPushText).join('');
