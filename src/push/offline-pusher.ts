// Offline push for stored messages: a send batch queues one job per recipient set, its messages in
// order; a job reads devices, receive options (per convId) and routes ONCE (or takes the caller's
// routes), then pushes each message to each offline, unmuted device. PushFlag, the mute override,
// dead tokens and outcome counts stay per message. notify() never blocks or throws: queued
// messages are bounded (overflow dropped: metric + one log line per episode).
import type { Logger } from '../lib/log.js';
import { chunks } from '../lib/waves.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence, Route } from '../presence/presence.js';
import type { PushDevice, PushRegistryStore } from '../store/push-registry.js';
import { MAX_PUSH_BATCH, RecvOpt } from '../store/push-registry.js';
import { messageNotification } from './offline-notification.js';
import type { OfflinePushInfo } from './offline-push-info.js';
import { isDeadToken, type PushNotification, type PushProvider, type PushTarget } from './push-provider.js';

/** Messages waiting; beyond it notify() drops (a burst must not grow memory without bound). */
export const OFFLINE_PUSH_QUEUE_CAPACITY = 10_000;
/** Jobs running at once (each sends its messages and devices one after another). */
export const OFFLINE_PUSH_CONCURRENCY = 16;

/** One stored message of a job. */
export interface OfflinePushMessage {
  msgKey: string;
  /** The stored MsgBody (Tencent element form). */
  body: readonly unknown[];
  offlinePushInfo?: OfflinePushInfo;
  /** SendMsgControl WithMuteNotifications: push this message even to owners with receive option 1. */
  withMuteNotifications?: boolean;
}

/** Stored messages of one send batch whose recipients may need an offline push. */
export interface OfflinePushJob {
  sdkAppId: number;
  /** Users the messages are for (C2C: the receiver). The sender is never pushed. */
  recipients: readonly string[];
  from: string;
  /** The conversation as the recipients' receive options name it (c2cConvId(from, to)). */
  convId: string;
  /** In send order; notifications leave in this order. */
  messages: readonly OfflinePushMessage[];
  /** Live routes of the recipients, when the caller already read them; otherwise looked up. */
  routes?: ReadonlyMap<string, readonly Route[]>;
}

/** What a message sender (the C2C actor, batch send) holds: fire and forget. */
export interface OfflinePush {
  notify(job: OfflinePushJob): void;
}

export interface OfflinePusherDeps {
  registry: PushRegistryStore;
  presence: Pick<Presence, 'routesOf'>;
  provider: PushProvider;
  metrics: Pick<Metrics, 'offlinePushes' | 'offlinePushQueue'>;
  log: Logger;
  queueCapacity?: number;
  concurrency?: number;
}

type Outcome = 'sent' | 'failed' | 'dead_token' | 'online' | 'muted' | 'no_device' | 'no_topic' | 'push_flag_off' | 'queue_full' | 'closed' | 'error';

export class OfflinePusher implements OfflinePush {
  private readonly queue: OfflinePushJob[] = [];
  /** Messages in `queue` (the bound is on messages, as when every message was its own job). */
  private queued = 0;
  private running = 0;
  private overflowing = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly capacity: number;
  private readonly concurrency: number;

  constructor(private readonly deps: OfflinePusherDeps) {
    this.capacity = deps.queueCapacity ?? OFFLINE_PUSH_QUEUE_CAPACITY;
    this.concurrency = deps.concurrency ?? OFFLINE_PUSH_CONCURRENCY;
  }

