// Groups (issue 5) on a real cluster: 2 edges + 2 workers as separate processes over real NATS,
// Redis and Cassandra, driven only through the client SDK (and REST for topics). For Work, Public,
// Meeting and Community (with a topic): messages sent on edge 1 reach a member on edge 2 in order
// with gap-free seqs; a member who went offline catches up with GROUP_SYNC; a member who joined
// later sees earlier history only where the type shows it. An AVChatRoom message published once
// reaches the room's sockets on both edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient, GroupMessageInfo } from '../../src/client/index.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { adminTarget, importAccounts, loginClient } from '../support/cluster-clients.js';
import { eventually } from '../support/im-user.js';
import { rest, type RestTarget } from '../support/rest-client.js';
import { textOf } from '../support/msg-body.js';

const WAIT_MS = 15_000;
const STREAM = 20;
const WHILE_AWAY = 12;

let c: TestCluster;
let api: RestTarget;
const clients: ImClient[] = [];

interface Device {
  client: ImClient;
  /** Non-tip messages received per group (`groupId|topicId` for a topic). */
  msgs(groupId: string, topicId?: string): GroupMessageInfo[];
  waitMsgs(groupId: string, n: number, topicId?: string): Promise<GroupMessageInfo[]>;
}

const key = (g: string, t?: string) => (t ? `${g}|${t}` : g);
const plain = (ms: readonly GroupMessageInfo[]) => ms.filter((m) => m.tip === undefined);
const body = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let rnd = 1;

async function device(userId: string, edge: 1 | 2, deviceId: string): Promise<Device> {
  const got = new Map<string, GroupMessageInfo[]>();
  const client = await loginClient(c, clients, userId, edge, deviceId, (x) =>
    x.on('groupMessage', (d) => {
      const k = key(d.groupId, d.topicId);
      got.set(k, [...(got.get(k) ?? []), ...plain(d.msgs)]);
    }),
  );
  const msgs = (g: string, t?: string) => got.get(key(g, t)) ?? [];
  return { client, msgs, waitMsgs: (g, n, t) => eventually(`${deviceId} gets ${n} messages of ${key(g, t)}`, WAIT_MS, async () => (msgs(g, t).length >= n ? msgs(g, t) : undefined)) };
}

const consecutive = (seqs: readonly number[]) => seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1);

beforeAll(async () => {
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '2000' } });
  api = adminTarget(c);
  await importAccounts(c, ['alice', 'bob', 'carol', 'dave', 'erin']);
});

afterAll(async () => {
  for (const x of clients) x.close();
  await c?.stop();
});

/** History before joining, per type (spec §6). */
const TYPES = { Work: false, Public: false, Meeting: true, Community: true } as const;

