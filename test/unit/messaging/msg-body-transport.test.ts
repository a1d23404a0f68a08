// A body at the spec's limits must survive every hop it takes: the actor codec, the MessagePack
// frame codec and the stores' JSON guard (their depth limits are sized for 100 relay levels).
import { describe, expect, it } from 'vitest';
import { assertPlain, MAX_MESSAGE_DEPTH } from '../../../src/actors/codec.js';
import { MAX_RELAY_DEPTH, parseMsgBody, toWire } from '../../../src/messaging/msg-body.js';
import { MAX_PACK_DEPTH, pack, unpack } from '../../../src/protocol/msgpack.js';
import { MAX_JSON_DEPTH, jsonCopy } from '../../../src/store/message-records.js';

function nested(levels: number): unknown[] {
  let body: unknown[] = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x', Extra: { a: { b: [1] } } } }];
  for (let i = 0; i < levels; i++) body = [{ MsgType: 'TIMRelayElem', MsgContent: { MsgList: [{ From_Account: 'a', MsgBody: body }] } }];
  return body;
}

describe('deepest legal body in transit', () => {
  const body = toWire(parseMsgBody(nested(MAX_RELAY_DEPTH)));

  it('passes the actor codec check inside a message', () => {
    expect(() => assertPlain({ type: 'send', msg: { body } })).not.toThrow();
    expect(MAX_MESSAGE_DEPTH).toBeLessThan(MAX_PACK_DEPTH);
  });

  it('round-trips through MessagePack inside a frame', () => {
    const frame = { op: 1, id: 2, p: { msgs: [{ body }] } };
    expect(unpack(pack(frame))).toEqual(frame);
  });

  it('is accepted by the stores JSON guard', () => {
    expect(jsonCopy(body, 'body')).toEqual(body);
    expect(MAX_JSON_DEPTH).toBeGreaterThanOrEqual(5 * MAX_RELAY_DEPTH + 20);
  });
});
