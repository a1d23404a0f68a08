// rest-admin: what an app backend does against the v4 REST API, at IM_LOAD_RPS requests per second
// for IM_LOAD_DURATION_S, spread over the targets: sendmsg (40%), portrait_get (20%),
// query_online_status (15%), friend_check (10%), admin_getroammsg (10%), get_c2c_unread_msg_num
// (5%). Every answer must be HTTP 200 with ErrorCode 0; latency per command is recorded.
import { Counter, Trend } from 'k6/metrics';
import { envInt } from '../lib/env.js';
import { rest, restBases } from '../lib/rest.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const RPS = envInt('IM_LOAD_RPS', 100);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
const P99_MS = envInt('IM_LOAD_REST_P99_MS', 500);
const bases = restBases();

export const options = {
  scenarios: {
    mix: { executor: 'constant-arrival-rate', rate: RPS, timeUnit: '1s', duration: `${DURATION_S}s`, preAllocatedVUs: Math.max(2, Math.ceil(RPS / 20)), maxVUs: Math.max(4, RPS) },
  },
  thresholds: { im_rest_errors: ['count==0'], im_rest_ms: [`p(99)<${P99_MS}`] },
};

const restMs = new Trend('im_rest_ms', true);
const restErrors = new Counter('im_rest_errors');
let n = 0;

const pick = () => data.users[Math.floor(Math.random() * data.users.length)]!.userId;
/** Two different users (self-addressed calls are a different workload). */
function two(): [string, string] {
  const a = Math.floor(Math.random() * data.users.length);
  const b = (a + 1 + Math.floor(Math.random() * (data.users.length - 1))) % data.users.length;
  return [data.users[a]!.userId, data.users[b]!.userId];
}
const between = (f: (a: string, b: string) => Record<string, unknown>) => () => f(...two());

const MIX: Array<[number, string, () => Record<string, unknown>]> = [
  [40, 'openim/sendmsg', between((a, b) => ({ From_Account: a, To_Account: b, MsgRandom: Math.floor(Math.random() * 2 ** 32), MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `rest ${n}` } }] }))],
  [20, 'profile/portrait_get', () => ({ To_Account: [pick(), pick(), pick()], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'] })],
  [15, 'openim/query_online_status', () => ({ To_Account: [pick(), pick(), pick(), pick()] })],
  [10, 'sns/friend_check', between((a, b) => ({ From_Account: a, To_Account: [b], CheckType: 'CheckResult_Type_Both' }))],
  [10, 'openim/admin_getroammsg', between((a, b) => ({ Operator_Account: a, Peer_Account: b, MaxCnt: 20, MinTime: 0, MaxTime: Math.floor(Date.now() / 1000) }))],
  [5, 'openim/get_c2c_unread_msg_num', () => ({ To_Account: pick() })],
];
const TOTAL = MIX.reduce((a, [w]) => a + w, 0);

export default function (): void {
  let roll = Math.random() * TOTAL;
  const [, api, body] = MIX.find(([w]) => (roll -= w) < 0) ?? MIX[0]!;
  const r = rest(data, api, body(), bases[n++ % bases.length]);
  restMs.add(r.ms, { api });
  if (r.status !== 200 || r.answer.ErrorCode !== 0) restErrors.add(1, { api, status: String(r.status), code: String(r.answer.ErrorCode) });
}
