// What the parts of the group actor share (docs/groups.md): the management turns (membership,
// profile, roles, topics; group-actor.ts and its helpers) and the message turns (send, recall,
// edit, read, receipts, notifications, tips; group-send.ts and its helpers) both work through a
// GroupContext the actor builds once per activation. Fan-out goes through GroupFanout, whose
// implementation (group-fanout.ts) publishes once per group to the room subject for members'
// sockets subscribed at the edges, or per user through presence routes for targeted frames.
import type { AppDirectory } from '../apps/app-directory.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { ServerFrame } from '../protocol/frames.js';
import type { OfflinePush } from '../push/offline-pusher.js';
import type { Store } from '../store/index.js';
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import type { GroupActor } from './group-kinds.js';
import type { GroupBy } from './group-messages.js';
import type { GroupMsgState } from './group-msg-state.js';

export interface GroupDeps {
  store: Pick<
    Store,
    'groups' | 'groupMembers' | 'joinedGroups' | 'groupJoinRequests' | 'groupTopics' | 'messages' | 'seqs' | 'dedup' | 'accounts' | 'noSpeaking'
  >;
  presence: Presence;
  bus: Bus;
  webhooks?: Webhooks;
  apps?: Pick<AppDirectory, 'get' | 'isAdmin'>;
  offlinePush?: OfflinePush;
  metrics?: Metrics;
  clock: Clock;
  log: Logger;
}

/** Who acts, resolved: their standing in this group and, for members, their row. */
export interface Acting {
  userId: string;
  actor: GroupActor;
  member?: MemberRecord;
}

/** Deliveries of one group. Fire and forget: a device that misses one catches up by sync. */
export interface GroupFanout {
  /** To every online member's sockets (one publish on the group's room subject). */
  toMembers(frame: ServerFrame, opts?: { skipConnId?: string }): void;
  /** To some users' online devices (targeted messages, join results, kicks). */
  toUsers(userIds: readonly string[], frame: ServerFrame, opts?: { skipConnId?: string }): Promise<void>;
  /** Subscribes (on) or unsubscribes the users' online sockets to the group's fan-out. */
  subscribe(userIds: readonly string[], on: boolean): Promise<void>;
  /** Dismissed: writes `frame` (if any) to every subscribed socket, then every edge drops all its
   *  sockets from the group, live-room viewers included (no member list needed). */
  closeRoom?(frame?: ServerFrame): void;
}

export interface GroupContext {
  readonly sdkAppId: number;
  readonly groupId: string;
  readonly deps: GroupDeps;
  readonly log: Logger;
  readonly fanout: GroupFanout;
  /** The live group (cached per activation), or ImError 10010 when none or dismissed. */
  group(): Promise<GroupRecord>;
  /** Replace the cached record after this actor wrote it. */
  setGroup(g: GroupRecord): void;
  /** Who acts: App admin (REST or an app admin id), a member with their role, or NonMember. */
  acting(by: GroupBy): Promise<Acting>;
  /** The message turns' per-activation state (timeline seqs, live-room rate window), created by
   *  them on first use (group-msg-state.ts): the actor builds the context without it. */
  msgState?: GroupMsgState;
}
