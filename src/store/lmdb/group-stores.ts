// Opens the group sub-databases of the LMDB store (see groups.ts), so the LMDB factory gains one
// line for them. Join-request expiry follows the given clock.
import type { Key, RootDatabase } from 'lmdb';
import type { GroupType, MemberRole } from '../../groups/group-kinds.js';
import type { JoinRequestRecord, TopicRecord } from '../group-extras.js';
import type { JoinedGroupRecord, MemberRecord } from '../group-members.js';
import type { GroupRecord, GroupStores } from '../groups.js';
import type { Clock } from '../../lib/clock.js';
import { LmdbGroupJoinRequestStore, LmdbGroupTopicStore } from './group-extras.js';
import { LmdbGroupMemberStore, LmdbJoinedGroupStore } from './group-members.js';
import { LmdbGroupStore } from './groups.js';

export function openLmdbGroupStores(root: RootDatabase, clock: Clock): GroupStores {
  return {
    groups: new LmdbGroupStore(root.openDB<GroupRecord, Key>({ name: 'groups' }), root.openDB<GroupType, Key>({ name: 'app_groups' })),
    groupMembers: new LmdbGroupMemberStore(
      root.openDB<MemberRecord, Key>({ name: 'group_members' }),
      root.openDB<MemberRole, Key>({ name: 'group_privileged' }),
    ),
    joinedGroups: new LmdbJoinedGroupStore(root.openDB<JoinedGroupRecord, Key>({ name: 'joined_groups' })),
    groupJoinRequests: new LmdbGroupJoinRequestStore(root.openDB<JoinRequestRecord, Key>({ name: 'group_requests' }), clock),
    groupTopics: new LmdbGroupTopicStore(root.openDB<TopicRecord, Key>({ name: 'group_topics' })),
  };
}
