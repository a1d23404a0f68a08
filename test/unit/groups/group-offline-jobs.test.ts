// Offline-push jobs of a group send batch (group-send-deliver.ts): one job per sender, timeline
// and recipient set, holding that set's messages in seq order with each message's OfflinePushInfo
// and WithMuteNotifications; an @-mention that widens the recipients gets its own job.
import { describe, expect, it } from 'vitest';
import { sendGroupBatch } from '../../../src/groups/group-send.js';
import { APP, groupFixture, send, text, user } from './group-msg-fixture.js';

describe('group offline-push jobs', () => {
  it('groups a batch into one job per sender and recipient set, messages in order', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { alice: 'Owner', bob: 'Member', carol: 'Member' });
    await f.store.groupMembers.updateMembers(APP, 'g1', [{ userId: 'carol', msgFlag: 'AcceptNotNotify' }]);
    await sendGroupBatch(f.ctx('g1'), [
      send('g1', user('alice'), { Random: 1, MsgBody: text('m1') }),
      send('g1', user('alice'), { Random: 2, MsgBody: text('m2'), OfflinePushInfo: { Desc: 'two' } }),
      send('g1', user('bob'), { Random: 3, MsgBody: text('m3') }),
      send('g1', user('alice'), { Random: 4, MsgBody: text('m4'), GroupAtInfo: [{ GroupAtAllFlag: 0, GroupAt_Account: 'carol' }] }),
      send('g1', user('alice'), { Random: 5, MsgBody: text('m5'), SendMsgControl: ['WithMuteNotifications'] }),
    ]);
    const shape = f.pushes.map((j) => ({
      from: j.from,
      convId: j.convId,
      recipients: j.recipients,
      msgs: j.messages.map((m) => [(m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text, m.offlinePushInfo?.Desc ?? '', m.withMuteNotifications === true]),
    }));
    expect(shape).toEqual([
      { from: 'alice', convId: 'g:g1', recipients: ['bob'], msgs: [['m1', '', false], ['m2', 'two', false], ['m5', '', true]] },
      { from: 'bob', convId: 'g:g1', recipients: ['alice'], msgs: [['m3', '', false]] },
      { from: 'alice', convId: 'g:g1', recipients: ['bob', 'carol'], msgs: [['m4', '', false]] },
    ]);
  });
});
