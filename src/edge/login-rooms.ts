// At login the edge subscribes the socket to the user's joined groups (every type but AVChatRoom,
// whose sockets join one by one with ROOM_JOIN), reading the joined list page by page, before the
// LOGIN reply: a client that syncs right after its login then misses no push. Bounded by
// MAX_LOGIN_GROUP_SUBSCRIPTIONS (metric roomLimitHits{limit="login_groups"} when cut). A failed
// read is logged and the login still succeeds: the client syncs its groups by pull.
// Gotcha: a membership change racing the read converges through the actor's subscribe messages,
// except a removal landing between the read and the join (rare; the next login corrects it).
import { GROUP_TYPES } from '../groups/group-kinds.js';
import type { Connection } from './connection.js';
import type { EdgeContext } from './context.js';

/** Joined groups subscribed at login (Tencent's largest plan allows 5,000 joined groups). */
export const MAX_LOGIN_GROUP_SUBSCRIPTIONS = 5_000;
/** Joined-list page size at login. */
export const LOGIN_GROUPS_PAGE = 500;

const MEMBER_DELIVERY_TYPES = GROUP_TYPES.filter((t) => t !== 'AVChatRoom');

export async function subscribeJoinedGroups(ctx: EdgeContext, conn: Connection): Promise<void> {
  const s = conn.session;
  if (!s) return;
  try {
    let after: string | undefined;
    let subscribed = 0;
    for (;;) {
      const page = await ctx.deps.store.joinedGroups.listJoined(s.sdkAppId, s.userId, { ...(after ? { after } : {}), limit: LOGIN_GROUPS_PAGE, types: MEMBER_DELIVERY_TYPES });
      for (const g of page.groups) {
        if (subscribed >= MAX_LOGIN_GROUP_SUBSCRIPTIONS) {
          ctx.deps.metrics.roomLimitHits.inc({ limit: 'login_groups' });
          return;
        }
        if (ctx.rooms.join(conn, s.sdkAppId, g.groupId, 'member') === 'closed') return;
        subscribed++;
      }
      if (!page.next) return;
      after = page.next;
    }
  } catch (err) {
    ctx.log.warn('joined groups not subscribed at login', { err, connId: conn.connId });
  }
}
