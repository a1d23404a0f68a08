// `node --import tsx bench/social-check.ts`: latency of friend_check and black_list_check with
// 1 000 accounts per call (issue 4: one round trip each). A single-node server process (LMDB
// store) gets an owner with 1 000 one-way friends (500 of whom have the owner back) and, among
// 1 000 other users, 500 it blocks and 200 blocking it (blocking ends friendships, hence two sets);
// then BENCH_CALLS sequential calls of each API with CheckType Both over 1 000 ids. Writes
// bench/results/social-check.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { adminRest } from './lib/admin-rest.js';
import { freePorts } from '../test/support/ports.js';
import { startBenchServer } from './lib/server-process.js';
import { percentiles } from './lib/stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const PEERS = 1000;

const [port] = await freePorts(1);
const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000' });
const admin = adminRest(server);
async function call(api: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await admin.call(api, body);
  if (r.ErrorCode !== 0) throw new Error(`${api}: ${JSON.stringify(r).slice(0, 300)}`);
  return r;
}

try {
  const peers = Array.from({ length: PEERS }, (_, i) => `p${i}`);
  const others = Array.from({ length: PEERS }, (_, i) => `q${i}`);
  await admin.importAccounts([...peers, ...others]);
  await call('im_open_login_svc/account_import', { UserID: 'owner' });
  await call('sns/friend_import', { From_Account: 'owner', AddFriendItem: peers.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Bench' })) });
  for (const p of peers.slice(0, 500)) await call('sns/friend_import', { From_Account: p, AddFriendItem: [{ To_Account: 'owner', AddSource: 'AddSource_Type_Bench' }] });
  await call('sns/black_list_add', { From_Account: 'owner', To_Account: others.slice(500) });
  for (const p of others.slice(0, 200)) await call('sns/black_list_add', { From_Account: p, To_Account: ['owner'] });

  const measure = async (api: string, body: unknown, check: (r: Record<string, unknown>) => void) => {
    const ms: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      const r = await call(api, body);
      ms.push(performance.now() - t);
      if (i === 0) check(r);
    }
    return { calls: CALLS, accountsPerCall: PEERS, ...Object.fromEntries(Object.entries(percentiles(ms, [50, 95, 99])).map(([k, v]) => [k, Math.round(v * 100) / 100])) };
  };
  const friendCheck = await measure('sns/friend_check', { From_Account: 'owner', To_Account: peers, CheckType: 'CheckResult_Type_Both' }, (r) => {
    const items = r.InfoItem as Array<{ Relation: string }>;
    if (items.length !== PEERS || items[0]!.Relation !== 'CheckResult_Type_BothWay' || items[999]!.Relation !== 'CheckResult_Type_AWithB') throw new Error('unexpected friend_check answer');
  });
  const blackCheck = await measure('sns/black_list_check', { From_Account: 'owner', To_Account: others, CheckType: 'BlackCheckResult_Type_Both' }, (r) => {
    const items = r.BlackListCheckItem as Array<{ Relation: string }>;
    if (items.length !== PEERS || items[0]!.Relation !== 'BlackCheckResult_Type_BWithA' || items[999]!.Relation !== 'BlackCheckResult_Type_AWithB') throw new Error('unexpected black_list_check answer');
  });
  const result = { date: new Date().toISOString(), store: 'lmdb (single node)', cpus: cpus().length, cpu: cpus()[0]?.model, friend_check_ms: friendCheck, black_list_check_ms: blackCheck };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'social-check.json'), JSON.stringify(result, null, 2) + '\n');
} finally {
  await server.stop();
}
