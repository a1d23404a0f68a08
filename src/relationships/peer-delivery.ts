// At-least-once delivery of a peer-side event to another user's social actor, without awaiting
// it inside the sender's turn (rule B5.2): an ask that is retried with backoff on timeout,
// overload or a moving shard, and given up (counted, logged) after PEER_DELIVERY_ATTEMPTS. A
// timed-out ask may have run, so the receiver de-duplicates by the event's key (change-log.ts).
// Gotcha: pending retries live in this process; a crash loses them (docs/social-graph.md, consistency).
import type { ActorClient } from '../actors/actor.js';
import type { ActorAddress } from '../actors/address.js';
import type { Clock } from '../lib/clock.js';
import { isImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { SocialMsg } from './social-messages.js';

export const PEER_DELIVERY_ATTEMPTS = 5;
export const PEER_RETRY_FIRST_MS = 200;
export const PEER_RETRY_MAX_MS = 5_000;

/** Failures worth another attempt: the turn may not have run, or ran and its answer was lost. */
const RETRYABLE = new Set<number>([Err.REQUEST_TIMEOUT, Err.SERVER_OVERLOADED, Err.INTERNAL]);

export interface PeerDeliveryDeps {
  client: ActorClient;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'socialPeerDeliveryFailures'>;
  timeoutMs: number;
}

export function deliverToPeer(deps: PeerDeliveryDeps, to: ActorAddress, msg: Extract<SocialMsg, { t: 'peer' }>): void {
  const attempt = (n: number, backoff: number): void => {
    deps.client.ask(to, msg, { timeoutMs: deps.timeoutMs }).catch((e: unknown) => {
      const retryable = !isImError(e) || RETRYABLE.has(e.code);
      if (!retryable || n >= PEER_DELIVERY_ATTEMPTS) {
        deps.metrics.socialPeerDeliveryFailures.inc();
        deps.log.warn('peer event not delivered', { to: to.id, key: msg.key, event: msg.ev.e, attempts: n, err: e });
        return;
      }
      deps.clock.setTimer(backoff, () => attempt(n + 1, Math.min(backoff * 2, PEER_RETRY_MAX_MS)));
    });
  };
  attempt(1, PEER_RETRY_FIRST_MS);
}
