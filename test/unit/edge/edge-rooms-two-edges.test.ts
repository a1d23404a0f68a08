// A group's fan-out across two edges of one node: each edge with members holds exactly one bus
// subscription to the room subject, one publish reaches the members on both edges, and an edge
// whose last member left drops its subscription while the other keeps delivering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '../../../src/bus/subjects.js';
import { encodeRoomMsg } from '../../../src/edge/edge-messages.js';
import { Err, Op, encodeServerFrame, type ServerFrame } from '../../../src/protocol/index.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode;
let app: number;
beforeAll(async () => {
  node = await startInprocNode({ edges: 2 });
  app = node.app.sdkAppId;
  await node.store.joinedGroups.putJoined(app, ['p', 'q', 'r'].map((userId) => ({ userId, groupId: 'g2', type: 'Public' as const, role: 'Member' as const, joinTime: 1 })));
});
afterAll(async () => {
  await node.stop();
});

const roomSubs = (): number => (node.bus as unknown as { hub: { trie: { match(s: string): unknown[] } } }).hub.trie.match(subjects.room(app, 'g2')).length;
const publish = (key: string) =>
  node.bus.publish(subjects.room(app, 'g2'), encodeRoomMsg({ frame: encodeServerFrame({ op: Op.GROUP_MSG, d: { groupId: 'g2', msgs: [{ seq: 1, key, from: 'p', time: 1, random: 1, body: [], priority: 'normal' }] } }) }));
const isKey = (key: string) => (f: ServerFrame) => f.op === Op.GROUP_MSG && f.d.msgs[0]?.key === key;

async function login(userId: string, edge: number): Promise<TestSocket> {
  const s = await TestSocket.open(node.wsUrl(edge));
  expect((await s.request(Op.LOGIN, { sdkAppId: app, userId, userSig: node.sig(userId), platform: 'Web', deviceId: userId })).c).toBe(Err.OK);
  return s;
}

describe('room fan-out over two edges', () => {
  it('one bus subscription per edge, one publish reaches both', async () => {
    const p = await login('p', 0);
    const q = await login('q', 0);
    const r = await login('r', 1);
    expect(roomSubs()).toBe(2);
    publish('both');
    for (const s of [p, q, r]) await s.next(isKey('both'));
    r.close();
    await waitFor(() => (roomSubs() === 1 ? true : undefined));
    publish('edge0');
    for (const s of [p, q]) await s.next(isKey('edge0'));
    expect((await node.metrics[1]!.edgeRooms.get()).values[0]?.value ?? 0).toBe(0);
    expect((await node.metrics[0]!.edgeRooms.get()).values[0]?.value).toBe(1);
    p.close();
    q.close();
    await waitFor(() => (roomSubs() === 0 ? true : undefined));
  });
});
