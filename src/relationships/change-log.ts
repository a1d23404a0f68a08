// One user's social change log, owned by their social actor: assigns seq = last + 1 with no gaps
// (resuming from the store's maxSeq on activation, so it never steps back after failover),
// appends durably, then pushes the new changes to the user's online devices. Peer events carry
// an idempotency key kept in the change's data; the keys of the last DEDUP_WINDOW changes are
// loaded on activation, so a redelivered peer event is recognised even by a new owner.
// An append may carry the peer-side events of its operation: they are stored in the same store
// call, under the first change's seq (their key), as the outbox peer-delivery.ts sends from.
import type { Clock } from '../lib/clock.js';
import type { Metrics } from '../metrics/metrics.js';
import type { JsonValue, PeerOutboxEvent, SocialChange, Store } from '../store/index.js';
import { MAX_SOCIAL_CHANGES_PER_APPEND } from '../store/social-changes.js';
import type { ChangeKindValue } from './change-kinds.js';
import type { PeerSend } from './peer-delivery.js';

/** How many recent changes are scanned for idempotency keys on activation. */
export const DEDUP_WINDOW = 200;

export interface ChangeEntry {
  kind: ChangeKindValue;
  data: { [key: string]: JsonValue };
}

export type PushChanges = (changes: SocialChange[]) => Promise<void>;

export class ChangeLog {
  private last = 0;
  private readonly keys = new Set<string>();

  constructor(
    private readonly store: Pick<Store, 'socialChanges'>,
    private readonly sdkAppId: number,
    private readonly userId: string,
    private readonly push: PushChanges,
    private readonly clock: Clock,
    private readonly metrics: Pick<Metrics, 'socialChanges'>,
  ) {}

  get lastSeq(): number {
    return this.last;
  }

  async load(): Promise<void> {
    this.last = await this.store.socialChanges.maxSeq(this.sdkAppId, this.userId);
    if (this.last === 0) return;
    const recent = await this.store.socialChanges.changesSince(this.sdkAppId, this.userId, Math.max(0, this.last - DEDUP_WINDOW), DEDUP_WINDOW);
    for (const c of recent) this.remember(c);
  }

  /** Whether a peer event with this key was already applied. */
  seen(key: string): boolean {
    return this.keys.has(key);
  }

  /** Appends the entries (each carrying `key` when given) with the operation's peer-side events
   *  (stored with the first change, whose seq keys them) and pushes them; returns them with seqs.
   *  A failed append throws a store error, which restarts the actor: the next activation drops
   *  the outbox events it may have left before reusing the seqs (peer-delivery.ts dropOrphans). */
  async append(entries: readonly ChangeEntry[], key?: string, peers: readonly PeerSend[] = []): Promise<SocialChange[]> {
    if (entries.length === 0) return [];
    const time = this.clock.nowMs();
    const changes: SocialChange[] = entries.map((e, i) => ({
      seq: this.last + 1 + i,
      kind: e.kind,
      time,
      data: key === undefined ? e.data : { ...e.data, key },
    }));
    const outbox = peers.map((p): PeerOutboxEvent => ({ seq: changes[0]!.seq, peerId: p.peerId, time, event: p.ev }));
    for (let i = 0; i < changes.length; i += MAX_SOCIAL_CHANGES_PER_APPEND) {
      const chunk = changes.slice(i, i + MAX_SOCIAL_CHANGES_PER_APPEND);
      if (i === 0 && outbox.length) await this.store.socialChanges.appendChanges(this.sdkAppId, this.userId, chunk, outbox);
      else await this.store.socialChanges.appendChanges(this.sdkAppId, this.userId, chunk);
    }
    // Only after the append is durable: a failed append is retried by the next turn with the same seqs.
    this.last += changes.length;
    for (const c of changes) this.remember(c);
    this.metrics.socialChanges.inc(changes.length);
    await this.push(changes);
    return changes;
  }

  private remember(c: SocialChange): void {
    const key = typeof c.data === 'object' && c.data !== null && !Array.isArray(c.data) ? c.data.key : undefined;
    if (typeof key !== 'string') return;
    this.keys.add(key);
    // Bounded: the oldest keys go first (Set keeps insertion order).
    if (this.keys.size > DEDUP_WINDOW) this.keys.delete(this.keys.values().next().value as string);
  }
}
