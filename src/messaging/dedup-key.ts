// Send-dedup keys of spec §7, as (scope, key, ttlSec) triples for DedupStore.remember().
// Strings in a key are length-prefixed ("3:bob") so user and group ids containing the separator
// cannot make two different tuples collide. Choices where the spec is silent: the C2C key also
// names the recipient (batchsendmsg reuses one MsgRandom for every recipient); an absent client
// MsgSeq is written "-", so retries without one dedupe on the remaining parts; the C2C content
// checksum covers the MsgBody JSON, a 0 byte, then CloudCustomData.
import type { JsonValue } from '../store/relationships.js';
import { crc32 } from './crc32.js';
import type { MsgElement } from './msg-types.js';
import { utf8Encode } from './utf8.js';

/** C2C live sends: the same (sender, MsgSeq, MsgRandom, content) within this window is a retry. */
export const C2C_DEDUP_WINDOW_SEC = 120;
/** Group sends: the same Random in the same group (or topic) within this window is discarded. */
export const GROUP_DEDUP_WINDOW_SEC = 300;
/** importmsg: (MsgSeq, MsgRandom, MsgTimeStamp) per conversation, remembered forever (TTL 0). */
export const IMPORT_DEDUP_TTL_SEC = 0;

export const DedupScope = { C2C: 'c2c', GROUP: 'group', IMPORT: 'import' } as const;
export type DedupScopeName = (typeof DedupScope)[keyof typeof DedupScope];

export interface DedupKey {
  scope: DedupScopeName;
  key: string;
  /** 0 = forever. */
  ttlSec: number;
}

const NO_SEQ = '-';

/** Joins parts unambiguously: strings length-prefixed, numbers in decimal, '|' between. */
export function joinKey(parts: readonly (string | number | undefined)[]): string {
  return parts.map((p) => (p === undefined ? NO_SEQ : typeof p === 'number' ? String(p) : `${p.length}:${p}`)).join('|');
}

/** CRC-32 of a message's content: MsgBody JSON, a 0 byte, CloudCustomData (see header). */
export function contentCrc(body: readonly MsgElement[] | readonly JsonValue[], cloudCustomData = ''): number {
  let c = crc32(utf8Encode(JSON.stringify(body)));
  c = crc32(new Uint8Array([0]), c);
  return crc32(utf8Encode(cloudCustomData), c);
}

export interface C2cSendIdentity {
  from: string;
  to: string;
  /** The client's MsgSeq, when it sent one. */
  clientSeq?: number;
  random: number;
  body: readonly MsgElement[];
  cloudCustomData?: string;
}

export function c2cSendDedupKey(m: C2cSendIdentity): DedupKey {
  const crc = contentCrc(m.body, m.cloudCustomData);
  return { scope: DedupScope.C2C, key: joinKey([m.from, m.to, m.clientSeq, m.random, crc.toString(16).padStart(8, '0')]), ttlSec: C2C_DEDUP_WINDOW_SEC };
}

/** `conv` is the group id, or the topic id for a Community topic (topic ids embed the group id). */
export function groupSendDedupKey(conv: string, random: number): DedupKey {
  return { scope: DedupScope.GROUP, key: joinKey([conv, random]), ttlSec: GROUP_DEDUP_WINDOW_SEC };
}

export interface ImportIdentity {
  from: string;
  to: string;
  clientSeq?: number;
  random: number;
  /** MsgTimeStamp, unix seconds. */
  timeSec: number;
}

/** Content is irrelevant; (from, to) and (to, from) are one conversation and give one key. */
export function importDedupKey(m: ImportIdentity): DedupKey {
  const [a, b] = m.from <= m.to ? [m.from, m.to] : [m.to, m.from];
  return { scope: DedupScope.IMPORT, key: joinKey([a, b, m.clientSeq, m.random, m.timeSec]), ttlSec: IMPORT_DEDUP_TTL_SEC };
}
