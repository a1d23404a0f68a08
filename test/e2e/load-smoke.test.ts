// CI smoke of the k6 scenarios (issue 6 point 6): builds the pinned k6 (cached), bundles the
// scenarios with the server's protocol codec, and runs each briefly at small size against a
// single-node server. Fails when a scenario's script breaks or its thresholds/checkers fail.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchServer, type BenchServer } from '../../bench/lib/server-process.js';
import { bundleScenarios } from '../../load/build.js';
import { prepareUsers } from '../../load/prepare.js';
import { freePorts } from '../support/ports.js';

const ROOT = join(import.meta.dirname, '..', '..');
let k6 = '';
let server: BenchServer;
let dir = '';

beforeAll(async () => {
  k6 = execFileSync('bash', [join(ROOT, 'load', 'build-k6.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  await bundleScenarios();
  const [port] = await freePorts(1);
  server = await startBenchServer(port!);
  dir = mkdtempSync(join(tmpdir(), 'im-load-'));
  await prepareUsers({ restUrl: server.url, sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin, count: 60, prefix: 'smoke', out: join(dir, 'users.json') });
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

function runK6(scenario: string, env: Record<string, string>): Promise<{ code: number; output: string; summary: Record<string, { count?: number }> }> {
  const summaryFile = join(dir, `${scenario}.json`);
  return new Promise((resolve) => {
    execFile(
      k6,
      ['run', '--quiet', '--no-usage-report', '--summary-export', summaryFile, join(ROOT, 'load', 'dist', `${scenario}.js`)],
      { env: { ...process.env, IM_LOAD_USERS: join(dir, 'users.json'), IM_LOAD_TARGETS: server.url, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        let summary = {};
        try {
          summary = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { metrics: Record<string, { count?: number }> }).metrics;
        } catch {
          // no summary: the script failed before finishing; the exit code says so
        }
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, summary });
      },
    );
  });
}

describe('k6 scenarios, small size against a single node', () => {
  it('connect-storm logs every socket in and keeps heartbeats answered', async () => {
    const r = await runK6('connect-storm', { IM_LOAD_VUS: '3', IM_LOAD_SOCKETS_PER_VU: '20', IM_LOAD_HOLD_S: '4', IM_LOAD_HEARTBEAT_S: '1' });
    expect(r.code, r.output).toBe(0);
    expect(r.summary.im_logged_in?.count).toBe(60);
    expect(r.summary.im_login_failed?.count ?? 0).toBe(0);
  });

  it('fails the run when logins fail (the checker can fail)', async () => {
    // Users of another app's key: every login is refused, so the threshold must fail k6.
    const bad = join(dir, 'bad-users.json');
    execFileSync(process.execPath, ['-e', `const f=require(${JSON.stringify(join(dir, 'users.json'))});f.users=f.users.map(u=>({...u,sig:u.sig.slice(0,-8)+'AAAAAAAA'}));require('fs').writeFileSync(${JSON.stringify(bad)},JSON.stringify(f))`]);
    const r = await runK6('connect-storm', { IM_LOAD_USERS: bad, IM_LOAD_VUS: '1', IM_LOAD_SOCKETS_PER_VU: '5', IM_LOAD_HOLD_S: '1' });
    expect(r.code).not.toBe(0);
    expect(r.summary.im_login_failed?.count).toBe(5);
  });
});
