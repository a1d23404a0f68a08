// Group ids, field limits, type names and the state-dependent rules (join, invite, mute, send).
import { describe, expect, it } from 'vitest';
import { parseGroupType, wireGroupType, GROUP_TYPES } from '../../../src/groups/group-kinds.js';
import {
  customGroupIdVerdict,
  generateGroupId,
  generateTopicId,
  groupConvId,
  isCommunityId,
  MAX_GROUP_ID_BYTES,
  MAX_TOPIC_ID_BYTES,
  parseTopicId,
  topicIdOf,
  topicConvId,
  topicSuffixVerdict,
} from '../../../src/groups/group-ids.js';
import { COMMUNITY_MEMBER_BUCKETS, memberBucketCount } from '../../../src/store/group-layout.js';
import { MAX_CONV_ID_BYTES } from '../../../src/store/messages.js';
import { customFieldsProblem, groupProfileProblem, nameCardProblem } from '../../../src/groups/group-limits.js';
import {
  applyOutcome,
  inviteOutcome,
  maxMembersVerdict,
  memberLimitVerdict,
  MUTE_UNTIL_PERMANENT_MS,
  muteUntilFrom,
  sendVerdict,
  wireMuteUntil,
} from '../../../src/groups/group-state-rules.js';
import { GROUP_TYPE_RULES } from '../../../src/groups/group-type-rules.js';

const bytes = (...b: number[]) => (n: number) => Uint8Array.from({ length: n }, (_, i) => b[i % b.length]!);

describe('group type names', () => {
  it('accepts legacy and current spellings and answers the legacy one', () => {
    expect(parseGroupType('Private')).toBe('Work');
    expect(parseGroupType('Work')).toBe('Work');
    expect(parseGroupType('ChatRoom')).toBe('Meeting');
    expect(parseGroupType('Meeting')).toBe('Meeting');
    expect(parseGroupType('BChatRoom')).toBe('AVChatRoom');
    expect(parseGroupType('Community')).toBe('Community');
    for (const bad of ['private', 'toString', '', 3, undefined]) expect(parseGroupType(bad)).toBeUndefined();
    expect(GROUP_TYPES.map(wireGroupType)).toEqual(['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community']);
  });
});

describe('group ids', () => {
  it('custom ids: printable ASCII, at most 48 bytes, no @TGS# prefix except Community which needs @TGS#_', () => {
    expect(customGroupIdVerdict('team-42', 'Public')).toBe(0);
    expect(customGroupIdVerdict('a b~', 'Work')).toBe(0);
    expect(customGroupIdVerdict('x'.repeat(48), 'Work')).toBe(0);
    expect(customGroupIdVerdict('x'.repeat(49), 'Work')).toBe(10015);
    expect(customGroupIdVerdict('', 'Work')).toBe(10015);
    expect(customGroupIdVerdict('组', 'Work')).toBe(10015);
    expect(customGroupIdVerdict('tab\there', 'Work')).toBe(10015);
    expect(customGroupIdVerdict('@TGS#abc', 'Public')).toBe(10015);
    expect(customGroupIdVerdict('@TGS#_abc', 'Meeting')).toBe(10015);
    expect(customGroupIdVerdict('g@TOPIC#_t', 'Public')).toBe(10015);
    expect(customGroupIdVerdict(42, 'Public')).toBe(10015);
    expect(customGroupIdVerdict('@TGS#_club', 'Community')).toBe(0);
    expect(customGroupIdVerdict('club', 'Community')).toBe(10015);
    expect(customGroupIdVerdict('@TGS#_', 'Community')).toBe(10015);
  });

  it('generated ids: @TGS# plus base32, Community prefixed with @TGS#_, random from the caller', () => {
    const id = generateGroupId('Public', bytes(0, 1, 25, 26, 31));
    expect(id).toBe('@TGS#ABZ27ABZ27');
    expect(generateGroupId('Community', bytes(2))).toBe('@TGS#_@TGS#CCCCCCCCCC');
    expect(isCommunityId(generateGroupId('Community', bytes(2)))).toBe(true);
    for (const t of GROUP_TYPES) expect(isCommunityId(generateGroupId(t, bytes(7)))).toBe(t === 'Community');
    expect(() => generateGroupId('Work', () => new Uint8Array(3))).toThrow(RangeError);
    // Generated ids are refused as custom ids, so the two namespaces never meet.
    expect(customGroupIdVerdict(id, 'Public')).toBe(10015);
  });

  it('topic ids: {GroupId}@TOPIC#_{suffix}, parsed back', () => {
    expect(topicIdOf('@TGS#_club', 'news')).toBe('@TGS#_club@TOPIC#_news');
    expect(parseTopicId('@TGS#_club@TOPIC#_news')).toEqual({ groupId: '@TGS#_club', suffix: 'news' });
    expect(parseTopicId(generateTopicId('@TGS#_club', bytes(3)))).toEqual({ groupId: '@TGS#_club', suffix: 'DDDDDDDDDD' });
    for (const bad of ['@TOPIC#_x', 'club@TOPIC#_', 'club', 7, 'c@TOPIC#_' + 'x'.repeat(49)]) expect(parseTopicId(bad)).toBeUndefined();
    expect(topicSuffixVerdict('ok')).toBe(0);
    expect(topicSuffixVerdict('')).toBe(10004);
    expect(topicSuffixVerdict('é')).toBe(10004);
  });

  it('only Community ids (generated or custom) get bucketed member partitions', () => {
    for (const t of GROUP_TYPES) {
      const generated = generateGroupId(t, bytes(9, 4));
      expect(memberBucketCount(generated), t).toBe(t === 'Community' ? COMMUNITY_MEMBER_BUCKETS : 1);
    }
    for (const [id, t] of [['@TGS#_club', 'Community'], ['club', 'Public'], ['x_@TGS#_', 'Work']] as const) {
      expect(customGroupIdVerdict(id, t)).toBe(0);
      expect(memberBucketCount(id)).toBe(t === 'Community' ? COMMUNITY_MEMBER_BUCKETS : 1);
    }
  });

  it('conversation ids of the longest group and topic fit the message store', () => {
    const g = '@TGS#_' + 'x'.repeat(MAX_GROUP_ID_BYTES - 6);
    const topicId = topicIdOf(g, 'y'.repeat(48));
    expect(topicId.length).toBe(MAX_TOPIC_ID_BYTES);
    expect(groupConvId(g)).toBe(`g:${g}`);
    expect(topicConvId(g, topicId).length).toBeLessThanOrEqual(MAX_CONV_ID_BYTES);
  });
});

