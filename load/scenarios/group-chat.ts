// group-chat: IM_LOAD_GROUPS groups (alternately Work and Public) of IM_LOAD_GROUP_SIZE members,
// created in setup through REST, every member online (spread over the VUs and the targets), and
// IM_LOAD_SENDERS_PER_GROUP members of each group sending IM_LOAD_MSGS_PER_SEC_PER_SENDER over the
// socket (GROUP_SEND) for IM_LOAD_DURATION_S. Every member checks its group's seqs for gaps and
// duplicates and, at the end, that a sync finds nothing it was not pushed.
import exec from 'k6/execution';
import { envInt, targets } from '../lib/env.js';
import { GROUP_THRESHOLDS, groupMember } from '../lib/group-member.js';
import { createGroup } from '../lib/groups.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const GROUPS = envInt('IM_LOAD_GROUPS', 2);
const SIZE = envInt('IM_LOAD_GROUP_SIZE', 500);
const SENDERS = envInt('IM_LOAD_SENDERS_PER_GROUP', 5);
const RATE = envInt('IM_LOAD_MSGS_PER_SEC_PER_SENDER', 2);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
const WARMUP_S = envInt('IM_LOAD_WARMUP_S', 5);
const GRACE_S = envInt('IM_LOAD_GRACE_S', 3);
const DELIVER_P99_MS = envInt('IM_LOAD_DELIVER_P99_MS', 1000);
const urls = targets();
const total = GROUPS * SIZE;
const perVu = Math.ceil(total / VUS);

export const options = {
  scenarios: { chat: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${WARMUP_S + DURATION_S + GRACE_S + 120}s` } },
  setupTimeout: '300s',
  thresholds: { ...LOGIN_THRESHOLDS, ...GROUP_THRESHOLDS, im_group_deliver_ms: [`p(99)<${DELIVER_P99_MS}`] },
};

const userOf = (n: number) => data.users[n % data.users.length]!;

export function setup(): { groups: string[] } {
  if (total > data.users.length) throw new Error(`group-chat needs ${total} users, the users file has ${data.users.length}`);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: SIZE }, (_, i) => userOf(g * SIZE + i).userId);
    groups.push(createGroup(data, g % 2 === 0 ? 'Work' : 'Public', members[0]!, members));
  }
  return { groups };
}

export default function (ctx: { groups: string[] }): void {
  const vu = exec.vu.idInTest - 1;
  for (let k = 0; k < perVu; k++) {
    const n = vu * perVu + k;
    if (n >= total) break;
    const g = Math.floor(n / SIZE);
    const timeline = { groupId: ctx.groups[g]! };
    groupMember({
      data,
      url: urls[n % urls.length]!,
      user: userOf(n),
      device: `k6-gc-${n}`,
      timelines: [timeline],
      ...(n % SIZE < SENDERS ? { send: { to: timeline, rate: RATE } } : {}),
      sendFromMs: WARMUP_S * 1000,
      sendUntilMs: (WARMUP_S + DURATION_S) * 1000,
      endAtMs: (WARMUP_S + DURATION_S + GRACE_S) * 1000,
    });
  }
}
