// Invariants 1-3 under failover on the real 2+2 cluster: while alice streams messages to bob
// (several senders in parallel, each retrying its unacked message with the same fields), each
// worker in turn is killed with SIGKILL and restarted. Afterwards every acked message is stored
// exactly once, at the seq and key its ack named, and the stored seqs run 1..n with no gap.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImClient, type C2cResults } from '../../src/client/index.js';
import type { WebSocketCtor } from '../../src/client/types.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { eventually } from '../support/im-user.js';
import { officialSig, rest } from '../support/rest-client.js';

const MESSAGES = 2000;
const SENDERS = 8;
const RETRY_DEADLINE_MS = 60_000;

let c: TestCluster;
const clients: ImClient[] = [];

async function login(userId: string, edge: 1 | 2, deviceId: string): Promise<ImClient> {
  const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
  clients.push(client);
  await client.connect(c.wsUrl(edge));
  await client.login({ sdkAppId: c.sdkAppId, userId, userSig: officialSig(c.sdkAppId, c.secretKey, userId), platform: 'Android', deviceId });
  return client;
}

async function shardsOwned(workerUrl: string): Promise<number | undefined> {
  const text = await fetch(`${workerUrl}/metrics`).then((r) => (r.ok ? r.text() : undefined), () => undefined);
  const m = text && /^im_shards_owned(?:\{[^}]*\})? (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

beforeAll(async () => {
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '2000' } });
  const api = { baseUrl: c.edgeUrl(1), sdkAppId: c.sdkAppId, secretKey: c.secretKey, admin: c.admin };
  const r = await rest(api, 'im_open_login_svc', 'multiaccount_import', { Accounts: ['alice', 'bob'] });
  if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
});

afterAll(async () => {
  for (const x of clients) x.close();
  await c?.stop();
});

describe('C2C under kill -9', () => {
  it('keeps every acked message exactly once, in a gap-free sequence', async () => {
    const alice = await login('alice', 1, 'alice-stream');
    const acks = new Map<number, C2cResults[10]>();
    let retries = 0;
    let next = 0;
    const sendOne = async (i: number) => {
      const fields = { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }], MsgRandom: 100_000 + i, MsgSeq: i };
      const deadline = Date.now() + RETRY_DEADLINE_MS;
      for (;;) {
        try {
          acks.set(i, await alice.c2c.send('bob', fields, { timeoutMs: 8_000 }));
          return;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          retries++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const sender = async () => {
      while (next < MESSAGES) await sendOne(next++);
    };
    const acked = (n: number) => eventually(`${n} acks`, 120_000, async () => (acks.size >= n ? true : undefined));
    const balanced = () => eventually('balanced shards', 60_000, async () => ((await shardsOwned(c.workerUrl(1))) === (await shardsOwned(c.workerUrl(2))) && (await shardsOwned(c.workerUrl(1))) !== undefined ? true : undefined));
    const chaos = async () => {
      for (const [worker, at] of [['worker-1', MESSAGES * 0.2], ['worker-2', MESSAGES * 0.6]] as const) {
        await acked(at);
        await c.launcher.kill(worker, 'SIGKILL');
        await acked(at + MESSAGES * 0.1);
        c.launcher.restart(worker);
        await c.waitReady();
        await balanced();
      }
    };
    await Promise.all([chaos(), ...Array.from({ length: SENDERS }, sender)]);
    expect(acks.size).toBe(MESSAGES);
    console.info(`c2c failover: ${MESSAGES} messages acked through two kill -9s, ${retries} retried requests`);

    const bob = await login('bob', 2, 'bob-check');
    const stored = await bob.c2c.syncAll('alice', 0);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    const bySeq = new Map(stored.map((m) => [m.seq, m]));
    for (const [i, ack] of acks) {
      const m = bySeq.get(ack.seq);
      expect(m?.key).toBe(ack.key);
      expect((m?.body[0] as { MsgContent: { Text: string } }).MsgContent.Text).toBe(`m${i}`);
    }
    const texts = new Set(stored.map((m) => (m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text));
    expect(texts.size).toBe(MESSAGES);
  });
});
