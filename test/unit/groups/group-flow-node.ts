// The node the group flow scenarios act on (group-flow-scenarios.ts starts one per test) and the
// helpers every flow uses. `s` is a live binding: importers read the current test's node.
import { expect } from 'vitest';
import type { GroupNode } from './group-fixture.js';

export let s: GroupNode;

export function useNode(node: GroupNode): void {
  s = node;
}

export const roles = async (groupId: string, ...users: string[]) =>
  ((await s.rest('get_role_in_group', { GroupId: groupId, User_Account: users })).UserIdList as Array<{ Role: string }>).map((x) => x.Role);
export const info = async (groupId: string) => ((await s.rest('get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
export const joined = async (user: string) => ((await s.rest('get_joined_group_list', { Member_Account: user })).GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId);

/** A Public group of owner o, admin a and member m. */
export async function publicGroup(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.rest('create_group', { Type: 'Public', Name: 'pub', Owner_Account: 'o', MemberList: [{ Member_Account: 'a', Role: 'Admin' }, { Member_Account: 'm' }], ...extra });
  expect(r.ErrorCode).toBe(0);
  return r.GroupId as string;
}
