// Offline push for stored messages: after a message is stored, notify() queues one job; a worker
// finds the recipients' registered devices, drops those online (a live route with the device's
// deviceId) and those of owners who turned offline push off for the conversation (receive option
// 1, unless the sender used WithMuteNotifications), sends the rest through the PushProvider and
// forgets tokens the service calls dead. notify() never blocks or throws: the queue and the
// number of jobs running are bounded, and a full queue drops the job (metric + one log line per
// overflow episode). Jobs run in no particular order; a push is best effort.
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence, Route } from '../presence/presence.js';
import type { PushDevice, PushRegistryStore } from '../store/push-registry.js';
import { RecvOpt } from '../store/push-registry.js';
import { messageNotification } from './offline-notification.js';
import type { OfflinePushInfo } from './offline-push-info.js';
import { isDeadToken, type PushNotification, type PushProvider, type PushTarget } from './push-provider.js';

/** Jobs waiting; beyond it notify() drops (a burst must not grow memory without bound). */
export const OFFLINE_PUSH_QUEUE_CAPACITY = 10_000;
/** Jobs running at once (each sends its devices one after another). */
export const OFFLINE_PUSH_CONCURRENCY = 16;

/** One stored message whose recipients may need an offline push. */
export interface OfflinePushJob {
  sdkAppId: number;
  /** Users the message is for (C2C: the receiver). The sender is never pushed. */
  recipients: readonly string[];
  from: string;
  /** The conversation as the recipients' receive options name it (c2cConvId(from, to)). */
  convId: string;
  msgKey: string;
  /** The stored MsgBody (Tencent element form). */
  body: readonly unknown[];
  offlinePushInfo?: OfflinePushInfo;
  /** SendMsgControl WithMuteNotifications: push even to owners with receive option 1. */
  withMuteNotifications?: boolean;
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
    if (job.offlinePushInfo?.PushFlag === 1) return this.count('push_flag_off');
    if (this.closed) return this.count('closed');
    if (this.queue.length >= this.capacity) {
      this.count('queue_full');
      if (!this.overflowing) this.deps.log.warn('offline push queue full: dropping pushes', { capacity: this.capacity });
      this.overflowing = true;
      return;
    }
    if (this.queue.length < this.capacity / 2) this.overflowing = false;
    this.queue.push(job);
    this.deps.metrics.offlinePushQueue.inc();
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
    const dropped = this.queue.splice(0);
    for (let i = 0; i < dropped.length; i++) this.count('closed');
    this.deps.metrics.offlinePushQueue.dec(dropped.length);
    await this.idle();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.run(job)
        .catch((e: unknown) => {
          this.count('error');
          this.deps.log.warn('offline push job failed', { err: e });
        })
        .finally(() => {
          this.running--;
          this.deps.metrics.offlinePushQueue.dec();
          this.pump();
          if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  private async run(job: OfflinePushJob): Promise<void> {
    const { registry, presence } = this.deps;
    const users = [...new Set(job.recipients)].filter((u) => u !== job.from);
    if (users.length === 0) return;
    const devices = await registry.list(job.sdkAppId, users);
    for (const u of users) if (!devices.has(u)) this.count('no_device');
    const withDevices = [...devices.keys()];
    if (withDevices.length === 0) return;
    const [opts, routes] = await Promise.all([
      job.withMuteNotifications ? new Map<string, number>() : registry.getRecvOpts(job.sdkAppId, withDevices, job.convId),
      job.routes ?? presence.routesOf(job.sdkAppId, withDevices),
    ]);
    let notification: PushNotification | undefined;
    for (const [user, list] of devices) {
      if (opts.get(user) === RecvOpt.NO_PUSH) {
        for (let i = 0; i < list.length; i++) this.count('muted');
        continue;
      }
      const online = new Set((routes.get(user) ?? []).map((r) => r.deviceId));
      for (const d of list) {
        if (online.has(d.deviceId)) {
          this.count('online');
          continue;
        }
        const target = targetOf(d);
        if (!target) {
          this.count('no_topic');
          continue;
        }
        notification ??= messageNotification(job);
        if (!notification) return this.count('push_flag_off');
        await this.sendOne(job.sdkAppId, target, notification);
      }
    }
  }

  private async sendOne(sdkAppId: number, target: PushTarget, n: PushNotification): Promise<void> {
    const r = await this.deps.provider.send(target, n);
    if (r.ok) return this.count('sent');
    if (isDeadToken(r)) {
      this.count('dead_token');
      await this.deps.registry.removeToken(sdkAppId, target.token);
      return;
    }
    this.count('failed');
    this.deps.log.debug('offline push failed', { platform: target.platform, reason: r.reason, detail: r.detail });
  }

  private count(outcome: Outcome): void {
    this.deps.metrics.offlinePushes.inc({ outcome });
  }
}

/** The provider target of a registered device; APNs needs the app's topic (bundle id). */
function targetOf(d: PushDevice): PushTarget | undefined {
  if (d.platform === 'fcm') return { platform: 'fcm', token: d.token };
  if (!d.topic) return undefined;
  return { platform: 'apns', token: d.token, topic: d.topic, ...(d.sandbox ? { sandbox: true } : {}) };
}
