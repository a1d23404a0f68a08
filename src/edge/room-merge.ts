// Per-tick merging of a big room's message frames on the edge (docs/groups.md "Live rooms"): the
// GROUP_MSG frames of one group arriving within ROOM_MERGE_TICK_MS are written as ONE frame whose
// message list is the concatenation (the frame type allows it, protocol/group-frames.ts), so each
// client gets at most one frame per tick however busy the room. Only rooms with at least
// ROOM_MERGE_MIN_SUBSCRIBERS local sockets wait for the tick (small groups keep their latency);
// only GROUP_MSG frames for everyone merge (one naming a device to skip, or any other push, first
// flushes what is pending, so order is kept).
import type { Clock, TimerHandle } from '../lib/clock.js';
import { encodeServerFrame } from '../protocol/codec.js';
import type { GroupMessageInfo } from '../protocol/group-frames.js';
import { unpack } from '../protocol/msgpack.js';
import { Op } from '../protocol/ops.js';

/** How long a big room's messages wait to share one frame per client. */
export const ROOM_MERGE_TICK_MS = 50;
/** Local subscribers from which a room's frames are merged per tick. */
export const ROOM_MERGE_MIN_SUBSCRIBERS = 64;

interface Pending {
  groupId: string;
  topicId?: string;
  msgs: GroupMessageInfo[];
}

/** A GROUP_MSG frame's parts when it can be merged (only groupId, topicId and msgs), else undefined. */
export function mergeableParts(frame: Uint8Array): Pending | undefined {
  let v: unknown;
  try {
    v = unpack(frame);
  } catch {
    return undefined;
  }
  const f = v as { op?: unknown; d?: Record<string, unknown> };
  if (f?.op !== Op.GROUP_MSG || typeof f.d !== 'object' || f.d === null || Object.keys(f).length !== 2) return undefined;
  const { groupId, topicId, msgs, ...rest } = f.d;
  if (typeof groupId !== 'string' || !Array.isArray(msgs) || Object.keys(rest).length > 0) return undefined;
  if (topicId !== undefined && typeof topicId !== 'string') return undefined;
  return { groupId, ...(topicId !== undefined ? { topicId } : {}), msgs: msgs as GroupMessageInfo[] };
}

/** One room's pending merged frames (per topic, in arrival order), written when the tick ends. */
export class RoomMerger {
  private pending: Pending[] = [];
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly write: (frame: Uint8Array) => void,
  ) {}

  /** Holds the message list for this tick. */
  add(p: Pending): void {
    const last = this.pending.at(-1);
    if (last && last.topicId === p.topicId) last.msgs.push(...p.msgs);
    else this.pending.push({ ...p, msgs: [...p.msgs] });
    this.timer ??= this.clock.setTimer(ROOM_MERGE_TICK_MS, () => this.flush());
  }

  /** Writes what is pending now (before an unmergeable frame, or at the tick). */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const out = this.pending;
    if (out.length === 0) return;
    this.pending = [];
    for (const p of out) this.write(encodeServerFrame({ op: Op.GROUP_MSG, d: p }));
  }

  /** Drops what is pending (the room closed). */
  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.pending = [];
  }
}
