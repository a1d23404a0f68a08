// App-declared custom fields of groups (AppDefinedData) and members (AppMemberDefinedData), as
// Tencent's console declares them (spec §6): per key, the group types that have it and who may
// write it. Declared in the apps file (`groupCustomFields`, `memberCustomFields`); an app that
// declares none accepts any key within the limits of group-limits.ts. A key the app did not
// declare for the group's type is 10004 for everyone; a write by a role below the field's tier is
// 10007 (the App admin, over REST or as its user id, is above every tier).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { GROUP_TYPES, type GroupActor, type GroupType } from './group-kinds.js';
import { MAX_CUSTOM_KEY_BYTES, MAX_GROUP_CUSTOM_KEYS, MAX_MEMBER_CUSTOM_KEYS } from './group-limits.js';

/** owner: the owner only; admins: owner and admins; members: any member (group fields).
 *  self: the member themself, or whoever manages members (member fields). */
export type CustomWrite = 'owner' | 'admins' | 'members' | 'self';

export interface GroupCustomField {
  key: string;
  /** Absent = every group type. */
  types?: GroupType[];
  write: CustomWrite;
}

const KEY = /^[A-Za-z0-9_]+$/;
const GROUP_WRITES: readonly CustomWrite[] = ['owner', 'admins', 'members'];
const MEMBER_WRITES: readonly CustomWrite[] = ['self', 'admins'];

/** Parses one of the apps file's lists; throws a clear error naming `where`. */
export function parseGroupCustomFields(raw: unknown, where: string, kind: 'group' | 'member'): GroupCustomField[] {
  if (raw === undefined) return [];
  const max = kind === 'group' ? MAX_GROUP_CUSTOM_KEYS : MAX_MEMBER_CUSTOM_KEYS;
  const writes = kind === 'group' ? GROUP_WRITES : MEMBER_WRITES;
  if (!Array.isArray(raw)) throw new Error(`${where} must be an array`);
  if (raw.length > max) throw new Error(`${where} declares ${raw.length} fields, at most ${max} allowed`);
  const seen = new Set<string>();
  return raw.map((f: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof f !== 'object' || f === null) throw new Error(`${at} must be an object {key, write, types?}`);
    const { key, write, types } = f as Record<string, unknown>;
    if (typeof key !== 'string' || !KEY.test(key) || Buffer.byteLength(key) > MAX_CUSTOM_KEY_BYTES) throw new Error(`${at}.key must be 1-${MAX_CUSTOM_KEY_BYTES} letters, digits or _`);
    if (seen.has(key)) throw new Error(`${at}.key ${key} is declared twice`);
    seen.add(key);
    if (typeof write !== 'string' || !writes.includes(write as CustomWrite)) throw new Error(`${at}.write must be one of ${writes.join(', ')}`);
    if (types !== undefined && (!Array.isArray(types) || types.some((t) => !(GROUP_TYPES as readonly unknown[]).includes(t)))) throw new Error(`${at}.types must list group types (${GROUP_TYPES.join(', ')})`);
    return { key, write: write as CustomWrite, ...(types ? { types: types as GroupType[] } : {}) };
  });
}

const TIER: Record<Exclude<CustomWrite, 'self'>, readonly GroupActor[]> = {
  owner: ['Owner'],
  admins: ['Owner', 'Admin'],
  members: ['Owner', 'Admin', 'Member'],
};

/**
 * Throws unless `actor` may write `keys` of a group of `type`. Member fields: `self` is whether the
 * member writes their own fields; 'self' fields then pass for them, others need owner or admin.
 */
export function checkCustomWrite(defs: readonly GroupCustomField[] | undefined, type: GroupType, actor: GroupActor, keys: readonly string[], kind: 'group' | 'member', self = false): void {
  if (!defs || defs.length === 0) return;
  const what = kind === 'group' ? 'AppDefinedData' : 'AppMemberDefinedData';
  for (const key of keys) {
    const def = defs.find((d) => d.key === key && (!d.types || d.types.includes(type)));
    if (!def) throw new ImError(Err.GROUP_INVALID_PARAMS, `${what} key ${key} is not declared for ${type} groups`);
    const allowed = actor === 'AppAdmin' || (def.write === 'self' ? self || TIER.admins.includes(actor) : TIER[def.write].includes(actor));
    if (!allowed) throw new ImError(Err.GROUP_PERMISSION_DENIED, `${actor} may not write ${what} key ${key}`);
  }
}
