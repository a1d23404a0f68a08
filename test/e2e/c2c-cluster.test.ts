// One-to-one messaging (issue 3) on a real cluster: 2 edges + 2 workers as separate processes over
// real NATS, Redis and Cassandra, driven only through the client SDK and the v4 REST API. alice
// sits on edge 1, bob's two devices on edge 2; the pair's conversation actor on either worker. Edits,
// recalls and read receipts reach every device of both users. The workers' offline push points
// at a local FCM stand-in (h2c, checking the OAuth assertion and the message JSON): a device that
// registered its token and went away gets the message as a push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient, C2cMessageInfo } from '../../src/client/index.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { adminTarget, importAccounts, loginClient } from '../support/cluster-clients.js';
import { eventually } from '../support/im-user.js';
import { rest, type RestTarget } from '../support/rest-client.js';
import { ALL_ELEMENTS } from '../unit/messaging/fixtures.js';
import { FcmTestServer } from '../unit/push/fcm-test-server.js';
import { rsaKey } from '../unit/push/test-keys.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WAIT_MS = 15_000;

let c: TestCluster;
let api: RestTarget;
let fcm: FcmTestServer;
const clients: ImClient[] = [];

interface Device {
  client: ImClient;
  got: C2cMessageInfo[];
  waitFor(n: number): Promise<C2cMessageInfo[]>;
}

async function device(userId: string, edge: 1 | 2, deviceId: string): Promise<Device> {
  const got: C2cMessageInfo[] = [];
  const client = await loginClient(c, clients, userId, edge, deviceId, (x) => x.on('c2cMessage', (m) => got.push(m)));
  return { client, got, waitFor: (n) => eventually(`${deviceId} gets ${n} messages`, WAIT_MS, async () => (got.length >= n ? got : undefined)) };
}

const seqs = (ms: readonly C2cMessageInfo[]) => ms.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  const rsa = rsaKey();
  fcm = await new FcmTestServer({ projectId: 'e2e', clientEmail: 'push@e2e', publicKey: rsa.publicKey, nowSec: () => Math.floor(Date.now() / 1000) }).start();
  const sa = join(mkdtempSync(join(tmpdir(), 'im-e2e-fcm-')), 'service-account.json');
  writeFileSync(sa, JSON.stringify({ type: 'service_account', project_id: 'e2e', client_email: 'push@e2e', private_key: rsa.privatePem, token_uri: fcm.tokenUri }));
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '2000', IM_FCM_SERVICE_ACCOUNT_FILE: sa, IM_FCM_ENDPOINT: fcm.url } });
  api = adminTarget(c);
  await importAccounts(c, ['alice', 'bob', 'carol']);
});

afterAll(async () => {
  for (const x of clients) x.close();
  await c?.stop();
  await fcm?.stop();
});