  notify(job: OfflinePushJob): void {
    let messages = job.messages.filter((m) => m.offlinePushInfo?.PushFlag !== 1);
    this.count('push_flag_off', job.messages.length - messages.length);
    if (messages.length === 0) return;
    if (this.closed) return this.count('closed', messages.length);
    const room = this.capacity - this.queued;
    if (room < messages.length) {
      this.count('queue_full', messages.length - Math.max(room, 0));
      if (!this.overflowing) this.deps.log.warn('offline push queue full: dropping pushes', { capacity: this.capacity });
      this.overflowing = true;
      if (room <= 0) return;
      messages = messages.slice(0, room);
    } else if (this.queued < this.capacity / 2) this.overflowing = false;
    this.queue.push(messages.length === job.messages.length ? job : { ...job, messages });
    this.queued += messages.length;
    this.deps.metrics.offlinePushQueue.inc(messages.length);
    this.pump();
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking jobs, drops the queued ones, waits for the running ones. The provider is the
   *  caller's to close afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.splice(0);
    this.count('closed', this.queued);
    this.deps.metrics.offlinePushQueue.dec(this.queued);
    this.queued = 0;
    await this.idle();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const n = job.messages.length;
      this.queued -= n;
      this.running++;
      const progress = { done: 0 };
      void this.run(job, progress)
        .catch((e: unknown) => {
          this.count('error', n - progress.done);
          this.deps.log.warn('offline push job failed', { err: e });
        })
        .finally(() => {
          this.running--;
          this.deps.metrics.offlinePushQueue.dec(n);
          this.pump();
          if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  /** One read of each kind for the whole job, then the messages in order; `progress.done` counts
   *  the finished ones (a failure counts the rest as errors). */
  private async run(job: OfflinePushJob, progress: { done: number }): Promise<void> {
    const { registry, presence } = this.deps;
    const users = [...new Set(job.recipients)].filter((u) => u !== job.from);
    if (users.length === 0) return;
    const devices = await inParts(users, (part) => registry.list(job.sdkAppId, part));
    const withDevices = [...devices.keys()];
    if (withDevices.length === 0) return this.count('no_device', users.length * job.messages.length);
    const everyMuteOverride = job.messages.every((m) => m.withMuteNotifications);
    const [opts, routes] = await Promise.all([
      everyMuteOverride ? new Map<string, number>() : inParts(withDevices, (part) => registry.getRecvOpts(job.sdkAppId, part, job.convId)),
      job.routes ?? presence.routesOf(job.sdkAppId, withDevices),
    ]);
    const online = new Map(withDevices.map((u) => [u, new Set((routes.get(u) ?? []).map((r) => r.deviceId))]));
    const muted = new Set(withDevices.filter((u) => opts.get(u) === RecvOpt.NO_PUSH));
    for (const m of job.messages) {
      await this.pushMessage(job, m, users, devices, m.withMuteNotifications ? undefined : muted, online);
      progress.done++;
    }
  }

  /** One message to the devices left in `devices` (a dead token is removed from it, so later
   *  messages of the job skip it as a fresh read would). */
  private async pushMessage(
    job: OfflinePushJob,
    m: OfflinePushMessage,
    users: readonly string[],
    devices: Map<string, PushDevice[]>,
    muted: ReadonlySet<string> | undefined,
    online: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<void> {
    for (const u of users) if (!devices.has(u)) this.count('no_device');
    let notification: PushNotification | undefined;
    for (const [user, list] of devices) {
      if (muted?.has(user)) {
        this.count('muted', list.length);
        continue;
      }
      for (const d of [...list]) {
        if (online.get(user)?.has(d.deviceId)) {
          this.count('online');
          continue;
        }
        const target = targetOf(d);
        if (!target) {
          this.count('no_topic');
          continue;
        }
        notification ??= messageNotification({ from: job.from, ...m });
        if (!notification) return this.count('push_flag_off');
        if (await this.sendOne(job.sdkAppId, target, notification)) forgetToken(devices, d.token);
      }
    }
  }

  /** True when the token is dead (and has been forgotten in the registry). */
  private async sendOne(sdkAppId: number, target: PushTarget, n: PushNotification): Promise<boolean> {
    const r = await this.deps.provider.send(target, n);
    if (r.ok) {
      this.count('sent');
      return false;
    }
    if (isDeadToken(r)) {
      this.count('dead_token');
      await this.deps.registry.removeToken(sdkAppId, target.token);
      return true;
    }
    this.count('failed');
    this.deps.log.debug('offline push failed', { platform: target.platform, reason: r.reason, detail: r.detail });
    return false;
  }

  private count(outcome: Outcome, n = 1): void {
    if (n > 0) this.deps.metrics.offlinePushes.inc({ outcome }, n);
  }
}

/** Drops a dead token's devices from the job's copy; an owner left with none is dropped too. */
function forgetToken(devices: Map<string, PushDevice[]>, token: string): void {
  for (const [user, list] of devices) {
    const kept = list.filter((d) => d.token !== token);
    if (kept.length === 0) devices.delete(user);
    else if (kept.length !== list.length) devices.set(user, kept);
  }
}

/** The provider target of a registered device; APNs needs the app's topic (bundle id). */
function targetOf(d: PushDevice): PushTarget | undefined {
  if (d.platform === 'fcm') return { platform: 'fcm', token: d.token };
  if (!d.topic) return undefined;
  return { platform: 'apns', token: d.token, topic: d.topic, ...(d.sandbox ? { sandbox: true } : {}) };
}

/** A registry read of any number of users: the registry takes MAX_PUSH_BATCH per call, a group
 *  message may have more recipients. */
async function inParts<V>(users: readonly string[], read: (part: string[]) => Promise<ReadonlyMap<string, V>>): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (const part of chunks(users, MAX_PUSH_BATCH)) for (const [k, v] of await read(part)) out.set(k, v);
  return out;
}
