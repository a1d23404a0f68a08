// The one typed configuration, parsed and validated once from the environment by the
// composition root (src/roles/*). Nothing else reads process.env. Every knob is documented in
// README.md; every limit has its default here as a named constant.
import { type GroupCustomField, parseGroupCustomFields } from '../groups/custom-field-rules.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { LogLevel } from '../lib/log.js';
import { LOGIN_POLICIES, type LoginPolicy } from '../sessions/login-policy.js';
import { parseProfileCustomFields, type ProfileCustomField } from '../profiles/custom-fields.js';
import { messagingFromEnv, parseMessagingSettings, type MessagingSettings } from './messaging-settings.js';

export type Role = 'single' | 'edge' | 'worker';
export type StoreKind = 'memory' | 'lmdb' | 'cassandra';
export type BusKind = 'memory' | 'nats';
export type PresenceKind = 'memory' | 'redis';

export interface WebhookConfig {
  url: string;
  /** When set, requests carry RequestTime and Sign = sha256(token + RequestTime) (spec §5.1). */
  token?: string;
  timeoutMs: number;
  /** Before-callbacks that time out or fail are allowed (Tencent's default) unless false. */
  failOpen: boolean;
  /** Commands to call; absent = every command. */
  commands?: string[];
}

export interface AppConfig {
  sdkAppId: number;
  secretKey: string;
  admins: string[];
  name: string;
  loginPolicy: LoginPolicy;
  webhook?: WebhookConfig;
  /** REST calls per second per API (spec §2: 200 by default). */
  restRatePerSec: number;
  /** Declared Tag_Profile_Custom_* fields (apps file only); absent = none. */
  profileCustomFields?: ProfileCustomField[];
  /** Declared group and member custom fields with who may write them (apps file only); absent = any key. */
  groupCustomFields?: GroupCustomField[];
  memberCustomFields?: GroupCustomField[];
  /** Roaming, recall, blocklist and relationship-check settings (messaging-settings.ts);
   *  loadConfig always sets it, absent = DEFAULT_MESSAGING (read through messagingOf). */
  messaging?: MessagingSettings;
}

export interface Limits {
  maxFrameBytes: number;
  maxBackpressureBytes: number;
  restBodyBytes: number;
  mailboxCapacity: number;
  actorIdleMs: number;
  askTimeoutMs: number;
  loginTimeoutMs: number;
  idleTimeoutSec: number;
  webhookQueue: number;
  drainMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 64 * 1024,
  maxBackpressureBytes: 1024 * 1024,
  restBodyBytes: 1024 * 1024,
  mailboxCapacity: 1024,
  actorIdleMs: 60_000,
  askTimeoutMs: 5_000,
  loginTimeoutMs: 10_000,
  idleTimeoutSec: 120,
  webhookQueue: 10_000,
  drainMs: 5_000,
};

/** Offline push credentials (src/push/); a platform left out gets no push. */
export interface PushConfig {
  /** APNs token auth: the .p8 key file, its key id and the team id. */
  apns?: { keyFile: string; keyId: string; teamId: string; endpoint?: string; sandboxEndpoint?: string };
  /** FCM HTTP v1: the service-account JSON file from the Firebase console. */
  fcm?: { serviceAccountFile: string; endpoint?: string };
}

export interface Config {
  role: Role;
  host: string;
  port: number;
  /** Address clients are told to use (banner, drain redirect); defaults to http://host:port. */
  publicUrl: string;
  dataDir: string;
  nodeId: string;
  logLevel: LogLevel;
  store: StoreKind;
  bus: BusKind;
  presence: PresenceKind;
  natsUrl: string;
  redisUrl: string;
  cassandra: { contactPoints: string[]; localDataCenter: string; keyspace: string; replicationFactor: number };
  shardCount: number;
  lease: { ttlMs: number; renewMs: number; bucket: string };
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  presenceTtlMs: number;
  apps: AppConfig[];
  limits: Limits;
  push?: PushConfig;
}

type Env = Record<string, string | undefined>;

const DEFAULT_SDKAPPID = 1400000000;

