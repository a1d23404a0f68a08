import { describe, expect, it } from 'vitest';
import { devicesToKick, type LoginPolicy, type Platform } from '../../../src/sessions/login-policy.js';
import type { DeviceInfo } from '../../../src/sessions/session-messages.js';

let n = 0;
const dev = (platform: Platform, deviceId = `${platform}-dev`, since = ++n): DeviceInfo => ({
  connId: `c-${platform}-${deviceId}-${since}`,
  edgeId: 'e1',
  platform,
  deviceId,
  since,
});

const kicked = (policy: LoginPolicy, existing: DeviceInfo[], incoming: DeviceInfo) =>
  devicesToKick(policy, existing, incoming).map((d) => `${d.platform}/${d.deviceId}`);

describe('devicesToKick', () => {
  const iphone = dev('iPhone', 'i1');
  const android = dev('Android', 'a1');
  const web = dev('Web', 'w1');
  const pc = dev('PC', 'p1');
  const mac = dev('Mac', 'm1');
  const ipad = dev('iPad', 'pad1');

  // [policy, existing, incoming platform/deviceId, expected kicked]
  const table: [LoginPolicy, DeviceInfo[], [Platform, string], string[]][] = [
    // Same platform and same deviceId replaces, in every policy.
    ['single', [iphone], ['iPhone', 'i1'], ['iPhone/i1']],
    ['dual', [iphone], ['iPhone', 'i1'], ['iPhone/i1']],
    ['triple', [iphone], ['iPhone', 'i1'], ['iPhone/i1']],
    ['multi', [iphone], ['iPhone', 'i1'], ['iPhone/i1']],
    ['multi', [web], ['Web', 'w1'], ['Web/w1']],
    // Single: any new login kicks every other device.
    ['single', [], ['Web', 'w9'], []],
    ['single', [iphone, web, pc], ['Android', 'a9'], ['iPhone/i1', 'Web/w1', 'PC/p1']],
    ['single', [iphone], ['iPhone', 'i2'], ['iPhone/i1']],
    // Dual: one native + Web.
    ['dual', [iphone], ['Web', 'w9'], []],
    ['dual', [iphone, web], ['PC', 'p9'], ['iPhone/i1']],
    ['dual', [iphone, web], ['Web', 'w9'], ['Web/w1']],
    ['dual', [iphone], ['iPhone', 'i2'], ['iPhone/i1']],
    ['dual', [web], ['Mac', 'm9'], []],
    // Triple: one mobile + one PC + Web.
    ['triple', [iphone, pc, web], ['Android', 'a9'], ['iPhone/i1']],
    ['triple', [iphone, web], ['Mac', 'm9'], []],
    ['triple', [iphone, mac], ['PC', 'p9'], ['Mac/m1']],
    ['triple', [ipad, pc], ['Web', 'w9'], []],
    ['triple', [ipad, pc, web], ['Web', 'w9'], ['Web/w1']],
    ['triple', [android], ['iPad', 'pad9'], ['Android/a1']],
    // Multi: everything coexists below the per-platform limits.
    ['multi', [iphone, android, web, pc, mac, ipad], ['Web', 'w9'], []],
    ['multi', [iphone], ['iPhone', 'i2'], []],
  ];

  it.each(table)('%s: %j + %j kicks %j', (policy, existing, [platform, deviceId], expected) => {
    expect(kicked(policy, existing, dev(platform, deviceId))).toEqual(expected);
  });

  it('multi: a fourth device of one native platform kicks the oldest of that platform', () => {
    const phones = [dev('Android', 'x', 30), dev('Android', 'y', 10), dev('Android', 'z', 20)];
    expect(kicked('multi', [...phones, dev('iPhone', 'q', 1)], dev('Android', 'new', 40))).toEqual(['Android/y']);
  });

  it('multi: an eleventh Web instance kicks the oldest Web instance', () => {
    const webs = Array.from({ length: 10 }, (_, i) => dev('Web', `w${i}`, 100 + i));
    expect(kicked('multi', [dev('PC', 'old', 1), ...webs], dev('Web', 'w-new', 200))).toEqual(['Web/w0']);
    expect(kicked('multi', webs.slice(0, 9), dev('Web', 'w-new', 200))).toEqual([]);
  });

  it('multi: replacing a device does not also count toward the limit', () => {
    const phones = [dev('Android', 'x', 1), dev('Android', 'y', 2), dev('Android', 'z', 3)];
    expect(kicked('multi', phones, dev('Android', 'y', 4))).toEqual(['Android/y']);
  });

  it('never kicks the incoming connection itself (an attach retried with the same connId)', () => {
    const d = dev('Web', 'w1');
    expect(devicesToKick('single', [d], { ...d })).toEqual([]);
  });
});
