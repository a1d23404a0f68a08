// Per-socket state of the edge: awaiting-login -> (logging-in ->) logged-in -> closing -> closed.
// A failed login returns to awaiting-login (the socket may try again until the login deadline).
// The uWS WebSocket is valid only from open to close: `ws` is cleared in the close handler and
// every writer checks `state` first.
import type { TimerHandle } from '../lib/clock.js';
import type { Platform } from '../protocol/platforms.js';
import type { SessionMsg } from '../sessions/session-messages.js';
import type { WebSocket } from './uws.js';

export type ConnState = 'awaiting-login' | 'logging-in' | 'logged-in' | 'closing' | 'closed';
export type DetachReason = Extract<SessionMsg, { t: 'detach' }>['reason'];

export interface ConnSession {
  sdkAppId: number;
  userId: string;
  platform: Platform;
  deviceId: string;
  since: number;
}

/** uWS user data: the Connection is created at upgrade, before the socket exists. */
export interface SocketData {
  conn: Connection;
}

export class Connection {
  state: ConnState = 'awaiting-login';
  session?: ConnSession;
  ws?: WebSocket<SocketData>;
  /** Set before the server closes the socket, so the detach tells the session actor why. */
  detachReason?: DetachReason;
  loginTimer?: TimerHandle;
  /** The login deadline passed while a login was in progress: if that login fails, the socket closes. */
  loginOverdue?: boolean;
  /** Set when the login completed (state reached logged-in); unix ms. */
  loggedInAt?: number;

  constructor(
    readonly connId: string,
    readonly clientIp: string,
  ) {}

  get open(): boolean {
    return this.state !== 'closing' && this.state !== 'closed' && this.ws !== undefined;
  }
}
