// The spec §6 permission table (test/support/group-permission-table.ts) against can(): every
// (type, actor, action, target) cell, plus completeness of the table itself and the 10004 answers
// for roles a type does not have.
import { describe, expect, it } from 'vitest';
import { GROUP_ACTORS, GROUP_TYPES, type GroupActor, type GroupType, type MemberRole } from '../../../src/groups/group-kinds.js';
import { can, GROUP_ACTIONS, TARGETED_ACTIONS } from '../../../src/groups/group-permissions.js';
import { rulesOf } from '../../../src/groups/group-type-rules.js';
import { permissionCells } from '../../support/group-permission-table.js';

const cells = permissionCells();
const label = (c: { type: GroupType; action: string; actor: GroupActor; target?: MemberRole }) =>
  `${c.type} ${c.action} ${c.actor}${c.target ? ` on ${c.target}` : ''}`;

describe('group permissions: the spec §6 table', () => {
  it.each(cells.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    expect(can(c.type, c.actor, c.action, c.target)).toBe(c.expected);
  });

  it('the table has exactly one cell per (type, actor, action, target) of roles the type has', () => {
    const keys = cells.map(label);
    expect(new Set(keys).size).toBe(keys.length);
    const wanted: string[] = [];
    for (const type of GROUP_TYPES) {
      const roles = rulesOf(type).roles;
      const actors = GROUP_ACTORS.filter((a) => a === 'AppAdmin' || a === 'NonMember' || roles.includes(a as MemberRole));
      for (const action of GROUP_ACTIONS) {
        for (const actor of actors) {
          if (!TARGETED_ACTIONS.includes(action)) wanted.push(label({ type, action, actor }));
          else for (const target of roles) wanted.push(label({ type, action, actor, target }));
        }
      }
    }
    expect([...keys].sort()).toEqual(wanted.sort());
  });

  it('a role the type does not have, as actor or target, is an invalid parameter (10004)', () => {
    for (const type of ['Work', 'AVChatRoom'] as const) {
      for (const action of GROUP_ACTIONS) {
        expect(can(type, 'Admin', action, 'Member'), `${type} ${action}`).toBe(10004);
      }
      expect(can(type, 'Owner', 'kick', 'Admin')).toBe(10004);
      expect(can(type, 'AppAdmin', 'editMember', 'Admin')).toBe(10004);
    }
  });

  it('a targeted action without a target is an invalid parameter (10004)', () => {
    for (const action of TARGETED_ACTIONS) expect(can('Public', 'Owner', action), action).toBe(10004);
  });
});
