// Fixtures shared by the message-store contract case files (see message-store.contract.ts).
import { randomBytes } from 'node:crypto';
import type { Store, StoredMessage } from '../../src/store/index.js';

export interface MessageCaseContext {
  store(): Store;
  /** Another handle on the same backend (same maps, environment or keyspace). */
  peer(): Promise<Store>;
  newAppId(): number;
  /** Lets `seconds` pass for expiry: a fake clock moves, a real backend waits. */
  advance(seconds: number): Promise<void>;
  /** A TTL the backend honours reliably right after a write (real TTLs have 1 s granularity). */
  shortTtlSec: number;
  /** The timeline bucket size under test (cases straddle its boundaries). */
  bucketSize: number;
}

/** A fresh conversation id. */
export const newConv = (kind = 'c2c'): string => `${kind}:${randomBytes(6).toString('hex')}`;

/** A message at seq with deterministic content. */
export const msg = (seq: number, over: Partial<StoredMessage> = {}): StoredMessage => ({
  seq,
  key: `${seq}_${1000 + seq}_1790000000`,
  from: 'alice',
  to: 'bob',
  time: 1_790_000_000 + seq,
  random: 1000 + seq,
  clientSeq: seq * 3,
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `hello ${seq}` } }],
  cloudCustomData: `ccd-${seq}`,
  flags: { recalled: false, edited: false },
  extra: { n: seq },
  ...over,
});

/** A message with every optional field left out. */
export function bareMsg(seq: number): StoredMessage {
  const m = msg(seq);
  delete m.to;
  delete m.clientSeq;
  delete m.cloudCustomData;
  return m;
}

export const seqsOf = (ms: readonly StoredMessage[]): number[] => ms.map((m) => m.seq);

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
