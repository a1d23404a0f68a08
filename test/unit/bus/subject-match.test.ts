// Subject syntax checks and the wildcard trie used by the memory bus.
import { describe, expect, it } from 'vitest';
import { assertPublishSubject, assertSubscribeSubject, SubjectTrie } from '../../../src/bus/subject-match.js';

describe('SubjectTrie', () => {
  it('matches literal, * and > patterns like NATS', () => {
    const t = new SubjectTrie<string>();
    for (const p of ['a.b.c', 'a.*.c', 'a.>', '*.b.*', '>', 'a.b']) t.add(p, p);
    expect(t.match('a.b.c').sort()).toEqual(['*.b.*', '>', 'a.*.c', 'a.>', 'a.b.c'].sort());
    expect(t.match('a.b').sort()).toEqual(['>', 'a.>', 'a.b'].sort());
    expect(t.match('a').sort()).toEqual(['>']);
    expect(t.match('x.b.y').sort()).toEqual(['*.b.*', '>'].sort());
  });

  it('removes entries and prunes empty branches', () => {
    const t = new SubjectTrie<number>();
    t.add('r.1.x', 1);
    t.add('r.*.x', 2);
    t.add('r.>', 3);
    t.remove('r.1.x', 1);
    t.remove('r.*.x', 2);
    t.remove('r.>', 3);
    t.remove('never.added', 4);
    expect(t.match('r.1.x')).toEqual([]);
    // Nothing is left behind for churned subjects.
    expect((t as unknown as { root: { next: Map<string, unknown>; star?: unknown } }).root.next.size).toBe(0);
  });

  it('keeps one entry when another with the same pattern is removed', () => {
    const t = new SubjectTrie<string>();
    t.add('q.x', 'one');
    t.add('q.x', 'two');
    t.remove('q.x', 'one');
    expect(t.match('q.x')).toEqual(['two']);
  });
});

describe('subject syntax', () => {
  it('accepts the subjects built by subjects.ts', () => {
    expect(() => assertPublishSubject('im.room.1400000000.x6162')).not.toThrow();
    expect(() => assertSubscribeSubject('im.actor.*')).not.toThrow();
    expect(() => assertSubscribeSubject('im.>')).not.toThrow();
  });

  it('rejects malformed subjects', () => {
    expect(() => assertPublishSubject('a.>')).toThrow(/wildcards/);
    expect(() => assertPublishSubject('.a')).toThrow(/empty token/);
    expect(() => assertPublishSubject('a.\tb')).toThrow(/whitespace/);
    expect(() => assertSubscribeSubject('>.a')).toThrow(/last token/);
    expect(() => assertSubscribeSubject('a.b>')).toThrow(/whole tokens/);
    expect(() => assertSubscribeSubject(undefined as unknown as string)).toThrow(/non-empty/);
  });
});
