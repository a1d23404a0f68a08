// The RoomOnline contract, run against every implementation: counts summed over edges, a report
// replacing the edge's earlier count, 0 removing it, expiry after the TTL unless refreshed,
// dropEdge, rooms and apps kept apart, bad calls refused with clear errors, closed refuses.
// `advance` moves the implementation's clock (both read expiry from the injected clock).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomOnline } from '../../src/groups/room-online.js';
import { MAX_ROOM_COUNTS_PER_REPORT } from '../../src/groups/room-online-rules.js';

export interface RoomOnlineFixture {
  online: RoomOnline;
  advance(ms: number): void;
  close(): Promise<void>;
}

const APP = 1_400_000_001;
const TTL = 10_000;
const c = (groupId: string, count: number, sdkAppId = APP) => ({ sdkAppId, groupId, count });

export function roomOnlineContract(name: string, make: () => Promise<RoomOnlineFixture>): void {
  describe(`RoomOnline contract: ${name}`, () => {
    let fx: RoomOnlineFixture;
    let o: RoomOnline;
    beforeEach(async () => {
      fx = await make();
      o = fx.online;
    });
    afterEach(async () => {
      await fx.close();
    });

    it('sums the reports of every edge; a new report replaces the edge\'s count, 0 removes it', async () => {
      expect(await o.count(APP, 'room')).toBe(0);
      await o.report('e1', [c('room', 3), c('other', 1)], TTL);
      await o.report('e2', [c('room', 4)], TTL);
      expect(await o.count(APP, 'room')).toBe(7);
      expect(await o.count(APP, 'other')).toBe(1);
      await o.report('e1', [c('room', 1)], TTL);
      expect(await o.count(APP, 'room')).toBe(5);
      await o.report('e2', [c('room', 0)], TTL);
      expect(await o.count(APP, 'room')).toBe(1);
      expect(await o.count(APP + 1, 'room')).toBe(0);
      await o.report('e1', [c('room', 2, APP + 1)], TTL);
      expect(await o.count(APP + 1, 'room')).toBe(2);
      expect(await o.count(APP, 'room')).toBe(1);
    });

    it('stops counting an edge whose report expired, unless it reported again', async () => {
      await o.report('e1', [c('r', 5)], TTL);
      await o.report('e2', [c('r', 2)], TTL);
      fx.advance(TTL / 2);
      await o.report('e2', [c('r', 2)], TTL);
      fx.advance(TTL / 2 + 1);
      expect(await o.count(APP, 'r')).toBe(2);
      fx.advance(TTL);
      expect(await o.count(APP, 'r')).toBe(0);
    });

    it('forgets a dropped edge at once, other edges stay', async () => {
      await o.report('e1', [c('a', 5), c('b', 1)], TTL);
      await o.report('e2', [c('a', 2)], TTL);
      await o.dropEdge('e1');
      expect(await o.count(APP, 'a')).toBe(2);
      expect(await o.count(APP, 'b')).toBe(0);
      await o.dropEdge('never-reported');
      await o.report('e1', [c('b', 1)], TTL);
      expect(await o.count(APP, 'b')).toBe(1);
    });

    it('refuses bad calls with clear errors', async () => {
      await expect(o.report('', [c('a', 1)], TTL)).rejects.toThrow(/edgeId/);
      await expect(o.report('e1', [c('a', -1)], TTL)).rejects.toThrow(/count/);
      await expect(o.report('e1', [c('a', 1.5)], TTL)).rejects.toThrow(/count/);
      await expect(o.report('e1', [c('', 1)], TTL)).rejects.toThrow(/groupId/);
      await expect(o.report('e1', [c('a', 1, 0)], TTL)).rejects.toThrow(/sdkAppId/);
      await expect(o.report('e1', [c('a', 1)], 0)).rejects.toThrow(/ttlMs/);
      await expect(o.report('e1', Array.from({ length: MAX_ROOM_COUNTS_PER_REPORT + 1 }, (_, i) => c(`g${i}`, 1)), TTL)).rejects.toThrow(/at most/);
      await expect(o.count(APP, '')).rejects.toThrow(/groupId/);
      await expect(o.dropEdge('')).rejects.toThrow(/edgeId/);
    });

    it('refuses calls once closed', async () => {
      await o.close();
      await expect(o.count(APP, 'a')).rejects.toThrow(/closed/);
      await expect(o.report('e1', [c('a', 1)], TTL)).rejects.toThrow(/closed/);
    });
  });
}
