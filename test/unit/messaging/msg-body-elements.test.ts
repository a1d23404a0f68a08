// parseMsgBody per element type (spec §3): every type valid and echoed unchanged, each malformed
// variant refused with its code, unknown MsgContent fields kept, element-level extras dropped.
import { describe, expect, it } from 'vitest';
import { parseMsgBody, toWire } from '../../../src/messaging/msg-body.js';
import { ALL_ELEMENTS, CUSTOM, FACE, FILE, IMAGE, LOCATION, RELAY_BY_KEY, RELAY_INLINE, SOUND, TEXT, VIDEO, clone, expectCode } from './fixtures.js';

const INVALID = 90010;

/** A copy of `el` with MsgContent fields replaced (undefined deletes). */
function withContent(el: { MsgType: string; MsgContent: object }, patch: Record<string, unknown>) {
  const c: Record<string, unknown> = { ...clone(el.MsgContent) };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete c[k];
  else c[k] = v;
  return { MsgType: el.MsgType, MsgContent: c };
}

describe('parseMsgBody: body shape', () => {
  it('90002 when missing or empty, 90007 when not an array', () => {
    expectCode(() => parseMsgBody(undefined), 90002, /required/);
    expectCode(() => parseMsgBody(null), 90002);
    expectCode(() => parseMsgBody([]), 90002, /empty/);
    expectCode(() => parseMsgBody({ MsgType: 'TIMTextElem' }), 90007, /array/);
    expectCode(() => parseMsgBody('hi'), 90007);
  });

  it('90010 for an element that is not an object or has an unknown or missing MsgType', () => {
    expectCode(() => parseMsgBody(['x']), INVALID, /MsgBody\[0\] must be an object/);
    expectCode(() => parseMsgBody([[TEXT]]), INVALID);
    expectCode(() => parseMsgBody([{ MsgType: 'TIMUnknownElem', MsgContent: {} }]), INVALID, /not a known element type/);
    expectCode(() => parseMsgBody([{ MsgContent: { Text: 'a' } }]), INVALID, /MsgType is missing/);
    expectCode(() => parseMsgBody([{ MsgType: 'timtextelem', MsgContent: { Text: 'a' } }]), INVALID);
    expectCode(() => parseMsgBody([TEXT, { MsgType: 7, MsgContent: {} }]), INVALID, /MsgBody\[1\]/);
    expectCode(() => parseMsgBody([{ MsgType: 'TIMTextElem' }]), INVALID, /MsgContent must be an object/);
    expectCode(() => parseMsgBody([{ MsgType: 'TIMTextElem', MsgContent: ['a'] }]), INVALID);
  });
});

describe('parseMsgBody: valid elements', () => {
  for (const [name, el] of Object.entries(ALL_ELEMENTS)) {
    it(`accepts ${name} and echoes it unchanged`, () => {
      const parsed = parseMsgBody([el]);
      expect(toWire(parsed)).toEqual([el]);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify([el]));
    });
  }

  it('accepts several elements in one message, in order', () => {
    const body = [TEXT, FACE, IMAGE, TEXT, CUSTOM];
    expect(toWire(parseMsgBody(body))).toEqual(body);
  });

  it('accepts minimal elements (only the required fields)', () => {
    const minimal = [
      { MsgType: 'TIMLocationElem', MsgContent: { Latitude: 0, Longitude: -1.5 } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: -3 } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: '' } },
      { MsgType: 'TIMSoundElem', MsgContent: { Url: 'u', Size: 0, Second: 0 } },
      { MsgType: 'TIMImageElem', MsgContent: { ImageFormat: 255, ImageInfoArray: [{ Type: 3, URL: 'u' }] } },
      { MsgType: 'TIMFileElem', MsgContent: { Url: 'u' } },
      { MsgType: 'TIMVideoFileElem', MsgContent: { VideoUrl: 'u' } },
      { MsgType: 'TIMTextElem', MsgContent: { Text: '' } },
    ];
    expect(toWire(parseMsgBody(minimal))).toEqual(minimal);
  });

  it('keeps unknown MsgContent fields (any JSON), nested ones too, in the given order', () => {
    const el = { MsgType: 'TIMTextElem', MsgContent: { Future: { a: [1, null, true] }, Text: 'x', Z: 'z' } };
    const parsed = parseMsgBody([el]);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify([el]));
    const img = withContent(IMAGE, { ImageInfoArray: [{ Type: 1, URL: 'u', Extra: 'kept' }] });
    expect(toWire(parseMsgBody([img]))).toEqual([img]);
  });

  it('drops element-level fields other than MsgType and MsgContent', () => {
    expect(toWire(parseMsgBody([{ ...TEXT, Other: 1 }]))).toEqual([TEXT]);
  });

  it('returns a copy that does not share objects with the input', () => {
    const input = [clone(IMAGE)];
    const parsed = toWire(parseMsgBody(input)) as unknown as (typeof IMAGE)[];
    input[0]!.MsgContent.ImageInfoArray[0]!.URL = 'changed';
    expect(parsed[0]!.MsgContent.ImageInfoArray[0]!.URL).toBe('https://example.com/o.jpg');
  });
});

