// Body limits (spec §3, §8): 12 KB over MsgBody JSON + CloudCustomData counted in UTF-8 bytes,
// one TIMCustomElem per message, merged-message nesting, list and abstract limits, and the
// im_msg_limit_hits_total metric for each.
import { describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { MAX_MSG_BYTES, MAX_RELAY_ABSTRACTS, MAX_RELAY_DEPTH, MAX_RELAY_MSGS, messageBytes, parseMsgBody } from '../../../src/messaging/msg-body.js';
import { CUSTOM, FACE, TEXT, clone, expectCode } from './fixtures.js';

const textBody = (text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
const EMPTY_TEXT_BYTES = JSON.stringify(textBody('')).length;

/** A text of exactly `bytes` UTF-8 bytes, mostly 3-byte characters. */
const fill = (bytes: number) => '中'.repeat(Math.floor(bytes / 3)) + 'a'.repeat(bytes % 3);

async function hits(metrics: Metrics, limit: string): Promise<number> {
  const m = await metrics.msgLimitHits.get();
  return m.values.find((v) => v.labels.limit === limit)?.value ?? 0;
}

describe('message size (80002)', () => {
  it('is 12 KB, counted in UTF-8 bytes of the body JSON', () => {
    expect(MAX_MSG_BYTES).toBe(12 * 1024);
    const exact = textBody(fill(MAX_MSG_BYTES - EMPTY_TEXT_BYTES));
    expect(messageBytes(parseMsgBody(exact))).toBe(MAX_MSG_BYTES);
    const over = textBody(fill(MAX_MSG_BYTES - EMPTY_TEXT_BYTES + 1));
    expectCode(() => parseMsgBody(over), 80002, new RegExp(`${MAX_MSG_BYTES + 1} bytes`));
  });

  it('counts bytes, not characters, including 4-byte characters and JSON escapes', () => {
    const chars = MAX_MSG_BYTES / 3; // fits by character count, not by bytes
    expectCode(() => parseMsgBody(textBody('中'.repeat(chars))), 80002);
    const emoji = '😀'.repeat(Math.floor((MAX_MSG_BYTES - EMPTY_TEXT_BYTES) / 4));
    const room = MAX_MSG_BYTES - EMPTY_TEXT_BYTES - emoji.length * 2;
    expect(() => parseMsgBody(textBody(emoji + 'a'.repeat(room)))).not.toThrow();
    expectCode(() => parseMsgBody(textBody(emoji + 'a'.repeat(room + 1))), 80002);
    // '"' is 1 byte of text but 2 bytes of JSON
    expectCode(() => parseMsgBody(textBody(fill(MAX_MSG_BYTES - EMPTY_TEXT_BYTES - 1) + '"')), 80002);
  });

  it('adds CloudCustomData to the body', () => {
    const body = textBody(fill(MAX_MSG_BYTES - EMPTY_TEXT_BYTES - 10));
    expect(() => parseMsgBody(body, { cloudCustomData: 'ü'.repeat(5) })).not.toThrow();
    expectCode(() => parseMsgBody(body, { cloudCustomData: 'ü'.repeat(5) + 'x' }), 80002);
    expect(messageBytes(parseMsgBody(body), 'ü'.repeat(5))).toBe(MAX_MSG_BYTES);
  });

  it('counts unknown MsgContent fields', () => {
    const body = textBody(fill(MAX_MSG_BYTES - EMPTY_TEXT_BYTES));
    expect(() => parseMsgBody(body)).not.toThrow();
    const withExtra = [{ MsgType: 'TIMTextElem', MsgContent: { Text: body[0]!.MsgContent.Text, X: 1 } }];
    expectCode(() => parseMsgBody(withExtra), 80002);
  });

  it('checks format before size', () => {
    expectCode(() => parseMsgBody([...textBody(fill(MAX_MSG_BYTES)), { MsgType: 'Nope', MsgContent: {} }]), 90010);
  });

  it('counts the hit', async () => {
    const metrics = createMetrics();
    expectCode(() => parseMsgBody(textBody(fill(MAX_MSG_BYTES)), { metrics }), 80002);
    expect(await hits(metrics, 'msg_bytes')).toBe(1);
  });
});

describe('one TIMCustomElem per message', () => {
  it('refuses a second custom element with 90010 and counts it', async () => {
    const metrics = createMetrics();
    expect(() => parseMsgBody([TEXT, CUSTOM, FACE])).not.toThrow();
    expectCode(() => parseMsgBody([CUSTOM, TEXT, CUSTOM], { metrics }), 90010, /more than 1 TIMCustomElem/);
    expect(await hits(metrics, 'custom_elems')).toBe(1);
  });

  it('applies per message: a relayed message may hold its own custom element', () => {
    const relay = { MsgType: 'TIMRelayElem', MsgContent: { MsgList: [{ From_Account: 'a', MsgBody: [CUSTOM] }, { From_Account: 'b', MsgBody: [CUSTOM] }] } };
    expect(() => parseMsgBody([CUSTOM, relay])).not.toThrow();
    const twice = clone(relay);
    twice.MsgContent.MsgList[0]!.MsgBody.push(CUSTOM);
    expectCode(() => parseMsgBody([twice]), 90010, /MsgList\[0\]\.MsgBody has more than 1/);
  });
});

describe('merged messages (spec §8)', () => {
  /** `levels` relays, each holding one message whose body is the next level. */
  function nested(levels: number): unknown[] {
    let body: unknown[] = [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }];
    for (let i = 0; i < levels; i++) body = [{ MsgType: 'TIMRelayElem', MsgContent: { MsgList: [{ From_Account: 'a', MsgBody: body }] } }];
    return body;
  }

  it(`nests up to ${MAX_RELAY_DEPTH} levels`, async () => {
    expect(MAX_RELAY_DEPTH).toBe(100);
    expect(() => parseMsgBody(nested(MAX_RELAY_DEPTH))).not.toThrow();
    const metrics = createMetrics();
    expectCode(() => parseMsgBody(nested(MAX_RELAY_DEPTH + 1), { metrics }), 90010, /deeper than 100 levels/);
    expect(await hits(metrics, 'relay_depth')).toBe(1);
  });

  it(`holds at most ${MAX_RELAY_MSGS} messages in a MsgList`, async () => {
    const msg = { From_Account: 'a', MsgBody: [FACE] };
    const relay = (n: number) => [{ MsgType: 'TIMRelayElem', MsgContent: { MsgList: Array.from({ length: n }, () => msg) } }];
    // 300 inline messages pass the count check but cannot fit in 12 KB: that is what JsonMsgKey is for.
    expectCode(() => parseMsgBody(relay(MAX_RELAY_MSGS)), 80002);
    const metrics = createMetrics();
    expectCode(() => parseMsgBody(relay(MAX_RELAY_MSGS + 1), { metrics }), 90010, /301 messages, at most 300/);
    expect(await hits(metrics, 'relay_msgs')).toBe(1);
    expect(() => parseMsgBody(relay(50))).not.toThrow();
  });

  it(`has at most ${MAX_RELAY_ABSTRACTS} abstracts`, async () => {
    const relay = (n: number) => [{ MsgType: 'TIMRelayElem', MsgContent: { JsonMsgKey: 'k', AbstractList: Array.from({ length: n }, (_, i) => `line ${i}`) } }];
    expect(() => parseMsgBody(relay(MAX_RELAY_ABSTRACTS))).not.toThrow();
    expect(() => parseMsgBody(relay(0))).not.toThrow();
    const metrics = createMetrics();
    expectCode(() => parseMsgBody(relay(MAX_RELAY_ABSTRACTS + 1), { metrics }), 90010, /AbstractList has 6 entries/);
    expect(await hits(metrics, 'relay_abstracts')).toBe(1);
  });
});
