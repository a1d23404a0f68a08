// The live-room scenario's mix and High check: priorities follow the 2/5/3 mix from the index alone
// and High numbers run 0, 1, 2... without holes; a member's High set counts holes inside what it saw
// and repeats, whatever the arrival order.
import { describe, expect, it } from 'vitest';
import { HighSeen, nthRoomMessage } from '../../../load/lib/room-mix.js';

const counter = () => {
  const c = { total: 0, add: (v: number) => void (c.total += v) };
  return c;
};

describe('live-room mix', () => {
  it('is 20 % High, 50 % Normal, 30 % Low per 10, with High numbered 0, 1, 2... in index order', () => {
    const msgs = Array.from({ length: 1000 }, (_, n) => nthRoomMessage(n));
    const share = (p: string) => msgs.filter((m) => m.priority === p).length;
    expect([share('High'), share('Normal'), share('Low')]).toEqual([200, 500, 300]);
    expect(msgs.filter((m) => m.priority === 'High').map((m) => m.high)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(msgs.filter((m) => m.priority !== 'High').every((m) => m.high === -1)).toBe(true);
    // Interleaved, not in runs: the first block of ten.
    expect(msgs.slice(0, 10).map((m) => m.priority[0]).join('')).toBe('HLNHLNNLNN');
  });
});

describe('HighSeen', () => {
  /** One member seeing `numbers`, then reporting: its missed and duplicate counters. */
  const seeing = (numbers: number[]) => {
    const missed = counter();
    const dups = counter();
    const h = new HighSeen(missed, dups);
    for (const n of numbers) h.see(n);
    h.report();
    return { missed, dups };
  };

  it('counts nothing for every number in any order, and starts at the first one seen', () => {
    const { missed, dups } = seeing([7, 5, 6, 9, 8, 10]);
    expect([missed.total, dups.total]).toEqual([0, 0]);
  });

  it('counts holes inside what was seen and repeats', () => {
    const { missed, dups } = seeing([0, 3, 1, 3, 6, 0]);
    expect(missed.total).toBe(3); // 2, 4, 5
    expect(dups.total).toBe(2);
  });

  it('a member that saw no High reports nothing', () => {
    const { missed } = seeing([]);
    expect(missed.total).toBe(0);
  });
});
