// The edge's group subscriptions over real sockets on the in-process node: login subscribes a
// socket to the user's joined groups (not AVChatRooms); a room frame reaches only subscribed
// sockets, the sending device left out; one bus subscription per group per edge, dropped with the
// last local subscriber; EdgeMsg subscribe joins and leaves sockets; ROOM_JOIN asks the group
// actor (test/support/room-join-double.ts) and subscribes that socket only; a slow socket is skipped for room
// frames (counted), never slowing the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '../../../src/bus/subjects.js';
import { encodeEdgeMsg, encodeRoomMsg } from '../../../src/edge/edge-messages.js';
import { ROOM_MERGE_MIN_SUBSCRIBERS } from '../../../src/edge/room-merge.js';
import { MAX_LIVE_ROOMS_PER_CONN } from '../../../src/edge/rooms.js';
import { MAX_LOGIN_GROUP_SUBSCRIPTIONS } from '../../../src/edge/login-rooms.js';
import type { GroupType } from '../../../src/groups/group-kinds.js';
import { Err, Op, encodeServerFrame, type LoginResult, type ServerFrame } from '../../../src/protocol/index.js';
import type { GroupRecord } from '../../../src/store/groups.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { roomJoinDouble } from '../../support/room-join-double.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode;
/** The group actor stood in: admits room joins except of users named "refused*". */
const double = roomJoinDouble(() => node.store, (userId) => userId.startsWith('refused'));
const applies = double.seen;
let app: number;
beforeAll(async () => {
  node = await startInprocNode({ limits: { maxBackpressureBytes: 256 * 1024 }, extraKinds: [double.kind] });
  app = node.app.sdkAppId;
});
afterAll(async () => {
  await node.stop();
});

function group(groupId: string, type: GroupType): GroupRecord {
  return {
    groupId, type, name: groupId, ownerId: '', createdAt: 1, introduction: '', notification: '', faceUrl: '',
    applyJoinOption: 'FreeAccess', inviteJoinOption: 'FreeAccess', maxMemberNum: 1_000_000, muteAll: false, custom: {},
    memberCount: 0, lastMsgTime: 0, infoSeq: 0, lastInfoTime: 0, supportTopic: false, dismissedAt: 0,
  };
}

async function makeGroup(groupId: string, type: GroupType, members: string[] = []): Promise<void> {
  await node.store.groups.createGroup(app, group(groupId, type));
  if (members.length) await node.store.joinedGroups.putJoined(app, members.map((userId) => ({ userId, groupId, type, role: 'Member' as const, joinTime: 1 })));
}

async function login(userId: string, deviceId = userId): Promise<{ s: TestSocket; connId: string }> {
  const s = await TestSocket.open(node.wsUrl());
  const r = await s.request(Op.LOGIN, { sdkAppId: app, userId, userSig: node.sig(userId), platform: 'Web', deviceId });
  expect(r.c).toBe(Err.OK);
  return { s, connId: (r.d as LoginResult).connId };
}

const msgFrame = (groupId: string, text: string): ServerFrame => ({ op: Op.GROUP_MSG, d: { groupId, msgs: [{ seq: 0, key: text, from: 'x', time: 1, random: 1, body: [text], priority: 'normal' }] } });
const publish = (groupId: string, text: string, skipConnId?: string) =>
  node.bus.publish(subjects.room(app, groupId), encodeRoomMsg({ frame: encodeServerFrame(msgFrame(groupId, text)), ...(skipConnId ? { skipConnId } : {}) }));
const isText = (groupId: string, text: string) => (f: ServerFrame) => f.op === Op.GROUP_MSG && f.d.groupId === groupId && f.d.msgs[0]?.key === text;
/** Bus subscriptions of a room subject across the node (the hub is private to the bus; a test peeks). */
const roomSubs = (groupId: string, sdkAppId = app): number =>
  (node.bus as unknown as { hub: { trie: { match(s: string): unknown[] } } }).hub.trie.match(subjects.room(sdkAppId, groupId)).length;
const gauge = async () => (await node.metrics[0]!.edgeRooms.get()).values[0]?.value ?? 0;

/** No frame matching pred arrives within a short settle time (after a later frame proved delivery). */
async function noFrame(s: TestSocket, pred: (f: ServerFrame) => boolean): Promise<void> {
  await expect(s.next(pred, 150)).rejects.toThrow('timed out');
}

