// Opens the social-graph sub-databases of the LMDB store (see relationships.ts): one per aggregate,
// keyed by ordered arrays that start with [sdkAppId, owner]. Kept apart from index.ts so the
// factory gains one line for the whole social graph.
import type { Key, RootDatabase } from 'lmdb';
import type { FriendRecord } from '../friends.js';
import type { FriendRequestRecord } from '../friend-requests.js';
import type { SocialStores, SocialValue } from '../relationships.js';
import { LmdbBlocklistStore } from './blocklist.js';
import { LmdbFriendListStore } from './friend-lists.js';
import { LmdbFriendRequestStore } from './friend-requests.js';
import { LmdbFriendStore } from './friends.js';
import { LmdbProfileStore } from './profiles.js';
import { LmdbSocialChangeStore, type StoredChange, type StoredPeerEvent } from './social-changes.js';

export function openLmdbSocialStores(root: RootDatabase): SocialStores {
  return {
    profiles: new LmdbProfileStore(root.openDB<SocialValue, Key>({ name: 'profiles' })),
    friends: new LmdbFriendStore(root.openDB<FriendRecord, Key>({ name: 'friends' })),
    friendRequests: new LmdbFriendRequestStore(root.openDB<FriendRequestRecord, Key>({ name: 'friend_requests' })),
    blocklist: new LmdbBlocklistStore(root.openDB<number, Key>({ name: 'blocklist' })),
    friendLists: new LmdbFriendListStore(root.openDB<number, Key>({ name: 'friend_lists' })),
    socialChanges: new LmdbSocialChangeStore(
      root.openDB<StoredChange, Key>({ name: 'social_changes' }),
      root.openDB<StoredPeerEvent, Key>({ name: 'social_outbox' }),
    ),
  };
}
