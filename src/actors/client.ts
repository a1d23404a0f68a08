// ActorClient over the Bus: ask = request on the subject of the actor's shard, tell = publish.
// While a shard has no owner (failover, handover) the bus answers no-responders, or a host that
// just gave the shard away answers not-owner: neither ran the turn, so ask retries with backoff
// until its deadline. A bus timeout is NOT retried: the turn may have run (not idempotent).
import type { Bus } from '../bus/bus.js';
import { BusError } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import type { Clock } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { ActorClient, AskOptions } from './actor.js';
import { shardOf, type ActorAddress } from './address.js';
import { decodeReply, encodeRequest } from './codec.js';

export const ASK_RETRY_FIRST_MS = 50;
export const ASK_RETRY_MAX_MS = 500;

export interface ActorClientOptions {
  bus: Bus;
  shardCount: number;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'askRetries'>;
  defaultTimeoutMs: number;
}

export function createActorClient(o: ActorClientOptions): ActorClient {
  if (!Number.isInteger(o.shardCount) || o.shardCount < 1) throw new Error(`shardCount must be a positive integer, got ${o.shardCount}`);
  const sleep = (ms: number) => new Promise<void>((resolve) => o.clock.setTimer(ms, resolve));

  const subjectOf = (to: ActorAddress): string => {
    checkAddress(to);
    return subjects.actorShard(shardOf(to, o.shardCount));
  };

  async function ask<R>(to: ActorAddress, msg: unknown, opts?: AskOptions): Promise<R> {
    const subject = subjectOf(to);
    const data = encodeRequest(to.kind, to.id, msg);
    const timeoutMs = opts?.timeoutMs ?? o.defaultTimeoutMs;
    if (!(timeoutMs > 0)) throw new ImError(Err.INVALID_PARAMETERS, `ask timeoutMs must be positive, got ${timeoutMs}`);
    const deadline = o.clock.nowMs() + timeoutMs;
    let backoff = ASK_RETRY_FIRST_MS;
    for (;;) {
      const remaining = deadline - o.clock.nowMs();
      if (remaining <= 0) throw timedOut(to, timeoutMs, 'no owner');
      let bytes: Uint8Array;
      try {
        bytes = await o.bus.request(subject, data, { timeoutMs: remaining });
      } catch (e) {
        if (!(e instanceof BusError)) throw e;
        if (e.kind === 'timeout') throw timedOut(to, timeoutMs, 'no reply');
        if (e.kind === 'closed') throw new ImError(Err.INTERNAL, `bus closed while asking ${to.kind}/${to.id}`);
        await retryPause();
        continue;
      }
      const reply = decodeReply(bytes);
      if (reply.type === 'ok') return reply.value as R;
      if (reply.type === 'error') throw new ImError(reply.code, reply.info);
      await retryPause(); // not-owner: the shard is moving
    }

    async function retryPause(): Promise<void> {
      o.metrics.askRetries.inc();
      const remaining = deadline - o.clock.nowMs();
      if (remaining > 0) await sleep(Math.min(backoff, remaining));
      backoff = Math.min(backoff * 2, ASK_RETRY_MAX_MS);
    }
  }

  return {
    ask,
    tell(to, msg) {
      const subject = subjectOf(to);
      const data = encodeRequest(to.kind, to.id, msg); // a bad message is the caller's bug: throw
      try {
        o.bus.publish(subject, data);
      } catch (e) {
        o.log.warn('actor tell not sent', { to: `${to.kind}/${to.id}`, err: e });
      }
    },
  };
}

function checkAddress(a: ActorAddress): void {
  if (typeof a?.kind !== 'string' || a.kind === '' || typeof a.id !== 'string' || a.id === '') {
    throw new ImError(Err.INVALID_PARAMETERS, `actor address needs a non-empty kind and id, got ${JSON.stringify(a)}`);
  }
}

function timedOut(to: ActorAddress, ms: number, why: string): ImError {
  return new ImError(Err.REQUEST_TIMEOUT, `${to.kind}/${to.id} did not answer within ${ms} ms (${why})`);
}
