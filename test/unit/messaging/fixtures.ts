// One valid element of every type of spec §3, as a client would send it, and a helper that
// expects an ImError with a given code.
import { expect } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';

export const TEXT = { MsgType: 'TIMTextElem', MsgContent: { Text: 'hello world' } };
export const LOCATION = { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'someinfo', Latitude: 29.340656774469956, Longitude: 116.77497920478824 } };
export const FACE = { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'content' } };
export const CUSTOM = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'message', Desc: 'notification', Ext: 'url', Sound: 'dingdong.aiff' } };
export const SOUND = {
  MsgType: 'TIMSoundElem',
  MsgContent: { Url: 'https://example.com/a.m4a', UUID: '305c0201', Size: 62351, Second: 1, Download_Flag: 2 },
};
export const IMAGE = {
  MsgType: 'TIMImageElem',
  MsgContent: {
    UUID: '1853095_D61040894AC3DE44CDFFFB3EC7EB720F',
    ImageFormat: 1,
    ImageInfoArray: [
      { Type: 1, Size: 1853095, Width: 2448, Height: 3264, URL: 'https://example.com/o.jpg' },
      { Type: 2, Size: 8192, Width: 720, Height: 960, URL: 'https://example.com/l.jpg' },
      { Type: 3, Size: 1024, Width: 150, Height: 200, URL: 'https://example.com/t.jpg' },
    ],
  },
};
export const FILE = {
  MsgType: 'TIMFileElem',
  MsgContent: { Url: 'https://example.com/f.pdf', UUID: '2d4f', FileSize: 1773552, FileName: 'file:///tmp/f.pdf', Download_Flag: 2 },
};
export const VIDEO = {
  MsgType: 'TIMVideoFileElem',
  MsgContent: {
    VideoUrl: 'https://example.com/v.mp4',
    VideoUUID: '5da38ba89d6521011e1f6f3fd6692e35',
    VideoSize: 1194603,
    VideoSecond: 5,
    VideoFormat: 'mp4',
    VideoDownloadFlag: 2,
    ThumbUrl: 'https://example.com/t.jpg',
    ThumbUUID: '6edaffedef5150684510cf97957b7bc8',
    ThumbSize: 13907,
    ThumbWidth: 720,
    ThumbHeight: 1280,
    ThumbFormat: 'JPG',
    ThumbDownloadFlag: 2,
  },
};
export const RELAY_INLINE = {
  MsgType: 'TIMRelayElem',
  MsgContent: {
    Title: 'Chat between alice and bob',
    MsgNum: 2,
    CompatibleText: 'Upgrade to see merged messages',
    AbstractList: ['alice: hi', 'bob: hello'],
    MsgList: [
      { From_Account: 'alice', To_Account: 'bob', MsgSeq: 1, MsgRandom: 11, MsgTimeStamp: 1700000000, MsgBody: [TEXT] },
      { From_Account: 'bob', To_Account: 'alice', MsgSeq: 2, MsgRandom: 12, MsgTimeStamp: 1700000001, MsgBody: [FACE], CloudCustomData: 'x' },
    ],
  },
};
export const RELAY_BY_KEY = { MsgType: 'TIMRelayElem', MsgContent: { Title: 'Group chat', MsgNum: 400, AbstractList: ['a: 1'], JsonMsgKey: 'relay-key-1' } };

export const ALL_ELEMENTS = { TEXT, LOCATION, FACE, CUSTOM, SOUND, IMAGE, FILE, VIDEO, RELAY_INLINE, RELAY_BY_KEY };

/** Deep copy for mutation in a test. */
export const clone = <T>(v: T): T => structuredClone(v);

export function expectCode(fn: () => unknown, code: number, text?: RegExp): ImError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an ImError').toBeInstanceOf(ImError);
  const err = caught as ImError;
  expect(err.code, err.info).toBe(code);
  if (text) expect(err.info).toMatch(text);
  return err;
}
