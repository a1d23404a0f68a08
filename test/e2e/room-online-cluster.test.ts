// Live-room online counts on a real cluster (2 edges + 2 workers over NATS, Redis, Cassandra):
// viewers (distinct users per edge) who joined an AVChatRoom on either edge are reported by their
// edge to Redis and get_online_member_num (any edge's REST) answers the sum; a user's second
// device counts once; a ROOM_LEAVE and a closed socket take theirs away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient } from '../../src/client/index.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { adminTarget, importAccounts, loginClient } from '../support/cluster-clients.js';
import { eventually } from '../support/im-user.js';
import { rest, type RestTarget } from '../support/rest-client.js';

const WAIT_MS = 15_000;
let c: TestCluster;
let api: RestTarget;
const clients: ImClient[] = [];

const device = (userId: string, edge: 1 | 2, deviceId: string): Promise<ImClient> => loginClient(c, clients, userId, edge, deviceId);

const online = async (groupId: string, edge: 1 | 2): Promise<number> => {
  const r = await rest({ ...api, baseUrl: c.edgeUrl(edge) }, 'group_open_http_svc', 'get_online_member_num', { GroupId: groupId });
  if (r.ErrorCode !== 0) throw new Error(`get_online_member_num failed: ${JSON.stringify(r)}`);
  return r.OnlineMemberNum as number;
};
const until = (groupId: string, n: number) => eventually(`online count ${n}`, WAIT_MS, async () => ((await online(groupId, 1)) === n ? true : undefined));

beforeAll(async () => {
  c = await startTestCluster();
  api = adminTarget(c);
  await importAccounts(c, ['host', 'v1', 'v2']);
});

afterAll(async () => {
  for (const x of clients) x.close();
  await c?.stop();
});

describe('live-room online count over two edges', () => {
  it('sums the joined sockets of both edges and follows leaves and closes', async () => {
    const created = await rest(api, 'group_open_http_svc', 'create_group', { Type: 'AVChatRoom', Name: 'live', Owner_Account: 'host' });
    expect(created.ErrorCode).toBe(0);
    const groupId = created.GroupId as string;
    const a1 = await device('v1', 1, 'v1-a');
    const a2 = await device('v1', 1, 'v1-b');
    const b = await device('v2', 2, 'v2-a');
    const c1 = await device('host', 2, 'host-a');
    for (const x of [a1, a2, b, c1]) expect(await x.rooms.join(groupId)).toBe(true);
    await until(groupId, 3); // v1's two devices count once
    expect(await online(groupId, 2)).toBe(3);
    expect(await a2.rooms.leave(groupId)).toBe(true);
    b.close();
    await until(groupId, 2);
    expect(await a1.rooms.leave(groupId)).toBe(true);
    await until(groupId, 1);
  });
});
