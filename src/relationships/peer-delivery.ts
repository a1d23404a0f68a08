// Durable delivery of peer-side events (the transactional outbox of two-sided operations): the
// caller's change log append also stores each peer event (change-log.ts, store peer-outbox.ts),
// so once the caller is answered the event survives a crash. This class sends them without
// awaiting inside a turn (rule B5.2): at once after the append, and by a sweep that runs on
// activation and every PEER_OUTBOX_SWEEP_MS while events are pending, oldest first. A peer's
// events go one at a time in seq order (a stalled peer's new events wait for the sweep), so a
// retry never overtakes a newer event. An accepted event is cleared; a refused one, or one older
// than PEER_OUTBOX_GIVE_UP_MS, is given up (counted). Redelivery is at-least-once: the receiver
// de-duplicates by key (change-log.ts, its bound in docs/social-graph.md).
// Gotcha: sweeps need an active actor; after a crash the outbox waits for the user's next message.
import type { ActorClient } from '../actors/actor.js';
import type { Clock } from '../lib/clock.js';
import { isImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { PeerOutboxEvent, PeerOutboxRef, Store } from '../store/index.js';
import { MAX_SOCIAL_BATCH } from '../store/relationships.js';
import { MAX_SOCIAL_CHANGES_PER_READ } from '../store/social-changes.js';
import { socialAddr, type PeerEvent } from './social-messages.js';

/** Sweep period while events are pending; below the actor idle time so the actor stays active. */
export const PEER_OUTBOX_SWEEP_MS = 10_000;
/** An event still refused after this long (from its change's time) is given up. */
export const PEER_OUTBOX_GIVE_UP_MS = 24 * 3600 * 1000;
/** Most outbox events one sweep reads; the rest wait for the next sweep. */
export const PEER_OUTBOX_SWEEP_MAX = 5 * MAX_SOCIAL_CHANGES_PER_READ;

/** Failures worth another attempt: the turn may not have run, or ran and its answer was lost. */
const RETRYABLE = new Set<number>([Err.REQUEST_TIMEOUT, Err.SERVER_OVERLOADED, Err.INTERNAL]);

/** One peer's side of an operation, before it has a seq. */
export interface PeerSend {
  peerId: string;
  ev: PeerEvent;
}

export interface PeerOutboxDeps {
  client: ActorClient;
  store: Pick<Store, 'socialChanges'>;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'socialPeerDeliveryFailures'>;
  /** Bound of each delivery attempt. */
  timeoutMs: number;
  /** Asks for a sweep turn after `ms` (ctx.schedule of a `{ t: 'outbox' }` message). */
  scheduleSweep(ms: number): void;
}

/** The idempotency key of the events of this user's change at `seq`. */
export const peerKey = (userId: string, seq: number): string => `${userId}:${seq}`;

export class PeerOutbox {
  /** Tail of each peer's in-order sends in this activation. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly busy = new Map<string, number>();
  /** Peers whose last send failed: their events wait for the next sweep, in order. */
  private readonly stalled = new Set<string>();
  private sweepDue = false;

  constructor(
    private readonly d: PeerOutboxDeps,
    private readonly sdkAppId: number,
    private readonly userId: string,
  ) {}

  /** Right after the append that stored them: sends each event behind earlier ones to its peer. */
  sendNew(seq: number, time: number, peers: readonly PeerSend[]): void {
    for (const p of peers) {
      if (this.stalled.has(p.peerId)) this.dueSweep();
      else this.enqueue({ seq, peerId: p.peerId, time, event: p.ev });
    }
  }

  /** Removes outbox events above `lastSeq`: left by an append that failed, so never acknowledged;
   *  must run before those seqs are appended again. Returns the events at or below it, when the
   *  first page held the whole outbox (so a quiet activation costs one read). */
  async dropOrphans(lastSeq: number): Promise<PeerOutboxEvent[] | undefined> {
    const log = this.d.store.socialChanges;
    const first = await log.pendingPeerEvents(this.sdkAppId, this.userId, undefined, MAX_SOCIAL_CHANGES_PER_READ);
    const whole = first.length < MAX_SOCIAL_CHANGES_PER_READ;
    let orphans = first.filter((e) => e.seq > lastSeq);
    if (!whole) orphans = await this.readAll({ seq: lastSeq + 1, peerId: '' }, Number.MAX_SAFE_INTEGER);
    if (orphans.length) this.d.log.warn('dropping peer events of a failed append', { events: orphans.length, lastSeq });
    await this.clearOrThrow(orphans);
    return whole ? first.filter((e) => e.seq <= lastSeq) : undefined;
  }

  /** Re-sends pending events (up to PEER_OUTBOX_SWEEP_MAX) oldest first; a peer whose sends are
   *  still in flight is left for the next sweep. Runs inside a turn but awaits no actor. */
  async sweep(lastSeq: number, known?: PeerOutboxEvent[]): Promise<void> {
    this.sweepDue = false;
    const pending = known ?? (await this.readAll(undefined, PEER_OUTBOX_SWEEP_MAX));
    const expired: PeerOutboxEvent[] = [];
    const byPeer = new Map<string, PeerOutboxEvent[]>();
    for (const e of pending) {
      if (e.seq > lastSeq) continue; // dropped by dropOrphans before its seq is reused
      if (this.d.clock.nowMs() - e.time > PEER_OUTBOX_GIVE_UP_MS) expired.push(e);
      else if (!this.busy.has(e.peerId)) byPeer.set(e.peerId, [...(byPeer.get(e.peerId) ?? []), e]);
    }
    if (expired.length) await this.giveUp(expired, 'older than the give-up bound');
    for (const [peerId, events] of byPeer) {
      this.stalled.delete(peerId);
      for (const e of events) this.enqueue(e);
    }
    if (pending.length > expired.length) this.dueSweep();
  }

  private enqueue(e: PeerOutboxEvent): void {
    this.busy.set(e.peerId, (this.busy.get(e.peerId) ?? 0) + 1);
    const tail = (this.chains.get(e.peerId) ?? Promise.resolve()).then(() => this.deliver(e));
    const done = tail.finally(() => {
      const n = (this.busy.get(e.peerId) ?? 1) - 1;
      if (n > 0) this.busy.set(e.peerId, n);
      else {
        this.busy.delete(e.peerId);
        if (this.chains.get(e.peerId) === done) this.chains.delete(e.peerId);
      }
    });
    this.chains.set(e.peerId, done);
  }

  private async deliver(e: PeerOutboxEvent): Promise<void> {
    // An earlier event to this peer failed: this one must not overtake it.
    if (this.stalled.has(e.peerId)) return;
    const msg = { t: 'peer', from: this.userId, key: peerKey(this.userId, e.seq), ev: e.event as PeerEvent };
    try {
      await this.d.client.ask(socialAddr(this.sdkAppId, e.peerId), msg, { timeoutMs: this.d.timeoutMs });
    } catch (err) {
      if (isImError(err) && !RETRYABLE.has(err.code)) return this.giveUp([e], `refused: ${err.code}`);
      this.stalled.add(e.peerId);
      this.dueSweep();
      return;
    }
    await this.clear([e]);
  }

  private async giveUp(events: readonly PeerOutboxEvent[], why: string): Promise<void> {
    this.d.metrics.socialPeerDeliveryFailures.inc(events.length);
    for (const e of events) this.d.log.warn('peer event given up', { to: e.peerId, key: peerKey(this.userId, e.seq), event: (e.event as PeerEvent).e, why });
    await this.clear(events);
  }

  /** Best effort: an event left behind is only sent again (the receiver de-duplicates). */
  private async clear(events: readonly PeerOutboxRef[]): Promise<void> {
    try {
      await this.clearOrThrow(events);
    } catch (err) {
      this.d.log.warn('peer outbox not cleared', { events: events.length, err });
    }
  }

  private async clearOrThrow(events: readonly PeerOutboxRef[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_SOCIAL_BATCH) {
      const refs = events.slice(i, i + MAX_SOCIAL_BATCH).map((e) => ({ seq: e.seq, peerId: e.peerId }));
      await this.d.store.socialChanges.clearPeerEvents(this.sdkAppId, this.userId, refs);
    }
  }

  private async readAll(after: PeerOutboxRef | undefined, max: number): Promise<PeerOutboxEvent[]> {
    const out: PeerOutboxEvent[] = [];
    for (let cursor = after; out.length < max; ) {
      const page = await this.d.store.socialChanges.pendingPeerEvents(this.sdkAppId, this.userId, cursor, MAX_SOCIAL_CHANGES_PER_READ);
      out.push(...page);
      if (page.length < MAX_SOCIAL_CHANGES_PER_READ) break;
      cursor = page[page.length - 1]!;
    }
    return out;
  }

  private dueSweep(): void {
    if (this.sweepDue) return;
    this.sweepDue = true;
    this.d.scheduleSweep(PEER_OUTBOX_SWEEP_MS);
  }
}
