// What the social actor's handlers share for one user: the injected ports, the app's config, the
// change log, and the helpers every two-sided operation needs (peer events, limit accounting,
// webhook metadata). Built once per activation by social-actor.ts.
import type { ActorClient } from '../actors/actor.js';
import type { AppDirectory } from '../apps/app-directory.js';
import type { Bus } from '../bus/bus.js';
import type { AppConfig } from '../config/config.js';
import type { Clock } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { ProfileCustomField } from '../profiles/custom-fields.js';
import type { SocialChange, Store } from '../store/index.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';
import type { ChangeEntry, ChangeLog } from './change-log.js';
import type { LimitNameValue } from './limits.js';
import type { PeerOutbox, PeerSend } from './peer-delivery.js';
import { socialAddr, type Requester } from './social-messages.js';
import { optPlatformOf } from '../protocol/platforms.js';

export interface SocialDeps {
  store: Store;
  presence: Presence;
  bus: Bus;
  webhooks: Webhooks;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  apps: AppDirectory;
  /** Bound of each peer delivery attempt (peer-delivery.ts). */
  askTimeoutMs: number;
}

export class SocialCtx {
  constructor(
    readonly deps: SocialDeps,
    readonly sdkAppId: number,
    readonly userId: string,
    readonly changes: ChangeLog,
    private readonly outbox: PeerOutbox,
    private readonly client: Pick<ActorClient, 'tell'>,
    readonly log: Logger,
  ) {}

  get app(): AppConfig | undefined {
    return this.deps.apps.get(this.sdkAppId);
  }

  get customFields(): readonly ProfileCustomField[] {
    return this.app?.profileCustomFields ?? [];
  }

  get store(): Store {
    return this.deps.store;
  }

  now(): number {
    return this.deps.clock.nowMs();
  }

  /** Counts the hit and returns the error to answer with. */
  limit(name: LimitNameValue, code: number, info: string): ImError {
    this.deps.metrics.socialLimitHits.inc({ limit: name });
    return new ImError(code, info);
  }

  /** Appends this user's changes of a two-sided operation with the peers' sides, stored in the
   *  same store call (the outbox) and then sent; returns the changes. Each event's key is
   *  `{me}:{first change's seq}`, so a redelivery is harmless. */
  async appendWithPeers(entries: readonly ChangeEntry[], peers: readonly PeerSend[]): Promise<SocialChange[]> {
    const changes = await this.changes.append(entries, undefined, peers);
    const first = changes[0];
    if (first && peers.length) this.outbox.sendNew(first.seq, first.time, peers);
    return changes;
  }

  /** Best effort: a friend that misses it still sees the new profile on its next read. */
  tellProfileChanged(friendIds: readonly string[], tags: string[]): void {
    for (const id of friendIds) this.client.tell(socialAddr(this.sdkAppId, id), { t: 'profile', from: this.userId, tags });
  }

  /** Webhook metadata of the requester: RESTAPI for the admin, the device's platform otherwise. */
  meta(req: Requester): CallbackMeta {
    return {
      ...(req.clientIp ? { clientIp: req.clientIp } : {}),
      optPlatform: req.by === 'admin' ? 'RESTAPI' : optPlatformOf(req.platform),
    };
  }

  /** Requester_Account / Operator_Account of the webhooks. */
  operator(req: Requester): string {
    return req.by === 'admin' ? req.identifier : this.userId;
  }
}
