// The webhook port (spec §5): "before" callbacks ask the app backend and wait (bounded by the
// app's timeout, 2 s default); "after" callbacks go to a bounded queue and never block the caller.
// Real implementation: http.ts (POST with SdkAppid/CallbackCommand/contenttype/ClientIP/
// OptPlatform and optional RequestTime+Sign). memory.ts records calls and answers from an
// in-process handler, for one-process use and tests. Domains interpret the answered body, since
// each command has its own answer shape (C2C ErrorCode 0/1/2, Sns ResultItem, ...).

import type { CallbackCommand } from './commands.js';

export interface CallbackMeta {
  clientIp?: string;
  /** RESTAPI, Web, Android, iOS, Windows, Mac, iPad, Unknown (spec §5.1). */
  optPlatform?: string;
}

export type BeforeResult =
  /** No webhook configured for this app or command: proceed. */
  | { kind: 'skipped' }
  /** HTTP 200 with a JSON object body. */
  | { kind: 'answered'; body: Record<string, unknown> }
  /** Timeout, transport error, non-200 or non-JSON. failOpen tells the app's policy. */
  | { kind: 'failed'; failOpen: boolean; reason: string };

export interface Webhooks {
  /** Whether the app has this command configured: callers skip building bodies (and the reads
   *  some need) when it does not. before/after still check it themselves. */
  wants(sdkAppId: number, command: CallbackCommand): boolean;
  before(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): Promise<BeforeResult>;
  /** Enqueue; when the queue is full the event is dropped and counted (never blocks). */
  after(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): void;
  /** Waits for queued after-callbacks (bounded by their timeouts), then stops. */
  close(): Promise<void>;
}
