// Group.* management callbacks (spec §5) as the in-process node's MemoryWebhooks records them:
// bodies of the after-callbacks, and the before-callbacks' answers (ErrorCode 1 refuses with
// 10016, 10100-10200 pass through, RefusedMembers_Account drops invitees, a failed call follows
// the app's failOpen).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { OK_ANSWER } from '../../../src/webhooks/memory.js';
import { as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode;
beforeEach(async () => {
  s = await startGroupNode();
  await s.accounts('o', 'm', 'p', 'q');
});
afterEach(() => s.stop());

const answer = (command: string, body: Record<string, unknown>) =>
  s.n.webhooks.setHandler((call) => (call.command === command ? { ...OK_ANSWER, ...body } : OK_ANSWER));

describe('Group before-callbacks', () => {
  it('CallbackBeforeCreateGroup: its body, refusal 10016, a custom code, and nothing written when refused', async () => {
    answer('Group.CallbackBeforeCreateGroup', { ErrorCode: 1, ErrorInfo: 'no' });
    const refused = await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb1', Owner_Account: 'o', MemberList: [{ Member_Account: 'm' }] });
    expect(refused).toMatchObject({ ErrorCode: Err.GROUP_CALLBACK_REFUSED, ErrorInfo: 'no' });
    expect((await s.n.store.groups.getGroup(s.app, 'cb1'))).toBeUndefined();
    const call = s.n.webhooks.calls.find((c) => c.command === 'Group.CallbackBeforeCreateGroup')!;
    expect(call.body).toMatchObject({ Operator_Account: 'administrator', Owner_Account: 'o', Type: 'Public', Name: 'g', MemberList: [{ Member_Account: 'm' }] });
    expect(call.query.OptPlatform).toBe('RESTAPI');
    answer('Group.CallbackBeforeCreateGroup', { ErrorCode: 10150, ErrorInfo: 'quota' });
    expect(await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb1' })).toMatchObject({ ErrorCode: 10150, ErrorInfo: 'quota' });
    answer('Group.CallbackBeforeCreateGroup', { ErrorCode: 0 });
    expect((await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb1', Owner_Account: 'o', AppDefinedData: [{ Key: 'k', Value: 'v' }] })).ErrorCode).toBe(0);
    expect(await s.waitCallbacks('Group.CallbackAfterCreateGroup', 1)).toEqual([
      expect.objectContaining({ GroupId: 'cb1', Type: 'Public', Owner_Account: 'o', Name: 'g', UserDefinedDataList: [{ Key: 'k', Value: 'v' }] }),
    ]);
  });

  it('CallbackBeforeApplyJoinGroup refuses an application; allowed ones still need approval where configured', async () => {
    await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb2', Owner_Account: 'o' });
    answer('Group.CallbackBeforeApplyJoinGroup', { ErrorCode: 1 });
    expect(await s.code({ t: 'apply', groupId: 'cb2', by: as('p'), optPlatform: 'Android' })).toBe(Err.GROUP_CALLBACK_REFUSED);
    const call = s.n.webhooks.calls.find((c) => c.command === 'Group.CallbackBeforeApplyJoinGroup')!;
    expect(call.body).toMatchObject({ GroupId: 'cb2', Type: 'Public', Requestor_Account: 'p' });
    expect(call.query.OptPlatform).toBe('Android');
    answer('Group.CallbackBeforeApplyJoinGroup', { ErrorCode: 0 });
    expect(await s.ask({ t: 'apply', groupId: 'cb2', by: as('p') })).toEqual({ outcome: 'pending' });
  });

  it('CallbackBeforeInviteJoinGroup: RefusedMembers_Account are answered Result 0, the others join', async () => {
    await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb3', Owner_Account: 'o' });
    answer('Group.CallbackBeforeInviteJoinGroup', { ErrorCode: 0, RefusedMembers_Account: ['q'] });
    const r = await s.rest('add_group_member', { GroupId: 'cb3', MemberList: [{ Member_Account: 'p' }, { Member_Account: 'q' }] });
    expect(r.MemberList).toEqual([
      { Member_Account: 'p', Result: 1 },
      { Member_Account: 'q', Result: 0 },
    ]);
    expect(s.callbacks('Group.CallbackBeforeInviteJoinGroup')[0]).toMatchObject({ GroupId: 'cb3', Operator_Account: 'administrator', DestinationMembers: [{ Member_Account: 'p' }, { Member_Account: 'q' }] });
    answer('Group.CallbackBeforeInviteJoinGroup', { ErrorCode: 1 });
    expect((await s.rest('add_group_member', { GroupId: 'cb3', MemberList: [{ Member_Account: 'q' }] })).ErrorCode).toBe(Err.GROUP_CALLBACK_REFUSED);
  });

  it('a backend that fails is allowed under failOpen and refuses (10016) when the app fails closed', async () => {
    s.n.webhooks.setHandler(() => 'not json');
    expect((await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb4' })).ErrorCode).toBe(0);
    const closed = s.n.apps.get(s.app)!;
    closed.webhook = { ...closed.webhook!, failOpen: false };
    expect((await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb5' })).ErrorCode).toBe(Err.GROUP_CALLBACK_REFUSED);
  });
});

describe('Group after-callbacks', () => {
  it('join, exit, info change, destroy: the bodies of spec §5.3', async () => {
    await s.rest('create_group', { Type: 'Public', Name: 'g', GroupId: 'cb6', Owner_Account: 'o', ApplyJoinOption: 'FreeAccess' });
    await s.ask({ t: 'apply', groupId: 'cb6', by: as('p') });
    await s.rest('add_group_member', { GroupId: 'cb6', MemberList: [{ Member_Account: 'q' }] });
    await s.ask({ t: 'quit', groupId: 'cb6', by: as('p') });
    await s.rest('delete_group_member', { GroupId: 'cb6', MemberToDel_Account: ['q'] });
    await s.ask({ t: 'modify', groupId: 'cb6', by: as('o'), profile: { notification: 'read me', faceUrl: 'http://x/y.png' } });
    await s.rest('destroy_group', { GroupId: 'cb6' });
    expect(await s.waitCallbacks('Group.CallbackAfterNewMemberJoin', 2)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterNewMemberJoin', GroupId: 'cb6', Type: 'Public', JoinType: 'Apply', Operator_Account: 'p', NewMemberList: [{ Member_Account: 'p' }] },
      { CallbackCommand: 'Group.CallbackAfterNewMemberJoin', GroupId: 'cb6', Type: 'Public', JoinType: 'Invited', Operator_Account: 'administrator', NewMemberList: [{ Member_Account: 'q' }] },
    ]);
    expect(await s.waitCallbacks('Group.CallbackAfterMemberExit', 2)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterMemberExit', GroupId: 'cb6', Type: 'Public', ExitType: 'Quit', Operator_Account: 'p', ExitMemberList: [{ Member_Account: 'p' }] },
      { CallbackCommand: 'Group.CallbackAfterMemberExit', GroupId: 'cb6', Type: 'Public', ExitType: 'Kicked', Operator_Account: 'administrator', ExitMemberList: [{ Member_Account: 'q' }] },
    ]);
    expect(await s.waitCallbacks('Group.CallbackAfterGroupInfoChanged', 1)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterGroupInfoChanged', GroupId: 'cb6', Type: 'Public', Operator_Account: 'o', Notification: 'read me', FaceUrl: 'http://x/y.png' },
    ]);
    expect(await s.waitCallbacks('Group.CallbackAfterGroupDestroyed', 1)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterGroupDestroyed', GroupId: 'cb6', Type: 'Public', Owner_Account: 'o', Name: 'g', MemberList: [{ Member_Account: 'o' }] },
    ]);
  });

  it('imports fire no join callbacks; a Silence add still does (only the tip is silent)', async () => {
    await s.rest('import_group', { Type: 'Public', Name: 'g', GroupId: 'cb7', Owner_Account: 'o' });
    await s.rest('import_group_member', { GroupId: 'cb7', MemberList: [{ Member_Account: 'p' }] });
    expect(s.callbacks('Group.CallbackAfterNewMemberJoin')).toEqual([]);
    await s.rest('add_group_member', { GroupId: 'cb7', Silence: 1, MemberList: [{ Member_Account: 'q' }] });
    expect(await s.waitCallbacks('Group.CallbackAfterNewMemberJoin', 1)).toHaveLength(1);
  });
});

describe('topic callbacks', () => {
  it('BeforeCreateTopic may refuse; AfterCreateTopic, AfterTopicInfoChanged and AfterTopicDestroyed carry the topic', async () => {
    const svc = 'million_group_open_http_svc';
    await s.rest('create_group', { Type: 'Community', Name: 'c', GroupId: '@TGS#_cbt', Owner_Account: 'o', SupportTopic: 1 });
    const topic = '@TGS#_cbt@TOPIC#_one';
    answer('Group.CallbackBeforeCreateTopic', { ErrorCode: 1 });
    expect((await s.rest('create_topic', { GroupId: '@TGS#_cbt', TopicId: topic, TopicName: 'One' }, svc)).ErrorCode).toBe(Err.GROUP_CALLBACK_REFUSED);
    answer('Group.CallbackBeforeCreateTopic', { ErrorCode: 0 });
    expect((await s.rest('create_topic', { GroupId: '@TGS#_cbt', TopicId: topic, TopicName: 'One', From_Account: 'o' }, svc)).ErrorCode).toBe(0);
    await s.rest('modify_topic', { GroupId: '@TGS#_cbt', TopicId: topic, Notification: 'n', MuteAllMember: 'On' }, svc);
    await s.rest('destroy_topic', { GroupId: '@TGS#_cbt', TopicIdList: [topic] }, svc);
    const base = { GroupId: '@TGS#_cbt', Type: 'Community' };
    expect(await s.waitCallbacks('Group.CallbackAfterCreateTopic', 1)).toEqual([{ CallbackCommand: 'Group.CallbackAfterCreateTopic', ...base, Operator_Account: 'o', TopicId: topic, TopicName: 'One' }]);
    expect(await s.waitCallbacks('Group.CallbackAfterTopicInfoChanged', 1)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterTopicInfoChanged', ...base, Operator_Account: 'administrator', TopicId: topic, Notification: 'n', MuteAllMember: 'On' },
    ]);
    expect(await s.waitCallbacks('Group.CallbackAfterTopicDestroyed', 1)).toEqual([
      { CallbackCommand: 'Group.CallbackAfterTopicDestroyed', ...base, Operator_Account: 'administrator', TopicIdList: [{ TopicId: topic }] },
    ]);
  });
});