describe('parseMsgBody: malformed MsgContent is 90010', () => {
  const cases: [string, object, RegExp][] = [
    ['text without Text', withContent(TEXT, { Text: undefined }), /Text is required/],
    ['text with a number', withContent(TEXT, { Text: 5 }), /Text must be a string/],
    ['text with a lone surrogate', withContent(TEXT, { Text: 'a\ud800' }), /well-formed/],
    ['location without Latitude', withContent(LOCATION, { Latitude: undefined }), /Latitude is required/],
    ['location with a string Longitude', withContent(LOCATION, { Longitude: '116.7' }), /Longitude must be a number/],
    ['location with a numeric Desc', withContent(LOCATION, { Desc: 1 }), /Desc must be a string/],
    ['face without Index', withContent(FACE, { Index: undefined }), /Index is required/],
    ['face with a fractional Index', withContent(FACE, { Index: 1.5 }), /Index must be an integer/],
    ['face with a numeric Data', withContent(FACE, { Data: 1 }), /Data must be a string/],
    ['custom without Data', withContent(CUSTOM, { Data: undefined }), /Data is required/],
    ['custom with an object Data', withContent(CUSTOM, { Data: {} }), /Data must be a string/],
    ['custom with a numeric Ext', withContent(CUSTOM, { Ext: 3 }), /Ext must be a string/],
    ['sound without Url', withContent(SOUND, { Url: undefined }), /Url is required/],
    ['sound with a negative Size', withContent(SOUND, { Size: -1 }), /Size must be a non-negative integer/],
    ['sound with a string Second', withContent(SOUND, { Second: '3' }), /Second/],
    ['sound with Download_Flag 1', withContent(SOUND, { Download_Flag: 1 }), /Download_Flag must be 2/],
    ['image without ImageFormat', withContent(IMAGE, { ImageFormat: undefined }), /ImageFormat is required/],
    ['image with ImageFormat 5', withContent(IMAGE, { ImageFormat: 5 }), /ImageFormat must be one of/],
    ['image with ImageFormat "1"', withContent(IMAGE, { ImageFormat: '1' }), /ImageFormat/],
    ['image with an empty ImageInfoArray', withContent(IMAGE, { ImageInfoArray: [] }), /ImageInfoArray must be a non-empty array/],
    ['image with ImageInfoArray not an array', withContent(IMAGE, { ImageInfoArray: {} }), /ImageInfoArray/],
    ['image info with Type 4', withContent(IMAGE, { ImageInfoArray: [{ Type: 4, URL: 'u' }] }), /ImageInfoArray\[0\]\.Type/],
    ['image info without URL', withContent(IMAGE, { ImageInfoArray: [{ Type: 1 }] }), /URL is required/],
    ['image info with a fractional Width', withContent(IMAGE, { ImageInfoArray: [{ Type: 1, URL: 'u', Width: 1.5 }] }), /Width/],
    ['image info not an object', withContent(IMAGE, { ImageInfoArray: ['u'] }), /ImageInfoArray\[0\] must be an object/],
    ['file without Url', withContent(FILE, { Url: undefined }), /Url is required/],
    ['file with a string FileSize', withContent(FILE, { FileSize: '10' }), /FileSize/],
    ['file with Download_Flag 0', withContent(FILE, { Download_Flag: 0 }), /Download_Flag must be 2/],
    ['video without VideoUrl', withContent(VIDEO, { VideoUrl: undefined }), /VideoUrl is required/],
    ['video with VideoDownloadFlag 1', withContent(VIDEO, { VideoDownloadFlag: 1 }), /VideoDownloadFlag must be 2/],
    ['video with ThumbDownloadFlag "2"', withContent(VIDEO, { ThumbDownloadFlag: '2' }), /ThumbDownloadFlag/],
    ['video with a negative ThumbWidth', withContent(VIDEO, { ThumbWidth: -720 }), /ThumbWidth/],
    ['video with a numeric VideoFormat', withContent(VIDEO, { VideoFormat: 4 }), /VideoFormat must be a string/],
    ['an extra field that is not JSON', withContent(TEXT, { Extra: new Uint8Array(2) }), /must be JSON, got binary/],
    ['an extra field with NaN', withContent(TEXT, { Extra: Number.NaN }), /finite number/],
    ['an explicitly undefined field', { MsgType: 'TIMTextElem', MsgContent: { Text: 'a', X: undefined } }, /must be JSON/],
  ];
  for (const [name, el, text] of cases) {
    it(name, () => {
      expectCode(() => parseMsgBody([TEXT, el]), INVALID, text);
    });
  }

  it('refuses extra fields nested too deeply', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expectCode(() => parseMsgBody([withContent(TEXT, { Deep: deep })]), INVALID, /deeper/);
  });

  it('refuses a content object with a prototype other than Object', () => {
    class Box {
      Text = 'a';
    }
    expectCode(() => parseMsgBody([{ MsgType: 'TIMTextElem', MsgContent: new Box() }]), INVALID);
  });
});

