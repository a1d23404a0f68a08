// A logged-in test user over the real client SDK (the `ws` package as WebSocket on Node 20),
// recording kicks and closes so tests can wait for them.
import WebSocket from 'ws';
import { ImClient } from '../../src/client/index.js';
import type { WebSocketCtor } from '../../src/client/types.js';
import type { Platform } from '../../src/protocol/platforms.js';
import { officialSig } from './rest-client.js';

export interface TestUser {
  client: ImClient;
  kicked: Promise<{ code: number; reason: string }>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function loginUser(
  wsUrl: string,
  app: { sdkAppId: number; secretKey: string },
  userId: string,
  device: { platform?: Platform; deviceId?: string; sig?: string; listen?: (client: ImClient) => void } = {},
): Promise<TestUser> {
  const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
  // Before connect, so a listener added here misses no push.
  device.listen?.(client);
  const kicked = new Promise<{ code: number; reason: string }>((r) => client.on('kicked', r));
  const closed = new Promise<{ code: number; reason: string }>((r) => client.on('close', r));
  await client.connect(wsUrl);
  await client.login({
    sdkAppId: app.sdkAppId,
    userId,
    userSig: device.sig ?? officialSig(app.sdkAppId, app.secretKey, userId),
    platform: device.platform ?? 'Android',
    deviceId: device.deviceId ?? `${userId}-device`,
  });
  return { client, kicked, closed };
}

/** Polls fn until it returns a value other than undefined, or fails after timeoutMs. */
export async function eventually<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