export function loadConfig(env: Env, defaultRole: Role): Config {
  const role = (env.IM_ROLE as Role | undefined) ?? defaultRole;
  if (!['single', 'edge', 'worker'].includes(role)) throw new Error(`IM_ROLE must be single|edge|worker, got ${role}`);
  const clustered = role !== 'single';
  const dataDir = resolve(env.IM_DATA_DIR ?? './var');
  const host = env.IM_HOST ?? '127.0.0.1';
  const port = int(env, 'IM_PORT', 8080);
  const limits: Limits = {
    maxFrameBytes: int(env, 'IM_MAX_FRAME_BYTES', DEFAULT_LIMITS.maxFrameBytes),
    maxBackpressureBytes: int(env, 'IM_MAX_BACKPRESSURE_BYTES', DEFAULT_LIMITS.maxBackpressureBytes),
    restBodyBytes: int(env, 'IM_REST_BODY_BYTES', DEFAULT_LIMITS.restBodyBytes),
    mailboxCapacity: int(env, 'IM_MAILBOX_CAPACITY', DEFAULT_LIMITS.mailboxCapacity),
    actorIdleMs: int(env, 'IM_ACTOR_IDLE_MS', DEFAULT_LIMITS.actorIdleMs),
    askTimeoutMs: int(env, 'IM_ASK_TIMEOUT_MS', DEFAULT_LIMITS.askTimeoutMs),
    loginTimeoutMs: int(env, 'IM_LOGIN_TIMEOUT_MS', DEFAULT_LIMITS.loginTimeoutMs),
    idleTimeoutSec: int(env, 'IM_IDLE_TIMEOUT_SEC', DEFAULT_LIMITS.idleTimeoutSec),
    webhookQueue: int(env, 'IM_WEBHOOK_QUEUE', DEFAULT_LIMITS.webhookQueue),
    drainMs: int(env, 'IM_DRAIN_MS', DEFAULT_LIMITS.drainMs),
  };
  const defaultApp = loadDefaultApp(env, dataDir);
  const extra = env.IM_APPS_FILE ? loadAppsFile(env.IM_APPS_FILE, dataDir) : [];
  const apps = [defaultApp, ...extra.filter((a) => a.sdkAppId !== defaultApp.sdkAppId)];
  return {
    role,
    host,
    port,
    publicUrl: env.IM_PUBLIC_URL ?? `http://${host}:${port}`,
    dataDir,
    nodeId: env.IM_NODE_ID ?? `${role}-${process.pid}`,
    logLevel: (env.IM_LOG_LEVEL as LogLevel | undefined) ?? 'info',
    store: oneOf(env, 'IM_STORE', ['memory', 'lmdb', 'cassandra'], clustered ? 'cassandra' : 'lmdb'),
    bus: oneOf(env, 'IM_BUS', ['memory', 'nats'], clustered ? 'nats' : 'memory'),
    presence: oneOf(env, 'IM_PRESENCE', ['memory', 'redis'], clustered ? 'redis' : 'memory'),
    natsUrl: env.IM_NATS_URL ?? 'nats://127.0.0.1:4222',
    redisUrl: env.IM_REDIS_URL ?? 'redis://127.0.0.1:6379',
    cassandra: {
      contactPoints: (env.IM_CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(',').map((s) => s.trim()),
      localDataCenter: env.IM_CASSANDRA_DC ?? 'datacenter1',
      keyspace: env.IM_CASSANDRA_KEYSPACE ?? 'im',
      replicationFactor: int(env, 'IM_CASSANDRA_RF', 1),
    },
    shardCount: int(env, 'IM_SHARD_COUNT', 64),
    lease: { ttlMs: int(env, 'IM_LEASE_TTL_MS', 4_500), renewMs: int(env, 'IM_LEASE_RENEW_MS', 1_500), bucket: env.IM_LEASE_BUCKET ?? 'im_shard_leases' },
    redisKeyPrefix: env.IM_REDIS_PREFIX ?? 'im:',
    presenceTtlMs: int(env, 'IM_PRESENCE_TTL_MS', 15_000),
    apps,
    limits,
    push: loadPush(env),
  };
}

function loadPush(env: Env): PushConfig {
  const push: PushConfig = {};
  const apns = [env.IM_APNS_KEY_FILE, env.IM_APNS_KEY_ID, env.IM_APNS_TEAM_ID];
  if (apns.some(Boolean)) {
    const [keyFile, keyId, teamId] = apns;
    if (!keyFile || !keyId || !teamId) throw new Error('IM_APNS_KEY_FILE, IM_APNS_KEY_ID and IM_APNS_TEAM_ID must be set together');
    push.apns = {
      keyFile,
      keyId,
      teamId,
      ...(env.IM_APNS_ENDPOINT ? { endpoint: env.IM_APNS_ENDPOINT } : {}),
      ...(env.IM_APNS_SANDBOX_ENDPOINT ? { sandboxEndpoint: env.IM_APNS_SANDBOX_ENDPOINT } : {}),
    };
  }
  if (env.IM_FCM_SERVICE_ACCOUNT_FILE) {
    push.fcm = { serviceAccountFile: env.IM_FCM_SERVICE_ACCOUNT_FILE, ...(env.IM_FCM_ENDPOINT ? { endpoint: env.IM_FCM_ENDPOINT } : {}) };
  }
  return push;
}

function loadDefaultApp(env: Env, dataDir: string): AppConfig {
  const sdkAppId = int(env, 'IM_SDKAPPID', DEFAULT_SDKAPPID);
  return {
    sdkAppId,
    secretKey: env.IM_SECRET_KEY ?? persistedSecret(dataDir, sdkAppId),
    admins: (env.IM_ADMIN ?? 'administrator').split(',').map((s) => s.trim()).filter(Boolean),
    name: env.IM_APP_NAME ?? 'default',
    loginPolicy: oneOf(env, 'IM_LOGIN_POLICY', LOGIN_POLICIES, 'multi'),
    restRatePerSec: int(env, 'IM_REST_RATE_PER_SEC', 200),
    messaging: messagingFromEnv(env),
    ...(env.IM_WEBHOOK_URL
      ? {
          webhook: {
            url: env.IM_WEBHOOK_URL,
            ...(env.IM_WEBHOOK_TOKEN ? { token: env.IM_WEBHOOK_TOKEN } : {}),
            timeoutMs: int(env, 'IM_WEBHOOK_TIMEOUT_MS', 2_000),
            failOpen: env.IM_WEBHOOK_FAIL_OPEN !== '0',
          },
        }
      : {}),
  };
}

/** The secret of an app without a configured key is generated once and kept in the data dir, so
 *  restarts (and every process of a local cluster sharing the dir) agree on it. */
function persistedSecret(dataDir: string, sdkAppId: number): string {
  const file = join(dataDir, `secret-${sdkAppId}.key`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, key + '\n', { flag: 'wx', mode: 0o600 });
    return key;
  } catch {
    return readFileSync(file, 'utf8').trim(); // another process won the race
  }
}

