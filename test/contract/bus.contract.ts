// The Bus contract, run against every implementation (memory in unit, NATS in integration).
// `a` and `b` are two participants (two processes): what one publishes the other must see.
// Completion is always detected by a sentinel message or a count, never by sleeping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../src/bus/bus.js';
import { BusError } from '../../src/bus/bus.js';

export interface BusPair {
  a: Bus;
  b: Bus;
  close(): Promise<void>;
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
};
const readU32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0);

async function waitFor(cond: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

let seq = 0;
/** A subject prefix unique to one test, so suites sharing one server never cross. */
const fresh = () => `t${process.pid}x${Date.now().toString(36)}x${seq++}`;

export function busContract(name: string, make: () => Promise<BusPair>): void {
  describe(`Bus contract: ${name}`, () => {
    let pair: BusPair;
    let a: Bus;
    let b: Bus;
    let p: string;

    beforeEach(async () => {
      pair = await make();
      a = pair.a;
      b = pair.b;
      p = fresh();
    });
    afterEach(async () => {
      await pair.close();
    });

    it('delivers a publish to subscribers in both participants', async () => {
      const got: Array<[string, string, string]> = [];
      b.subscribe(`${p}.hello`, (m) => got.push(['b', m.subject, dec(m.data)]));
      a.subscribe(`${p}.hello`, (m) => got.push(['a', m.subject, dec(m.data)]));
      await b.flush();
      a.publish(`${p}.hello`, enc('world'));
      await waitFor(() => got.length === 2, 'two deliveries');
      expect(got.sort()).toEqual([
        ['a', `${p}.hello`, 'world'],
        ['b', `${p}.hello`, 'world'],
      ]);
    });

    it('matches * to one token and > to one or more trailing tokens', async () => {
      const star: string[] = [];
      const rest: string[] = [];
      const exact: string[] = [];
      b.subscribe(`${p}.*.end`, (m) => star.push(m.subject));
      b.subscribe(`${p}.>`, (m) => rest.push(m.subject));
      b.subscribe(`${p}.x.end`, (m) => exact.push(m.subject));
      await b.flush();
      for (const s of [`${p}.x.end`, `${p}.x.y.end`, `${p}.x`, `${p}`, `${p}.done`]) a.publish(s, enc(s));
      await waitFor(() => rest.includes(`${p}.done`), 'sentinel');
      expect(star).toEqual([`${p}.x.end`]);
      expect(exact).toEqual([`${p}.x.end`]);
      expect(rest).toEqual([`${p}.x.end`, `${p}.x.y.end`, `${p}.x`, `${p}.done`]);
    });

    it('gives each message to one member of a queue group, and to every plain subscriber', async () => {
      const total = 200;
      const qa: number[] = [];
      const qb: number[] = [];
      const plain: number[] = [];
      a.subscribe(`${p}.work`, (m) => qa.push(readU32(m.data)), { queue: 'workers' });
      b.subscribe(`${p}.work`, (m) => qb.push(readU32(m.data)), { queue: 'workers' });
      b.subscribe(`${p}.work`, (m) => plain.push(readU32(m.data)));
      // Sentinels on both sides: once each has one, every earlier message has been delivered there.
      const ends: string[] = [];
      a.subscribe(`${p}.end`, () => void ends.push('a'));
      b.subscribe(`${p}.end`, () => void ends.push('b'));
      await Promise.all([a.flush(), b.flush()]);
      for (let i = 0; i < total; i++) a.publish(`${p}.work`, u32(i));
      a.publish(`${p}.end`, enc('end'));
      await waitFor(() => ends.length === 2, 'sentinels');
      expect(plain).toEqual([...Array(total).keys()]);
      expect(qa.length + qb.length).toBe(total);
      expect(new Set([...qa, ...qb]).size).toBe(total);
      expect(qa.length).toBeGreaterThan(0);
      expect(qb.length).toBeGreaterThan(0);
    });

    it('answers a request with the reply of a subscriber in the other participant', async () => {
      let seen: BusMessage | undefined;
      b.subscribe(`${p}.echo`, (m) => {
        seen = m;
        m.respond(enc(dec(m.data).toUpperCase()));
      });
      await b.flush();
      const reply = await a.request(`${p}.echo`, enc('ping'), { timeoutMs: 5_000 });
      expect(dec(reply)).toBe('PING');
      expect(seen?.expectsReply).toBe(true);
      expect(seen?.subject).toBe(`${p}.echo`);
    });

    it('answers a request sent to a queue group exactly once', async () => {
      const calls: string[] = [];
      a.subscribe(`${p}.svc`, (m) => void (calls.push('a'), m.respond(enc('a'))), { queue: 'svc' });
      b.subscribe(`${p}.svc`, (m) => void (calls.push('b'), m.respond(enc('b'))), { queue: 'svc' });
      await Promise.all([a.flush(), b.flush()]);
      for (let i = 0; i < 10; i++) {
        const r = dec(await a.request(`${p}.svc`, enc('q'), { timeoutMs: 5_000 }));
        expect(['a', 'b']).toContain(r);
      }
      expect(calls).toHaveLength(10);
    });

    it('rejects with no-responders when nobody listens', async () => {
      const e = await rejection(a.request(`${p}.nobody`, enc('x'), { timeoutMs: 15_000 }));
      expect(e).toBeInstanceOf(BusError);
      expect((e as BusError).kind).toBe('no-responders');
      expect((e as BusError).subject).toBe(`${p}.nobody`);
    });

    it('rejects with timeout when the responder stays silent', async () => {
      let asked = 0;
      b.subscribe(`${p}.silent`, () => void asked++);
      await b.flush();
      const e = await rejection(a.request(`${p}.silent`, enc('x'), { timeoutMs: 150 }));
      expect(e).toBeInstanceOf(BusError);
      expect((e as BusError).kind).toBe('timeout');
      expect(asked).toBe(1);
    });

    it('stops delivering after unsubscribe', async () => {
      const got: string[] = [];
      const done: string[] = [];
      const sub = b.subscribe(`${p}.u`, (m) => got.push(dec(m.data)));
      b.subscribe(`${p}.sentinel`, (m) => done.push(dec(m.data)));
      expect(sub.subject).toBe(`${p}.u`);
      await b.flush();
      a.publish(`${p}.u`, enc('1'));
      a.publish(`${p}.sentinel`, enc('first'));
      await waitFor(() => done.length === 1, 'first sentinel');
      sub.unsubscribe();
      sub.unsubscribe(); // idempotent
      await b.flush();
      a.publish(`${p}.u`, enc('2'));
      a.publish(`${p}.sentinel`, enc('second'));
      await waitFor(() => done.length === 2, 'second sentinel');
      expect(got).toEqual(['1']);
    });

    it('drain() handles what was already routed, then delivers nothing more', async () => {
      const got: number[] = [];
      const done: string[] = [];
      const sub = b.subscribe(`${p}.d`, (m) => {
        got.push(readU32(m.data));
        m.respond(m.data);
      });
      b.subscribe(`${p}.sentinel`, (m) => done.push(dec(m.data)));
      await b.flush();
      const asked = [1, 2, 3].map((i) => a.request(`${p}.d`, u32(i), { timeoutMs: 5_000 }));
      for (let i = 4; i <= 6; i++) a.publish(`${p}.d`, u32(i));
      await a.flush();
      expect(sub.drain).toBeTypeOf('function');
      await sub.drain!();
      expect(got).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await Promise.all(asked)).map(readU32)).toEqual([1, 2, 3]);
      a.publish(`${p}.d`, u32(7));
      a.publish(`${p}.sentinel`, enc('end'));
      await waitFor(() => done.length === 1, 'sentinel');
      expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('keeps publish order for 1,000 messages', async () => {
      const got: number[] = [];
      b.subscribe(`${p}.ord`, (m) => got.push(readU32(m.data)));
      await b.flush();
      for (let i = 0; i < 1000; i++) a.publish(`${p}.ord`, u32(i));
      await waitFor(() => got.length === 1000, '1000 messages');
      expect(got).toEqual([...Array(1000).keys()]);
    });

    it('round-trips every byte value in requests and replies', async () => {
      const all = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      b.subscribe(`${p}.bin`, (m) => m.respond(Uint8Array.from(m.data).reverse()));
      await b.flush();
      const reply = await a.request(`${p}.bin`, all, { timeoutMs: 5_000 });
      expect([...reply]).toEqual([...all].reverse());
    });

    it('carries a 256 KiB payload by publish and by request', async () => {
      const big = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 31 + 7) & 0xff);
      let got: Uint8Array | undefined;
      b.subscribe(`${p}.big`, (m) => void (got = m.data));
      b.subscribe(`${p}.bigreq`, (m) => m.respond(m.data));
      await b.flush();
      a.publish(`${p}.big`, big);
      await waitFor(() => got !== undefined, 'big payload');
      expect(Buffer.from(got!).equals(Buffer.from(big))).toBe(true);
      const reply = await a.request(`${p}.bigreq`, big, { timeoutMs: 10_000 });
      expect(Buffer.from(reply).equals(Buffer.from(big))).toBe(true);
    });

    it('is not affected by the sender reusing its buffer after publish', async () => {
      const got: string[] = [];
      b.subscribe(`${p}.reuse`, (m) => got.push(dec(m.data)));
      await b.flush();
      const buf = enc('first');
      a.publish(`${p}.reuse`, buf);
      buf.set(enc('XXXXX'));
      a.publish(`${p}.reuse`, enc('last'));
      await waitFor(() => got.length === 2, 'two messages');
      expect(got).toEqual(['first', 'last']);
    });

    it('respond() is false without a requester and after the first reply', async () => {
      const results: boolean[] = [];
      b.subscribe(`${p}.r`, (m) => {
        results.push(m.expectsReply, m.respond(enc('one')), m.respond(enc('two')));
      });
      await b.flush();
      a.publish(`${p}.r`, enc('fire and forget'));
      await waitFor(() => results.length === 3, 'publish handled');
      const reply = await a.request(`${p}.r`, enc('ask'), { timeoutMs: 5_000 });
      expect(dec(reply)).toBe('one');
      expect(results).toEqual([false, false, false, true, true, false]);
    });

    it('keeps delivering after a handler throws or rejects', async () => {
      const got: string[] = [];
      b.subscribe(`${p}.boom`, (m) => {
        got.push(dec(m.data));
        if (got.length === 1) throw new Error('handler failure (expected by the test)');
      });
      b.subscribe(`${p}.boom`, async () => {
        throw new Error('async handler failure (expected by the test)');
      });
      await b.flush();
      a.publish(`${p}.boom`, enc('1'));
      a.publish(`${p}.boom`, enc('2'));
      await waitFor(() => got.length === 2, 'both messages');
      expect(got).toEqual(['1', '2']);
    });

    it('rejects bad subjects, queue names and timeouts with clear errors', async () => {
      expect(() => a.publish('', enc('x'))).toThrow(/non-empty/);
      expect(() => a.publish(`${p}.*`, enc('x'))).toThrow(/wildcards/);
      expect(() => a.publish(`${p}..x`, enc('x'))).toThrow(/empty token/);
      expect(() => a.publish(`${p} x`, enc('x'))).toThrow(/whitespace/);
      expect(() => a.subscribe(`${p}.>.x`, () => {})).toThrow(/last token/);
      expect(() => a.subscribe(`${p}.a*`, () => {})).toThrow(/whole tokens/);
      expect(() => a.subscribe(`${p}.x`, () => {}, { queue: 'a b' })).toThrow(/queue/);
      await expect(a.request(`${p}.x`, enc('x'), { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
      await expect(a.request(`${p}.*`, enc('x'), { timeoutMs: 100 })).rejects.toThrow(/wildcards/);
    });

    it('close() rejects pending requests and refuses further use', async () => {
      b.subscribe(`${p}.slow`, () => {});
      await b.flush();
      const pending = rejection(a.request(`${p}.slow`, enc('x'), { timeoutMs: 30_000 }));
      await a.flush();
      await a.close();
      const e = await pending;
      expect(e).toBeInstanceOf(BusError);
      expect((e as BusError).kind).toBe('closed');
      expect(() => a.subscribe(`${p}.after`, () => {})).toThrow(BusError);
      expect(() => a.publish(`${p}.after`, enc('x'))).toThrow(BusError);
      await expect(a.request(`${p}.slow`, enc('x'), { timeoutMs: 100 })).rejects.toMatchObject({ kind: 'closed' });
      await a.close(); // idempotent
      // The other participant is unaffected.
      const got: string[] = [];
      b.subscribe(`${p}.still`, (m) => got.push(dec(m.data)));
      await b.flush();
      b.publish(`${p}.still`, enc('ok'));
      await waitFor(() => got.length === 1, 'delivery on b');
    });
  });
}
