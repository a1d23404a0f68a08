// OfflinePushInfo (spec §3) to PushNotification: table tests of every honoured field, the
// Desc-over-push-text rule, PushFlag, BadgeMode, and the Desc+Ext size rule; wire parsing errors.
import { describe, expect, it } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';
import {
  MAX_TEXT_AND_EXT_BYTES,
  TRUNCATION_MARK,
  fitBody,
  fromOfflinePushInfo,
  parseOfflinePushInfo,
  type OfflinePushInfo,
} from '../../../src/push/offline-push-info.js';
import type { PushNotification } from '../../../src/push/push-provider.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const CODE = 90001;

describe('fromOfflinePushInfo', () => {
  const cases: Array<[string, OfflinePushInfo | undefined, PushNotification | undefined]> = [
    ['no info: the element push text', undefined, { body: 'hi', priority: 'high' }],
    ['empty info: the element push text', {}, { body: 'hi', priority: 'high' }],
    ['PushFlag 1: no push', { PushFlag: 1, Desc: 'ignored' }, undefined],
    ['PushFlag 0: push', { PushFlag: 0 }, { body: 'hi', priority: 'high' }],
    ['Desc overrides the push text', { Desc: 'You have a message' }, { body: 'You have a message', priority: 'high' }],
    ['empty Desc keeps the push text', { Desc: '' }, { body: 'hi', priority: 'high' }],
    ['Title and Ext', { Title: 'alice', Ext: '{"entity":{"id":1}}' }, { body: 'hi', title: 'alice', ext: '{"entity":{"id":1}}', priority: 'high' }],
    [
      'ApnsInfo fields',
      { ApnsInfo: { Sound: 'ding.caf', Title: 'iOS title', SubTitle: 'sub', Image: 'https://i/x.png', MutableContent: 1, InterruptionLevel: 'time-sensitive' } },
      { body: 'hi', priority: 'high', apns: { title: 'iOS title', subtitle: 'sub', image: 'https://i/x.png', sound: 'ding.caf', mutableContent: true, interruptionLevel: 'time-sensitive' } },
    ],
    ['MutableContent 0 is not set', { ApnsInfo: { MutableContent: 0 } }, { body: 'hi', priority: 'high' }],
    [
      'AndroidInfo fields (Google ones; other vendors ignored)',
      { AndroidInfo: { Sound: 'ding', GoogleChannelID: 'im', GoogleImage: 'https://i/y.png', HuaWeiChannelID: 'hw' } as OfflinePushInfo['AndroidInfo'] },
      { body: 'hi', priority: 'high', android: { channelId: 'im', image: 'https://i/y.png', sound: 'ding' } },
    ],
  ];
  it.each(cases)('%s', (_name, info, want) => {
    expect(fromOfflinePushInfo(info, 'hi')).toEqual(want);
  });

  it('shows the unread count as badge unless BadgeMode is 1', () => {
    expect(fromOfflinePushInfo(undefined, 'hi', { badge: 7 })?.badge).toBe(7);
    expect(fromOfflinePushInfo({ ApnsInfo: { BadgeMode: 0 } }, 'hi', { badge: 7 })?.badge).toBe(7);
    expect(fromOfflinePushInfo({ ApnsInfo: { BadgeMode: 1 } }, 'hi', { badge: 7 })?.badge).toBeUndefined();
    expect(fromOfflinePushInfo(undefined, 'hi')?.badge).toBeUndefined();
  });

  it("falls back to the custom element's Ext and Sound, OfflinePushInfo winning", () => {
    const el = { elementExt: '{"from":"elem"}', elementSound: 'elem.caf' };
    expect(fromOfflinePushInfo(undefined, 'hi', el)).toEqual({ body: 'hi', priority: 'high', ext: '{"from":"elem"}', apns: { sound: 'elem.caf' } });
    expect(fromOfflinePushInfo({ Ext: '{"from":"info"}', ApnsInfo: { Sound: 'info.caf' } }, 'hi', el)).toEqual({
      body: 'hi',
      priority: 'high',
      ext: '{"from":"info"}',
      apns: { sound: 'info.caf' },
    });
    expect(fromOfflinePushInfo({ PushFlag: 1 }, 'hi', el)).toBeUndefined();
  });

  it('cuts a long Desc so Desc+Ext fit 3 KB, keeping Ext whole', () => {
    const ext = JSON.stringify({ pad: 'e'.repeat(1000) });
    const n = fromOfflinePushInfo({ Desc: 'd'.repeat(5000), Ext: ext }, 'hi')!;
    expect(n.ext).toBe(ext);
    expect(n.body.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(bytes(n.body) + bytes(ext)).toBe(MAX_TEXT_AND_EXT_BYTES);
  });

  it('cuts a long element push text the same way', () => {
    const n = fromOfflinePushInfo(undefined, 'x'.repeat(4000))!;
    expect(bytes(n.body)).toBe(MAX_TEXT_AND_EXT_BYTES);
    expect(n.body).toBe('x'.repeat(MAX_TEXT_AND_EXT_BYTES - bytes(TRUNCATION_MARK)) + TRUNCATION_MARK);
  });
});

describe('fitBody', () => {
  it('keeps a body that fits, exactly at the limit too', () => {
    expect(fitBody('short', '{}')).toBe('short');
    const exact = 'a'.repeat(MAX_TEXT_AND_EXT_BYTES - 2);
    expect(fitBody(exact, '{}')).toBe(exact);
    expect(fitBody(exact + 'a', '{}')).toBe('a'.repeat(MAX_TEXT_AND_EXT_BYTES - 2 - 3) + TRUNCATION_MARK);
  });

  it('never splits a multi-byte character or a surrogate pair', () => {
    const emoji = '😀'.repeat(1000); // 4 bytes each
    const cut = fitBody(emoji, undefined);
    expect(cut.endsWith(TRUNCATION_MARK)).toBe(true);
    const kept = cut.slice(0, -1);
    expect(kept).toBe('😀'.repeat(Math.floor((MAX_TEXT_AND_EXT_BYTES - 3) / 4)));
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
    const cjk = fitBody('消息'.repeat(1000), undefined); // 3 bytes each
    expect(bytes(cjk)).toBeLessThanOrEqual(MAX_TEXT_AND_EXT_BYTES);
    expect(cjk).toBe('消息'.repeat(1000).slice(0, Math.floor((MAX_TEXT_AND_EXT_BYTES - 3) / 3)) + TRUNCATION_MARK);
  });

  it('leaves an empty body when Ext alone fills the budget', () => {
    expect(fitBody('text', 'e'.repeat(MAX_TEXT_AND_EXT_BYTES - 1))).toBe('');
    expect(fitBody('text', 'e'.repeat(MAX_TEXT_AND_EXT_BYTES + 10))).toBe('');
  });
});

describe('parseOfflinePushInfo', () => {
  it('accepts a full valid object and unknown vendor fields', () => {
    const raw = {
      PushFlag: 0,
      Title: 't',
      Desc: 'd',
      Ext: '{}',
      ApnsInfo: { Sound: 's', BadgeMode: 1, Title: 'a', SubTitle: 'b', Image: 'i', MutableContent: 1, InterruptionLevel: 'passive', ContentAvailable: 1 },
      AndroidInfo: { Sound: 's', GoogleChannelID: 'c', GoogleImage: 'g', XiaoMiChannelID: 'x', VIVOClassification: 1 },
    };
    expect(parseOfflinePushInfo(raw, CODE)).toBe(raw);
  });

  const bad: Array<[unknown, RegExp]> = [
    ['text', /OfflinePushInfo must be an object, got string/],
    [null, /must be an object, got null/],
    [[], /must be an object, got array/],
    [{ PushFlag: 2 }, /PushFlag must be 0 or 1, got 2/],
    [{ PushFlag: '1' }, /PushFlag must be 0 or 1, got "1"/],
    [{ Desc: 5 }, /OfflinePushInfo\.Desc must be a string, got number/],
    [{ Ext: { a: 1 } }, /OfflinePushInfo\.Ext must be a string, got object/],
    [{ ApnsInfo: 'x' }, /ApnsInfo must be an object, got string/],
    [{ ApnsInfo: { Sound: 1 } }, /ApnsInfo\.Sound must be a string/],
    [{ ApnsInfo: { BadgeMode: 3 } }, /ApnsInfo\.BadgeMode must be 0 or 1/],
    [{ ApnsInfo: { InterruptionLevel: 'loud' } }, /InterruptionLevel must be one of passive\|active\|time-sensitive\|critical, got "loud"/],
    [{ AndroidInfo: [] }, /AndroidInfo must be an object, got array/],
    [{ AndroidInfo: { GoogleChannelID: 7 } }, /AndroidInfo\.GoogleChannelID must be a string, got number/],
  ];
  it.each(bad)('refuses %j', (raw, msg) => {
    let err: unknown;
    try {
      parseOfflinePushInfo(raw, CODE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImError);
    expect((err as ImError).code).toBe(CODE);
    expect((err as ImError).info).toMatch(msg);
  });
});
