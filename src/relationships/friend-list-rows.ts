// Friend lists that operations create on the fly (a GroupName on friend_add / respond, a
// Tag_SNS_IM_Group on friend_update): a name that does not exist yet is created, within the
// 32-list limit (30011). Membership itself is the friend row's `groups`.
import { Err } from '../protocol/error-codes.js';
import type { SocialCtx } from './social-context.js';
import { LimitName, MAX_FRIEND_LISTS } from './limits.js';

/** The names among `names` that do not exist yet, and whether creating them stays in the limit. */
export async function missingLists(ctx: SocialCtx, names: readonly string[]): Promise<{ missing: string[]; fits: boolean }> {
  const wanted = [...new Set(names.filter((n) => n !== ''))];
  if (wanted.length === 0) return { missing: [], fits: true };
  const lists = await ctx.store.friendLists.listFriendLists(ctx.sdkAppId, ctx.userId);
  const have = new Set(lists.map((l) => l.name));
  const missing = wanted.filter((n) => !have.has(n));
  return { missing, fits: lists.length + missing.length <= MAX_FRIEND_LISTS };
}

/** Creates the missing lists (in order) or throws 30011; returns the names created. */
export async function ensureLists(ctx: SocialCtx, names: readonly string[]): Promise<string[]> {
  const { missing, fits } = await missingLists(ctx, names);
  if (!fits) throw listLimit(ctx);
  await createLists(ctx, missing);
  return missing;
}

export async function createLists(ctx: SocialCtx, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const now = ctx.now();
  // Increasing createdAt keeps the lists of one call in the order they were named.
  await ctx.store.friendLists.createFriendLists(ctx.sdkAppId, ctx.userId, names.map((name, i) => ({ name, createdAt: now + i })));
}

export const listLimit = (ctx: SocialCtx) => ctx.limit(LimitName.FRIEND_LISTS, Err.SNS_FRIEND_LIST_LIMIT, `at most ${MAX_FRIEND_LISTS} friend lists`);
