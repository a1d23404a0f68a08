// A minimal RFC 6455 client over node:net, for load generation only: binary frames, client
// masking, no extensions, no fragmentation. Far lighter per socket than a full client library,
// so one generator process can hold thousands of sockets and bind each to a chosen source
// address (localAddress) to spread connections over 127.0.0.0/8.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RawWs {
  send(payload: Uint8Array): void;
  /** A text frame (protocols such as Engine.IO read text and binary frames differently). */
  sendText(text: string): void;
  close(): void;
  readonly socket: Socket;
}

export interface RawWsOptions {
  host: string;
  port: number;
  path: string;
  localAddress?: string;
  /** ws: this socket (also for data that arrives in the same read as the upgrade answer). */
  onMessage(data: Uint8Array, ws: RawWs): void;
  onClose?(): void;
}

export function openRawWs(o: RawWsOptions): Promise<RawWs> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: o.host, port: o.port, localAddress: o.localAddress });
    socket.setNoDelay(true);
    const key = randomBytes(16).toString('base64');
    let upgraded = false;
    let buf: Buffer = Buffer.alloc(0);
    const ws: RawWs = {
      socket,
      send(payload) {
        socket.write(frame(payload));
      },
      sendText(text) {
        socket.write(frame(Buffer.from(text, 'utf8'), TEXT));
      },
      close() {
        socket.end();
      },
    };
    socket.once('connect', () => {
      socket.write(
        `GET ${o.path} HTTP/1.1\r\nHost: ${o.host}:${o.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101')) {
          reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        buf = buf.subarray(end + 4);
        resolve(ws);
      }
      for (;;) {
        const parsed = parseFrame(buf);
        if (!parsed) break;
        buf = buf.subarray(parsed.consumed);
        if (parsed.opcode === 0x2 || parsed.opcode === 0x1) o.onMessage(parsed.payload, ws);
        else if (parsed.opcode === 0x8) socket.end();
      }
    });
    socket.once('error', (e) => (upgraded ? undefined : reject(e)));
    socket.once('close', () => o.onClose?.());
  });
}

const BINARY = 0x82; // FIN + binary
const TEXT = 0x81; // FIN + text

function frame(payload: Uint8Array, first = BINARY): Buffer {
  const len = payload.length;
  const headLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headLen + 4 + len);
  out[0] = first;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, headLen);
  for (let i = 0; i < len; i++) out[headLen + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

function parseFrame(b: Buffer): { opcode: number; payload: Uint8Array; consumed: number } | undefined {
  if (b.length < 2) return undefined;
  const opcode = b[0]! & 0x0f;
  let len = b[1]! & 0x7f;
  let off = 2;
  if (len === 126) {
    if (b.length < 4) return undefined;
    len = b.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (b.length < 10) return undefined;
    len = Number(b.readBigUInt64BE(2));
    off = 10;
  }
  if (b.length < off + len) return undefined; // server frames are never masked
  return { opcode, payload: b.subarray(off, off + len), consumed: off + len };
}
