// Every scenario at full size against a single-node server started for the run (LMDB, one
// process), one after the other, with the generator (k6) on the same machine: the figures of
// issue 6's closing note. Prepares IM_LOAD_FULL_USERS accounts (the community needs 100,000),
// runs each scenario through load/run.ts (HTML report + JSON summary in load/results/) and writes
// the key figures to bench/results/load-full-size.json. IM_LOAD_FULL_ONLY=a,b runs some of them and
// replaces only their entries in that file. The live room and the community are 10,000 members
// online each: k6 members (measured and checked: 200 in the room, 1,000 in the community) and a
// crowd for the rest held by Node processes (load/crowd.ts says why: k6's cost per received
// frame). Usage: node --import tsx load/full-size.ts
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from '../bench/lib/server-process.js';
import { freePorts } from '../test/support/ports.js';
import { adminRest } from '../bench/lib/admin-rest.js';
import { bundleScenarios } from './build.js';
import { gatherCrowd, type Crowd } from './crowd.js';
import { prepareUsers } from './prepare.js';
import { k6Binary, runScenario, type ScenarioRun } from './run.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const USERS = Number(process.env.IM_LOAD_FULL_USERS ?? 100_000);

type Summary = ScenarioRun['summary'];
/** Figures computed from a run's summary (added to its kept figures). */
const DERIVED: Record<string, (s: Summary) => Record<string, number>> = {
  // Logins over the time from the test's start to the last login completing.
  'connect-storm': (s) => ({ loginsPerSecond: Math.round((s.im_logged_in?.count ?? 0) / ((s.im_login_done_ms?.max ?? Infinity) / 1000)) }),
};

/** Members online in the live room and in the community: k6 members (measured and checked) and
 *  a crowd (load/crowd.ts) for the rest. */
const ONLINE = 10_000;
/** k6 members of the live room: each gets every message of 40/s merged into ~4-5 frames a second,
 *  and k6 took ~300 µs per such frame (1,000 members fell behind: 1.2 cores of k6 for 4,400
 *  frames/s); 200 keep up and still sample every member's latency and High messages. */
const LIVE_K6_MEMBERS = 200;
/** Online k6 members of the community (5 msg/s in, unmerged: 1,000 keep up). */
const COMMUNITY_K6_MEMBERS = 1_000;

interface CrowdSetup {
  env: Record<string, string>;
  crowd: Crowd;
}
type UsersFile = { users: Array<{ userId: string; sig: string }> };

/** Runs that gather a crowd first: the live room (created here, the crowd joins it) and the
 *  community (the crowd logs in; the k6 setup adds them as members, which subscribes them). */
const CROWDS: Record<string, (users: UsersFile) => Promise<CrowdSetup>> = {
  'live-room': async (file) => {
    const created = await admin.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'full-size live room', Owner_Account: file.users[0]!.userId });
    if (created.ErrorCode !== 0) throw new Error(`create_group failed: ${JSON.stringify(created)}`);
    const groupId = String(created.GroupId);
    // The k6 members are users 1..LIVE_K6_MEMBERS (live-room.ts); the crowd the ones after them.
    const crowd = await gatherCrowd({ mode: 'im', port: port!, sdkAppId: server.sdkAppId, groupId, users: file.users.slice(LIVE_K6_MEMBERS + 1, ONLINE + 1) });
    return { env: { IM_LOAD_GROUP_ID: groupId }, crowd };
  },
  community: async (file) => {
    // The k6 members online are users 0..COMMUNITY_K6_MEMBERS-1 (community.ts); the crowd the ones after them.
    const crowd = await gatherCrowd({ mode: 'member', port: port!, sdkAppId: server.sdkAppId, groupId: '', users: file.users.slice(COMMUNITY_K6_MEMBERS, ONLINE) });
    return { env: {}, crowd };
  },
};

