// REST all_member_push tag commands. im_add_tag / im_remove_tag {UserTags:[{To_Account, Tags:[..]}]},
// im_remove_all_tags {To_Account:[..]}, im_get_tag {To_Account:[..]} -> {UserTags:[{To_Account,
// Tags}]} (every asked account, [] when none). One add item carries at most MAX_TAGS_PER_REQUEST
// tags, and a user keeps at most MAX_TAGS_PER_USER (checked against the stored tags before any
// write; two concurrent adds may together pass it, which only costs a few extra tags).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field } from '../rest/validate.js';
import { item, MAX_TAGS_PER_REQUEST, pushAccount, readAccounts, readItems, tagList } from './wire.js';

/** Tags one user may hold (Tencent: 100). */
export const MAX_TAGS_PER_USER = 100;

type Body = Record<string, unknown>;

function readUserTags(body: Body, max: number): Array<{ id: string; tags: string[] }> {
  return readItems(body, 'UserTags').map((v, i) => {
    const it = item(v, `UserTags[${i}]`);
    return { id: pushAccount(field(it, 'To_Account'), `UserTags[${i}].To_Account`), tags: tagList(field(it, 'Tags'), `UserTags[${i}].Tags`, max) };
  });
}

export async function imGetTag(ctx: RestContext, body: Body): Promise<Body> {
  const ids = readAccounts(body);
  const rows = await ctx.deps.store.userAttrs.getUsers(ctx.sdkAppId, ids);
  return { UserTags: ids.map((id) => ({ To_Account: id, Tags: rows.get(id)?.tags ?? [] })) };
}

export async function imAddTag(ctx: RestContext, body: Body): Promise<Body> {
  const items = readUserTags(body, MAX_TAGS_PER_REQUEST);
  const { userAttrs } = ctx.deps.store;
  const current = await userAttrs.getUsers(ctx.sdkAppId, [...new Set(items.map((x) => x.id))]);
  const after = new Map<string, Set<string>>();
  for (const { id, tags } of items) {
    const set = after.get(id) ?? new Set(current.get(id)?.tags ?? []);
    for (const t of tags) set.add(t);
    after.set(id, set);
    if (set.size > MAX_TAGS_PER_USER) {
      ctx.deps.metrics.allMemberPushLimitHits.inc({ limit: 'user_tags' });
      throw new ImError(Err.PUSH_TOO_MANY_TAGS, `${id} would have ${set.size} tags, at most ${MAX_TAGS_PER_USER}; remove some first`);
    }
  }
  await Promise.all(items.map((x) => userAttrs.addTags(ctx.sdkAppId, x.id, x.tags)));
  return {};
}

export async function imRemoveTag(ctx: RestContext, body: Body): Promise<Body> {
  const items = readUserTags(body, MAX_TAGS_PER_USER);
  const { userAttrs } = ctx.deps.store;
  await Promise.all(items.map((x) => userAttrs.removeTags(ctx.sdkAppId, x.id, x.tags)));
  return {};
}

export async function imRemoveAllTags(ctx: RestContext, body: Body): Promise<Body> {
  const ids = readAccounts(body);
  const { userAttrs } = ctx.deps.store;
  await Promise.all(ids.map((id) => userAttrs.clearTags(ctx.sdkAppId, id)));
  return {};
}
