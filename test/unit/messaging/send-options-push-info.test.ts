// OfflinePushInfo in the send options (spec §3): kept as sent when well-formed, refused with
// 90001 for C2C sends (Tencent's code for a malformed field without one of its own) and with the
// API's uniform code for group sends; absent stays absent.
import { describe, expect, it } from 'vitest';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { expectCode } from './fixtures.js';

const info = { PushFlag: 0, Title: 'Alice', Desc: 'New message', Ext: '{"k":1}', ApnsInfo: { Sound: 'a.caf', BadgeMode: 1 }, AndroidInfo: { GoogleChannelID: 'im' } };

describe('OfflinePushInfo send option', () => {
  it('is kept for C2C and group sends, and absent when not sent', () => {
    expect(parseSendOptions({ MsgRandom: 1, OfflinePushInfo: info }, { kind: 'c2c' }).offlinePushInfo).toEqual(info);
    expect(parseSendOptions({ Random: 1, OfflinePushInfo: { PushFlag: 1 } }, { kind: 'group', codes: uniformCodes(10004) }).offlinePushInfo).toEqual({ PushFlag: 1 });
    expect(parseSendOptions({ MsgRandom: 1 }, { kind: 'c2c' })).not.toHaveProperty('offlinePushInfo');
  });

  it('refuses a malformed one with 90001 (C2C) naming the field, or the uniform group code', () => {
    const bad: Array<[unknown, RegExp]> = [
      ['push me', /OfflinePushInfo must be an object, got string/],
      [{ PushFlag: 2 }, /OfflinePushInfo.PushFlag must be 0 or 1/],
      [{ Desc: 5 }, /OfflinePushInfo.Desc must be a string/],
      [{ ApnsInfo: [] }, /OfflinePushInfo.ApnsInfo must be an object/],
      [{ ApnsInfo: { InterruptionLevel: 'loud' } }, /InterruptionLevel must be one of/],
      [{ AndroidInfo: { GoogleChannelID: 1 } }, /AndroidInfo.GoogleChannelID must be a string/],
    ];
    for (const [v, msg] of bad) {
      expectCode(() => parseSendOptions({ MsgRandom: 1, OfflinePushInfo: v }, { kind: 'c2c' }), 90001, msg);
      expectCode(() => parseSendOptions({ Random: 1, OfflinePushInfo: v }, { kind: 'group', codes: uniformCodes(10004) }), 10004, msg);
    }
  });
});
