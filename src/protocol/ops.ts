// Wire op codes of the client protocol (docs/protocol.md). Every code is an explicit number and
// NEVER changes or is reused: old clients and edges must keep understanding each other during a
// rolling upgrade. Client->server requests use 1..99, server replies/errors 100..199, server pushes
// 200..299. Add new ops at the end of their range, or inside the block reserved for their area
// (C2C messaging: requests 10..39, pushes 220..229; social graph: requests 40..69, pushes 210..219;
// groups: requests 70..99, pushes 230..249).

export const Op = {
  // Client -> server requests (each carries a request id, answered by one REPLY).
  LOGIN: 1,
  LOGOUT: 2,
  HEARTBEAT: 3,

  // C2C messaging (issue 3): send, per-conversation sync and history, conversation list, read.
  C2C_SEND: 10,
  C2C_SYNC: 11,
  C2C_HISTORY: 12,
  CONV_LIST: 13,
  C2C_READ: 14,
  C2C_RECALL: 15,
  C2C_MODIFY: 16,
  C2C_TYPING: 17,
  C2C_DELETE: 18,
  CONV_PIN: 19,
  CONV_DELETE: 20,
  C2C_RECEIPT: 21,
  // Offline push (issue 3 item 10): this device's push token, per-conversation do-not-disturb.
  PUSH_TOKEN_SET: 22,
  PUSH_TOKEN_REMOVE: 23,
  CONV_RECV_OPT_SET: 24,
  CONV_RECV_OPT_GET: 25,

  // Social graph (issue 4): profiles, friends, friend requests, friend lists, blocklist, sync.
  PROFILE_GET: 40,
  PROFILE_SET: 41,
  FRIEND_ADD: 42,
  FRIEND_RESPOND: 43,
  FRIEND_WITHDRAW: 44,
  FRIEND_REQUESTS: 45,
  FRIEND_DELETE: 46,
  FRIEND_CHECK: 47,
  FRIEND_GET: 48,
  FRIEND_GET_BY_ID: 49,
  FRIEND_UPDATE: 50,
  FRIEND_LIST_CREATE: 51,
  FRIEND_LIST_DELETE: 52,
  FRIEND_LIST_RENAME: 53,
  FRIEND_LIST_ADD: 54,
  FRIEND_LIST_REMOVE: 55,
  FRIEND_LISTS: 56,
  BLOCK_ADD: 57,
  BLOCK_REMOVE: 58,
  BLOCK_LIST: 59,
  BLOCK_CHECK: 60,
  SOCIAL_SYNC: 61,

  // Live rooms (issue 5, AVChatRoom): this socket joins or leaves a room's fan-out (room-frames.ts).
  ROOM_JOIN: 70,
  ROOM_LEAVE: 71,

  // Group client ops (issue 5): membership, messages and reads of the user's groups
  // (group-requests.ts, docs/protocol.md §3.5).
  GROUP_CREATE: 80,
  GROUP_INFO: 81,
  GROUP_JOIN: 82,
  GROUP_QUIT: 83,
  GROUP_INVITE: 84,
  GROUP_KICK: 85,
  GROUP_DECIDE: 86,
  GROUP_MODIFY: 87,
  GROUP_MEMBER_SET: 88,
  GROUP_DISMISS: 89,
  GROUP_TRANSFER: 90,
  GROUP_SEND: 91,
  GROUP_SYNC: 92,
  GROUP_HISTORY: 93,
  GROUP_READ: 94,
  GROUP_RECALL: 95,
  GROUP_MODIFY_MSG: 96,
  GROUP_RECEIPT: 97,
  GROUP_JOINED: 98,
  GROUP_MEMBERS: 99,

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
  /** Changes of the user's social graph (the change log), in seq order. */
  SOCIAL_CHANGES: 210,
  /** A C2C message of one of the user's conversations (received, or sent from another device). */
  C2C_MSG: 220,
  /** A message of one of the user's C2C conversations was recalled. */
  C2C_RECALLED: 221,
  /** A message of one of the user's C2C conversations was edited; carries the new version. */
  C2C_MODIFIED: 222,
  /** A user's read position in a C2C conversation rose: to that user's devices and to the peer's
   *  (a conversation-level read receipt). */
  C2C_READ_CHANGED: 223,
  /** The peer is typing (online only, never stored). */
  C2C_PEER_TYPING: 224,
  /** One of the user's conversations was pinned, unpinned or deleted on another device. */
  CONV_CHANGED: 225,
  /** The peer read messages that asked for a receipt (IsNeedReadReceipt). */
  C2C_RECEIPTS: 226,

  // Group messages (issue 5): pushes 230..239 (src/protocol/group-frames.ts).
  /** Messages of one of the user's groups (or topics), a list per frame (one batch or tick). */
  GROUP_MSG: 230,
  GROUP_RECALLED: 231,
  GROUP_MODIFIED: 232,
  /** The user's read position in a group moved (to their own devices). */
  GROUP_READ_CHANGED: 233,
  /** A member read messages of the user's that asked for a receipt. */
  GROUP_RECEIPTS: 234,
  /** A group system notification (online only). */
  GROUP_SYSTEM: 235,
  /** Messages removed from a group's history. */
  GROUP_MSG_DELETED: 236,
} as const;

export type OpName = keyof typeof Op;
export type OpCode = (typeof Op)[OpName];

