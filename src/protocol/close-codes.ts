// WebSocket close codes the edge uses, named once for the server and the client SDK. 1000-1011
// are RFC 6455 codes; 4000-4999 is the range RFC 6455 leaves to applications.

export const CloseCode = {
  /** Client logged out, or the server closed a socket without a more specific reason. */
  NORMAL: 1000,
  /** A frame exceeded the frame limit (RFC 6455 "message too big"; uWS sends it itself). */
  FRAME_TOO_LARGE: 1009,
  /** Unexpected server failure. */
  INTERNAL: 1011,
  /** Another device took this one's place (login policy) or an admin kick; KICKED came first. */
  KICKED: 4001,
  /** No successful LOGIN within the login deadline. */
  LOGIN_TIMEOUT: 4002,
  /** The edge is shutting down; DRAIN came first. Reconnect, possibly to another edge. */
  SERVER_DRAINING: 4003,
  /** The client read too slowly and the server-side send buffer passed its limit. Reconnect and resync. */
  BACKPRESSURE: 4004,
  /** Used by the client SDK when its heartbeats go unanswered (the link is presumed dead). */
  HEARTBEAT_TIMEOUT: 4005,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