describe('field limits', () => {
  it('profile fields in UTF-8 bytes, Name required on create', () => {
    expect(groupProfileProblem({ name: 'n' }, true)).toBeUndefined();
    expect(groupProfileProblem({}, true)).toMatchObject({ code: 10004 });
    expect(groupProfileProblem({}, false)).toBeUndefined();
    expect(groupProfileProblem({ name: '' }, false)).toMatchObject({ code: 10004 });
    expect(groupProfileProblem({ name: '名'.repeat(10) }, true)).toBeUndefined();
    expect(groupProfileProblem({ name: '名'.repeat(11) }, true)).toMatchObject({ code: 10004, info: expect.stringContaining('Name is 33 bytes') });
    expect(groupProfileProblem({ introduction: 'i'.repeat(240) }, false)).toBeUndefined();
    expect(groupProfileProblem({ introduction: 'i'.repeat(241) }, false)?.info).toContain('Introduction');
    expect(groupProfileProblem({ notification: 'n'.repeat(301) }, false)?.info).toContain('Notification');
    expect(groupProfileProblem({ faceUrl: 'f'.repeat(101) }, false)?.info).toContain('FaceUrl');
    expect(groupProfileProblem({ name: 5 as unknown as string }, false)?.info).toContain('must be a string');
    expect(nameCardProblem('c'.repeat(50))).toBeUndefined();
    expect(nameCardProblem('c'.repeat(51))).toMatchObject({ code: 10004 });
  });

  it('custom fields: key charset and length, value size, key count after merge', () => {
    expect(customFieldsProblem({ Level_1: 'x'.repeat(512) }, 'group')).toBeUndefined();
    expect(customFieldsProblem({ Level: 'x'.repeat(513) }, 'group')).toMatchObject({ code: 10004 });
    expect(customFieldsProblem({ 'bad-key': 'v' }, 'group')).toMatchObject({ code: 10004 });
    expect(customFieldsProblem({ ['k'.repeat(17)]: 'v' }, 'group')).toMatchObject({ code: 10004 });
    expect(customFieldsProblem({ k: 1 }, 'group')).toMatchObject({ code: 10004 });
    expect(customFieldsProblem({ k: 'x'.repeat(64) }, 'member')).toBeUndefined();
    expect(customFieldsProblem({ k: 'x'.repeat(65) }, 'member')).toMatchObject({ code: 10004 });
    const five = ['a', 'b', 'c', 'd', 'e'];
    expect(customFieldsProblem({ f: 'v' }, 'member', five)?.info).toContain('6 keys');
    expect(customFieldsProblem({ f: 'v', a: '' }, 'member', five)).toBeUndefined();
  });
});

