// Writing a profile: Nick and Image go to the account record (where account_import keeps them,
// so both APIs agree), every other tag to the profile store. Values are already validated
// (profile-values.ts); the account must exist. Two writes, each idempotent: a failure between
// them leaves the earlier one applied, and the caller's retry completes the rest.
import type { Store } from '../store/index.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { ProfileTag, type ProfileValue } from './profile-tags.js';
import { ACCOUNT_TAGS } from './profile-read.js';

export async function writeProfile(store: Store, sdkAppId: number, userId: string, values: ReadonlyMap<string, ProfileValue>): Promise<void> {
  const nick = values.get(ProfileTag.NICK);
  const image = values.get(ProfileTag.IMAGE);
  if (nick !== undefined || image !== undefined) {
    const account = await store.accounts.getAccount(sdkAppId, userId);
    if (!account) throw new ImError(Err.PROFILE_ACCOUNT_NOT_FOUND, `account ${userId} does not exist`);
    await store.accounts.importAccount(sdkAppId, {
      userId,
      nick: typeof nick === 'string' ? nick : account.nick,
      faceUrl: typeof image === 'string' ? image : account.faceUrl,
      importedAt: account.importedAt,
    });
  }
  const rest = Object.fromEntries([...values].filter(([tag]) => !ACCOUNT_TAGS.has(tag)));
  if (Object.keys(rest).length > 0) await store.profiles.setProfile(sdkAppId, userId, rest);
}
