// Stands in for the group actor in edge and SDK tests of live rooms: answers GroupRoomJoin as the
// real actor does for the cases those tests need (a group the store does not hold: 10010; not a
// live room: 10007; a viewer the test refuses: 10007), records every message, refuses anything else.
import type { ActorKind } from '../../src/actors/actor.js';
import { GROUP_KIND, type GroupMsg } from '../../src/groups/group-messages.js';
import { ImError } from '../../src/lib/errors.js';
import { Err } from '../../src/protocol/error-codes.js';
import type { Store } from '../../src/store/index.js';

export interface RoomJoinDouble {
  kind: ActorKind<never>;
  /** Every message the double was asked, in order. */
  seen: GroupMsg[];
}

export function roomJoinDouble(store: () => Pick<Store, 'groups'>, refuses: (userId: string) => boolean = () => false): RoomJoinDouble {
  const seen: GroupMsg[] = [];
  const kind: ActorKind<GroupMsg> = {
    kind: GROUP_KIND,
    create: () => ({
      async handle(msg: GroupMsg) {
        seen.push(msg);
        if (msg.t !== 'roomJoin') throw new ImError(Err.GROUP_INVALID_COMMAND, 'test actor: roomJoin only');
        const g = await store().groups.getGroup(msg.sdkAppId, msg.groupId);
        if (!g) throw new ImError(Err.GROUP_NOT_FOUND, 'no such group');
        if (g.type !== 'AVChatRoom') throw new ImError(Err.GROUP_PERMISSION_DENIED, 'not a live room');
        return { results: msg.viewers.map((v) => (refuses(v.userId) ? { code: Err.GROUP_PERMISSION_DENIED, info: 'not admitted' } : { code: 0, info: '' })) };
      },
    }),
  };
  return { kind: kind as ActorKind<never>, seen };
}