describe('edge rooms', () => {
  it('subscribes a socket to its joined groups at login, not to AVChatRooms, and the frame reaches only members', async () => {
    await makeGroup('work-1', 'Work', ['alice', 'bob']);
    await makeGroup('live-joined', 'AVChatRoom', ['alice']);
    const alice = await login('alice');
    const bob = await login('bob');
    const carol = await login('carol');
    publish('work-1', 'hello');
    publish('live-joined', 'live');
    await alice.s.next(isText('work-1', 'hello'));
    await bob.s.next(isText('work-1', 'hello'));
    publish('work-1', 'marker');
    await carol.s.request(Op.HEARTBEAT);
    await alice.s.next(isText('work-1', 'marker'));
    await noFrame(carol.s, (f) => f.op === Op.GROUP_MSG);
    await noFrame(alice.s, isText('live-joined', 'live'));
    for (const x of [alice, bob, carol]) x.s.close();
  });

  it('leaves out the sending device and keeps one bus subscription per group per edge until the last subscriber goes', async () => {
    await makeGroup('work-2', 'Public', ['dan', 'erin']);
    const dan = await login('dan');
    const dan2 = await login('dan', 'dan-phone');
    const erin = await login('erin');
    expect(node.edges[0]!.connectionCount()).toBeGreaterThanOrEqual(3);
    expect(roomSubs('work-2')).toBe(1); // three local subscribers, one bus subscription
    publish('work-2', 'from-dan', dan.connId);
    await dan2.s.next(isText('work-2', 'from-dan'));
    await erin.s.next(isText('work-2', 'from-dan'));
    publish('work-2', 'after');
    await dan.s.next(isText('work-2', 'after'));
    await noFrame(dan.s, isText('work-2', 'from-dan'));
    dan.s.close();
    dan2.s.close();
    await waitFor(() => (node.edges[0]!.connectionCount() <= 1 ? true : undefined));
    expect(roomSubs('work-2')).toBe(1);
    erin.s.close();
    await waitFor(() => (roomSubs('work-2') === 0 ? true : undefined));
  });

  it('joins and leaves sockets on EdgeMsg subscribe, only sockets of that app', async () => {
    const frank = await login('frank');
    const edge = subjects.edge(node.edges[0]!.edgeId);
    node.bus.publish(edge, encodeEdgeMsg({ t: 'subscribe', connIds: [frank.connId], sdkAppId: app + 1, groupId: 'g-sub', on: true }));
    node.bus.publish(edge, encodeEdgeMsg({ t: 'subscribe', connIds: [frank.connId, 'gone'], sdkAppId: app, groupId: 'g-sub', on: true }));
    await waitFor(() => (roomSubs('g-sub') === 1 ? true : undefined));
    expect(roomSubs('g-sub', app + 1)).toBe(0);
    publish('g-sub', 'one');
    await frank.s.next(isText('g-sub', 'one'));
    node.bus.publish(edge, encodeEdgeMsg({ t: 'subscribe', connIds: [frank.connId], sdkAppId: app, groupId: 'g-sub', on: false }));
    await waitFor(() => (roomSubs('g-sub') === 0 ? true : undefined));
    publish('g-sub', 'two');
    await noFrame(frank.s, isText('g-sub', 'two'));
    frank.s.close();
  });

  it('ROOM_JOIN asks the group actor and subscribes only that socket; ROOM_LEAVE unsubscribes it', async () => {
    await makeGroup('live-1', 'AVChatRoom');
    await makeGroup('work-3', 'Work');
    const gina = await login('gina');
    const gina2 = await login('gina', 'gina-2');
    const r = await gina.s.request(Op.ROOM_JOIN, { groupId: 'live-1' });
    expect(r).toMatchObject({ c: Err.OK, d: { groupId: 'live-1', joined: true } });
    expect(applies.at(-1)).toMatchObject({ t: 'roomJoin', sdkAppId: app, groupId: 'live-1', viewers: [{ userId: 'gina', optPlatform: 'Web' }] });
    expect((await gina.s.request(Op.ROOM_JOIN, { groupId: 'live-1' })).d).toEqual({ groupId: 'live-1', joined: false });
    publish('live-1', 'on-air');
    await gina.s.next(isText('live-1', 'on-air'));
    await noFrame(gina2.s, isText('live-1', 'on-air'));
    expect(await gauge()).toBeGreaterThanOrEqual(1);
    expect((await gina.s.request(Op.ROOM_LEAVE, { groupId: 'live-1' })).d).toEqual({ groupId: 'live-1', left: true });
    expect((await gina.s.request(Op.ROOM_LEAVE, { groupId: 'live-1' })).d).toEqual({ groupId: 'live-1', left: false });
    publish('live-1', 'after-leave');
    await noFrame(gina.s, isText('live-1', 'after-leave'));
    expect(roomSubs('live-1')).toBe(0);
    // Refusals: the actor's code, a missing group, a non-live group, bad input.
    const refused = await login('refused-1');
    expect((await refused.s.request(Op.ROOM_JOIN, { groupId: 'live-1' })).c).toBe(Err.GROUP_PERMISSION_DENIED);
    expect((await gina.s.request(Op.ROOM_JOIN, { groupId: 'no-such' })).c).toBe(Err.GROUP_NOT_FOUND);
    expect((await gina.s.request(Op.ROOM_JOIN, { groupId: 'work-3' })).c).toBe(Err.GROUP_PERMISSION_DENIED);
    expect((await gina.s.request(Op.ROOM_JOIN, { groupId: '' })).c).toBe(Err.INVALID_PARAMETERS);
    expect((await gina.s.request(Op.ROOM_JOIN, {})).c).toBe(Err.INVALID_PARAMETERS);
    for (const x of [gina, gina2, refused]) x.s.close();
  });

  it('refuses ROOM_JOIN before login', async () => {
    const s = await TestSocket.open(node.wsUrl());
    expect((await s.request(Op.ROOM_JOIN, { groupId: 'live-1' })).c).toBe(Err.NOT_LOGGED_IN);
    s.close();
  });

  it('skips a slow socket for room frames and counts it, while the others keep receiving', async () => {
    await makeGroup('live-slow', 'AVChatRoom');
    const slow = await login('slow-1');
    const fast = await login('fast-1');
    for (const x of [slow, fast]) expect((await x.s.request(Op.ROOM_JOIN, { groupId: 'live-slow' })).c).toBe(Err.OK);
    slow.s.ws.pause();
    const big = 'x'.repeat(32 * 1024);
    const skips = await waitFor(async () => {
      for (let i = 0; i < 32; i++) publish('live-slow', big);
      const v = (await node.metrics[0]!.wsBackpressureDrops.get()).values.find((x) => x.labels.action === 'skip');
      return v && v.value > 0 ? v.value : undefined;
    }, 20_000);
    expect(skips).toBeGreaterThan(0);
    publish('live-slow', 'still-flowing');
    await fast.s.next(isText('live-slow', 'still-flowing'), 10_000);
    expect(slow.s.isOpen).toBe(true); // skipped, not closed: room frames never close a socket
    slow.s.ws.resume();
    for (const x of [slow, fast]) x.s.close();
  });

  it('merges a big room\'s message frames per tick and keeps their order with other frames', async () => {
    await makeGroup('live-big', 'AVChatRoom');
    const members = await Promise.all(Array.from({ length: ROOM_MERGE_MIN_SUBSCRIBERS }, (_, i) => login(`big-${i}`)));
    for (const x of members) expect((await x.s.request(Op.ROOM_JOIN, { groupId: 'live-big' })).c).toBe(Err.OK);
    publish('live-big', 'm1');
    publish('live-big', 'm2');
    publish('live-big', 'm3');
    node.bus.publish(subjects.room(app, 'live-big'), encodeRoomMsg({ frame: encodeServerFrame({ op: Op.GROUP_RECALLED, d: { groupId: 'live-big', seqs: [1], by: 'x' } }) }));
    publish('live-big', 'm4');
    for (const x of [members[0]!, members.at(-1)!]) {
      const keys: string[] = [];
      let frames = 0;
      while (keys.length < 3) {
        const f = await x.s.next((f) => f.op === Op.GROUP_MSG || f.op === Op.GROUP_RECALLED);
        expect(f.op).toBe(Op.GROUP_MSG); // the recall comes after the merged messages
        if (f.op === Op.GROUP_MSG) keys.push(...f.d.msgs.map((m) => m.key));
        frames++;
      }
      expect(keys).toEqual(['m1', 'm2', 'm3']);
      expect(frames).toBe(1);
      expect((await x.s.next((f) => f.op === Op.GROUP_MSG || f.op === Op.GROUP_RECALLED)).op).toBe(Op.GROUP_RECALLED);
      const last = await x.s.next((f) => f.op === Op.GROUP_MSG);
      expect(last.op === Op.GROUP_MSG && last.d.msgs.map((m) => m.key)).toEqual(['m4']);
    }
    for (const x of members) x.s.close();
  });

  it('reports live-room viewers (distinct users) to the online count and drops them as they leave', async () => {
    await makeGroup('live-count', 'AVChatRoom');
    await makeGroup('work-count', 'Work', ['count-0']);
    const xs = await Promise.all([0, 1, 2].map((i) => login(`count-${i}`)));
    const second = await login('count-2', 'count-2-tablet'); // a second device of a viewer counts once
    for (const x of [...xs, second]) expect((await x.s.request(Op.ROOM_JOIN, { groupId: 'live-count' })).c).toBe(Err.OK);
    await waitFor(async () => ((await node.roomOnline.count(app, 'live-count')) === 3 ? true : undefined), 10_000);
    second.s.close();
    expect(await node.roomOnline.count(app, 'work-count')).toBe(0); // member subscriptions are not live-room joins
    await xs[0]!.s.request(Op.ROOM_LEAVE, { groupId: 'live-count' });
    xs[1]!.s.close();
    await waitFor(async () => ((await node.roomOnline.count(app, 'live-count')) === 1 ? true : undefined), 10_000);
    xs[2]!.s.close();
    await waitFor(async () => ((await node.roomOnline.count(app, 'live-count')) === 0 ? true : undefined), 10_000);
    xs[0]!.s.close();
  });

  it('a closed room writes its last frame, then every local socket leaves it and the bus subscription goes', async () => {
    await makeGroup('live-close', 'AVChatRoom');
    await makeGroup('work-close', 'Work', ['close-0']);
    const xs = await Promise.all([0, 1].map((i) => login(`close-${i}`)));
    for (const x of xs) expect((await x.s.request(Op.ROOM_JOIN, { groupId: 'live-close' })).c).toBe(Err.OK);
    expect(roomSubs('live-close')).toBe(1);
    expect(roomSubs('work-close')).toBe(1);
    node.bus.publish(subjects.room(app, 'live-close'), encodeRoomMsg({ frame: encodeServerFrame(msgFrame('live-close', 'bye')), close: true }));
    node.bus.publish(subjects.room(app, 'work-close'), encodeRoomMsg({ frame: new Uint8Array(0), close: true }));
    for (const x of xs) await x.s.next(isText('live-close', 'bye'));
    await waitFor(() => (roomSubs('live-close') === 0 && roomSubs('work-close') === 0 ? true : undefined));
    expect((await xs[0]!.s.request(Op.ROOM_LEAVE, { groupId: 'live-close' })).d).toEqual({ groupId: 'live-close', left: false });
    for (const x of xs) x.s.close();
  });

  const limitHits = async (limit: string) => (await node.metrics[0]!.roomLimitHits.get()).values.find((v) => v.labels.limit === limit)?.value ?? 0;

  it('subscribes at most MAX_LOGIN_GROUP_SUBSCRIPTIONS joined groups at login and counts the cut', async () => {
    const n = MAX_LOGIN_GROUP_SUBSCRIPTIONS + 1;
    const ids = Array.from({ length: n }, (_, i) => `many-${String(i).padStart(5, '0')}`);
    for (let i = 0; i < n; i += 1000) {
      await node.store.joinedGroups.putJoined(app, ids.slice(i, i + 1000).map((groupId) => ({ userId: 'many', groupId, type: 'Public' as const, role: 'Member' as const, joinTime: 1 })));
    }
    const before = await limitHits('login_groups');
    const many = await login('many');
    expect(await limitHits('login_groups')).toBe(before + 1);
    expect(roomSubs(ids[0]!)).toBe(1);
    expect(roomSubs(ids[MAX_LOGIN_GROUP_SUBSCRIPTIONS - 1]!)).toBe(1);
    expect(roomSubs(ids[MAX_LOGIN_GROUP_SUBSCRIPTIONS]!)).toBe(0);
    many.s.close();
    await waitFor(() => (roomSubs(ids[0]!) === 0 ? true : undefined));
  });

  it('refuses a live room beyond MAX_LIVE_ROOMS_PER_CONN with 10037 and counts it', async () => {
    const rooms = Array.from({ length: MAX_LIVE_ROOMS_PER_CONN + 1 }, (_, i) => `cap-${i}`);
    for (const r of rooms) await makeGroup(r, 'AVChatRoom');
    const x = await login('capped');
    for (const r of rooms.slice(0, -1)) expect((await x.s.request(Op.ROOM_JOIN, { groupId: r })).c).toBe(Err.OK);
    const before = await limitHits('live_rooms');
    expect((await x.s.request(Op.ROOM_JOIN, { groupId: rooms.at(-1)! })).c).toBe(Err.GROUP_JOINED_LIMIT);
    expect(await limitHits('live_rooms')).toBe(before + 1);
    expect((await x.s.request(Op.ROOM_LEAVE, { groupId: rooms[0]! })).c).toBe(Err.OK);
    expect((await x.s.request(Op.ROOM_JOIN, { groupId: rooms.at(-1)! })).c).toBe(Err.OK);
    x.s.close();
  });
});
