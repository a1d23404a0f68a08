// Parses and checks a MsgBody (spec §3, limits §8) from a REST body or a socket frame into
// MsgElement[], keeping Tencent's field names and any unknown MsgContent fields, so toWire() is
// the identity. Order of checks: shape (90002/90007), elements (90010), then size (80002).
// Size rule: UTF-8 bytes of JSON.stringify(parsed MsgBody) plus UTF-8 bytes of CloudCustomData
// must be <= MAX_MSG_BYTES; unknown fields count, relayed bodies count where they are inlined.
import { ImError } from '../lib/errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { JsonValue } from '../store/relationships.js';
import { isPlainObject, typeName } from './json-copy.js';
import { CONTENT_TABLES, checkString, copyExtra, invalid, parseFields } from './msg-content.js';
import { MsgType, type MsgElement, type MsgTypeName } from './msg-types.js';
import { utf8Length } from './utf8.js';

/** Largest message: MsgBody JSON + CloudCustomData, in UTF-8 bytes (spec §8: 12 KB). */
export const MAX_MSG_BYTES = 12 * 1024;
/** Deepest merged-message nesting: a relay inside a relayed message is level 2 (spec §8). */
export const MAX_RELAY_DEPTH = 100;
/** Most messages in one merged message's MsgList (spec §8). */
export const MAX_RELAY_MSGS = 300;
/** Most AbstractList entries of one merged message (spec §8). */
export const MAX_RELAY_ABSTRACTS = 5;
/** At most one TIMCustomElem per message (spec §3), also inside each relayed message. */
export const MAX_CUSTOM_ELEMS = 1;

/** Label values of im_msg_limit_hits_total for the body limits. */
export const BodyLimit = {
  BYTES: 'msg_bytes',
  RELAY_DEPTH: 'relay_depth',
  RELAY_MSGS: 'relay_msgs',
  RELAY_ABSTRACTS: 'relay_abstracts',
  CUSTOM_ELEMS: 'custom_elems',
} as const;

export interface ParseBodyOptions {
  /** The message's CloudCustomData; counts toward MAX_MSG_BYTES. */
  cloudCustomData?: string;
  /** Counts limit hits; optional so pure callers (tests, clients) need no registry. */
  metrics?: Pick<Metrics, 'msgLimitHits'>;
  /** Field name for error texts (REST: 'MsgBody'). */
  name?: string;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(MsgType));

const RELAYED_MSG = {
  From_Account: { kind: 'string', required: true },
  To_Account: { kind: 'string' },
  GroupId: { kind: 'string' },
  MsgSeq: { kind: 'count' },
  MsgRandom: { kind: 'count' },
  MsgTimeStamp: { kind: 'count' },
  CloudCustomData: { kind: 'string' },
} as const;
const RELAY = { Title: { kind: 'string' }, MsgNum: { kind: 'count' }, CompatibleText: { kind: 'string' }, JsonMsgKey: { kind: 'string' } } as const;

class Walk {
  constructor(private readonly opts: ParseBodyOptions) {}

  limit(limit: (typeof BodyLimit)[keyof typeof BodyLimit], err: ImError): ImError {
    this.opts.metrics?.msgLimitHits.inc({ limit });
    return err;
  }

  /** Elements of one body (top level or a relayed message's MsgBody); `level` = relay nesting. */
  elements(raw: unknown[], path: string, level: number): MsgElement[] {
    let customs = 0;
    return raw.map((el, i) => {
      const parsed = this.element(el, `${path}[${i}]`, level);
      if (parsed.MsgType === MsgType.CUSTOM && ++customs > MAX_CUSTOM_ELEMS) {
        throw this.limit(BodyLimit.CUSTOM_ELEMS, invalid(`${path} has more than ${MAX_CUSTOM_ELEMS} TIMCustomElem`));
      }
      return parsed;
    });
  }