/** Full sizes (load/README.md describes each knob and why it has its value). */
const RUNS: Array<[string, Record<string, string>, string[]]> = [
  ['connect-storm', { IM_LOAD_VUS: '20', IM_LOAD_SOCKETS_PER_VU: '500', IM_LOAD_LOGIN_RATE: '2000', IM_LOAD_HOLD_S: '20', IM_LOAD_HEARTBEAT_S: '10' }, ['im_logged_in', 'im_login_failed', 'im_login_ms', 'im_open_lag_ms', 'im_login_done_ms', 'im_heartbeat_missed']],
  ['c2c', { IM_LOAD_VUS: '20', IM_LOAD_PAIRS_PER_VU: '25', IM_LOAD_MSGS_PER_SEC_PER_PAIR: '4', IM_LOAD_DURATION_S: '30' }, ['im_c2c_acked', 'im_c2c_delivered', 'im_c2c_ack_ms', 'im_c2c_deliver_ms', 'im_c2c_gap', 'im_c2c_dup', 'im_c2c_lost', 'im_c2c_send_failed']],
  ['group-chat', { IM_LOAD_VUS: '10', IM_LOAD_GROUPS: '2', IM_LOAD_GROUP_SIZE: '500', IM_LOAD_SENDERS_PER_GROUP: '5', IM_LOAD_MSGS_PER_SEC_PER_SENDER: '2', IM_LOAD_DURATION_S: '30' }, ['im_group_acked', 'im_group_msgs_received', 'im_group_ack_ms', 'im_group_deliver_ms', 'im_group_missed', 'im_group_dup', 'im_group_out_of_order', 'im_group_send_failed']],
  ['live-room', { IM_LOAD_VUS: '4', IM_LOAD_SOCKETS_PER_VU: String(LIVE_K6_MEMBERS / 4), IM_LOAD_LATENCY_EVERY: '1', IM_LOAD_ROOM_RATE: '40', IM_LOAD_DURATION_S: '30', IM_LOAD_WARMUP_S: '40' }, ['im_room_msgs_received', 'im_room_frames', 'im_room_deliver_ms', 'im_room_high_sent', 'im_room_high_missed', 'im_room_dropped', 'im_room_join_failed', 'im_room_send_failed', 'im_room_send_ms', 'im_login_ms']],
  ['community', { IM_LOAD_VUS: '20', IM_LOAD_COMMUNITY_MEMBERS: '100000', IM_LOAD_ONLINE: String(COMMUNITY_K6_MEMBERS), IM_LOAD_LOGIN_RATE: '500', IM_LOAD_TOPICS: '10', IM_LOAD_SENDERS: '10', IM_LOAD_MSGS_PER_SEC_PER_SENDER: '0.5', IM_LOAD_DURATION_S: '30', IM_LOAD_WARMUP_S: '40' }, ['im_group_acked', 'im_group_msgs_received', 'im_group_deliver_ms', 'im_group_missed', 'im_group_dup', 'im_group_out_of_order', 'im_group_send_failed', 'im_login_ms']],
  ['rest-admin', { IM_LOAD_RPS: '500', IM_LOAD_DURATION_S: '30' }, ['im_rest_ms', 'im_rest_errors', 'http_reqs']],
];

const only = process.env.IM_LOAD_FULL_ONLY?.split(',');
const k6 = k6Binary();
await bundleScenarios();
const [port] = await freePorts(1);
const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000' });
const admin = adminRest({ url: server.url, sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin });
const out: Record<string, unknown> = { date: new Date().toISOString(), users: USERS, cpus: cpus().length, cpu: cpus()[0]?.model, target: 'single node (LMDB), k6 on the same machine' };
try {
  const users = join(mkdtempSync(join(tmpdir(), 'im-full-')), 'users.json');
  const t0 = Date.now();
  await prepareUsers({ restUrl: server.url, sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin, count: USERS, prefix: 'full', out: users });
  out.prepareSeconds = Math.round((Date.now() - t0) / 1000);
  for (const [scenario, env, keep] of RUNS) {
    if (only && !only.includes(scenario)) continue;
    const started = Date.now();
    const gathering = CROWDS[scenario];
    const setup = gathering ? await gathering(JSON.parse(readFileSync(users, 'utf8')) as UsersFile) : undefined;
    const crowdFrom = Date.now();
    let r: ScenarioRun;
    let crowd: Record<string, unknown> | undefined;
    try {
      r = await runScenario({ k6, scenario, env: { IM_LOAD_USERS: users, IM_LOAD_TARGETS: server.url, ...env, ...setup?.env } });
      if (setup) {
        const c = await setup.crowd.counts();
        const seconds = (Date.now() - crowdFrom) / 1000;
        crowd = { joined: setup.crowd.joined, failed: setup.crowd.failed, failures: setup.crowd.failures, openAtEnd: c.open, frames: c.frames, framesPerMemberPerSec: Math.round((c.frames / Math.max(1, setup.crowd.joined) / seconds) * 100) / 100 };
      }
    } finally {
      setup?.crowd.close();
    }
    const figures = { ...Object.fromEntries(keep.map((m) => [m, r.summary[m]])), ...DERIVED[scenario]?.(r.summary) };
    out[scenario] = { ok: r.code === 0 && (setup?.crowd.failed ?? 0) === 0, k6Exit: r.code, date: new Date(started).toISOString(), users: USERS, seconds: Math.round((Date.now() - started) / 1000), size: env, ...(crowd ? { crowd } : {}), figures, report: r.html };
    console.log(scenario, r.code === 0 ? 'OK' : `FAILED (${r.code})`, JSON.stringify(figures));
    if (r.code !== 0) console.log(r.output.split('\n').filter((l) => l.includes('level=error') || l.includes('✗')).slice(0, 10).join('\n'));
  }
} finally {
  await server.stop();
  const file = join(HERE, '..', 'bench', 'results', 'load-full-size.json');
  mkdirSync(dirname(file), { recursive: true });
  // A partial run replaces only its scenarios' entries (each says when and with how many users it
  // ran); the rest of the file, the other entries and the full run's header, stays as it was.
  const kept = only && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
  const ran = Object.fromEntries(Object.entries(out).filter(([k]) => RUNS.some(([name]) => name === k)));
  writeFileSync(file, JSON.stringify(kept ? { ...kept, ...ran } : out, null, 2) + '\n');
}
