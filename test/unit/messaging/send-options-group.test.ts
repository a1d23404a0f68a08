// send_group_msg envelope options (spec §2.1 #44): Random, MsgPriority (case-sensitive),
// GroupAtInfo, NeedReadReceipt, with the caller's group error codes.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { MAX_GROUP_AT_ENTRIES, parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { expectCode } from './fixtures.js';

const GROUP_INVALID = 10004;
const codes = uniformCodes(GROUP_INVALID);
const group = (extra: Record<string, unknown>) => parseSendOptions({ Random: 7, ...extra }, { kind: 'group', codes });

describe('group send options', () => {
  it('reads Random, not MsgRandom, and the shared options', () => {
    const o = group({ OnlineOnlyFlag: 1, SendMsgControl: ['NoLastMsg', 'NoUnread'], ForbidCallbackControl: ['ForbidAfterSendMsgCallback'], NeedReadReceipt: 1, CloudCustomData: 'c' });
    expect(o).toMatchObject({ random: 7, onlineOnly: true, control: { noLastMsg: true, noUnread: true }, forbidAfterSendCallback: true, forbidBeforeSendCallback: false, needReadReceipt: true, cloudCustomData: 'c', syncToSender: true });
    expectCode(() => parseSendOptions({ MsgRandom: 7 }, { kind: 'group', codes }), GROUP_INVALID, /Random is required/);
    expect(group({ IsNeedReadReceipt: 1 }).needReadReceipt).toBe(true);
  });

  it('ignores C2C-only fields', () => {
    const o = group({ SyncOtherMachine: 'x', MsgLifeTime: 'x', MsgTimeStamp: 'x', MsgSeq: 'x' });
    expect(o).not.toHaveProperty('lifeTimeSec');
    expect(o).not.toHaveProperty('clientSeq');
    expect(o).not.toHaveProperty('clientTimeSec');
  });

  it('MsgPriority: High, Normal or Low, case-sensitive, Normal by default', () => {
    expect(group({}).priority).toBe('normal');
    expect(group({ MsgPriority: 'High' }).priority).toBe('high');
    expect(group({ MsgPriority: 'Normal' }).priority).toBe('normal');
    expect(group({ MsgPriority: 'Low' }).priority).toBe('low');
    for (const v of ['high', 'LOW', 'Lowest', '', 1, null]) expectCode(() => group({ MsgPriority: v }), GROUP_INVALID, /MsgPriority/);
    expectCode(() => group({ MsgPriority: 'toString' }), GROUP_INVALID);
  });

  it('GroupAtInfo: @all and @users, in order, without repeats', () => {
    const o = group({
      GroupAtInfo: [{ GroupAtAllFlag: 0, GroupAt_Account: 'bob' }, { GroupAtAllFlag: 1 }, { GroupAt_Account: 'carol' }, { GroupAtAllFlag: 0, GroupAt_Account: 'bob' }],
    });
    expect(o.atAll).toBe(true);
    expect(o.atUsers).toEqual(['bob', 'carol']);
    expect(group({ GroupAtInfo: [] })).toMatchObject({ atAll: false, atUsers: [] });
    expect(group({ GroupAtInfo: [{ GroupAtAllFlag: 1, GroupAt_Account: 5 }] }).atUsers).toEqual([]);
  });

  it('GroupAtInfo: bad shapes refused with the group code', async () => {
    for (const v of ['x', {}, ['bob'], [{ GroupAtAllFlag: 2 }], [{ GroupAtAllFlag: 0 }], [{}], [{ GroupAt_Account: 3 }]]) {
      expectCode(() => group({ GroupAtInfo: v }), GROUP_INVALID);
    }
    const metrics = createMetrics();
    const many = Array.from({ length: MAX_GROUP_AT_ENTRIES + 1 }, (_, i) => ({ GroupAt_Account: `u${i}` }));
    expectCode(() => parseSendOptions({ Random: 1, GroupAtInfo: many }, { kind: 'group', codes, metrics }), GROUP_INVALID, /at most 500/);
    const m = await metrics.msgLimitHits.get();
    expect(m.values.find((x) => x.labels.limit === 'group_at_entries')?.value).toBe(1);
    expect(group({ GroupAtInfo: many.slice(1) }).atUsers).toHaveLength(MAX_GROUP_AT_ENTRIES);
  });

  it('uses the given codes for every field, including Random', () => {
    for (const b of [{}, { Random: -1 }, { Random: 1, OnlineOnlyFlag: 3 }, { Random: 1, CloudCustomData: 1 }, { Random: 1, SendMsgControl: 'x' }]) {
      expectCode(() => parseSendOptions(b, { kind: 'group', codes }), GROUP_INVALID);
    }
    // GroupAt_Account type has its own slot, 60015 for C2C-style code tables
    expectCode(() => parseSendOptions({ Random: 1, GroupAtInfo: [{ GroupAt_Account: 1 }] }, { kind: 'group' }), 60015);
  });
});