describe('C2C on the cluster', () => {
  it('alice and bob exchange every element type; an offline device catches up in order; unread agrees everywhere', async () => {
    const alice = await device('alice', 1, 'alice-phone');
    const bob1 = await device('bob', 2, 'bob-phone');
    const bob2 = await device('bob', 2, 'bob-tablet');
    const elements = Object.values(ALL_ELEMENTS);
    const acks = [];
    for (const [i, el] of elements.entries()) acks.push(await alice.client.c2c.send('bob', { MsgBody: [el], MsgRandom: 1000 + i, CloudCustomData: `cd${i}` }));
    expect(acks.map((a) => a.seq)).toEqual(range(1, elements.length));
    for (const d of [bob1, bob2]) {
      const got = await d.waitFor(elements.length);
      expect(seqs(got)).toEqual(range(1, elements.length));
      expect(got.map((m) => m.body[0])).toEqual(elements);
      expect(got.map((m) => m.key)).toEqual(acks.map((a) => a.key));
    }
    // bob answers from the tablet: alice gets it, the phone too, the tablet only its ack.
    const reply = await bob2.client.c2c.send('alice', { MsgBody: [ALL_ELEMENTS.TEXT], MsgRandom: 7 });
    expect(reply.seq).toBe(elements.length + 1);
    expect((await alice.waitFor(1))[0]).toMatchObject({ seq: reply.seq, from: 'bob' });
    expect((await bob1.waitFor(elements.length + 1))[elements.length]).toMatchObject({ seq: reply.seq, from: 'bob' });

    // bob's laptop has been offline: it catches up from seq 3 and from nothing, in order, no gap.
    for (let i = 0; i < 30; i++) await alice.client.c2c.send('bob', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `burst ${i}` } }], MsgRandom: 5000 + i });
    const max = elements.length + 1 + 30;
    const laptop = await device('bob', 1, 'bob-laptop');
    expect(seqs(await laptop.client.c2c.syncAll('alice', 3))).toEqual(range(4, max));
    expect(seqs(await laptop.client.c2c.syncAll('alice', 0))).toEqual(range(1, max));
    const h = await laptop.client.c2c.history('alice', undefined, 10);
    expect(seqs(h.messages)).toEqual(range(max - 9, max).reverse());
    expect(seqs(await bob1.waitFor(max))).toEqual(range(1, max));

    // Unread: alice's messages after bob's own reply (sending raises the sender's read position),
    // the same on every device and in REST.
    const unread = async (d: Device) => (await d.client.c2c.conversations()).conversations.find((x) => x.peer === 'alice')?.unread;
    const expected = max - reply.seq;
    for (const d of [bob1, bob2, laptop]) expect(await unread(d)).toBe(expected);
    expect((await alice.client.c2c.conversations()).conversations[0]).toMatchObject({ peer: 'bob', unread: 0, lastSeq: max });
    const viaRest = await rest({ ...api, baseUrl: c.edgeUrl(2) }, 'openim', 'get_c2c_unread_msg_num', { To_Account: 'bob', Peer_Account: ['alice'] });
    expect(viaRest.AllC2CUnreadMsgNum).toBe(expected);
    expect(await bob1.client.c2c.markRead('alice', 20)).toEqual({ readSeq: 20, unread: max - 20 });
    for (const d of [bob1, bob2, laptop]) expect(await unread(d)).toBe(max - 20);
    // A read position never goes back.
    expect(await bob2.client.c2c.markRead('alice', 5)).toEqual({ readSeq: 20, unread: max - 20 });
    await bob2.client.c2c.markRead('alice');
    for (const d of [bob1, bob2, laptop]) expect(await unread(d)).toBe(0);
  });

  it('a retried send is answered with the first result and stored once', async () => {
    const alice = await device('alice', 2, 'alice-retry');
    const before = await alice.client.c2c.sync('bob', 0, 1);
    const fields = { MsgBody: [ALL_ELEMENTS.FACE], MsgRandom: 424242, MsgSeq: 9 };
    const first = await alice.client.c2c.send('bob', fields);
    expect(await alice.client.c2c.send('bob', fields)).toEqual(first);
    const after = await alice.client.c2c.sync('bob', 0, 1);
    expect(after.maxSeq).toBe(before.maxSeq + 1);
  });

  it('edits, recalls and read receipts reach every device of both users across edges', async () => {
    const alice = await device('alice', 1, 'alice-edit');
    const b1 = await device('bob', 2, 'bob-edit-1');
    const b2 = await device('bob', 2, 'bob-edit-2');
    const events = (d: Device) => {
      const out: string[] = [];
      d.client.on('c2cModified', (m) => out.push(`modified ${m.seq} ${(m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text}`));
      d.client.on('c2cRecalled', (r) => out.push(`recalled ${r.seq}`));
      d.client.on('c2cRead', (r) => out.push(`read ${r.reader} ${r.readSeq}`));
      return out;
    };
    const [ea, e1, e2] = [events(alice), events(b1), events(b2)];
    const sent = await alice.client.c2c.send('bob', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'draft' } }], MsgRandom: 31337 });
    await alice.client.c2c.modify('bob', sent.key, { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'final' } }] });
    await alice.client.c2c.recall('bob', sent.key);
    await b1.client.c2c.markRead('alice');
    const want = [`modified ${sent.seq} final`, `recalled ${sent.seq}`];
    await eventually('bob-edit-1 events', WAIT_MS, async () => (e1.length >= 2 ? true : undefined));
    await eventually('bob-edit-2 events', WAIT_MS, async () => (e2.length >= 3 ? true : undefined));
    await eventually('alice events', WAIT_MS, async () => (ea.length >= 3 ? true : undefined));
    expect(e1).toEqual(want);
    expect(e2).toEqual([...want, `read bob ${sent.seq}`]);
    expect(ea).toEqual([...want, `read bob ${sent.seq}`]);
    const h = await b2.client.c2c.history('alice', undefined, 1);
    expect(h.messages[0]).toMatchObject({ seq: sent.seq, key: sent.key, recalled: true, edited: true, body: [] });
  });

  it("a message to a device that registered its FCM token and went away reaches the push service", async () => {
    const tablet = await device('carol', 2, 'carol-tablet');
    await tablet.client.push.setToken({ platform: 'fcm', token: 'carol-tablet-fcm-token' });
    tablet.client.close();
    await eventually('carol offline', WAIT_MS, async () => ((await rest(api, 'openim', 'query_online_status', { To_Account: ['carol'] })).QueryResult as Array<{ Status: string }>)[0]?.Status === 'Offline' ? true : undefined);
    const alice = await device('alice', 1, 'alice-laptop');
    await alice.client.c2c.send('carol', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'are you there?' } }], MsgRandom: 777 });
    const sends = await eventually('one FCM send', WAIT_MS, async () => (fcm.sends.length >= 1 ? fcm.sends : undefined));
    expect(sends.map((x) => [x.token, x.message.notification.body])).toEqual([['carol-tablet-fcm-token', 'are you there?']]);
    expect(fcm.violations()).toEqual([]);
  });
});
