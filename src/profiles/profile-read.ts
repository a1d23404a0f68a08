// Reading profiles (portrait_get, PROFILE_GET, friend_get_list's profile tags): the requested tags
// of each user in request order, with the tag's initial value when the user never set it. Nick
// and Image are the account's Nick/FaceUrl (account_import sets them too), so they are read from
// the account record; every other tag from the profile store. Unknown users: 40003 per user.
import { userIdProblem } from '../accounts/accounts.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';
import type { ProfileCustomField } from './custom-fields.js';
import { customTagOf } from './custom-fields.js';
import { ProfileTag, STANDARD_TAG_NAMES, type ProfileValue } from './profile-tags.js';
import { checkReadable, tagDef, type ProfileActor, type TagDef } from './profile-values.js';

export const ACCOUNT_TAGS: ReadonlySet<string> = new Set([ProfileTag.NICK, ProfileTag.IMAGE]);

export interface ProfileResult {
  userId: string;
  code: number;
  info: string;
  /** Requested tags in request order; absent when code != 0. */
  items?: Array<[string, ProfileValue]>;
}

/** Tags `who` may read, checked (40009 unknown, 40007 not readable); every readable tag when absent. */
export function readableTags(tags: readonly unknown[] | undefined, custom: readonly ProfileCustomField[], who: ProfileActor): TagDef[] {
  if (tags === undefined) {
    const all = [...STANDARD_TAG_NAMES, ...custom.map((f) => customTagOf(f.key))].map((t) => tagDef(t, custom));
    return all.filter((d) => d.kind === 'standard' || who === 'admin' || d.field.read === 'all');
  }
  const defs = [...new Set(tags)].map((t) => tagDef(t, custom));
  for (const d of defs) checkReadable(d, who);
  return defs;
}

export async function readProfiles(store: Store, sdkAppId: number, userIds: readonly string[], defs: readonly TagDef[]): Promise<ProfileResult[]> {
  const distinct = [...new Set(userIds)];
  const accounts = await store.accounts.getAccounts(sdkAppId, distinct.filter(canExist));
  const present = distinct.filter((id) => accounts.has(id));
  const storeTags = defs.map((d) => d.tag).filter((t) => !ACCOUNT_TAGS.has(t));
  const profiles = present.length && storeTags.length ? await store.profiles.getProfiles(sdkAppId, present, storeTags) : new Map();
  return userIds.map((userId) => {
    const account = accounts.get(userId);
    if (!account) return { userId, code: Err.PROFILE_ACCOUNT_NOT_FOUND, info: 'account does not exist' };
    const stored = profiles.get(userId) ?? {};
    const items = defs.map((d): [string, ProfileValue] => {
      if (d.tag === ProfileTag.NICK) return [d.tag, account.nick];
      if (d.tag === ProfileTag.IMAGE) return [d.tag, account.faceUrl];
      const v = stored[d.tag];
      return [d.tag, typeof v === 'string' || typeof v === 'number' ? v : d.initial];
    });
    return { userId, code: 0, info: '', items };
  });
}

/** One user's value of one tag (AllowType, AdminForbidType...) for many users at once. */
export async function tagOfUsers(store: Store, sdkAppId: number, userIds: readonly string[], tag: string): Promise<Map<string, ProfileValue>> {
  if (userIds.length === 0) return new Map();
  const got = await store.profiles.getProfiles(sdkAppId, userIds, [tag]);
  const out = new Map<string, ProfileValue>();
  for (const [id, p] of got) {
    const v = p[tag];
    if (typeof v === 'string' || typeof v === 'number') out.set(id, v);
  }
  return out;
}

/** Ids the store would refuse (empty, over 32 bytes) cannot name an account. */
export const canExist = (userId: string): boolean => userIdProblem(userId) === undefined;

export function notFound(what: string): ImError {
  return new ImError(Err.PROFILE_ACCOUNT_NOT_FOUND, `${what} does not exist`);
}
