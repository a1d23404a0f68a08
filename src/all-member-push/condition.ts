// Who an all-member push reaches: everyone, users by tags, or users by attribute values (never
// tags and attributes together). Tags: every TagsAnd tag, and at least one TagsOr tag when that
// list is given. Attrs (by slot, names resolved at the REST boundary): every AttrsAnd pair equal,
// and at least one AttrsOr pair equal when given. Pure data: it travels inside a task.
import type { AttrSlots, UserPushRecord } from '../store/user-attrs.js';

export type PushCondition =
  | { kind: 'all' }
  | { kind: 'tags'; and: string[]; or: string[] }
  | { kind: 'attrs'; and: AttrSlots; or: AttrSlots };

const pairs = (slots: AttrSlots): Array<[number, string]> => Object.entries(slots).map(([k, v]) => [Number(k), v]);

export function matches(cond: PushCondition, user: UserPushRecord): boolean {
  switch (cond.kind) {
    case 'all':
      return true;
    case 'tags': {
      const has = new Set(user.tags);
      return cond.and.every((t) => has.has(t)) && (cond.or.length === 0 || cond.or.some((t) => has.has(t)));
    }
    case 'attrs': {
      const or = pairs(cond.or);
      return pairs(cond.and).every(([k, v]) => user.attrs[k] === v) && (or.length === 0 || or.some(([k, v]) => user.attrs[k] === v));
    }
  }
}
