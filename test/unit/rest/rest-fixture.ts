// A REST gateway wired to in-process implementations, plus helpers to call it the way an app
// backend does: admin UserSigs from the OFFICIAL tls-sig-api-v2 package (CommonJS, loaded with
// createRequire), real RestRequests, JSON answers. The package signs with the wall clock, so the
// FakeClock starts at the real time and tests move it forward for expiry/kick/rate cases.
import { createRequire } from 'node:module';
import type { ActorClient, AskOptions } from '../../../src/actors/actor.js';
import type { ActorAddress } from '../../../src/actors/address.js';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { DEFAULT_LIMITS, type AppConfig, type Limits } from '../../../src/config/config.js';
import { createLogger, type Logger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import type { Presence } from '../../../src/presence/presence.js';
import type { CommandTable } from '../../../src/rest/context.js';
import { createRestGateway, type RestGateway, type RestRequest } from '../../../src/rest/gateway.js';
import type { Store } from '../../../src/store/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { MemoryWebhooks } from '../../../src/webhooks/memory.js';
import { FakeClock } from '../../support/fake-clock.js';

const require = createRequire(import.meta.url);
const { Api } = require('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(userId: string, expireSec: number): string };
};

export const APP_ID = 1400000001;
export const APP_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const OTHER_APP_ID = 1400000002;
export const OTHER_APP_KEY = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
export const ADMIN = 'administrator';
export const DAY = 86_400;

/** Official-package UserSig, issued now (wall clock). */
export const officialSig = (sdkAppId: number, key: string, userId: string, expireSec = DAY): string =>
  new Api(sdkAppId, key).genUserSig(userId, expireSec);

export function testApp(over: Partial<AppConfig> = {}): AppConfig {
  return {
    sdkAppId: APP_ID,
    secretKey: APP_KEY,
    admins: [ADMIN],
    name: 'test',
    loginPolicy: 'multi',
    restRatePerSec: 1000,
    ...over,
  };
}

export interface RecordedMessage {
  to: ActorAddress;
  msg: unknown;
}

/** ActorClient that records tells and asks; ask answers through `onAsk` (default: 0 devices). */
export class RecordingActors implements ActorClient {
  readonly told: RecordedMessage[] = [];
  readonly asked: Array<RecordedMessage & { opts?: AskOptions }> = [];
  onAsk: (to: ActorAddress, msg: unknown) => unknown = () => 0;

  tell(to: ActorAddress, msg: unknown): void {
    this.told.push({ to, msg });
  }

  async ask<R>(to: ActorAddress, msg: unknown, opts?: AskOptions): Promise<R> {
    this.asked.push({ to, msg, ...(opts ? { opts } : {}) });
    return (await this.onAsk(to, msg)) as R;
  }
}

export interface Fixture {
  gateway: RestGateway;
  store: Store;
  presence: Presence;
  actors: RecordingActors;
  webhooks: MemoryWebhooks;
  clock: FakeClock;
  metrics: Metrics;
  logs: string[];
  limits: Limits;
  /** POST /v4/{api} as the admin of APP_ID; returns the parsed answer. */
  call(api: string, body: unknown, opts?: CallOptions): Promise<Record<string, unknown>>;
  /** The raw reply for a hand-made request. */
  raw(req: Partial<RestRequest>): Promise<{ status: number; json: Record<string, unknown> }>;
}

export interface CallOptions {
  /** Replaces the whole query string. */
  query?: string;
  sig?: string;
  identifier?: string;
  sdkAppId?: number | string;
}

export function adminQuery(o: { sdkAppId?: number | string; identifier?: string; sig?: string } = {}): string {
  const p = new URLSearchParams({
    sdkappid: String(o.sdkAppId ?? APP_ID),
    identifier: o.identifier ?? ADMIN,
    usersig: o.sig ?? officialSig(APP_ID, APP_KEY, o.identifier ?? ADMIN),
    random: String(Math.floor(Math.random() * 0xffffffff)),
    contenttype: 'json',
  });
  return p.toString();
}

export function makeFixture(opts: {
  apps?: AppConfig[];
  /** Built on the fixture's clock; absent = a presence that fails any use. */
  presence?: (clock: FakeClock) => Presence;
  store?: Store;
  limits?: Partial<Limits>;
  commands?: CommandTable;
} = {}): Fixture {
  const clock = new FakeClock(Date.now());
  const store = opts.store ?? createMemoryStore();
  const actors = new RecordingActors();
  const metrics = createMetrics();
  const logs: string[] = [];
  const log: Logger = createLogger('debug', {}, (l) => logs.push(l));
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const apps = new AppDirectory(opts.apps ?? [testApp()]);
  const webhooks = new MemoryWebhooks({ apps, clock, log, metrics, limits });
  const presence = opts.presence?.(clock) ?? unusedPresence;
  const gateway = createRestGateway(
    { apps, store, actors, presence, webhooks, clock, log, metrics, limits },
    opts.commands ? { commands: opts.commands } : {},
  );

  const raw: Fixture['raw'] = async (req) => {
    const reply = await gateway.handle({
      method: 'POST',
      path: '/v4/im_open_login_svc/account_check',
      query: adminQuery(),
      body: new TextEncoder().encode('{}'),
      clientIp: '127.0.0.1',
      ...req,
    });
    return { status: reply.status, json: JSON.parse(reply.body) as Record<string, unknown> };
  };

  const call: Fixture['call'] = async (api, body, o = {}) => {
    const query =
      o.query ??
      adminQuery({
        ...(o.sdkAppId !== undefined ? { sdkAppId: o.sdkAppId } : {}),
        ...(o.identifier !== undefined ? { identifier: o.identifier } : {}),
        ...(o.sig !== undefined ? { sig: o.sig } : {}),
      });
    const r = await raw({ path: `/v4/${api}`, query, body: new TextEncoder().encode(JSON.stringify(body)) });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
    return r.json;
  };

  return { gateway, store, presence, actors, webhooks, clock, metrics, logs, limits, call, raw };
}

/** For tests that never reach presence: any use is a test bug. */
const unusedPresence: Presence = new Proxy({} as Presence, {
  get: (_t, prop) => () => Promise.reject(new Error(`presence.${String(prop)} used by a test without presence`)),
});

/** Sum of a counter's values matching `labels` (all of them when omitted). */
export async function counterValue(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  if (!m) throw new Error(`no metric ${name}`);
  const { values } = await m.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

export const expectOk = (r: Record<string, unknown>): Record<string, unknown> => {
  if (r.ActionStatus !== 'OK' || r.ErrorCode !== 0) throw new Error(`expected OK, got ${JSON.stringify(r)}`);
  return r;
};
