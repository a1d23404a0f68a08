// Per-tick merging of room frames (edge/room-merge.ts) on a fake clock: GROUP_MSG frames of one
// tick leave as one frame with the concatenated list, per topic in arrival order; flush writes at
// once; only plain GROUP_MSG frames are mergeable.
import { describe, expect, it } from 'vitest';
import { mergeableParts, ROOM_MERGE_TICK_MS, RoomMerger } from '../../../src/edge/room-merge.js';
import { pack } from '../../../src/protocol/msgpack.js';
import type { GroupMessageInfo } from '../../../src/protocol/group-frames.js';
import { Op, decodeServerFrame, encodeServerFrame } from '../../../src/protocol/index.js';
import { FakeClock } from '../../support/fake-clock.js';

const m = (key: string): GroupMessageInfo => ({ seq: 0, key, from: 'a', time: 1, random: 1, body: [], priority: 'normal' });
const keysOf = (frame: Uint8Array) => {
  const f = decodeServerFrame(frame) as { op: number; d: { topicId?: string; msgs: GroupMessageInfo[] } };
  return { op: f.op, topicId: f.d.topicId, keys: f.d.msgs.map((x) => x.key) };
};

describe('room merge', () => {
  it('writes the messages of one tick as one frame per topic, in order', () => {
    const clock = new FakeClock();
    const out: Uint8Array[] = [];
    const merger = new RoomMerger(clock, (f) => out.push(f));
    merger.add({ groupId: 'g', msgs: [m('1')] });
    merger.add({ groupId: 'g', msgs: [m('2'), m('3')] });
    merger.add({ groupId: 'g', topicId: 't', msgs: [m('4')] });
    clock.advance(ROOM_MERGE_TICK_MS - 1);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out.map(keysOf)).toEqual([
      { op: Op.GROUP_MSG, topicId: undefined, keys: ['1', '2', '3'] },
      { op: Op.GROUP_MSG, topicId: 't', keys: ['4'] },
    ]);
    merger.add({ groupId: 'g', msgs: [m('5')] });
    merger.flush();
    expect(out.map(keysOf).at(-1)).toEqual({ op: Op.GROUP_MSG, topicId: undefined, keys: ['5'] });
    clock.advance(ROOM_MERGE_TICK_MS * 2);
    expect(out).toHaveLength(3); // the flush cancelled the tick
    merger.add({ groupId: 'g', msgs: [m('6')] });
    merger.cancel();
    clock.advance(ROOM_MERGE_TICK_MS * 2);
    expect(out).toHaveLength(3);
  });

  it('takes only plain GROUP_MSG frames', () => {
    expect(mergeableParts(encodeServerFrame({ op: Op.GROUP_MSG, d: { groupId: 'g', topicId: 't', msgs: [m('1')] } }))).toEqual({ groupId: 'g', topicId: 't', msgs: [m('1')] });
    expect(mergeableParts(encodeServerFrame({ op: Op.GROUP_RECALLED, d: { groupId: 'g', seqs: [1], by: 'a' } }))).toBeUndefined();
    expect(mergeableParts(pack({ op: Op.GROUP_MSG, d: { groupId: 'g', msgs: [], extra: 1 } }))).toBeUndefined();
    expect(mergeableParts(pack({ op: Op.GROUP_MSG, d: { groupId: 1, msgs: [] } }))).toBeUndefined();
    expect(mergeableParts(new Uint8Array([0xc1]))).toBeUndefined();
  });
});
