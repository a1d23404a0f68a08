// A group actor's message side without the actor: a hand-built GroupContext over the memory store,
// a fake clock, a fan-out that records frames, webhooks answering from a settable handler and an
// offline pusher that records jobs. Groups and members are written straight to the store.
import type { AppConfig } from '../../../src/config/config.js';
import { DEFAULT_MESSAGING, type MessagingSettings } from '../../../src/config/messaging-settings.js';
import { ImError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import type { Bus } from '../../../src/bus/bus.js';
import type { Presence } from '../../../src/presence/presence.js';
import { Err } from '../../../src/protocol/error-codes.js';
import type { ServerFrame } from '../../../src/protocol/frames.js';
import type { OfflinePushJob } from '../../../src/push/offline-pusher.js';
import type { Store } from '../../../src/store/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { GroupRecord, MemberRecord } from '../../../src/store/groups.js';
import type { GroupContext, GroupFanout } from '../../../src/groups/group-context.js';
import type { GroupType, MemberRole } from '../../../src/groups/group-kinds.js';
import type { GroupBy, GroupSend } from '../../../src/groups/group-messages.js';
import { rulesOf } from '../../../src/groups/group-type-rules.js';
import type { CallbackCommand } from '../../../src/webhooks/commands.js';
import type { BeforeResult, Webhooks } from '../../../src/webhooks/webhooks.js';
import { FakeClock } from '../../support/fake-clock.js';
import { outcomeCode } from '../../support/outcome.js';
import { text } from '../../support/msg-body.js';
export { text } from '../../support/msg-body.js';

export const APP = 1400000001;

export interface Delivery {
  to: 'members' | string[];
  frame: ServerFrame;
  skipConnId?: string;
}

export class FakeWebhooks implements Webhooks {
  readonly calls: { command: string; body: Record<string, unknown>; kind: 'before' | 'after' }[] = [];
  wants(): boolean {
    return true;
  }
  answer: (body: Record<string, unknown>) => BeforeResult = () => ({ kind: 'skipped' });
  async before(_app: number, command: CallbackCommand, body: Record<string, unknown>): Promise<BeforeResult> {
    this.calls.push({ command, body, kind: 'before' });
    return this.answer(body);
  }
  after(_app: number, command: CallbackCommand, body: Record<string, unknown>): void {
    this.calls.push({ command, body, kind: 'after' });
  }
  async close(): Promise<void> {}
  of(command: string) {
    return this.calls.filter((c) => c.command === command);
  }
}

export interface Fixture {
  clock: FakeClock;
  store: Store;
  deliveries: Delivery[];
  pushes: OfflinePushJob[];
  webhooks: FakeWebhooks;
  metrics: ReturnType<typeof createMetrics>;
  settings: MessagingSettings;
  /** A fresh context for a group (a new activation: no cached seqs). */
  ctx(groupId: string): GroupContext;
  createGroup(groupId: string, type: GroupType, members: Record<string, MemberRole>, patch?: Partial<GroupRecord>): Promise<void>;
  member(groupId: string, userId: string): Promise<MemberRecord | undefined>;
}

/** `store` builds the store on the fixture's clock (memory by default). */
export function groupFixture(opts: { store?: (clock: FakeClock) => Store } = {}): Fixture {
  const clock = new FakeClock();
  const store = opts.store ? opts.store(clock) : createMemoryStore({ clock });
  const deliveries: Delivery[] = [];
  const pushes: OfflinePushJob[] = [];
  const webhooks = new FakeWebhooks();
  const metrics = createMetrics();
  const settings: MessagingSettings = { ...DEFAULT_MESSAGING };
  const fanout: GroupFanout = {
    toMembers: (frame, o) => void deliveries.push({ to: 'members', frame, ...(o?.skipConnId ? { skipConnId: o.skipConnId } : {}) }),
    toUsers: async (users, frame, o) => void deliveries.push({ to: [...users], frame, ...(o?.skipConnId ? { skipConnId: o.skipConnId } : {}) }),
    subscribe: async () => {},
  };
  const apps = { get: () => ({ messaging: settings }) as unknown as AppConfig, isAdmin: (_a: number, u: string): boolean => u === 'administrator' };
  const deps = { store, presence: {} as Presence, bus: {} as Bus, webhooks, apps, offlinePush: { notify: (j: OfflinePushJob) => void pushes.push(j) }, metrics, clock, log: silentLogger };
  const f: Fixture = {
    clock,
    store,
    deliveries,
    pushes,
    webhooks,
    metrics,
    settings,
    ctx(groupId) {
      let cached: GroupRecord | undefined;
      const ctx: GroupContext = {
        sdkAppId: APP,
        groupId,
        deps,
        log: silentLogger,
        fanout,
        group: async () => {
          cached ??= await store.groups.getGroup(APP, groupId);
          if (!cached || cached.dismissedAt > 0) throw new ImError(Err.GROUP_NOT_FOUND, 'no group');
          return cached;
        },
        setGroup: (g) => void (cached = g),
        acting: async (by: GroupBy) => {
          if (by.admin === true) return { userId: '', actor: 'AppAdmin' };
          if (apps.isAdmin(APP, by.userId)) return { userId: by.userId, actor: 'AppAdmin' };
          const member = (await store.groupMembers.getMembers(APP, groupId, [by.userId])).get(by.userId);
          return member ? { userId: by.userId, actor: member.role, member } : { userId: by.userId, actor: 'NonMember' };
        },
      };
      return ctx;
    },
    async createGroup(groupId, type, members, patch = {}) {
      const rules = rulesOf(type);
      const owner = Object.entries(members).find(([, r]) => r === 'Owner')?.[0] ?? '';
      const g: GroupRecord = {
        groupId,
        type,
        name: groupId,
        ownerId: owner,
        createdAt: clock.nowMs(),
        introduction: '',
        notification: '',
        faceUrl: '',
        applyJoinOption: rules.defaultApplyOption,
        inviteJoinOption: rules.defaultInviteOption,
        maxMemberNum: Number.isFinite(rules.defaultMaxMembers) ? rules.defaultMaxMembers : 1_000_000_000,
        muteAll: false,
        custom: {},
        memberCount: Object.keys(members).length,
        lastMsgTime: 0,
        infoSeq: 1,
        lastInfoTime: 0,
        supportTopic: type === 'Community',
        dismissedAt: 0,
        ...patch,
      };
      if (!(await store.groups.createGroup(APP, g))) throw new Error(`group ${groupId} exists`);
      await addMembers(f, groupId, members, 0);
    },
    async member(groupId, userId) {
      return (await store.groupMembers.getMembers(APP, groupId, [userId])).get(userId);
    },
  };
  return f;
}

export async function addMembers(f: Fixture, groupId: string, members: Record<string, MemberRole>, joinSeq: number): Promise<void> {
  const rows: MemberRecord[] = Object.entries(members).map(([userId, role]) => ({
    userId,
    role,
    joinTime: f.clock.nowMs(),
    joinSeq,
    muteUntil: 0,
    nameCard: '',
    msgFlag: 'AcceptAndNotify',
    custom: {},
    readSeq: joinSeq,
    lastSendTime: 0,
  }));
  if (rows.length > 0) await f.store.groupMembers.addMembers(APP, groupId, rows);
}


/** A send as REST or a device would build it; `raw` holds Tencent's option fields. */
export function send(groupId: string, by: GroupBy, raw: Record<string, unknown>, extra: Partial<GroupSend> = {}): GroupSend {
  const options = parseSendOptions({ Random: 1, ...raw }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) });
  const from = by.admin === true ? ((raw.From_Account as string | undefined) ?? '') : by.userId;
  return { t: 'send', sdkAppId: APP, groupId, by, from, body: (raw.MsgBody as never) ?? text('hi'), options, ...extra };
}

export const user = (userId: string): GroupBy => ({ userId });
export const ADMIN: GroupBy = { admin: true };

export const codeOf = outcomeCode;
