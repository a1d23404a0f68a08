// community: one Community with topics (SupportTopic), IM_LOAD_COMMUNITY_MEMBERS members added in
// setup through REST (300 per call), of whom IM_LOAD_ONLINE are online (spread over the VUs and
// targets), IM_LOAD_TOPICS topics, and IM_LOAD_SENDERS online members each sending into one topic
// at IM_LOAD_MSGS_PER_SEC_PER_SENDER. Every online member receives every topic's messages and
// checks each topic's seqs for gaps and duplicates; a final sync per topic finds nothing missed.
// IM_LOAD_LOGIN_RATE paces the members' logins; every member keeps the same send window and end.
import exec from 'k6/execution';
import { envInt, loginDelayMs, targets } from '../lib/env.js';
import { GROUP_THRESHOLDS, groupMember } from '../lib/group-member.js';
import { createGroup, createTopic } from '../lib/groups.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const MEMBERS = envInt('IM_LOAD_COMMUNITY_MEMBERS', 100_000);
const ONLINE = envInt('IM_LOAD_ONLINE', 10_000);
const TOPICS = envInt('IM_LOAD_TOPICS', 10);
const SENDERS = envInt('IM_LOAD_SENDERS', 10);
const RATE = envInt('IM_LOAD_MSGS_PER_SEC_PER_SENDER', 0.5);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
const WARMUP_S = envInt('IM_LOAD_WARMUP_S', 10);
const GRACE_S = envInt('IM_LOAD_GRACE_S', 5);
const DELIVER_P99_MS = envInt('IM_LOAD_DELIVER_P99_MS', 2000);
/** Logins per second over all VUs (sockets opened evenly spread, the VUs taking turns); 0 = all at once. */
const LOGIN_RATE = envInt('IM_LOAD_LOGIN_RATE', 0);
const urls = targets();
const perVu = Math.ceil(ONLINE / VUS);

export const options = {
  scenarios: { community: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${WARMUP_S + DURATION_S + GRACE_S + 120}s` } },
  setupTimeout: '1800s',
  thresholds: { ...LOGIN_THRESHOLDS, ...GROUP_THRESHOLDS, im_group_deliver_ms: [`p(99)<${DELIVER_P99_MS}`] },
};

const userOf = (n: number) => data.users[n % data.users.length]!;

export function setup(): { groupId: string; topics: string[] } {
  if (MEMBERS > data.users.length) throw new Error(`community needs ${MEMBERS} users, the users file has ${data.users.length}`);
  const owner = userOf(0).userId;
  const members = Array.from({ length: MEMBERS }, (_, i) => userOf(i).userId);
  const groupId = createGroup(data, 'Community', owner, members, { SupportTopic: 1 });
  const topics = Array.from({ length: TOPICS }, (_, i) => createTopic(data, groupId, owner, `topic ${i}`));
  return { groupId, topics };
}

export default function (ctx: { groupId: string; topics: string[] }): void {
  const vu = exec.vu.idInTest - 1;
  const timelines = ctx.topics.map((topicId) => ({ groupId: ctx.groupId, topicId }));
  for (let k = 0; k < perVu; k++) {
    const n = vu * perVu + k;
    if (n >= ONLINE) break;
    groupMember({
      data,
      url: urls[n % urls.length]!,
      user: userOf(n),
      device: `k6-cm-${n}`,
      timelines,
      ...(n < SENDERS ? { send: { to: timelines[n % timelines.length]!, rate: RATE } } : {}),
      sendFromMs: WARMUP_S * 1000,
      sendUntilMs: (WARMUP_S + DURATION_S) * 1000,
      endAtMs: (WARMUP_S + DURATION_S + GRACE_S) * 1000,
      startInMs: loginDelayMs(k, vu, VUS, LOGIN_RATE),
    });
  }
}
