// The in-process social-graph stores (see relationships.ts), built together so the memory factory
// gains one line for the whole social graph.
import type { SocialStores } from '../relationships.js';
import { MemoryBlocklistStore } from './blocklist.js';
import { MemoryFriendListStore } from './friend-lists.js';
import { MemoryFriendRequestStore } from './friend-requests.js';
import { MemoryFriendStore } from './friends.js';
import { MemoryProfileStore } from './profiles.js';
import { MemorySocialChangeStore } from './social-changes.js';

export function createMemorySocialStores(): SocialStores {
  return {
    profiles: new MemoryProfileStore(),
    friends: new MemoryFriendStore(),
    friendRequests: new MemoryFriendRequestStore(),
    blocklist: new MemoryBlocklistStore(),
    friendLists: new MemoryFriendListStore(),
    socialChanges: new MemorySocialChangeStore(),
  };
}
