// The SDK's live-room API against a real edge (group actor stood in by test/support/room-join-double.ts,
// which admits every viewer): rooms.join/leave answer joined/left, a refused join rejects with the server's code,
// and room messages arrive as groupMessage events while joined, not after leaving.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImClient, ImError, Err, Op, type WebSocketCtor } from '../../../src/client/index.js';
import { subjects } from '../../../src/bus/subjects.js';
import { encodeRoomMsg } from '../../../src/edge/edge-messages.js';
import { encodeServerFrame } from '../../../src/protocol/index.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { roomJoinDouble } from '../../support/room-join-double.js';
import { waitFor } from '../../support/ws-client.js';

const WS = WebSocket as unknown as WebSocketCtor;
let node: InprocNode;
const admitAll = roomJoinDouble(() => node.store);
beforeAll(async () => {
  node = await startInprocNode({ extraKinds: [admitAll.kind] });
  const base = { ownerId: '', createdAt: 1, introduction: '', notification: '', faceUrl: '', applyJoinOption: 'FreeAccess', inviteJoinOption: 'FreeAccess', maxMemberNum: 1_000_000, muteAll: false, custom: {}, memberCount: 0, lastMsgTime: 0, infoSeq: 0, lastInfoTime: 0, supportTopic: false, dismissedAt: 0 } as const;
  await node.store.groups.createGroup(node.app.sdkAppId, { ...base, groupId: 'sdk-live', type: 'AVChatRoom', name: 'live' });
  await node.store.groups.createGroup(node.app.sdkAppId, { ...base, groupId: 'sdk-work', type: 'Work', name: 'work' });
});
afterAll(async () => {
  await node.stop();
});

describe('SDK live rooms', () => {
  it('joins, receives groupMessage events, leaves', async () => {
    const c = new ImClient({ WebSocket: WS });
    await c.connect(node.wsUrl());
    await c.login({ sdkAppId: node.app.sdkAppId, userId: 'sdk-u', userSig: node.sig('sdk-u'), platform: 'Web', deviceId: 'd1' });
    const got: GroupMsgFrame['d'][] = [];
    c.on('groupMessage', (d) => got.push(d));
    expect(await c.rooms.join('sdk-live')).toBe(true);
    expect(await c.rooms.join('sdk-live')).toBe(false);
    const frame = (key: string) => encodeRoomMsg({ frame: encodeServerFrame({ op: Op.GROUP_MSG, d: { groupId: 'sdk-live', msgs: [{ seq: 0, key, from: 'x', time: 1, random: 1, body: [], priority: 'high' }] } }) });
    node.bus.publish(subjects.room(node.app.sdkAppId, 'sdk-live'), frame('k1'));
    await waitFor(() => (got.length === 1 ? true : undefined));
    expect(got[0]).toMatchObject({ groupId: 'sdk-live', msgs: [{ key: 'k1' }] });
    expect(await c.rooms.leave('sdk-live')).toBe(true);
    expect(await c.rooms.leave('sdk-live')).toBe(false);
    node.bus.publish(subjects.room(node.app.sdkAppId, 'sdk-live'), frame('k2'));
    await c.heartbeat();
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((d) => d.msgs[0]!.key)).toEqual(['k1']);
    const refused = await c.rooms.join('sdk-work').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImError);
    expect((refused as ImError).code).toBe(Err.GROUP_PERMISSION_DENIED);
    c.close();
  });
});
