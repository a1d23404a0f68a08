// Bad input through a real uWS socket: every malformed frame is answered with its code and the
// socket stays open; oversized frames close with 1009; silent sockets hit the login deadline.
// After each case a brand-new connection is still served.
import { encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Err, Op, type ErrorFrame, type ReplyFrame } from '../../../src/protocol/index.js';
import { UWS_HARD_FRAME_FACTOR } from '../../../src/edge/ws-handlers.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket } from '../../support/ws-client.js';

const MAX_FRAME = 4096;
let node: InprocNode;
const sockets: TestSocket[] = [];
const connect = async () => {
  const s = await TestSocket.open(node.wsUrl());
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  node = await startInprocNode({ limits: { maxFrameBytes: MAX_FRAME, loginTimeoutMs: 1_500 } });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await node.stop();
});

async function stillServes(): Promise<void> {
  const s = await connect();
  const r = await s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId: 'probe', userSig: node.sig('probe'), platform: 'Android', deviceId: `p${Math.random()}` });
  expect(r.c).toBe(Err.OK);
  s.close();
}

const counter = async (name: 'wsProtocolErrors' | 'wsFrameTooLarge', code?: number): Promise<number> => {
  const m = await node.metrics[0]![name].get();
  return m.values.filter((v) => code === undefined || v.labels.code === String(code)).reduce((a, v) => a + v.value, 0);
};

describe('malformed frames are answered, the socket stays open', () => {
  const unsolicited: [string, Uint8Array][] = [
    ['garbage bytes', new Uint8Array([0xc1, 0xff, 0x00, 0x13])],
    ['truncated MessagePack', encode({ op: Op.LOGIN, id: 1, d: { userId: 'x'.repeat(20) } }).subarray(0, 12)],
    ['a non-map', encode([Op.HEARTBEAT, 1])],
    ['a map without a request id', encode({ op: Op.HEARTBEAT })],
  ];
  it.each(unsolicited)('%s gets ERROR BAD_FRAME', async (_name, bytes) => {
    const before = await counter('wsProtocolErrors', Err.BAD_FRAME);
    const s = await connect();
    s.sendRaw(bytes);
    const f = (await s.next((x) => x.op === Op.ERROR)) as ErrorFrame;
    expect(f.c).toBe(Err.BAD_FRAME);
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    expect(await counter('wsProtocolErrors', Err.BAD_FRAME)).toBe(before + 1);
    await stillServes();
  });

  it('a text frame gets ERROR BAD_FRAME', async () => {
    const s = await connect();
    s.sendRaw(new TextEncoder().encode('{"op":3,"id":1}'), false);
    expect(((await s.next((x) => x.op === Op.ERROR)) as ErrorFrame).c).toBe(Err.BAD_FRAME);
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
  });

  const replied: [string, Record<string, unknown>, number][] = [
    ['an unknown op', { op: 77, id: 41 }, Err.UNKNOWN_OP],
    ['a server op sent by the client', { op: Op.REPLY, id: 42 }, Err.UNKNOWN_OP],
    ['LOGIN with wrong field types', { op: Op.LOGIN, id: 43, d: { sdkAppId: 'x', userId: 1, userSig: 2, platform: 'Web', deviceId: 'd' } }, Err.INVALID_PARAMETERS],
    ['LOGIN with an unknown platform', { op: Op.LOGIN, id: 44, d: { sdkAppId: 1, userId: 'u', userSig: 's', platform: 'Fridge', deviceId: 'd' } }, Err.INVALID_PARAMETERS],
    ['LOGOUT before login', { op: Op.LOGOUT, id: 45 }, Err.NOT_LOGGED_IN],
  ];
  it.each(replied)('%s gets a REPLY with its code and the request id', async (_name, frame, code) => {
    const s = await connect();
    s.send(frame);
    const r = (await s.next((x) => x.op === Op.REPLY)) as ReplyFrame;
    expect([r.id, r.c]).toEqual([frame.id, code]);
    expect(r.m.length).toBeGreaterThan(0);
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    await stillServes();
  });
});

describe('oversized frames', () => {
  it('close the socket with 1009 and count wsFrameTooLarge', async () => {
    const before = await counter('wsFrameTooLarge');
    const s = await connect();
    s.send({ op: Op.HEARTBEAT, id: 1, pad: 'x'.repeat(MAX_FRAME) });
    expect((await s.waitClosed()).code).toBe(CloseCode.FRAME_TOO_LARGE);
    expect(await counter('wsFrameTooLarge')).toBe(before + 1);
    await stillServes();
  });

  it('a frame exactly at the limit is still accepted', async () => {
    const s = await connect();
    const base = encode({ op: Op.HEARTBEAT, id: 7, pad: '' }).byteLength + 2; // str8 -> str16 header growth
    const bytes = encode({ op: Op.HEARTBEAT, id: 7, pad: 'x'.repeat(MAX_FRAME - base) });
    expect(bytes.byteLength).toBe(MAX_FRAME);
    s.sendRaw(bytes);
    expect(((await s.next((x) => x.op === Op.REPLY)) as ReplyFrame).c).toBe(Err.OK);
  });

  it('past the hard limit uWS drops the socket itself; it is still counted', async () => {
    const before = await counter('wsFrameTooLarge');
    const s = await connect();
    s.sendRaw(new Uint8Array(MAX_FRAME * UWS_HARD_FRAME_FACTOR + 100));
    const closed = await s.waitClosed();
    expect([CloseCode.FRAME_TOO_LARGE, 1006]).toContain(closed.code);
    expect(await counter('wsFrameTooLarge')).toBe(before + 1);
    await stillServes();
  });
});

describe('login deadline', () => {
  it('closes a socket that never logs in with LOGIN_TIMEOUT, even if it heartbeats', async () => {
    const s = await connect();
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    expect((await s.waitClosed()).code).toBe(CloseCode.LOGIN_TIMEOUT);
    expect((await node.metrics[0]!.wsLoginTimeouts.get()).values[0]?.value).toBeGreaterThanOrEqual(1);
    await stillServes();
  });

  it('leaves a logged-in socket open past the deadline', async () => {
    const s = await connect();
    const r = await s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId: 'stay', userSig: node.sig('stay'), platform: 'Web', deviceId: 'w' });
    expect(r.c).toBe(Err.OK);
    await new Promise((res) => setTimeout(res, 2_000));
    expect(s.isOpen).toBe(true);
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
  });
});
