// Durable per-conversation sequence blocks (invariant 2). The conversation or group actor is the
// single writer of a timeline: it reserves a block, hands out seqs +1 from it, and reserves the next
// block when it runs out. A reserved block never overlaps an earlier one, across processes and
// after crashes, so a seq never steps back even when an old owner is still running.
// Gotcha: reserved numbers can have gaps (an owner dies with half a block unused); stored messages
// must not. How the two fit together is explained on SeqStore.

/** Largest block one reserve call hands out; an actor needs about one block per hundred messages. */
export const MAX_SEQ_BLOCK = 10_000;

/** An inclusive range of sequence numbers reserved for one caller: from..to, from >= 1. */
export interface SeqBlock {
  from: number;
  to: number;
}

/**
 * Keys are (sdkAppId, convId); convId is the opaque conversation id the domain builds
 * (`c2c:${min}:${max}`, `g:${groupId}`, `g:${groupId}:${topicId}`), checked only for shape.
 *
 * Gap-free stored seqs, with MessageStore.maxSeq: a new owner (activation, failover) reads
 * `m = messages.maxSeq()` (the highest seq appended, kept even after the message expired),
 * then reserves a fresh block `b` and hands out m+1, m+2, ... up to b.to, reserving again when
 * it gets there. It never hands out a number above its latest reservation, so every seq it uses
 * is at most `current()`, and no later owner's block can start below a number in use. Numbers
 * between m+1 and b.from-1 belonged to the dead owner's block and were never acknowledged (m
 * covers every completed append; a row left by an append that died midway is replaced by the
 * next append at its seq), so the new owner may reuse them: the lease on the actor's shard
 * guarantees the old owner no longer writes. Result: stored seqs are 1, 2, 3, ... with no gap,
 * and reserved numbers may skip (never relied upon). An owner unsure of its lease can instead
 * start at b.from: its seqs then cannot collide with any other writer's, at the price of a gap;
 * the lease is what makes the stored sequence gap-free, the blocks what make it never repeat.
 */
export interface SeqStore {
  /**
   * Reserves `count` (1..MAX_SEQ_BLOCK) new numbers after every number reserved before for this
   * conversation, durably (committed before the promise resolves), and returns them. Concurrent
   * calls, from any process, get disjoint blocks. Throws after a bounded number of attempts if
   * it keeps losing races, never returning a block it did not win.
   */
  reserve(sdkAppId: number, convId: string, count: number): Promise<SeqBlock>;
  /** The highest number reserved so far (0 when none): the upper bound of every seq in use. */
  current(sdkAppId: number, convId: string): Promise<number>;
}
