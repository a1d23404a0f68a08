// The store port: one interface per aggregate, grouped in Store. Each method is one query with no
// business logic (design/architecture.md, Storage). Implementations: memory/ (tests, one
// process), lmdb/ (embedded, single node, persistent), cassandra/ (cluster). The same contract
// suite (test/contract/store.contract.ts) runs against all three.

import type { AccountStore } from './accounts.js';
import type { AppStore } from './apps.js';
import type { BlocklistStore, FriendListStore, FriendRequestStore, FriendStore, ProfileStore, SocialChangeStore } from './relationships.js';
import type { ConversationStore } from './conversations.js';
import type { DedupStore } from './dedup.js';
import type { GroupStore } from './groups.js';
import type { GroupJoinRequestStore, GroupTopicStore } from './group-extras.js';
import type { GroupMemberStore, JoinedGroupStore } from './group-members.js';
import type { MessageStore } from './messages.js';
import type { SeqStore } from './seqs.js';
import type { PushRegistryStore } from './push-registry.js';
import type { NoSpeakingStore } from './no-speaking.js';
import type { UserAttrStore } from './user-attrs.js';

export type { AccountRecord, AccountStore } from './accounts.js';
export type { AppRecord, AppStore } from './apps.js';
export type * from './relationships.js';
export type * from './messages.js';
export type * from './seqs.js';
export type * from './conversations.js';
export type * from './dedup.js';
export type * from './groups.js';
export type * from './push-registry.js';
export type * from './no-speaking.js';
export type * from './user-attrs.js';

export interface Store {
  apps: AppStore;
  accounts: AccountStore;
  /** Social graph (issue 4): see relationships.ts. */
  profiles: ProfileStore;
  friends: FriendStore;
  friendRequests: FriendRequestStore;
  blocklist: BlocklistStore;
  friendLists: FriendListStore;
  socialChanges: SocialChangeStore;
  /** Messaging (issue 3): see messages.ts, seqs.ts, conversations.ts, dedup.ts. */
  messages: MessageStore;
  seqs: SeqStore;
  conversations: ConversationStore;
  dedup: DedupStore;
  /** Groups (issue 5): see groups.ts, group-members.ts, group-extras.ts. */
  groups: GroupStore;
  groupMembers: GroupMemberStore;
  joinedGroups: JoinedGroupStore;
  groupJoinRequests: GroupJoinRequestStore;
  groupTopics: GroupTopicStore;
  /** Offline push devices and per-conversation receive options: see push-registry.ts. */
  pushRegistry: PushRegistryStore;
  /** Global mute (openconfigsvr setnospeaking): see no-speaking.ts. */
  noSpeaking: NoSpeakingStore;
  /** All-member push audiences (attribute names, per-user attrs and tags): see user-attrs.ts. */
  userAttrs: UserAttrStore;
  /** Release connections and file handles. Idempotent. */
  close(): Promise<void>;
}
