// Message timelines (C2C, group, topic) and per-user "delete for oneself" sets. One query per
// method, no business logic: the single writer (conversation or group actor, see seqs.ts) assigns
// seqs, builds MsgKeys and decides what a recall leaves behind; the store keeps what it is given.
// Gotchas: keys are (sdkAppId, convId, seq), convId being the opaque id the domain builds; the
// real backend splits a timeline into buckets of TIMELINE_BUCKET_SIZE seqs so no partition grows
// without bound, which is why range() may return a `next` cursor before reaching its limit.
import type { Store } from './index.js';
import type { JsonValue } from './relationships.js';

/** Seqs per timeline partition (Cassandra bucket = floor(seq / size)). Fixed per keyspace. */
export const TIMELINE_BUCKET_SIZE = 1000;
/** Most messages one range() returns. */
export const MAX_RANGE_LIMIT = 1000;
/** Most messages one appendMany() takes. */
export const MAX_APPEND_BATCH = 128;
/** Most seqs one getBySeqs() or hide() takes. */
export const MAX_SEQS_PER_CALL = 1000;
/** Widest toSeq - fromSeq + 1 one hidden() call covers. */
export const MAX_HIDDEN_SPAN = 10_000;
/** Longest retention a write may ask for: 20 years, the most Cassandra's TTL allows. */
export const MAX_TTL_SEC = 630_720_000;
/** Storage guard on a message's JSON (body, extra, cloudCustomData each); spec §8 caps bodies at 12 KB. */
export const MAX_STORED_JSON_BYTES = 64 * 1024;
/** Longest convId in UTF-8 bytes: "g:" + a group id + ":" + a topic id fits with room. */
export const MAX_CONV_ID_BYTES = 160;
/** Longest MsgKey in UTF-8 bytes. */
export const MAX_MSG_KEY_BYTES = 128;

export type JsonObject = { [key: string]: JsonValue };

export interface MessageFlags {
  recalled: boolean;
  edited: boolean;
}

/** A stored message. Optional fields are absent (never undefined-valued) when not set. */
export interface StoredMessage {
  /** Position in the conversation's timeline, >= 1, assigned by the single writer. */
  seq: number;
  /** MsgKey, "{seq}_...": unique within the conversation; the lookup key for recall and edit. */
  key: string;
  /** Sender user id; '' for system messages. */
  from: string;
  /** C2C recipient. */
  to?: string;
  /** MsgTime, unix seconds. */
  time: number;
  /** MsgRandom, uint32. */
  random: number;
  /** The client's own MsgSeq (C2C), when it sent one. */
  clientSeq?: number;
  /** MsgBody: opaque JSON elements (spec §3). */
  body: JsonValue[];
  /** CloudCustomData; an empty string is stored as absent. */
  cloudCustomData?: string;
  flags: MessageFlags;
  /** Opaque JSON map for later features (receipts wanted, priority, ...). */
  extra: JsonObject;
}

export interface WriteOptions {
  /** Seconds until the row expires (retention, spec §7: 7 days by default); 0 or absent = never. */
  ttlSec?: number;
}

export interface RangeQuery {
  /** Lowest seq wanted (inclusive); 1 when absent. */
  fromSeq?: number;
  /** Highest seq wanted (inclusive); maxSeq when absent. */
  toSeq?: number;
  /** 1..MAX_RANGE_LIMIT */
  limit: number;
  order: 'asc' | 'desc';
}

export interface RangePage {
  /** In the requested order; missing and expired seqs are skipped. */
  messages: StoredMessage[];
  /**
   * Present when part of [fromSeq, toSeq] was not scanned: pass it as the next query's fromSeq
   * (asc) or toSeq (desc). It may come with fewer than `limit` messages (a scan stops after a
   * bounded number of partitions), so page until it is absent, not until a short page.
   */
  next?: number;
}

/** What a patch replaces; absent fields are kept. The domain decides what a recall leaves. */
export interface MessagePatch {
  recalled?: boolean;
  edited?: boolean;
  body?: JsonValue[];
  /** null or '' removes it. */
  cloudCustomData?: string | null;
  /** Replaces the whole map. */
  extra?: JsonObject;
}

export interface MessageStore {
  /**
   * Stores the message at msg.seq, durably (committed / acknowledged at the configured
   * consistency) before resolving. msg.key must start with "{msg.seq}_" (every MsgKey does), so a
   * key lookup is a read at that seq and no key index is written (RangeError otherwise). Appending again at the same seq replaces
   * the row with what is passed: the same message again is a no-op (safe retry); a different one
   * is how a new owner reclaims a seq whose append never completed (see seqs.ts). A replaced
   * message's key then no longer resolves. Raises maxSeq to msg.seq if lower.
   */
  append(sdkAppId: number, convId: string, msg: StoredMessage, opts?: WriteOptions): Promise<void>;
  /**
   * append() for up to MAX_APPEND_BATCH messages of one conversation (distinct seqs), in as few
   * durable writes as the backend allows. maxSeq rises to the highest seq only once every row is
   * durable, so a crash midway never leaves maxSeq above a missing row: the next owner resumes
   * at maxSeq + 1 and reclaims the seqs of rows that did land (see append). Empty = no-op.
   */
  appendMany(sdkAppId: number, convId: string, msgs: readonly StoredMessage[], opts?: WriteOptions): Promise<void>;
  /** One page of the timeline in seq order; see RangePage for paging. */
  range(sdkAppId: number, convId: string, query: RangeQuery): Promise<RangePage>;
  /** The stored messages among `seqs` (at most MAX_SEQS_PER_CALL), ascending; missing ones left out. */
  getBySeqs(sdkAppId: number, convId: string, seqs: readonly number[]): Promise<StoredMessage[]>;
  /** The message whose MsgKey is `key`, if it is still stored (read at the seq the key names). */
  getByKey(sdkAppId: number, convId: string, key: string): Promise<StoredMessage | undefined>;
  /**
   * Applies `change` to the stored message at seq (recall, edit) and returns the result, or
   * undefined when there is no such message. The row keeps its remaining retention.
   */
  patch(sdkAppId: number, convId: string, seq: number, change: MessagePatch): Promise<StoredMessage | undefined>;
  /**
   * The highest seq of a completed append to the conversation (0 when none). Never lowers, also
   * when that message has since expired: a new owner resumes at maxSeq + 1 (see seqs.ts).
   */
  maxSeq(sdkAppId: number, convId: string): Promise<number>;
  /**
   * Hides seqs (at most MAX_SEQS_PER_CALL) from userId's view of the conversation ("delete for
   * oneself"); the messages stay for everyone else. Idempotent.
   */
  hide(sdkAppId: number, userId: string, convId: string, seqs: readonly number[], opts?: WriteOptions): Promise<void>;
  /** userId's hidden seqs within [fromSeq, toSeq] (span <= MAX_HIDDEN_SPAN), ascending. */
  hidden(sdkAppId: number, userId: string, convId: string, fromSeq: number, toSeq: number): Promise<number[]>;
}

/** The message-path stores, as each implementation's factory builds them together. */
export type MessageStores = Pick<Store, 'messages' | 'seqs' | 'conversations' | 'dedup'>;
