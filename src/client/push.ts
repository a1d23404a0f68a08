// The offline-push part of the SDK (docs/protocol.md, offline push): register this device's push
// token (APNs needs the app's bundle id as topic; sandbox for development builds), remove it on
// sign-out, and set or read a conversation's receive option (1 = no offline push from that peer).
// Runtime-neutral like the rest of the SDK.
import { Op } from '../protocol/ops.js';
import type { PushResults, RecvOptWire } from '../protocol/push-frames.js';

type Request = <T>(op: number, payload?: unknown, opts?: { timeoutMs?: number }) => Promise<T>;
type Opts = { timeoutMs?: number };

export type PushTokenRegistration = { platform: 'apns'; token: string; topic: string; sandbox?: boolean } | { platform: 'fcm'; token: string };

export class PushApi {
  constructor(private readonly request: Request) {}

  /** Registers the push token of the device this client logged in as (its LOGIN deviceId). */
  setToken(reg: PushTokenRegistration, o?: Opts): Promise<void> {
    return this.request<void>(Op.PUSH_TOKEN_SET, reg, o);
  }

  /** Forgets this device's token; resolves whether one was registered. */
  async removeToken(o?: Opts): Promise<boolean> {
    return (await this.request<PushResults[typeof Op.PUSH_TOKEN_REMOVE]>(Op.PUSH_TOKEN_REMOVE, {}, o)).removed;
  }

  /** 1 = keep receiving messages from peer but without offline push; 0 = push again. */
  setRecvOpt(peer: string, opt: RecvOptWire, o?: Opts): Promise<void> {
    return this.request<void>(Op.CONV_RECV_OPT_SET, { peer, opt }, o);
  }

  /** The receive option of each peer's conversation, in request order. */
  async recvOpts(peers: string[], o?: Opts): Promise<Array<{ peer: string; opt: RecvOptWire }>> {
    return (await this.request<PushResults[typeof Op.CONV_RECV_OPT_GET]>(Op.CONV_RECV_OPT_GET, { peers }, o)).opts;
  }
}