export const SOCIAL_OPS = [
  Op.PROFILE_GET,
  Op.PROFILE_SET,
  Op.FRIEND_ADD,
  Op.FRIEND_RESPOND,
  Op.FRIEND_WITHDRAW,
  Op.FRIEND_REQUESTS,
  Op.FRIEND_DELETE,
  Op.FRIEND_CHECK,
  Op.FRIEND_GET,
  Op.FRIEND_GET_BY_ID,
  Op.FRIEND_UPDATE,
  Op.FRIEND_LIST_CREATE,
  Op.FRIEND_LIST_DELETE,
  Op.FRIEND_LIST_RENAME,
  Op.FRIEND_LIST_ADD,
  Op.FRIEND_LIST_REMOVE,
  Op.FRIEND_LISTS,
  Op.BLOCK_ADD,
  Op.BLOCK_REMOVE,
  Op.BLOCK_LIST,
  Op.BLOCK_CHECK,
  Op.SOCIAL_SYNC,
] as const;
export type SocialOp = (typeof SOCIAL_OPS)[number];

export const C2C_OPS = [Op.C2C_SEND, Op.C2C_SYNC, Op.C2C_HISTORY, Op.CONV_LIST, Op.C2C_READ, Op.C2C_RECALL, Op.C2C_MODIFY, Op.C2C_TYPING, Op.C2C_DELETE, Op.CONV_PIN, Op.CONV_DELETE, Op.C2C_RECEIPT] as const;
export type C2cOp = (typeof C2C_OPS)[number];

export const PUSH_OPS = [Op.PUSH_TOKEN_SET, Op.PUSH_TOKEN_REMOVE, Op.CONV_RECV_OPT_SET, Op.CONV_RECV_OPT_GET] as const;
export type PushOp = (typeof PUSH_OPS)[number];

export const ROOM_OPS = [Op.ROOM_JOIN, Op.ROOM_LEAVE] as const;
export type RoomOp = (typeof ROOM_OPS)[number];

export const GROUP_REQUEST_OPS = [
  Op.GROUP_CREATE,
  Op.GROUP_INFO,
  Op.GROUP_JOIN,
  Op.GROUP_QUIT,
  Op.GROUP_INVITE,
  Op.GROUP_KICK,
  Op.GROUP_DECIDE,
  Op.GROUP_MODIFY,
  Op.GROUP_MEMBER_SET,
  Op.GROUP_DISMISS,
  Op.GROUP_TRANSFER,
  Op.GROUP_SEND,
  Op.GROUP_SYNC,
  Op.GROUP_HISTORY,
  Op.GROUP_READ,
  Op.GROUP_RECALL,
  Op.GROUP_MODIFY_MSG,
  Op.GROUP_RECEIPT,
  Op.GROUP_JOINED,
  Op.GROUP_MEMBERS,
] as const;
export type GroupRequestOp = (typeof GROUP_REQUEST_OPS)[number];

export const CLIENT_OPS = [Op.LOGIN, Op.LOGOUT, Op.HEARTBEAT, ...C2C_OPS, ...PUSH_OPS, ...SOCIAL_OPS, ...ROOM_OPS, ...GROUP_REQUEST_OPS] as const;
export type ClientOp = (typeof CLIENT_OPS)[number];

export const GROUP_MSG_PUSH_OPS = [Op.GROUP_MSG, Op.GROUP_RECALLED, Op.GROUP_MODIFIED, Op.GROUP_READ_CHANGED, Op.GROUP_RECEIPTS, Op.GROUP_SYSTEM, Op.GROUP_MSG_DELETED] as const;
export type GroupMsgPushOp = (typeof GROUP_MSG_PUSH_OPS)[number];

export const SERVER_OPS = [Op.REPLY, Op.ERROR, Op.KICKED, Op.DRAIN, Op.SOCIAL_CHANGES, Op.C2C_MSG, Op.C2C_RECALLED, Op.C2C_MODIFIED, Op.C2C_READ_CHANGED, Op.C2C_PEER_TYPING, Op.CONV_CHANGED, Op.C2C_RECEIPTS, ...GROUP_MSG_PUSH_OPS] as const;
export type ServerOp = (typeof SERVER_OPS)[number];

const names = new Map<number, OpName>(Object.entries(Op).map(([k, v]) => [v, k as OpName]));

/** Readable op name for logs and metric labels; 'unknown' for anything else (bounded cardinality). */
export const opName = (op: number): string => names.get(op) ?? 'unknown';

export const isClientOp = (op: number): op is ClientOp => (CLIENT_OPS as readonly number[]).includes(op);
export const isSocialOp = (op: number): op is SocialOp => (SOCIAL_OPS as readonly number[]).includes(op);
export const isC2cOp = (op: number): op is C2cOp => (C2C_OPS as readonly number[]).includes(op);
export const isPushOp = (op: number): op is PushOp => (PUSH_OPS as readonly number[]).includes(op);
export const isRoomOp = (op: number): op is RoomOp => (ROOM_OPS as readonly number[]).includes(op);
export const isGroupRequestOp = (op: number): op is GroupRequestOp => (GROUP_REQUEST_OPS as readonly number[]).includes(op);
export const isGroupMsgPushOp = (op: number): op is GroupMsgPushOp => (GROUP_MSG_PUSH_OPS as readonly number[]).includes(op);
export const isServerOp = (op: number): op is ServerOp => (SERVER_OPS as readonly number[]).includes(op);