  element(raw: unknown, path: string, level: number): MsgElement {
    if (!isPlainObject(raw)) throw invalid(`${path} must be an object, got ${typeName(raw)}`);
    const type = Object.hasOwn(raw, 'MsgType') ? raw['MsgType'] : undefined;
    if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
      const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeName(type);
      throw invalid(`${path}.MsgType ${type === undefined ? 'is missing' : `${shown} is not a known element type`}`);
    }
    const content = Object.hasOwn(raw, 'MsgContent') ? raw['MsgContent'] : undefined;
    const at = `${path}.MsgContent`;
    // Element-level fields other than MsgType/MsgContent are not part of the format and are dropped.
    if (type === MsgType.RELAY) return { MsgType: type, MsgContent: this.relay(content, at, level + 1) } as MsgElement;
    const table = CONTENT_TABLES[type as Exclude<MsgTypeName, typeof MsgType.RELAY>];
    return { MsgType: type, MsgContent: parseFields(table, content, at) } as MsgElement;
  }

  relay(raw: unknown, path: string, level: number): Record<string, unknown> {
    if (level > MAX_RELAY_DEPTH) throw this.limit(BodyLimit.RELAY_DEPTH, invalid(`${path}: merged messages nest deeper than ${MAX_RELAY_DEPTH} levels`));
    const out = parseFields(RELAY, raw, path, (name, v, at) => {
      if (name === 'AbstractList') {
        if (!Array.isArray(v)) throw invalid(`${at} must be an array of strings, got ${typeName(v)}`);
        if (v.length > MAX_RELAY_ABSTRACTS) throw this.limit(BodyLimit.RELAY_ABSTRACTS, invalid(`${at} has ${v.length} entries, at most ${MAX_RELAY_ABSTRACTS}`));
        return v.map((s, i) => checkString(s, `${at}[${i}]`));
      }
      if (name === 'MsgList') return this.relayList(v, at, level);
      return copyExtra(v, at);
    });
    const inline = Object.hasOwn(out, 'MsgList');
    if (inline === Object.hasOwn(out, 'JsonMsgKey')) throw invalid(`${path} needs exactly one of MsgList and JsonMsgKey`);
    if (!inline && out['JsonMsgKey'] === '') throw invalid(`${path}.JsonMsgKey must not be empty`);
    return out;
  }

  relayList(v: unknown, path: string, level: number): unknown[] {
    if (!Array.isArray(v) || v.length === 0) throw invalid(`${path} must be a non-empty array, got ${typeName(v)}`);
    if (v.length > MAX_RELAY_MSGS) throw this.limit(BodyLimit.RELAY_MSGS, invalid(`${path} has ${v.length} messages, at most ${MAX_RELAY_MSGS}`));
    return v.map((m, i) =>
      parseFields(RELAYED_MSG, m, `${path}[${i}]`, (name, x, at) => {
        if (name !== 'MsgBody') return copyExtra(x, at);
        if (!Array.isArray(x) || x.length === 0) throw invalid(`${at} must be a non-empty array`);
        return this.elements(x, at, level);
      }),
    ).map((m, i) => {
      if (!Object.hasOwn(m, 'MsgBody')) throw invalid(`${path}[${i}].MsgBody is required`);
      return m;
    });
  }
}

/** Bytes a message counts against MAX_MSG_BYTES (see the header for the rule). */
export function messageBytes(body: readonly MsgElement[], cloudCustomData?: string): number {
  return utf8Length(JSON.stringify(body)) + (cloudCustomData === undefined ? 0 : utf8Length(cloudCustomData));
}

/**
 * The checked MsgBody. Throws ImError: 90002 missing or empty, 90007 not an array, 90010 a bad
 * element (unknown MsgType, malformed MsgContent, two TIMCustomElem, relay limits), 80002 too big.
 */
export function parseMsgBody(raw: unknown, opts: ParseBodyOptions = {}): MsgElement[] {
  const name = opts.name ?? 'MsgBody';
  if (raw === undefined || raw === null) throw new ImError(Err.MSG_BODY_INVALID, `${name} is required`);
  if (!Array.isArray(raw)) throw new ImError(Err.MSG_BODY_NOT_ARRAY, `${name} must be an array, got ${typeName(raw)}`);
  if (raw.length === 0) throw new ImError(Err.MSG_BODY_INVALID, `${name} must not be empty`);
  const walk = new Walk(opts);
  const body = walk.elements(raw, name, 0);
  const bytes = messageBytes(body, opts.cloudCustomData);
  if (bytes > MAX_MSG_BYTES) {
    throw walk.limit(BodyLimit.BYTES, new ImError(Err.MSG_TOO_LONG, `message is ${bytes} bytes (MsgBody JSON + CloudCustomData), at most ${MAX_MSG_BYTES}`));
  }
  return body;
}

/** The wire / stored form: parsed bodies already use Tencent's names and plain JSON values. */
export const toWire = (elements: readonly MsgElement[]): JsonValue[] => elements as unknown as JsonValue[];
