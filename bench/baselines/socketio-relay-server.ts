// Baseline: what a Node team would pick instead for one-to-one messaging. socket.io with its Redis
// adapter (so it could run as several nodes): each user joins the room `u:<id>`; an event
// `send` {to, b} is emitted to the recipient's room through the adapter and acknowledged to the
// sender; for live rooms, `join` and `pub` {r, b} (emitted to every member of room r). No auth,
// no storage. `node --import tsx bench/baselines/socketio-relay-server.ts <port> <redis url>`.
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 9102);
const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379';
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, { adapter: createAdapter(pub, sub), transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  const u = String(socket.handshake.query.u ?? '');
  void socket.join(`u:${u}`);
  socket.on('send', (m: { to: string; b: unknown }, ack?: () => void) => {
    io.to(`u:${m.to}`).emit('msg', { f: u, b: m.b });
    ack?.();
  });
  // The live-room workload: join a room, publish to everyone in it.
  socket.on('join', (room: string, ack?: () => void) => {
    void socket.join(`r:${room}`);
    ack?.();
  });
  socket.on('pub', (m: { r: string; b: unknown }, ack?: () => void) => {
    io.to(`r:${m.r}`).emit('rmsg', m);
    ack?.();
  });
});

http.listen(port, '127.0.0.1', () => console.log(`socket.io relay listening on ${port}`));
