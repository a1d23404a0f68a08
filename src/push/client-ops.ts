// The offline-push ops of the client protocol on the edge (docs/protocol.md, offline push). A
// token is always registered for the logged-in user and the socket's own LOGIN deviceId, so a
// device can only change its own registration. Token alphabets are checked with the push
// services' rules (apns-wire/fcm-wire) so a token that could never work is refused at once (6017).
// Receive options name the C2C conversation with `peer`; they live in the registry store.
import { isImError } from '../lib/errors.js';
import { c2cConvId } from '../conversations/c2c-messages.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { PushFrame, PushResults, RecvOptWire } from '../protocol/push-frames.js';
import type { PushRegistryStore } from '../store/push-registry.js';
import { isApnsDeviceToken } from './apns-wire.js';
import { isFcmToken } from './fcm-wire.js';

export interface PushOpResult {
  c: number;
  m: string;
  d?: unknown;
}

export interface PushOpDeps {
  registry: PushRegistryStore;
  nowMs: () => number;
}

export interface PushCaller {
  sdkAppId: number;
  userId: string;
  /** The LOGIN deviceId of the socket. */
  deviceId: string;
}

const ok = (d?: unknown): PushOpResult => (d === undefined ? { c: Err.OK, m: '' } : { c: Err.OK, m: '', d });
const invalid = (m: string): PushOpResult => ({ c: Err.INVALID_PARAMETERS, m });

export async function runPushOp(deps: PushOpDeps, caller: PushCaller, frame: PushFrame): Promise<PushOpResult> {
  try {
    return await run(deps, caller, frame);
  } catch (e) {
    if (isImError(e)) return { c: e.code, m: e.info };
    return { c: Err.INTERNAL, m: 'internal error' };
  }
}

async function run(deps: PushOpDeps, c: PushCaller, frame: PushFrame): Promise<PushOpResult> {
  const { registry } = deps;
  switch (frame.op) {
    case Op.PUSH_TOKEN_SET: {
      const d = frame.d;
      if (d.platform === 'apns' && !isApnsDeviceToken(d.token)) return invalid('token is not an APNs device token (16-200 hex characters)');
      if (d.platform === 'fcm' && !isFcmToken(d.token)) return invalid('token is not an FCM registration token (printable ASCII, no spaces)');
      await registry.put(c.sdkAppId, c.userId, {
        deviceId: c.deviceId,
        platform: d.platform,
        token: d.token,
        updatedAt: deps.nowMs(),
        ...(d.platform === 'apns' ? { topic: d.topic!, ...(d.sandbox ? { sandbox: true } : {}) } : {}),
      });
      return ok();
    }
    case Op.PUSH_TOKEN_REMOVE: {
      const r: PushResults[typeof Op.PUSH_TOKEN_REMOVE] = { removed: await registry.remove(c.sdkAppId, c.userId, c.deviceId) };
      return ok(r);
    }
    case Op.CONV_RECV_OPT_SET:
      await registry.setRecvOpt(c.sdkAppId, c.userId, c2cConvId(c.userId, frame.d.peer), frame.d.opt);
      return ok();
    case Op.CONV_RECV_OPT_GET: {
      const peers = [...new Set(frame.d.peers)];
      const got = await Promise.all(peers.map((p) => registry.getRecvOpts(c.sdkAppId, [c.userId], c2cConvId(c.userId, p))));
      const byPeer = new Map(peers.map((p, i) => [p, (got[i]!.get(c.userId) ?? 0) as RecvOptWire]));
      const r: PushResults[typeof Op.CONV_RECV_OPT_GET] = { opts: frame.d.peers.map((peer) => ({ peer, opt: byPeer.get(peer)! })) };
      return ok(r);
    }
  }
}
