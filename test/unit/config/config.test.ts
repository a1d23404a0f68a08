import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadConfig } from '../../../src/config/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'im-config-'));

describe('loadConfig', () => {
  it('gives the documented defaults for a single node', () => {
    const d = dir();
    const c = loadConfig({ IM_DATA_DIR: d }, 'single');
    expect(c).toMatchObject({ role: 'single', host: '127.0.0.1', port: 8080, store: 'lmdb', bus: 'memory', presence: 'memory', shardCount: 64, limits: DEFAULT_LIMITS });
    expect(c.apps).toHaveLength(1);
    expect(c.apps[0]).toMatchObject({ sdkAppId: 1400000000, admins: ['administrator'], loginPolicy: 'multi', restRatePerSec: 200 });
    expect(c.apps[0]!.webhook).toBeUndefined();
  });

  it('picks the real services for cluster roles', () => {
    const c = loadConfig({ IM_DATA_DIR: dir(), IM_NATS_URL: 'nats://h:1', IM_CASSANDRA_CONTACT_POINTS: 'a:1, b:2' }, 'worker');
    expect(c).toMatchObject({ role: 'worker', store: 'cassandra', bus: 'nats', presence: 'redis', natsUrl: 'nats://h:1' });
    expect(c.cassandra.contactPoints).toEqual(['a:1', 'b:2']);
  });

  it('generates the secret key once and keeps it in the data dir', () => {
    const d = dir();
    const first = loadConfig({ IM_DATA_DIR: d }, 'single').apps[0]!.secretKey;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(d, 'secret-1400000000.key'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ IM_DATA_DIR: d }, 'single').apps[0]!.secretKey).toBe(first);
    expect(loadConfig({ IM_DATA_DIR: d, IM_SECRET_KEY: 'given' }, 'single').apps[0]!.secretKey).toBe('given');
  });

  it('reads more apps from IM_APPS_FILE, the default app first', () => {
    const d = dir();
    const file = join(d, 'apps.json');
    writeFileSync(file, JSON.stringify([{ sdkAppId: 1400000001, secretKey: 'k1', loginPolicy: 'single', webhook: { url: 'http://127.0.0.1:1/cb' } }, { sdkAppId: 1400000002 }]));
    const c = loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file, IM_ADMIN: 'root,ops' }, 'single');
    expect(c.apps.map((a) => a.sdkAppId)).toEqual([1400000000, 1400000001, 1400000002]);
    expect(c.apps[0]!.admins).toEqual(['root', 'ops']);
    expect(c.apps[1]).toMatchObject({ secretKey: 'k1', loginPolicy: 'single', webhook: { url: 'http://127.0.0.1:1/cb', timeoutMs: 2000, failOpen: true } });
    expect(c.apps[2]!.secretKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('configures the default app webhook from the environment', () => {
    const c = loadConfig({ IM_DATA_DIR: dir(), IM_WEBHOOK_URL: 'http://x/cb', IM_WEBHOOK_TOKEN: 't', IM_WEBHOOK_FAIL_OPEN: '0' }, 'single');
    expect(c.apps[0]!.webhook).toEqual({ url: 'http://x/cb', token: 't', timeoutMs: 2000, failOpen: false });
  });

  it.each([
    [{ IM_PORT: 'abc' }, /IM_PORT must be a non-negative integer/],
    [{ IM_PORT: '-1' }, /IM_PORT/],
    [{ IM_ROLE: 'boss' }, /IM_ROLE must be single\|edge\|worker/],
    [{ IM_STORE: 'postgres' }, /IM_STORE must be one of memory\|lmdb\|cassandra/],
    [{ IM_LOGIN_POLICY: 'quad' }, /IM_LOGIN_POLICY must be one of/],
  ])('refuses %j with a clear message', (env, msg) => {
    expect(() => loadConfig({ IM_DATA_DIR: dir(), ...env }, 'single')).toThrow(msg);
  });

  it('refuses a malformed apps file', () => {
    const d = dir();
    const file = join(d, 'apps.json');
    writeFileSync(file, JSON.stringify([{ sdkAppId: 'x' }]));
    expect(() => loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file }, 'single')).toThrow(/apps\[0\]\.sdkAppId must be a positive integer/);
    writeFileSync(file, '{not json');
    expect(() => loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file }, 'single')).toThrow();
  });
});
