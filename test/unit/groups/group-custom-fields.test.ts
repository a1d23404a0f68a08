// App-declared group and member custom fields (AppDefinedData / AppMemberDefinedData) with write
// permissions: the apps-file lists are parsed with clear errors; on the node, an undeclared key
// (or one declared for other group types) is 10004 for everyone, a role below the field's tier
// gets 10007, the App admin writes any declared key; an app declaring nothing accepts any key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { parseGroupCustomFields, type GroupCustomField } from '../../../src/groups/custom-field-rules.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { ADMIN, as, startGroupNode, type GroupNode } from './group-fixture.js';

const GROUP: GroupCustomField[] = [
  { key: 'level', write: 'owner' },
  { key: 'topic', write: 'members', types: ['Public'] },
  { key: 'vip', write: 'admins', types: ['Work'] },
];
const MEMBER: GroupCustomField[] = [
  { key: 'note', write: 'self' },
  { key: 'rank', write: 'admins' },
];

describe('parseGroupCustomFields', () => {
  it('reads declared fields and refuses bad ones by name', () => {
    expect(parseGroupCustomFields(GROUP, 'x', 'group')).toEqual(GROUP);
    expect(parseGroupCustomFields(undefined, 'x', 'group')).toEqual([]);
    expect(() => parseGroupCustomFields({}, 'x', 'group')).toThrow(/x must be an array/);
    expect(() => parseGroupCustomFields([{ key: 'a-b', write: 'owner' }], 'x', 'group')).toThrow(/x\[0\]\.key/);
    expect(() => parseGroupCustomFields([{ key: 'k', write: 'owner' }, { key: 'k', write: 'owner' }], 'x', 'group')).toThrow(/declared twice/);
    expect(() => parseGroupCustomFields([{ key: 'k', write: 'self' }], 'x', 'group')).toThrow(/write must be one of owner, admins, members/);
    expect(() => parseGroupCustomFields([{ key: 'k', write: 'owner' }], 'x', 'member')).toThrow(/write must be one of self, admins/);
    expect(() => parseGroupCustomFields([{ key: 'k', write: 'owner', types: ['Private'] }], 'x', 'group')).toThrow(/types must list group types/);
    expect(() => parseGroupCustomFields(Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, write: 'owner' })), 'x', 'group')).toThrow(/at most 10/);
    expect(() => parseGroupCustomFields(Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, write: 'self' })), 'x', 'member')).toThrow(/at most 5/);
  });
});

describe('declared custom fields on the node', () => {
  let s: GroupNode;
  beforeAll(async () => {
    s = await startGroupNode({ app: { groupCustomFields: GROUP, memberCustomFields: MEMBER } });
    await s.accounts('o', 'a', 'm', 'm2');
    const members = [{ userId: 'a', role: 'Admin' as const }, { userId: 'm' }, { userId: 'm2' }];
    expect(await s.code({ t: 'create', groupId: 'pub', by: ADMIN, type: 'Public', profile: { name: 'p' }, ownerId: 'o', members })).toBe(0);
    expect(await s.code({ t: 'create', groupId: 'work', by: ADMIN, type: 'Work', profile: { name: 'w' }, ownerId: 'o', members: [{ userId: 'm' }] })).toBe(0);
  });
  afterAll(() => s.stop());

  const setGroup = (by: string | null, groupId: string, custom: Record<string, string>) =>
    s.code({ t: 'modify', groupId, by: by === null ? ADMIN : as(by), profile: { custom } });
  const setMember = (by: string | null, userId: string, custom: Record<string, string>) =>
    s.code({ t: 'modifyMember', groupId: 'pub', by: by === null ? ADMIN : as(by), userId, custom });

  it('group fields: each key written by its tier, refused below it, undeclared keys refused for everyone', async () => {
    expect(await setGroup('o', 'pub', { level: '3' })).toBe(0);
    expect(await setGroup('a', 'pub', { level: '4' })).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await setGroup(null, 'pub', { level: '5' })).toBe(0);
    // Public members may not edit the profile at all (spec §6), whatever the field says.
    expect(await setGroup('m', 'pub', { topic: 'x' })).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await setGroup('a', 'pub', { topic: 'x' })).toBe(0);
    expect(await setGroup('o', 'pub', { vip: '1' })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await setGroup(null, 'pub', { other: '1' })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await setGroup('m', 'work', { vip: '1' })).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await setGroup('o', 'work', { vip: '1' })).toBe(0);
    const info = await s.rest('get_group_info', { GroupIdList: ['pub'] });
    const data = (info.GroupInfo as Array<{ AppDefinedData?: Array<{ Key: string; Value: string }> }>)[0]!.AppDefinedData ?? [];
    expect(Object.fromEntries(data.map((d) => [d.Key, d.Value]))).toEqual({ level: '5', topic: 'x' });
  });

  it('member fields: `self` fields by the member or the admins, `admins` fields by the admins only', async () => {
    expect(await setMember('m', 'm', { note: 'hi' })).toBe(0);
    expect(await setMember('m', 'm', { rank: '1' })).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await setMember('a', 'm', { rank: '1' })).toBe(0);
    expect(await setMember('a', 'm', { note: 'by admin' })).toBe(0);
    expect(await setMember('m2', 'm', { note: 'x' })).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await setMember('m', 'm', { other: 'x' })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await setMember(null, 'm', { rank: '2' })).toBe(0);
  });

  it('creating a group checks its fields as written by its owner', async () => {
    expect(await s.code({ t: 'create', groupId: 'pub2', by: as('o'), type: 'Public', profile: { name: 'x', custom: { nope: '1' } }, members: [] })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await s.code({ t: 'create', groupId: 'pub3', by: as('o'), type: 'Public', profile: { name: 'x', custom: { level: '1' } }, members: [{ userId: 'm', custom: { rank: '9' } }] })).toBe(0);
  });
});

describe('an app that declares no custom fields', () => {
  it('accepts any key within the limits', async () => {
    const s = await startGroupNode();
    try {
      await s.accounts('o');
      expect(await s.code({ t: 'create', groupId: 'g', by: ADMIN, type: 'Public', profile: { name: 'p', custom: { anything: 'v' } }, ownerId: 'o', members: [] })).toBe(0);
      expect(await s.code({ t: 'modify', groupId: 'g', by: as('o'), profile: { custom: { other: 'w' } } })).toBe(0);
    } finally {
      await s.stop();
    }
  });
});

describe('the apps file', () => {
  it('carries groupCustomFields and memberCustomFields to the app, and refuses bad ones', () => {
    const d = mkdtempSync(join(tmpdir(), 'im-config-gcf-'));
    const file = join(d, 'apps.json');
    writeFileSync(file, JSON.stringify([{ sdkAppId: 1400000901, groupCustomFields: GROUP, memberCustomFields: MEMBER }]));
    const app = loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file }, 'single').apps.find((a) => a.sdkAppId === 1400000901)!;
    expect(app.groupCustomFields).toEqual(GROUP);
    expect(app.memberCustomFields).toEqual(MEMBER);
    writeFileSync(file, JSON.stringify([{ sdkAppId: 1400000902, memberCustomFields: [{ key: 'k', write: 'owner' }] }]));
    expect(() => loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file }, 'single')).toThrow(/apps\[0\]\.memberCustomFields\[0\]\.write/);
  });
});
