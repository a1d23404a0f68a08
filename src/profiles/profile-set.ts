// portrait_set / PROFILE_SET, run by the user's social actor (the single writer of its profile):
// validate every item (all or nothing), write, log `profile_changed` for the user's other
// devices, fire Profile.CallbackPortraitSet, and tell each friend's actor so their devices hear
// of it too (only tags others may read; best effort, a friend reads the new value anyway).
import { Err } from '../protocol/error-codes.js';
import { ChangeKind, entry } from '../relationships/change-kinds.js';
import { requireSelf } from '../relationships/results.js';
import type { SocialCtx } from '../relationships/social-context.js';
import type { Requester } from '../relationships/social-messages.js';
import { allFriends } from '../relationships/social-reads.js';
import { Callback } from '../webhooks/commands.js';
import { checkProfileWrite, tagDef } from './profile-values.js';
import { writeProfile } from './profile-write.js';

export async function setProfile(ctx: SocialCtx, req: Requester, items: ReadonlyArray<[string, unknown]>): Promise<void> {
  const { store, sdkAppId, userId: self } = ctx;
  const values = checkProfileWrite(items.map(([tag, value]) => ({ tag, value })), ctx.customFields, req.by === 'admin' ? 'admin' : 'self');
  await requireSelf(store, sdkAppId, self, Err.PROFILE_ACCOUNT_NOT_FOUND);
  if (values.size === 0) return;
  await writeProfile(store, sdkAppId, self, values);
  const tags = [...values.keys()];
  await ctx.changes.append([entry(ChangeKind.PROFILE_CHANGED, { userId: self, tags })]);
  ctx.deps.webhooks.after(
    sdkAppId,
    Callback.ProfilePortraitSet,
    { Operator_Account: ctx.operator(req), From_Account: self, ProfileItem: [...values].map(([Tag, Value]) => ({ Tag, Value })) },
    ctx.meta(req),
  );
  const visible = tags.filter((t) => {
    const d = tagDef(t, ctx.customFields);
    return d.kind === 'standard' || d.field.read === 'all';
  });
  if (visible.length === 0) return;
  const friends = await allFriends(store, sdkAppId, self);
  ctx.tellProfileChanged(friends.map((f) => f.peerId), visible);
}