interface AppFileEntry {
  sdkAppId: number;
  secretKey?: string;
  admins?: string[];
  name?: string;
  loginPolicy?: LoginPolicy;
  webhook?: Partial<WebhookConfig> & { url: string };
  restRatePerSec?: number;
  profileCustomFields?: unknown;
  groupCustomFields?: unknown;
  memberCustomFields?: unknown;
  messaging?: unknown;
}

function loadAppsFile(path: string, dataDir: string): AppConfig[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { apps?: AppFileEntry[] } | AppFileEntry[];
  const list = Array.isArray(parsed) ? parsed : (parsed.apps ?? []);
  return list.map((a, i) => {
    if (!Number.isInteger(a.sdkAppId) || a.sdkAppId <= 0) throw new Error(`${path}: apps[${i}].sdkAppId must be a positive integer`);
    if (a.loginPolicy && !LOGIN_POLICIES.includes(a.loginPolicy)) throw new Error(`${path}: apps[${i}].loginPolicy invalid`);
    const profileCustomFields = parseProfileCustomFields(a.profileCustomFields, `${path}: apps[${i}]`);
    const groupCustomFields = parseGroupCustomFields(a.groupCustomFields, `${path}: apps[${i}].groupCustomFields`, 'group');
    const memberCustomFields = parseGroupCustomFields(a.memberCustomFields, `${path}: apps[${i}].memberCustomFields`, 'member');
    return {
      sdkAppId: a.sdkAppId,
      secretKey: a.secretKey ?? persistedSecret(dataDir, a.sdkAppId),
      admins: a.admins?.length ? a.admins : ['administrator'],
      name: a.name ?? `app-${a.sdkAppId}`,
      loginPolicy: a.loginPolicy ?? 'multi',
      restRatePerSec: a.restRatePerSec ?? 200,
      messaging: parseMessagingSettings(a.messaging, `${path}: apps[${i}]`),
      ...(profileCustomFields.length ? { profileCustomFields } : {}),
      ...(groupCustomFields.length ? { groupCustomFields } : {}),
      ...(memberCustomFields.length ? { memberCustomFields } : {}),
      ...(a.webhook
        ? { webhook: { timeoutMs: 2_000, failOpen: true, ...a.webhook } }
        : {}),
    };
  });
}

function int(env: Env, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], dflt: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!allowed.includes(raw as T)) throw new Error(`${name} must be one of ${allowed.join('|')}, got ${raw}`);
  return raw as T;
}
