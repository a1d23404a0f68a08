// Small helpers shared by the push tests: reading a counter, waiting for a condition that a
// real socket makes true eventually, a provider whose sends wait for release(), the memory
// registry with its reads counted, a presence route, and a pusher whose registry is down.
import type { Metrics } from '../../../src/metrics/metrics.js';
import type { Route } from '../../../src/presence/presence.js';
import { OfflinePusher, type OfflinePusherDeps } from '../../../src/push/offline-pusher.js';
import type { PushNotification, PushProvider, PushResult, PushTarget } from '../../../src/push/push-provider.js';
import { silentLogger } from '../../../src/lib/log.js';
import { MemoryPushRegistryStore } from '../../../src/store/memory/push-registry.js';

export async function counter(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, w]) => String((v.labels as Record<string, unknown>)[k]) === w))
    .reduce((s, v) => s + v.value, 0);
}

export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

/** A provider whose sends wait until release(). */
export class GatedPush implements PushProvider {
  private gates: Array<() => void> = [];
  started = 0;
  async send(_t: PushTarget, _n: PushNotification): Promise<PushResult> {
    this.started++;
    await new Promise<void>((r) => this.gates.push(r));
    return { ok: true };
  }
  get waiting(): number {
    return this.gates.length;
  }
  release(): void {
    for (const g of this.gates.splice(0)) g();
  }
  async close(): Promise<void> {}
}

/** The memory registry with its reads counted. */
export class CountingRegistry extends MemoryPushRegistryStore {
  lists = 0;
  recvOptReads = 0;
  override list(...args: Parameters<MemoryPushRegistryStore['list']>) {
    this.lists++;
    return super.list(...args);
  }
  override getRecvOpts(...args: Parameters<MemoryPushRegistryStore['getRecvOpts']>) {
    this.recvOptReads++;
    return super.getRecvOpts(...args);
  }
}

/** An online route of userId's device on edge e1. */
export const route = (sdkAppId: number, userId: string, deviceId: string): Route => ({ sdkAppId, userId, connId: `${userId}-${deviceId}`, edgeId: 'e1', platform: 'Android', deviceId, since: 1 });

/** A pusher over these deps whose registry fails every device read ("store down"). */
export const pusherWithRegistryDown = (deps: Omit<OfflinePusherDeps, 'log'> & { registry: MemoryPushRegistryStore }): OfflinePusher =>
  new OfflinePusher({ ...deps, registry: Object.assign(Object.create(deps.registry) as MemoryPushRegistryStore, { list: () => Promise.reject(new Error('store down')) }), log: silentLogger });
