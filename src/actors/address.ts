// An actor's address is (kind, id); its shard is a stable hash of both. CHANGING shardOf MOVES
// EVERY ACTOR to another shard: a rolling upgrade across such a change would run two owners of
// the same state. Never change it on a cluster with data.
import { fnv1a32 } from '../lib/hash.js';

export interface ActorAddress {
  readonly kind: string;
  /** Always app-scoped: `${sdkAppId}:${...}` (invariant 5). */
  readonly id: string;
}

export const addr = (kind: string, id: string): ActorAddress => ({ kind, id });

export const shardOf = (a: ActorAddress, shardCount: number): number => fnv1a32(`${a.kind}/${a.id}`) % shardCount;

export const addrKey = (a: ActorAddress): string => `${a.kind}/${a.id}`;