describe('groups on the cluster', () => {
  for (const [type, seesOld] of Object.entries(TYPES) as Array<[keyof typeof TYPES, boolean]>) {
    it(`${type}: edge 1 to edge 2 in order and gap-free; offline catch-up; a later joiner ${seesOld ? 'sees' : 'does not see'} earlier history`, async () => {
      const alice = await device('alice', 1, `alice-${type}`);
      const bob = await device('bob', 2, `bob-${type}`);
      const carol = await device('carol', 2, `carol-${type}`);
      const dave = await device('dave', 1, `dave-${type}`);
      const { groupId } = await alice.client.groups.create(type, `e2e ${type}`, {
        members: ['bob', 'carol'],
        ...(type === 'Work' ? {} : { applyJoinOption: 'FreeAccess' as const }),
        ...(type === 'Community' ? { supportTopic: true } : {}),
      });
      const send = (t: string, topicId?: string) => alice.client.groups.send(groupId, { MsgBody: body(t), Random: rnd++, ...(topicId ? { topicId } : {}) });

      // A stream from edge 1 reaches bob and carol on edge 2, in order, seqs without a gap.
      const acks = [];
      for (let i = 0; i < STREAM; i++) acks.push(await send(`${type}-${i}`));
      expect(consecutive(acks.map((a) => a.seq))).toBe(true);
      for (const d of [bob, carol]) {
        const got = await d.waitMsgs(groupId, STREAM);
        expect(got.map((m) => m.seq)).toEqual(acks.map((a) => a.seq));
        expect(got.map(textOf)).toEqual(acks.map((_, i) => `${type}-${i}`));
      }

      // carol goes offline, misses messages, comes back on the other edge and syncs.
      const lastSeen = carol.msgs(groupId).at(-1)!.seq;
      carol.client.close();
      const away = [];
      for (let i = 0; i < WHILE_AWAY; i++) away.push(await send(`${type}-away-${i}`));
      const carolBack = await device('carol', 1, `carol-${type}-back`);
      const caught = await carolBack.client.groups.syncAll(groupId, lastSeen, {});
      expect(plain(caught).map((m) => m.seq)).toEqual(away.map((a) => a.seq));
      expect(caught.map((m) => m.seq)).toEqual(caught.map((_, i) => lastSeen + 1 + i));
      expect(plain(caught).map(textOf)).toEqual(away.map((_, i) => `${type}-away-${i}`));

      // dave joins now: what he sees of the earlier history depends on the type.
      if (type === 'Work') expect((await alice.client.groups.invite(groupId, ['dave'])).results).toEqual([{ userId: 'dave', result: 1 }]);
      else expect(await dave.client.groups.join(groupId)).toEqual({ outcome: 'joined' });
      const after = await send(`${type}-after-join`);
      const live = await dave.waitMsgs(groupId, 1);
      expect(live.map((m) => m.seq)).toEqual([after.seq]);
      const history = plain(await dave.client.groups.syncAll(groupId, 0, {}));
      const older = [...acks, ...away].map((a) => a.seq);
      expect(history.map((m) => m.seq)).toEqual(seesOld ? [...older, after.seq] : [after.seq]);
      const page = plain((await dave.client.groups.history(groupId, { limit: 100 })).messages);
      expect(page.map((m) => m.seq)).toEqual(seesOld ? [after.seq, ...older.reverse()] : [after.seq]);

      if (type === 'Community') {
        // A topic keeps its own timeline: seqs from 1, delivered across edges, synced.
        const topicId = `${groupId}@TOPIC#_general`;
        const r = await rest(api, 'million_group_open_http_svc', 'create_topic', { GroupId: groupId, TopicId: topicId, TopicName: 'general' });
        expect(r.ErrorCode).toBe(0);
        const topicAcks = [];
        for (let i = 0; i < 5; i++) topicAcks.push(await send(`topic-${i}`, topicId));
        expect(topicAcks.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
        const got = await bob.waitMsgs(groupId, 5, topicId);
        expect(got.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(plain(await dave.client.groups.syncAll(groupId, 0, { topicId })).map(textOf)).toEqual(['topic-0', 'topic-1', 'topic-2', 'topic-3', 'topic-4']);
      }
      for (const d of [alice, bob, carolBack, dave]) d.client.close();
    });
  }

  it('AVChatRoom: one message reaches the room sockets on both edges, and nothing is stored', async () => {
    const alice = await device('alice', 1, 'alice-room');
    const viewers = [await device('bob', 1, 'bob-room'), await device('erin', 2, 'erin-room'), await device('dave', 2, 'dave-room')];
    const { groupId } = await alice.client.groups.create('AVChatRoom', 'live');
    for (const v of viewers) expect(await v.client.rooms.join(groupId)).toBe(true);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await alice.client.groups.send(groupId, { MsgBody: body(`live-${i}`), Random: rnd++ }));
    expect(sent.map((s) => s.seq)).toEqual([0, 0, 0, 0, 0]);
    for (const v of viewers) {
      const got = await v.waitMsgs(groupId, 5);
      expect(got.map(textOf)).toEqual(['live-0', 'live-1', 'live-2', 'live-3', 'live-4']);
    }
    expect((await alice.client.groups.history(groupId)).messages).toEqual([]);
    for (const d of [alice, ...viewers]) d.client.close();
  });
});
