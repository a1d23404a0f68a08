// The bounded FIFO behind every actor.
import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../../src/actors/mailbox.js';
import { ImError } from '../../../src/lib/errors.js';
import { Err } from '../../../src/protocol/error-codes.js';

describe('Mailbox', () => {
  it('is FIFO across many pushes and shifts (compaction keeps order)', () => {
    const box = new Mailbox<number>(1_000);
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 30; i++) box.push(next++);
      for (let i = 0; i < 25; i++) out.push(box.shift()!);
    }
    while (box.size) out.push(box.shift()!);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(box.shift()).toBeUndefined();
  });

  it('refuses with SERVER_OVERLOADED at capacity and reports each refusal', () => {
    let overloads = 0;
    const box = new Mailbox<string>(2, () => overloads++);
    box.push('a');
    box.push('b');
    let err: unknown;
    try {
      box.push('c');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImError);
    expect((err as ImError).code).toBe(Err.SERVER_OVERLOADED);
    expect(overloads).toBe(1);
    expect(box.size).toBe(2);
    box.shift();
    box.push('c');
    expect(box.drain()).toEqual(['b', 'c']);
    expect(box.size).toBe(0);
  });

  it('rejects a bad capacity', () => {
    expect(() => new Mailbox(0)).toThrow(/capacity/);
    expect(() => new Mailbox(1.5)).toThrow(/capacity/);
  });
});