const omit = (o: object, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('parseMsgBody: relay elements', () => {
  it('needs exactly one of MsgList and JsonMsgKey', () => {
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { MsgList: RELAY_INLINE.MsgContent.MsgList })]), INVALID, /exactly one/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { JsonMsgKey: undefined })]), INVALID, /exactly one/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { JsonMsgKey: '' })]), INVALID, /JsonMsgKey must not be empty/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { JsonMsgKey: 12 })]), INVALID, /JsonMsgKey must be a string/);
  });

  it('checks Title, MsgNum, CompatibleText and AbstractList', () => {
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { Title: 1 })]), INVALID, /Title/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { MsgNum: -1 })]), INVALID, /MsgNum/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { CompatibleText: [] })]), INVALID, /CompatibleText/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { AbstractList: 'a' })]), INVALID, /AbstractList must be an array/);
    expectCode(() => parseMsgBody([withContent(RELAY_BY_KEY, { AbstractList: ['a', 2] })]), INVALID, /AbstractList\[1\]/);
  });

  it('checks each relayed message and its body recursively', () => {
    const list = (m: unknown) => withContent(RELAY_INLINE, { MsgList: [m] });
    const ok = RELAY_INLINE.MsgContent.MsgList[0]!;
    expectCode(() => parseMsgBody([withContent(RELAY_INLINE, { MsgList: [] })]), INVALID, /MsgList must be a non-empty array/);
    expectCode(() => parseMsgBody([withContent(RELAY_INLINE, { MsgList: {} })]), INVALID, /MsgList/);
    expectCode(() => parseMsgBody([list('m')]), INVALID, /MsgList\[0\] must be an object/);
    expectCode(() => parseMsgBody([list(omit(ok, 'From_Account'))]), INVALID, /From_Account is required/);
    expectCode(() => parseMsgBody([list({ ...ok, From_Account: 5 })]), INVALID, /From_Account must be a string/);
    expectCode(() => parseMsgBody([list({ ...ok, GroupId: 5 })]), INVALID, /GroupId/);
    expectCode(() => parseMsgBody([list({ ...ok, MsgSeq: 'x' })]), INVALID, /MsgSeq/);
    expectCode(() => parseMsgBody([list({ ...ok, MsgTimeStamp: 1.5 })]), INVALID, /MsgTimeStamp/);
    expectCode(() => parseMsgBody([list(omit(ok, 'MsgBody'))]), INVALID, /MsgBody is required/);
    expectCode(() => parseMsgBody([list({ ...ok, MsgBody: [] })]), INVALID, /MsgBody must be a non-empty array/);
    expectCode(() => parseMsgBody([list({ ...ok, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] })]), INVALID, /MsgList\[0\]\.MsgBody\[0\]\.MsgContent\.Text is required/);
    const groupMsg = { From_Account: 'a', GroupId: '@TGS#1', MsgSeq: 9, MsgBody: [TEXT], Future: 1 };
    expect(toWire(parseMsgBody([list(groupMsg)]))).toEqual([list(groupMsg)]);
  });
});
