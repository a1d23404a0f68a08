// sendmsg envelope options (spec §2.1 #7, §3): defaults, every option, its error code, legacy
// spellings.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { MAX_MSG_LIFETIME_SEC, parseSendOptions } from '../../../src/messaging/send-options.js';
import { expectCode } from './fixtures.js';

const c2c = (extra: Record<string, unknown>) => parseSendOptions({ MsgRandom: 1, ...extra }, { kind: 'c2c' });

describe('C2C send options', () => {
  it('defaults', () => {
    expect(parseSendOptions({ MsgRandom: 42 }, { kind: 'c2c' })).toEqual({
      random: 42,
      syncToSender: true,
      onlineOnly: false,
      control: { noUnread: false, noLastMsg: false, withMuteNotifications: false, noMsgCheck: false },
      forbidBeforeSendCallback: false,
      forbidAfterSendCallback: false,
      needReadReceipt: false,
      supportExtension: false,
      priority: 'normal',
      atAll: false,
      atUsers: [],
    });
  });

  it('reads every option', () => {
    const o = c2c({
      SyncOtherMachine: 2,
      MsgLifeTime: 0,
      MsgSeq: 93847636,
      MsgTimeStamp: 1557387418,
      SendMsgControl: ['NoUnread', 'NoLastMsg', 'WithMuteNotifications', 'NoMsgCheck'],
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
      OnlineOnlyFlag: 1,
      IsNeedReadReceipt: 1,
      SupportMessageExtension: 1,
      CloudCustomData: 'your cloud custom data',
    });
    expect(o).toMatchObject({
      random: 1,
      syncToSender: false,
      lifeTimeSec: 0,
      clientSeq: 93847636,
      clientTimeSec: 1557387418,
      control: { noUnread: true, noLastMsg: true, withMuteNotifications: true, noMsgCheck: true },
      forbidBeforeSendCallback: true,
      forbidAfterSendCallback: true,
      onlineOnly: true,
      needReadReceipt: true,
      supportExtension: true,
      cloudCustomData: 'your cloud custom data',
    });
    expect(c2c({ SyncOtherMachine: 1 }).syncToSender).toBe(true);
    expect(c2c({ MsgLifeTime: MAX_MSG_LIFETIME_SEC }).lifeTimeSec).toBe(604800);
    expect(c2c({ SendMsgControl: ['NoLastMsg'] }).control).toEqual({ noUnread: false, noLastMsg: true, withMuteNotifications: false, noMsgCheck: false });
  });

  it('accepts legacy spellings', () => {
    expect(c2c({ MsgOnlineOnlyFlag: 1 }).onlineOnly).toBe(true);
    expect(c2c({ NeedReadReceipt: 1 }).needReadReceipt).toBe(true);
    // the current spelling wins when both are present
    expect(c2c({ OnlineOnlyFlag: 0, MsgOnlineOnlyFlag: 1 }).onlineOnly).toBe(false);
  });

  it('ignores group-only fields and treats an empty CloudCustomData as absent', () => {
    const o = c2c({ MsgPriority: 'bogus', GroupAtInfo: 'bogus', CloudCustomData: '' });
    expect(o.priority).toBe('normal');
    expect(o.cloudCustomData).toBeUndefined();
    expect('cloudCustomData' in o).toBe(false);
  });

  it('ignores unknown SendMsgControl and ForbidCallbackControl values', () => {
    const o = c2c({ SendMsgControl: ['NoUnread', 'SomethingNew'], ForbidCallbackControl: ['ForbidSomethingElse'] });
    expect(o.control.noUnread).toBe(true);
    expect(o.forbidBeforeSendCallback).toBe(false);
  });

  it('MsgRandom: 90005 when missing, not an integer or outside uint32', () => {
    expectCode(() => parseSendOptions({}, { kind: 'c2c' }), 90005, /MsgRandom is required/);
    for (const v of ['1', 1.5, -1, 2 ** 32, null, true]) expectCode(() => parseSendOptions({ MsgRandom: v }, { kind: 'c2c' }), 90005);
    expect(parseSendOptions({ MsgRandom: 0xffffffff }, { kind: 'c2c' }).random).toBe(0xffffffff);
  });

  it('MsgTimeStamp: 90006 when present and not an integer', () => {
    for (const v of ['1557387418', 1.5, -1, null]) expectCode(() => c2c({ MsgTimeStamp: v }), 90006);
  });

  it('SyncOtherMachine: 90031 unless the integer 1 or 2', () => {
    for (const v of ['1', 1.5, 0, 3, null]) expectCode(() => c2c({ SyncOtherMachine: v }), 90031);
  });

  it('MsgLifeTime: 90044 not an integer, 90026 out of range (counted)', async () => {
    for (const v of ['60', 1.5, null]) expectCode(() => c2c({ MsgLifeTime: v }), 90044);
    const metrics = createMetrics();
    for (const v of [-1, MAX_MSG_LIFETIME_SEC + 1]) {
      expectCode(() => parseSendOptions({ MsgRandom: 1, MsgLifeTime: v }, { kind: 'c2c', metrics }), 90026, /0\.\.604800/);
    }
    const m = await metrics.msgLimitHits.get();
    expect(m.values.find((x) => x.labels.limit === 'msg_lifetime')?.value).toBe(2);
  });

  it('other bad fields are 70402', () => {
    const bad: Record<string, unknown>[] = [
      { MsgSeq: -1 },
      { MsgSeq: 'x' },
      { SendMsgControl: 'NoUnread' },
      { SendMsgControl: [1] },
      { SendMsgControl: Array.from({ length: 17 }, () => 'NoUnread') },
      { ForbidCallbackControl: {} },
      { OnlineOnlyFlag: 2 },
      { OnlineOnlyFlag: true },
      { MsgOnlineOnlyFlag: '1' },
      { IsNeedReadReceipt: 2 },
      { SupportMessageExtension: '1' },
      { CloudCustomData: 5 },
      { CloudCustomData: {} },
      { CloudCustomData: 'a\udc00' },
    ];
    for (const b of bad) expectCode(() => c2c(b), 70402);
  });

  it('reads own properties only', () => {
    const body = Object.create({ MsgRandom: 5 }) as Record<string, unknown>;
    expectCode(() => parseSendOptions(body, { kind: 'c2c' }), 90005);
  });
});
