// Profiles (profile/portrait_get, portrait_set; spec §2.1 #18-19): one value per (sdkAppId, userId,
// tag), standard tags and Tag_Profile_Custom_* alike. The store does not know which tags exist or
// their types (the domain validates, 40009/40610/40601); it keeps names well-formed and values
// JSON-able (see relationships.ts for the shared design and guards).

import type { SocialValue } from './relationships.js';

/** tag -> value for one user. A plain object (built with Object.fromEntries), so it serializes. */
export type ProfileTags = Record<string, SocialValue>;

export interface ProfileStore {
  /**
   * Profiles of many users in one round trip (at most MAX_SOCIAL_BATCH distinct ids; duplicates
   * answered once). With `tags`, only those tags are returned (an empty list returns nothing).
   * Users with no stored tag (after the filter) are absent from the map.
   */
  getProfiles(sdkAppId: number, userIds: readonly string[], tags?: readonly string[]): Promise<Map<string, ProfileTags>>;
  /**
   * Sets the given tags of one user atomically (all or none visible), inserting or overwriting
   * each; tags not named keep their values. An empty object is a no-op.
   */
  setProfile(sdkAppId: number, userId: string, values: Readonly<ProfileTags>): Promise<void>;
  /** Removes every tag of the user. Idempotent. */
  deleteProfile(sdkAppId: number, userId: string): Promise<void>;
}
