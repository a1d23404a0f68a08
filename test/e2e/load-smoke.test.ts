// CI smoke of the k6 scenarios (issue 6 point 6): builds the pinned k6 (cached), bundles the
// scenarios with the server's protocol codec, and runs each briefly at small size against a
// single-node server through load/run.ts, which also writes the HTML report and JSON summary.
// Fails when a scenario's script breaks or its thresholds/checkers fail; one run per checker
// family shows the checker can fail.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchServer, type BenchServer } from '../../bench/lib/server-process.js';
import { bundleScenarios } from '../../load/build.js';
import { prepareUsers } from '../../load/prepare.js';
import { k6Binary, runScenario, type ScenarioRun } from '../../load/run.js';
import { freePorts } from '../support/ports.js';

let k6 = '';
let server: BenchServer;
let dir = '';

beforeAll(async () => {
  k6 = k6Binary();
  await bundleScenarios();
  const [port] = await freePorts(1);
  server = await startBenchServer(port!);
  dir = mkdtempSync(join(tmpdir(), 'im-load-'));
  await prepareUsers({ restUrl: server.url, sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin, count: 60, prefix: 'smoke', out: join(dir, 'users.json') });
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

const run = (scenario: string, env: Record<string, string>): Promise<ScenarioRun> =>
  runScenario({ k6, scenario, outDir: join(dir, 'results'), env: { IM_LOAD_USERS: join(dir, 'users.json'), IM_LOAD_TARGETS: server.url, ...env } });
const count = (r: ScenarioRun, metric: string): number => r.summary[metric]?.count ?? 0;

describe('k6 scenarios, small size against a single node', () => {
  it('connect-storm logs every socket in and keeps heartbeats answered; the run leaves an HTML report and a JSON summary', async () => {
    const r = await run('connect-storm', { IM_LOAD_VUS: '3', IM_LOAD_SOCKETS_PER_VU: '20', IM_LOAD_HOLD_S: '4', IM_LOAD_HEARTBEAT_S: '1' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_logged_in')).toBe(60);
    expect(count(r, 'im_login_failed')).toBe(0);
    expect(statSync(r.html).size).toBeGreaterThan(10_000);
    expect(existsSync(r.json)).toBe(true);
  });

  it('c2c: pairs chat with every acked message delivered once, in order', async () => {
    const r = await run('c2c', { IM_LOAD_VUS: '2', IM_LOAD_PAIRS_PER_VU: '3', IM_LOAD_MSGS_PER_SEC_PER_PAIR: '5', IM_LOAD_DURATION_S: '3', IM_LOAD_GRACE_S: '2' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_c2c_acked')).toBeGreaterThan(30);
    expect(count(r, 'im_c2c_delivered')).toBe(count(r, 'im_c2c_acked'));
    for (const m of ['im_c2c_gap', 'im_c2c_dup', 'im_c2c_lost', 'im_c2c_send_failed']) expect(count(r, m), m).toBe(0);
  });

  it('reconnect-storm: every client that lost its socket resyncs with no gap, no duplicate, nothing lost', async () => {
    const r = await run('reconnect-storm', { IM_LOAD_VUS: '2', IM_LOAD_CLIENTS_PER_VU: '10', IM_LOAD_MSGS_PER_SEC: '20', IM_LOAD_DURATION_S: '5', IM_LOAD_DROP_AT_S: '2', IM_LOAD_GRACE_S: '2' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_resynced')).toBe(20);
    expect(count(r, 'im_resync_acked')).toBeGreaterThan(40);
    for (const m of ['im_resync_gap', 'im_resync_dup', 'im_resync_lost', 'im_resync_failed']) expect(count(r, m), m).toBe(0);
  });

  it('rest-admin: a mix of REST calls all answer ErrorCode 0', async () => {
    const r = await run('rest-admin', { IM_LOAD_RPS: '20', IM_LOAD_DURATION_S: '3' });
    expect(r.code, r.output).toBe(0);
    expect(r.summary.im_rest_ms?.['p(95)']).toBeGreaterThan(0);
    expect(count(r, 'im_rest_errors')).toBe(0);
  });

  it('group-chat: Work and Public groups, every member gets every message once, in order', async () => {
    const r = await run('group-chat', { IM_LOAD_VUS: '2', IM_LOAD_GROUPS: '2', IM_LOAD_GROUP_SIZE: '20', IM_LOAD_SENDERS_PER_GROUP: '2', IM_LOAD_MSGS_PER_SEC_PER_SENDER: '3', IM_LOAD_DURATION_S: '3', IM_LOAD_WARMUP_S: '2', IM_LOAD_GRACE_S: '2' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_group_acked')).toBeGreaterThan(10);
    // Each of a group's 19 other members gets each of its messages.
    expect(count(r, 'im_group_msgs_received')).toBe(19 * count(r, 'im_group_acked'));
    for (const m of ['im_group_missed', 'im_group_dup', 'im_group_out_of_order', 'im_group_send_failed']) expect(count(r, m), m).toBe(0);
  });

  it('community: topics of one Community reach every online member', async () => {
    const r = await run('community', { IM_LOAD_VUS: '2', IM_LOAD_COMMUNITY_MEMBERS: '60', IM_LOAD_ONLINE: '30', IM_LOAD_TOPICS: '3', IM_LOAD_SENDERS: '3', IM_LOAD_MSGS_PER_SEC_PER_SENDER: '3', IM_LOAD_DURATION_S: '3', IM_LOAD_WARMUP_S: '2', IM_LOAD_GRACE_S: '2' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_group_msgs_received')).toBe(29 * count(r, 'im_group_acked'));
    for (const m of ['im_group_missed', 'im_group_dup', 'im_group_out_of_order', 'im_group_send_failed']) expect(count(r, m), m).toBe(0);
  });

  it('live-room: an AVChatRoom with mixed priorities, no High message missed', async () => {
    const r = await run('live-room', { IM_LOAD_VUS: '2', IM_LOAD_SOCKETS_PER_VU: '20', IM_LOAD_DURATION_S: '4', IM_LOAD_WARMUP_S: '2', IM_LOAD_GRACE_S: '1' });
    expect(r.code, r.output).toBe(0);
    expect(count(r, 'im_room_high_sent')).toBeGreaterThan(10);
    expect(count(r, 'im_room_msgs_received')).toBeGreaterThan(40 * count(r, 'im_room_high_sent'));
    for (const m of ['im_room_high_missed', 'im_room_join_failed', 'im_room_send_failed']) expect(count(r, m), m).toBe(0);
  });

  it('fails the run when logins fail (the checker can fail)', async () => {
    // Users of another app's key: every login is refused, so the threshold must fail k6.
    const bad = join(dir, 'bad-users.json');
    execFileSync(process.execPath, ['-e', `const f=require(${JSON.stringify(join(dir, 'users.json'))});f.users=f.users.map(u=>({...u,sig:u.sig.slice(0,-8)+'AAAAAAAA'}));require('fs').writeFileSync(${JSON.stringify(bad)},JSON.stringify(f))`]);
    const r = await run('connect-storm', { IM_LOAD_USERS: bad, IM_LOAD_VUS: '1', IM_LOAD_SOCKETS_PER_VU: '5', IM_LOAD_HOLD_S: '1' });
    expect(r.code).not.toBe(0);
    expect(count(r, 'im_login_failed')).toBe(5);
  });

  it('fails rest-admin when the admin signature is wrong (the REST checker can fail)', async () => {
    const bad = join(dir, 'bad-admin.json');
    execFileSync(process.execPath, ['-e', `const f=require(${JSON.stringify(join(dir, 'users.json'))});f.admin.sig=f.admin.sig.slice(0,-8)+'AAAAAAAA';require('fs').writeFileSync(${JSON.stringify(bad)},JSON.stringify(f))`]);
    const r = await run('rest-admin', { IM_LOAD_USERS: bad, IM_LOAD_RPS: '5', IM_LOAD_DURATION_S: '1' });
    expect(r.code).not.toBe(0);
    expect(count(r, 'im_rest_errors')).toBeGreaterThan(0);
  });
});
