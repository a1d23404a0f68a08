// The group actor under failover on the real 2+2 cluster: while members stream messages into one
// group (several senders in parallel, each retrying its unacked message with the same Random),
// each worker in turn is killed with SIGKILL and restarted, so the worker owning the group dies
// mid-stream whichever it is. Afterwards every acked message is stored exactly once, at the seq
// its ack named, each sender's messages in the order it sent them, and the timeline's seqs run
// 1..n with no gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient } from '../../src/client/index.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { importAccounts, killEachWorkerInTurn, loginClient, withRetries } from '../support/cluster-clients.js';
import { textOf } from '../support/msg-body.js';

const MESSAGES = 2000;
const SENDERS = 8;

let c: TestCluster;
const clients: ImClient[] = [];

const login = (userId: string, edge: 1 | 2, deviceId: string): Promise<ImClient> => loginClient(c, clients, userId, edge, deviceId);

const SENDER_IDS = Array.from({ length: SENDERS }, (_, i) => `s${i}`);

beforeAll(async () => {
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '2000' } });
  await importAccounts(c, ['owner', 'reader', ...SENDER_IDS]);
});

afterAll(async () => {
  for (const x of clients) x.close();
  await c?.stop();
});

describe('group messages under kill -9', () => {
  it('keeps every acked message exactly once, in each sender order, in a gap-free sequence', async () => {
    const owner = await login('owner', 1, 'owner-1');
    const { groupId } = await owner.groups.create('Public', 'failover', { members: ['reader', ...SENDER_IDS] });
    const senders = await Promise.all(SENDER_IDS.map((u, k) => login(u, k % 2 === 0 ? 1 : 2, `${u}-stream`)));
    const acks = new Map<number, { seq: number; sender: number }>();
    const sentBy: number[][] = SENDER_IDS.map(() => []);
    let retries = 0;
    let next = 0;
    const sendOne = async (k: number, i: number) => {
      const fields = { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }], Random: 100_000 + i };
      const r = await withRetries(() => senders[k]!.groups.send(groupId, fields, { timeoutMs: 8_000 }), () => retries++);
      acks.set(i, { seq: r.seq, sender: k });
      sentBy[k]!.push(i);
    };
    const sender = async (k: number) => {
      while (next < MESSAGES) await sendOne(k, next++);
    };
    const chaos = () => killEachWorkerInTurn(c, MESSAGES, () => acks.size);
    await Promise.all([chaos(), ...SENDER_IDS.map((_, k) => sender(k))]);
    expect(acks.size).toBe(MESSAGES);
    console.info(`group failover: ${MESSAGES} messages acked through two kill -9s, ${retries} retried requests`);
    // The owner's death interrupted sends in flight: the stream really went through a failover.
    expect(retries).toBeGreaterThan(0);

    const reader = await login('reader', 2, 'reader-check');
    const stored = await reader.groups.syncAll(groupId, 0);
    const seqs = stored.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const msgs = stored.filter((m) => m.tip === undefined);
    expect(msgs).toHaveLength(MESSAGES);
    expect(new Set(msgs.map(textOf)).size).toBe(MESSAGES);
    const bySeq = new Map(stored.map((m) => [m.seq, m]));
    for (const [i, ack] of acks) {
      const m = bySeq.get(ack.seq);
      expect(textOf(m!)).toBe(`m${i}`);
      expect(m?.from).toBe(SENDER_IDS[ack.sender]);
    }
    for (const list of sentBy) {
      const order = list.map((i) => acks.get(i)!.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // The owner's view agrees (the whole timeline from seq 1: Public members joined at creation).
    const fromOwner = await owner.groups.syncAll(groupId, 0).catch(async () => (await login('owner', 2, 'owner-2')).groups.syncAll(groupId, 0));
    expect(fromOwner.map((m) => m.seq)).toEqual(seqs);
  });
});
