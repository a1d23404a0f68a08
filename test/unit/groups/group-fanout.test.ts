// GroupFanout over a MemoryBus and MemoryPresence: toMembers is one publish on the group's room
// subject (frame encoded once, the sending device named to skip); toUsers and subscribe are one
// EdgeMsg per edge holding the users' connections; nobody online means no message; a failing
// presence lookup is logged, never thrown (devices catch up by sync).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../../src/bus/memory.js';
import { subjects } from '../../../src/bus/subjects.js';
import { decodeEdgeMsg, decodeRoomMsg, type EdgeMsg, type RoomMsg } from '../../../src/edge/edge-messages.js';
import { createGroupFanout, FANOUT_ROUTES_BATCH } from '../../../src/groups/group-fanout.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Op, decodeServerFrame, type ServerFrame } from '../../../src/protocol/index.js';
import { waitFor } from '../../support/ws-client.js';

const APP = 1400000001;
const GROUP = '@TGS#2J4SZEAEL';
let bus: MemoryBus;
let presence: MemoryPresence;
let edgeMsgs: Map<string, EdgeMsg[]>;
let roomMsgs: RoomMsg[];

const frame: ServerFrame = { op: Op.GROUP_MSG, d: { groupId: GROUP, msgs: [] } };

async function online(userId: string, connId: string, edgeId: string): Promise<void> {
  await presence.attach({ sdkAppId: APP, userId, connId, edgeId, platform: 'Web', deviceId: connId, since: 1 });
}

beforeEach(async () => {
  bus = new MemoryBus();
  presence = new MemoryPresence(systemClock);
  edgeMsgs = new Map();
  roomMsgs = [];
  for (const e of ['e1', 'e2', 'e3']) {
    await presence.edgeAlive(e, 60_000);
    edgeMsgs.set(e, []);
    bus.subscribe(subjects.edge(e), (m) => edgeMsgs.get(e)!.push(decodeEdgeMsg(m.data)!));
  }
  bus.subscribe(subjects.room(APP, GROUP), (m) => roomMsgs.push(decodeRoomMsg(m.data)!));
});
afterEach(async () => {
  await bus.close();
  await presence.close();
});

const fanout = () => createGroupFanout({ bus, presence, log: silentLogger }, APP, GROUP);

describe('group fan-out', () => {
  it('toMembers publishes the encoded frame once on the room subject, naming the device to skip', async () => {
    fanout().toMembers(frame, { skipConnId: 'c-sender' });
    fanout().toMembers(frame);
    await waitFor(() => (roomMsgs.length === 2 ? true : undefined));
    expect(roomMsgs[0]!.skipConnId).toBe('c-sender');
    expect(roomMsgs[1]!.skipConnId).toBeUndefined();
    expect(decodeServerFrame(roomMsgs[0]!.frame)).toEqual(frame);
    expect([...edgeMsgs.values()].flat()).toEqual([]);
  });

  it('closeRoom publishes one close on the room subject, with the last frame or none', async () => {
    fanout().closeRoom!(frame);
    fanout().closeRoom!();
    await waitFor(() => (roomMsgs.length === 2 ? true : undefined));
    expect(roomMsgs[0]!.close).toBe(true);
    expect(decodeServerFrame(roomMsgs[0]!.frame)).toEqual(frame);
    expect(roomMsgs[1]).toEqual({ frame: new Uint8Array(0), close: true });
  });

  it('toUsers sends one push per edge with the connections of the users, the sending device left out', async () => {
    await online('a', 'a1', 'e1');
    await online('a', 'a2', 'e2');
    await online('b', 'b1', 'e1');
    await online('c', 'c1', 'e3');
    await fanout().toUsers(['a', 'b', 'nobody', 'a'], frame, { skipConnId: 'a2' });
    await waitFor(() => (edgeMsgs.get('e1')!.length === 1 ? true : undefined));
    const m = edgeMsgs.get('e1')![0]!;
    expect(m.t).toBe('push');
    if (m.t !== 'push') return;
    expect(m.connIds.sort()).toEqual(['a1', 'b1']);
    expect(decodeServerFrame(m.frame)).toEqual(frame);
    await new Promise((r) => setTimeout(r, 20));
    expect(edgeMsgs.get('e2')).toEqual([]); // only a2 was there, and it sent
    expect(edgeMsgs.get('e3')).toEqual([]);
    expect(roomMsgs).toEqual([]);
  });

  it('subscribe tells each edge which sockets join or leave the group', async () => {
    await online('a', 'a1', 'e1');
    await online('b', 'b1', 'e2');
    await fanout().subscribe(['a', 'b'], true);
    await fanout().subscribe(['b'], false);
    await waitFor(() => (edgeMsgs.get('e2')!.length === 2 ? true : undefined));
    expect(edgeMsgs.get('e1')).toEqual([{ t: 'subscribe', connIds: ['a1'], sdkAppId: APP, groupId: GROUP, on: true }]);
    expect(edgeMsgs.get('e2')).toEqual([
      { t: 'subscribe', connIds: ['b1'], sdkAppId: APP, groupId: GROUP, on: true },
      { t: 'subscribe', connIds: ['b1'], sdkAppId: APP, groupId: GROUP, on: false },
    ]);
  });

  it('looks routes up in batches, so a large member change reaches everyone in one message per edge', async () => {
    const n = FANOUT_ROUTES_BATCH * 2 + 5;
    const users = Array.from({ length: n }, (_, i) => `u${i}`);
    for (const u of users) await online(u, `${u}-c`, 'e3');
    await fanout().subscribe(users, true);
    await waitFor(() => (edgeMsgs.get('e3')!.length === 1 ? true : undefined));
    const conns = edgeMsgs.get('e3')!.flatMap((m) => m.connIds);
    expect(new Set(conns).size).toBe(n);
  });

  it('sends nothing when nobody is online, and a failing presence is not thrown to the actor', async () => {
    await fanout().toUsers(['nobody'], frame);
    await fanout().subscribe(['nobody'], true);
    await presence.close();
    await expect(fanout().toUsers(['a'], frame)).resolves.toBeUndefined();
    await expect(fanout().subscribe(['a'], false)).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect([...edgeMsgs.values()].flat()).toEqual([]);
  });
});