describe('state rules', () => {
  it('applying follows the type and ApplyJoinOption', () => {
    expect(applyOutcome('Public', 'NeedPermission')).toBe('approval');
    expect(applyOutcome('Public', 'FreeAccess')).toBe('join');
    expect(applyOutcome('Public', 'DisableApply')).toBe(10007);
    expect(applyOutcome('Work', 'DisableApply')).toBe(10007);
    expect(applyOutcome('Meeting', 'FreeAccess')).toBe('join');
    expect(applyOutcome('Meeting', 'NeedPermission')).toBe(10007);
    expect(applyOutcome('AVChatRoom', 'FreeAccess')).toBe('join');
  });

  it('inviting follows InviteJoinOption for members; owner, admins and App admin add directly', () => {
    expect(inviteOutcome('Public', 'Member', 'NeedPermission')).toBe('approval');
    expect(inviteOutcome('Public', 'Member', 'FreeAccess')).toBe('join');
    expect(inviteOutcome('Public', 'Member', 'DisableInvite')).toBe(10007);
    expect(inviteOutcome('Public', 'Admin', 'DisableInvite')).toBe('join');
    expect(inviteOutcome('Work', 'AppAdmin', 'NeedPermission')).toBe('join');
    expect(inviteOutcome('AVChatRoom', 'AppAdmin', 'FreeAccess')).toBe(10007);
    expect(inviteOutcome('Public', 'NonMember', 'FreeAccess')).toBe(10007);
  });

  it('member limits', () => {
    expect(memberLimitVerdict(1999, 1, 2000)).toBe(0);
    expect(memberLimitVerdict(1999, 2, 2000)).toBe(10014);
    expect(maxMembersVerdict('Public', 6000)).toBe(0);
    expect(maxMembersVerdict('Public', 6001)).toBe(10004);
    expect(maxMembersVerdict('Community', 1_000_000)).toBe(0);
    expect(maxMembersVerdict('AVChatRoom', 50_000_000)).toBe(0);
    expect(maxMembersVerdict('Work', 0)).toBe(10004);
    expect(maxMembersVerdict('Work', 1.5)).toBe(10004);
    for (const r of Object.values(GROUP_TYPE_RULES)) expect(r.defaultMaxMembers).toBeLessThanOrEqual(r.maxMembers);
  });

  it('mute times: 0 unmutes, 4294967295 is forever, others count from now', () => {
    const now = 1_790_000_000_000;
    expect(muteUntilFrom(0, now)).toBe(0);
    expect(muteUntilFrom(60, now)).toBe(now + 60_000);
    expect(muteUntilFrom(4_294_967_295, now)).toBe(MUTE_UNTIL_PERMANENT_MS);
    expect(wireMuteUntil(0, now)).toBe(0);
    expect(wireMuteUntil(now + 60_000, now)).toBe(1_790_000_060);
    expect(wireMuteUntil(MUTE_UNTIL_PERMANENT_MS, now)).toBe(4_294_967_295);
    expect(wireMuteUntil(now - 1, now)).toBe(0);
  });

  it('sending: non-members refused, muted members 10017, mute-all spares owner, admins and App admin', () => {
    const now = 1_000;
    expect(sendVerdict('Public', 'Member', 0, false, now)).toBe(0);
    expect(sendVerdict('Public', 'NonMember', 0, false, now)).toBe(10007);
    expect(sendVerdict('Public', 'Member', now + 1, false, now)).toBe(10017);
    expect(sendVerdict('Public', 'Member', now, false, now)).toBe(0);
    expect(sendVerdict('Public', 'Member', 0, true, now)).toBe(10017);
    expect(sendVerdict('Public', 'Admin', 0, true, now)).toBe(0);
    expect(sendVerdict('Public', 'Owner', 0, true, now)).toBe(0);
    expect(sendVerdict('Public', 'Admin', now + 5, false, now)).toBe(10017);
    expect(sendVerdict('Public', 'AppAdmin', 0, true, now)).toBe(0);
  });
});
