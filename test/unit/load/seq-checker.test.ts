// The load scenarios' gap and duplicate checker: in-order seqs pass, a skipped seq counts as a gap
// (by how many), a repeated or older seq as a duplicate, and a baseline starts a conversation
// after its history.
import { describe, expect, it } from 'vitest';
import { type CounterLike, SeqChecker } from '../../../load/lib/seq-checker.js';

function counter() {
  const adds: number[] = [];
  return { c: { add: (n: number) => void adds.push(n) } as CounterLike, total: () => adds.reduce((a, b) => a + b, 0) };
}

describe('SeqChecker', () => {
  it('passes consecutive seqs per conversation, from whatever seq each starts at', () => {
    const [g, d] = [counter(), counter()];
    const k = new SeqChecker(g.c, d.c);
    for (const s of [5, 6, 7]) k.see('a', s);
    for (const s of [1, 2]) k.see('b', s);
    expect([g.total(), d.total(), k.lastSeq('a'), k.lastSeq('b')]).toEqual([0, 0, 7, 2]);
  });

  it('counts skipped seqs as gaps and repeated or older ones as duplicates', () => {
    const [g, d] = [counter(), counter()];
    const k = new SeqChecker(g.c, d.c);
    for (const s of [1, 2, 5, 5, 3, 6]) k.see('a', s);
    expect(g.total()).toBe(2);
    expect(d.total()).toBe(2);
    expect(k.lastSeq('a')).toBe(6);
  });

  it('a baseline makes the next seq after it the first expected one', () => {
    const [g, d] = [counter(), counter()];
    const k = new SeqChecker(g.c, d.c);
    k.baseline('a', 10);
    k.see('a', 12);
    k.baseline('a', 50);
    expect([g.total(), d.total(), k.lastSeq('a')]).toEqual([1, 0, 12]);
  });
});
