// Invariants 1-3 under failover on the real 2+2 cluster: while alice streams messages to bob
// (several senders in parallel, each retrying its unacked message with the same fields), each
// worker in turn is killed with SIGKILL and restarted. Afterwards every acked message is stored
// exactly once, at the seq and key its ack named, and the stored seqs run 1..n with no gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient, C2cResults } from '../../src/client/index.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { importAccounts, killEachWorkerInTurn, loginClient, withRetries } from '../support/cluster-clients.js';

const MESSAGES = 2000;
const SENDERS = 8;

let c: TestCluster;
const clients: ImClient[] = [];

const login = (userId: string, edge: 1 | 2, deviceId: string): Promise<ImClient> => loginClient(c, clients, userId, edge, deviceId);

beforeAll(async () => {
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '2000' } });
  await importAccounts(c, ['alice', 'bob']);
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
      acks.set(i, await withRetries(() => alice.c2c.send('bob', fields, { timeoutMs: 8_000 }), () => retries++));
    };
    const sender = async () => {
      while (next < MESSAGES) await sendOne(next++);
    };
    const chaos = () => killEachWorkerInTurn(c, MESSAGES, () => acks.size);
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
