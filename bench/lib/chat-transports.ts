// The client side of the one-to-one workload, the same for every server under comparison: connect
// a user, send a text to another user and wait for the server's ack, and hear deliveries. One
// transport per server: ours (the SDK, ImClient), the raw uWS relay and the socket.io relay
// (bench/baselines/). All use the `ws` library underneath, so generator costs stay comparable.
import { decode, encode } from '@msgpack/msgpack';
import { io as sio } from 'socket.io-client';
import WebSocket from 'ws';
import { signUserSig } from '../../src/auth/usersig.js';
import { adminRest } from './admin-rest.js';
import { ImClient, type WebSocketCtor } from '../../src/client/index.js';

export interface ChatClient {
  send(to: string, random: number): Promise<void>;
  close(): void;
}

export type OnDeliver = (from: string, random: number) => void;

export interface ChatTransport {
  readonly name: string;
  /** Creates the accounts where the server needs them. */
  prepare(userIds: string[]): Promise<void>;
  /** i spreads users over the server's URLs. */
  connect(userId: string, i: number, onDeliver: OnDeliver): Promise<ChatClient>;
}

const body = (random: number) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: `bench ${random}` } }];
const now = () => Math.floor(Date.now() / 1000);

export interface ImTarget {
  restUrl: string;
  wsUrls: string[];
  sdkAppId: number;
  secretKey: string;
  admin: string;
}

export function imTransport(t: ImTarget): ChatTransport {
  return {
    name: 'tim-server',
    async prepare(all) {
      await adminRest({ ...t, url: t.restUrl }).importAccounts(all);
    },
    async connect(userId, i, onDeliver) {
      const c = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor, heartbeatMs: 0 });
      await c.connect(t.wsUrls[i % t.wsUrls.length]!.replace(/^http/, 'ws') + '/ws');
      await c.login({ sdkAppId: t.sdkAppId, userId, userSig: signUserSig(t.sdkAppId, t.secretKey, userId, 86400, now()), platform: 'Android', deviceId: `${userId}-bench` });
      c.on('c2cMessage', (m) => onDeliver(m.from, m.random));
      return {
        send: async (to, random) => {
          await c.c2c.send(to, { MsgBody: body(random), MsgRandom: random });
        },
        close: () => c.close(),
      };
    },
  };
}

export function rawRelayTransport(url: string): ChatTransport {
  return {
    name: 'raw uWS relay',
    prepare: async () => {},
    connect: (userId, _i, onDeliver) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?u=${encodeURIComponent(userId)}`);
        const pending = new Map<number, () => void>();
        let next = 1;
        ws.binaryType = 'nodebuffer';
        ws.on('message', (data: Buffer) => {
          const m = decode(data) as { i?: number; f?: string; b?: Array<{ MsgContent: { Text: string } }> };
          if (m.i !== undefined) {
            pending.get(m.i)?.();
            pending.delete(m.i);
          } else if (m.f !== undefined && m.b) onDeliver(m.f, Number(m.b[0]!.MsgContent.Text.slice(6)));
        });
        ws.once('error', reject);
        ws.once('open', () =>
          resolve({
            send: (to, random) =>
              new Promise<void>((done) => {
                const i = next++;
                pending.set(i, done);
                ws.send(encode({ i, to, b: body(random) }));
              }),
            close: () => ws.close(),
          }),
        );
      }),
  };
}

export function socketIoTransport(url: string): ChatTransport {
  return {
    name: 'socket.io + Redis adapter',
    prepare: async () => {},
    connect: (userId, _i, onDeliver) =>
      new Promise((resolve, reject) => {
        const s = sio(url, { transports: ['websocket'], query: { u: userId }, reconnection: false });
        s.on('msg', (m: { f: string; b: Array<{ MsgContent: { Text: string } }> }) => onDeliver(m.f, Number(m.b[0]!.MsgContent.Text.slice(6))));
        s.once('connect_error', reject);
        s.once('connect', () =>
          resolve({
            send: (to, random) => new Promise<void>((done) => void s.emit('send', { to, b: body(random) }, () => done())),
            close: () => void s.close(),
          }),
        );
      }),
  };
}
