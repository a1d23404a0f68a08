// `npm start` as a user runs it: the single-node process with the embedded LMDB store. Checks the
// banner, REST and WebSocket on one port, and that accounts and the generated secret key survive a
// restart; a bad setting exits with a clear message.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loginUser } from '../support/im-user.js';
import { freePorts } from '../support/ports.js';
import { rest } from '../support/rest-client.js';
import { verifyUserSig } from '../../src/auth/usersig.js';

const ROOT = join(import.meta.dirname, '..', '..');
const running: ChildProcess[] = [];

function startSingle(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'roles', 'single.ts')], { cwd: ROOT, env: { ...process.env, IM_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  running.push(child);
  return { child, output: () => out, exited: new Promise((r) => child.once('exit', r)) };
}

async function ready(url: string, output: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`single node not ready:\n${output()}`);
}

afterEach(() => {
  for (const c of running.splice(0)) c.kill('SIGKILL');
});

describe('single node (npm start)', () => {
  it('serves REST and WebSocket on one port and keeps accounts and its key across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'im-single-'));
    const [port] = await freePorts(1);
    const url = `http://127.0.0.1:${port}`;
    const env = { IM_DATA_DIR: dataDir, IM_PORT: String(port) };

    const first = startSingle(env);
    await ready(url, first.output);
    expect(first.output()).toContain('SDKAppID        1400000000');
    expect(first.output()).toContain(`ws://127.0.0.1:${port}/ws`);
    const key = readFileSync(join(dataDir, 'secret-1400000000.key'), 'utf8').trim();
    const target = { baseUrl: url, sdkAppId: 1400000000, secretKey: key, admin: 'administrator' };
    expect(await rest(target, 'im_open_login_svc', 'account_import', { UserID: 'erin' })).toMatchObject({ ErrorCode: 0 });
    const erin = await loginUser(`ws://127.0.0.1:${port}/ws`, target, 'erin');
    expect(erin.client.loggedIn).toBeTruthy();

    first.child.kill('SIGTERM');
    expect((await erin.closed).code).toBe(4003); // drained: told to reconnect
    expect(await first.exited).toBe(0);

    const second = startSingle(env);
    await ready(url, second.output);
    const check = await rest(target, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'erin' }] });
    expect(check.ResultItem).toEqual([{ UserID: 'erin', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' }]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('npm run usersig makes a UserSig the server accepts, with the key from the same data dir', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'im-sig-'));
    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'auth', 'usersig-cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, IM_DATA_DIR: dataDir }, encoding: 'utf8' }).trim();
    const sig = run('zoe', '600');
    const key = readFileSync(join(dataDir, 'secret-1400000000.key'), 'utf8').trim();
    const v = verifyUserSig(sig, { sdkAppId: 1400000000, identifier: 'zoe' }, () => key, Math.floor(Date.now() / 1000));
    expect(v).toMatchObject({ ok: true, identifier: 'zoe', expire: 600 });
    expect(() => run()).toThrow(/usage/);
    expect(() => run('x'.repeat(33))).toThrow(/at most 32 bytes/);
  });

  it('exits with a clear message on a bad setting', async () => {
    const bad = startSingle({ IM_DATA_DIR: mkdtempSync(join(tmpdir(), 'im-single-')), IM_PORT: 'eighty' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('configuration error: IM_PORT must be a non-negative integer');
  });
});
