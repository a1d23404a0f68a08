// Baseline: the ceiling of this stack for one-to-one messaging. A bare uWebSockets.js server that
// relays MessagePack {i, to, b} from one socket to the socket of user `to` and acks {i} to the
// sender: no auth, no storage, no sequence, no actors. Users name themselves in the URL
// (/ws?u=<id>). Run as its own process: `node --import tsx bench/baselines/raw-relay-server.ts <port>`.
import { decode, encode } from '@msgpack/msgpack';
import { loadUws, type WebSocket } from '../../src/edge/uws.js';

interface Data {
  u: string;
}

const port = Number(process.argv[2] ?? 9101);
const uws = loadUws();
const sockets = new Map<string, WebSocket<Data>>();

uws
  .App()
  .ws<Data>('/ws', {
    maxPayloadLength: 64 * 1024,
    upgrade: (res, req, ctx) => {
      const u = new URLSearchParams(req.getQuery()).get('u') ?? '';
      res.upgrade({ u }, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), ctx);
    },
    open: (ws) => void sockets.set(ws.getUserData().u, ws),
    message: (ws, data) => {
      const m = decode(new Uint8Array(data)) as { i: number; to: string; b: unknown };
      const from = ws.getUserData().u;
      sockets.get(m.to)?.send(encode({ f: from, b: m.b }), true);
      ws.send(encode({ i: m.i }), true);
    },
    close: (ws) => {
      const u = ws.getUserData().u;
      if (sockets.get(u) === ws) sockets.delete(u);
    },
  })
  .listen('127.0.0.1', port, (ok) => {
    if (!ok) throw new Error(`raw relay: cannot listen on ${port}`);
    console.log(`raw relay listening on ${port}`);
  });
