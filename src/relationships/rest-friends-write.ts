// sns friend_add, friend_import, friend_update, friend_delete, friend_delete_all (spec §2.1
// #20-24): Tencent fields in, the From_Account's social actor runs the operation, per-item
// ResultItem/Fail_Account out. A wrong field type fails the whole call (30001); each item's own
// rules (AddSource format, remark length, limits, relations) fail only that item.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestHandler } from '../rest/context.js';
import { asAccount, asObject, field, readAccountArray, readArray, readOptionalInt, readOptionalString } from '../rest/validate.js';
import { isSnsCustomTag, SnsTag } from './friend-fields.js';
import { SNS_BATCH_MAX } from './limits.js';
import { askSocial, readEnum, readFrom, resultItems, SNS_CODES, type Body } from './rest-shared.js';
import type { AddItem, AddType, ImportItem, ItemResult, UpdateItem } from './social-messages.js';

const ADD_TYPES: Record<string, AddType> = { Add_Type_Both: 'both', Add_Type_Single: 'single' };
const DELETE_TYPES: Record<string, boolean> = { Delete_Type_Both: true, Delete_Type_Single: false };
const invalid = (info: string) => new ImError(Err.SNS_INVALID_PARAMS, info);

const text = (item: Body, name: string): string => readOptionalString(item, name, Infinity, SNS_CODES) ?? '';
const to = (item: Body, at: string): string => {
  const v = field(item, 'To_Account');
  if (v === undefined) throw invalid(`${at}.To_Account is required`);
  return asAccount(v, `${at}.To_Account`, SNS_CODES);
};

function readItems<T>(body: Body, name: string, read: (item: Body, at: string) => T): T[] {
  return readArray(body, name, SNS_BATCH_MAX, SNS_CODES).map((raw, i) => read(asObject(raw, `${name}[${i}]`, SNS_CODES), `${name}[${i}]`));
}

function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(`${what} must be an array of strings`);
  return v as string[];
}

const friendAdd: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const items = readItems(body, 'AddFriendItem', (item, at): AddItem => {
    if (field(item, 'AddSource') === undefined) throw invalid(`${at}.AddSource is required`);
    return { peerId: to(item, at), addSource: text(item, 'AddSource'), wording: text(item, 'AddWording'), remark: text(item, 'Remark'), group: text(item, 'GroupName') };
  });
  const addType = readEnum(body, 'AddType', ADD_TYPES, 'both');
  const force = readOptionalInt(body, 'ForceAddFlags', 0, 1, SNS_CODES) === 1;
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'add', items, addType, force }));
};

/** Tag/Value pairs of CustomItem / SnsItem. */
function tagValues(v: unknown, what: string): Array<[string, unknown]> {
  if (!Array.isArray(v)) throw invalid(`${what} must be an array`);
  return v.map((raw, i) => {
    const o = asObject(raw, `${what}[${i}]`, SNS_CODES);
    const tag = field(o, 'Tag');
    if (typeof tag !== 'string') throw invalid(`${what}[${i}].Tag must be a string`);
    return [tag, field(o, 'Value')];
  });
}

function customMap(pairs: Array<[string, unknown]>, what: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [tag, value] of pairs) {
    if (!isSnsCustomTag(tag)) throw invalid(`${what}: ${tag.slice(0, 64)} is not a Tag_SNS_Custom_* tag`);
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid(`${what}: ${tag} must be a string or an integer`);
    out[tag] = value;
  }
  return out;
}

const friendImport: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const items = readItems(body, 'AddFriendItem', (item, at): ImportItem => {
    if (field(item, 'AddSource') === undefined) throw invalid(`${at}.AddSource is required`);
    const groups = field(item, 'GroupName');
    const custom = field(item, 'CustomItem');
    return {
      peerId: to(item, at),
      addSource: text(item, 'AddSource'),
      wording: text(item, 'AddWording'),
      remark: text(item, 'Remark'),
      remarkTime: (readOptionalInt(item, 'RemarkTime', 0, 0xffff_ffff, SNS_CODES) ?? 0) * 1000,
      addTime: (readOptionalInt(item, 'AddTime', 0, 0xffff_ffff, SNS_CODES) ?? 0) * 1000,
      groups: groups === undefined ? [] : stringList(groups, `${at}.GroupName`),
      custom: custom === undefined ? {} : customMap(tagValues(custom, `${at}.CustomItem`), `${at}.CustomItem`),
    };
  });
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'import', items }));
};

const friendUpdate: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const items = readItems(body, 'UpdateItem', (item, at): UpdateItem => {
    const u: UpdateItem = { peerId: to(item, at) };
    const pairs = tagValues(field(item, 'SnsItem'), `${at}.SnsItem`);
    if (pairs.length === 0) throw invalid(`${at}.SnsItem is empty`);
    const custom: Array<[string, unknown]> = [];
    for (const [tag, value] of pairs) {
      if (tag === SnsTag.REMARK) {
        if (typeof value !== 'string') throw invalid(`${at}: ${tag} must be a string`);
        u.remark = value;
      } else if (tag === SnsTag.GROUP) u.groups = stringList(value, `${at}: ${tag}`);
      else if (isSnsCustomTag(tag)) custom.push([tag, value]);
      else throw invalid(`${at}: ${tag.slice(0, 64)} cannot be updated (Tag_SNS_IM_Remark, Tag_SNS_IM_Group and Tag_SNS_Custom_* can)`);
    }
    if (custom.length) u.custom = customMap(custom, at);
    return u;
  });
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'update', items }));
};

const friendDelete: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peerIds = readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  const both = readEnum(body, 'DeleteType', DELETE_TYPES, true);
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'delete', peerIds, both }));
};

const friendDeleteAll: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const both = readEnum(body, 'DeleteType', DELETE_TYPES, true);
  await askSocial(ctx, from, { c: 'deleteAll', both });
  return {};
};

export const friendWrites = {
  friend_add: friendAdd,
  friend_import: friendImport,
  friend_update: friendUpdate,
  friend_delete: friendDelete,
  friend_delete_all: friendDeleteAll,
} satisfies Record<string, RestHandler>;
