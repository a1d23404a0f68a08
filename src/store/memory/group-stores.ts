// The in-process group stores (see groups.ts), built together so the memory factory gains one
// line for them. Join-request expiry follows the given clock.
import type { Clock } from '../../lib/clock.js';
import type { GroupStores } from '../groups.js';
import { MemoryGroupJoinRequestStore, MemoryGroupTopicStore } from './group-extras.js';
import { MemoryGroupMemberStore, MemoryJoinedGroupStore } from './group-members.js';
import { MemoryGroupStore } from './groups.js';

export function createMemoryGroupStores(clock: Clock): GroupStores {
  return {
    groups: new MemoryGroupStore(),
    groupMembers: new MemoryGroupMemberStore(),
    joinedGroups: new MemoryJoinedGroupStore(),
    groupJoinRequests: new MemoryGroupJoinRequestStore(clock),
    groupTopics: new MemoryGroupTopicStore(),
  };
}
