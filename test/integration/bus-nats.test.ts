// NatsBus against a real NATS server: the shared Bus contract (two connections = two processes),
// plus connection behaviour only a real server shows: a clear error for a bad address, and
// surviving a server restart (this test starts its own nats-server so the shared one stays up).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectNatsBus, type NatsBus } from '../../src/bus/nats.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { busContract } from '../contract/bus.contract.js';
import { itEnv } from '../support/it-env.js';

let url = '';
beforeAll(() => {
  url = itEnv().natsUrl;
});

let n = 0;
busContract('nats', async () => {
  const a = await connectNatsBus({ url, name: `it-bus-a-${n}` });
  const b = await connectNatsBus({ url, name: `it-bus-b-${n++}` });
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts nats-server from PATH and resolves once it accepts clients. */
async function startNats(port: number): Promise<ChildProcess> {
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.once('error', (e) => reject(new Error(`cannot start nats-server (is it on PATH?): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${log}`)));
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('Server is ready')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function until(cond: () => Promise<boolean> | boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('NatsBus connection', () => {
  it('fails with a clear error when no server listens', async () => {
    const port = await freePort();
    await expect(connectNatsBus({ url: `nats://127.0.0.1:${port}`, name: 'it-nobody' })).rejects.toThrow(/cannot connect to NATS at/);
  });

  it('rejects bad options', async () => {
    await expect(connectNatsBus({ url: ' ', name: 'x' })).rejects.toThrow(/url/);
    await expect(connectNatsBus({ url, name: '' })).rejects.toThrow(/name/);
  });

  it('exposes the raw connection', async () => {
    const bus = await connectNatsBus({ url, name: 'it-raw' });
    expect(bus.raw.isClosed()).toBe(false);
    await bus.close();
    expect(bus.raw.isClosed()).toBe(true);
  });

  describe('server restart', () => {
    let server: ChildProcess | undefined;
    let a: NatsBus | undefined;
    let b: NatsBus | undefined;
    // Each test starts its own server: stop it (and the clients) after every test, or a later
    // test's server would replace the reference and leave a nats-server running.
    afterEach(async () => {
      await Promise.all([a?.close(), b?.close()]);
      a = b = undefined;
      if (server) await stop(server);
      server = undefined;
    });

    it('reconnects and keeps its subscriptions', async () => {
      const port = await freePort();
      const own = `nats://127.0.0.1:${port}`;
      server = await startNats(port);
      a = await connectNatsBus({ url: own, name: 'it-restart-a' });
      b = await connectNatsBus({ url: own, name: 'it-restart-b' });
      const got: string[] = [];
      b.subscribe('restart.echo', (m) => void m.respond(m.data));
      b.subscribe('restart.pub', (m) => void got.push(dec(m.data)));
      await b.flush();
      expect(dec(await a.request('restart.echo', enc('before'), { timeoutMs: 5_000 }))).toBe('before');

      await stop(server);
      server = await startNats(port);

      // Both clients must come back by themselves and re-subscribe; retry until the request works.
      const busA = a;
      await until(async () => {
        try {
          return dec(await busA.request('restart.echo', enc('after'), { timeoutMs: 1_000 })) === 'after';
        } catch {
          return false;
        }
      }, 'request after restart');
      a.publish('restart.pub', enc('after'));
      await until(() => got.includes('after'), 'publish after restart');
    });

    it('bounds what it buffers while the server is down and works again after reconnect', async () => {
      const port = await freePort();
      const own = `nats://127.0.0.1:${port}`;
      server = await startNats(port);
      const metrics = createMetrics();
      const kib = new Uint8Array(1024);
      const limited = await connectNatsBus({ url: own, name: 'it-offline', metrics, offlineBufferBytes: 16 * 1024 });
      const receiver = await connectNatsBus({ url: own, name: 'it-offline-rx' });
      try {
        let got = 0;
        receiver.subscribe('offline.x', () => void got++);
        await receiver.flush();
        await stop(server);
        await until(() => !limited.connected, 'disconnect noticed');
        for (let i = 0; i < 40; i++) limited.publish('offline.x', kib);
        expect((await metrics.busDrops.get()).values[0]?.value).toBe(24);
        await expect(limited.request('offline.x', kib, { timeoutMs: 1_000 })).rejects.toMatchObject({ kind: 'no-responders' });
        server = await startNats(port);
        await until(() => limited.connected && receiver.connected, 'both reconnected');
        // nats.js may discard what was buffered at a reconnect attempt, so at most the 16 accepted
        // messages arrive; a sentinel after them proves nothing else is coming.
        let sentinel = false;
        receiver.subscribe('offline.end', () => void (sentinel = true));
        await receiver.flush();
        limited.publish('offline.end', kib);
        await until(() => sentinel, 'sentinel');
        expect(got).toBeLessThanOrEqual(16);
      } finally {
        await Promise.all([limited.close(), receiver.close()]);
      }
    });
  });
});
