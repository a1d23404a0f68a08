// Wire op codes of the client protocol (docs/protocol.md). Every code is an explicit number and
// NEVER changes or is reused: old clients and edges must keep understanding each other during a
// rolling upgrade. Client->server requests use 1..99, server replies/errors 100..199, server pushes
// 200..299. Add new ops at the end of their range.

export const Op = {
  // Client -> server requests (each carries a request id, answered by one REPLY).
  LOGIN: 1,
  LOGOUT: 2,
  HEARTBEAT: 3,

  // Server -> client answers.
  /** Answer to one request: echoes its id, with a code (0 = ok), a message and optional data. */
  REPLY: 100,
  /** Unsolicited error for a frame whose request id could not be read (garbage, not a map). */
  ERROR: 101,

  // Server -> client pushes.
  /** This connection was removed (another device logged in, or an admin kick); the close follows. */
  KICKED: 200,
  /** The server is shutting down: reconnect (to any edge) now; the close follows. */
  DRAIN: 201,
} as const;

export type OpName = keyof typeof Op;
export type OpCode = (typeof Op)[OpName];

export const CLIENT_OPS = [Op.LOGIN, Op.LOGOUT, Op.HEARTBEAT] as const;
export type ClientOp = (typeof CLIENT_OPS)[number];

export const SERVER_OPS = [Op.REPLY, Op.ERROR, Op.KICKED, Op.DRAIN] as const;
export type ServerOp = (typeof SERVER_OPS)[number];

const names = new Map<number, OpName>(Object.entries(Op).map(([k, v]) => [v, k as OpName]));

/** Readable op name for logs and metric labels; 'unknown' for anything else (bounded cardinality). */
export const opName = (op: number): string => names.get(op) ?? 'unknown';

export const isClientOp = (op: number): op is ClientOp => (CLIENT_OPS as readonly number[]).includes(op);
export const isServerOp = (op: number): op is ServerOp => (SERVER_OPS as readonly number[]).includes(op);
