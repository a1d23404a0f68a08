// REST all_member_push attribute commands. im_set_attr_name {AttrNames:{"0".."9": name}} names
// the app's slots (merged; names stay unique across slots); im_get_attr_name -> {AttrNames}.
// im_set_attr {UserAttrs:[{To_Account, Attrs:{name: value}}]}, im_remove_attr {UserAttrs:[{To_Account,
// Attrs:[name]}]}, im_get_attr {To_Account:[..]} -> {UserAttrs:[{To_Account, Attrs}]} (every asked
// account, {} when none). Attribute names must be set first (else 90033); the whole request is
// checked before anything is written.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field, isPlainObject } from '../rest/validate.js';
import { type AttrSlots, MAX_PUSH_ATTRS } from '../store/user-attrs.js';
import { attrText, attrValues, item, nameIndex, pushAccount, PUSH_CODES, readAccounts, readItems, slotOf } from './wire.js';

type Body = Record<string, unknown>;

const wireNames = (names: AttrSlots): Record<string, string> => Object.fromEntries(Object.entries(names).map(([k, v]) => [String(k), v]));

export async function imSetAttrName(ctx: RestContext, body: Body): Promise<Body> {
  const raw = field(body, 'AttrNames');
  if (!isPlainObject(raw)) throw new ImError(PUSH_CODES.invalid, 'AttrNames must be an object of {"0".."9": name}');
  const entries = Object.entries(raw);
  if (entries.length === 0) throw new ImError(PUSH_CODES.invalid, 'AttrNames is empty');
  const next: AttrSlots = {};
  for (const [k, v] of entries) {
    if (!/^\d$/.test(k) || Number(k) >= MAX_PUSH_ATTRS) throw new ImError(Err.PUSH_ATTR_INVALID, `AttrNames key ${JSON.stringify(k)} must be "0".."${MAX_PUSH_ATTRS - 1}"`);
    next[Number(k)] = attrText(v, `AttrNames.${k}`);
  }
  const { userAttrs } = ctx.deps.store;
  const merged = { ...(await userAttrs.getAttrNames(ctx.sdkAppId)), ...next };
  const seen = new Set<string>();
  for (const name of Object.values(merged)) {
    if (seen.has(name)) throw new ImError(Err.PUSH_ATTR_INVALID, `attribute name ${JSON.stringify(name)} would name two slots`);
    seen.add(name);
  }
  await userAttrs.setAttrNames(ctx.sdkAppId, next);
  return {};
}

export async function imGetAttrName(ctx: RestContext): Promise<Body> {
  return { AttrNames: wireNames(await ctx.deps.store.userAttrs.getAttrNames(ctx.sdkAppId)) };
}

export async function imGetAttr(ctx: RestContext, body: Body): Promise<Body> {
  const ids = readAccounts(body);
  const { userAttrs } = ctx.deps.store;
  const [names, rows] = await Promise.all([userAttrs.getAttrNames(ctx.sdkAppId), userAttrs.getUsers(ctx.sdkAppId, ids)]);
  return {
    UserAttrs: ids.map((id) => {
      const attrs: Record<string, string> = {};
      for (const [slot, value] of Object.entries(rows.get(id)?.attrs ?? {})) {
        const name = names[Number(slot)];
        if (name !== undefined) attrs[name] = value;
      }
      return { To_Account: id, Attrs: attrs };
    }),
  };
}

export async function imSetAttr(ctx: RestContext, body: Body): Promise<Body> {
  const items = readItems(body, 'UserAttrs');
  const names = nameIndex(await ctx.deps.store.userAttrs.getAttrNames(ctx.sdkAppId));
  const writes = items.map((v, i) => {
    const it = item(v, `UserAttrs[${i}]`);
    return { id: pushAccount(field(it, 'To_Account'), `UserAttrs[${i}].To_Account`), attrs: attrValues(field(it, 'Attrs'), names, `UserAttrs[${i}].Attrs`) };
  });
  const { userAttrs } = ctx.deps.store;
  await Promise.all(writes.map((w) => userAttrs.setAttrs(ctx.sdkAppId, w.id, w.attrs)));
  return {};
}

export async function imRemoveAttr(ctx: RestContext, body: Body): Promise<Body> {
  const items = readItems(body, 'UserAttrs');
  const names = nameIndex(await ctx.deps.store.userAttrs.getAttrNames(ctx.sdkAppId));
  const writes = items.map((v, i) => {
    const it = item(v, `UserAttrs[${i}]`);
    const id = pushAccount(field(it, 'To_Account'), `UserAttrs[${i}].To_Account`);
    const list = field(it, 'Attrs');
    if (!Array.isArray(list) || list.length === 0) throw new ImError(PUSH_CODES.invalid, `UserAttrs[${i}].Attrs must be a non-empty array of attribute names`);
    return { id, slots: list.map((n, j) => slotOf(names, n, `UserAttrs[${i}].Attrs[${j}]`)) };
  });
  const { userAttrs } = ctx.deps.store;
  await Promise.all(writes.map((w) => userAttrs.removeAttrs(ctx.sdkAppId, w.id, w.slots)));
  return {};
}
