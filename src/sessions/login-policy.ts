// Multi-device login policies (spec §7, console "Login Settings"). Given the devices a user has
// online and a new login, decide which existing devices must be kicked. Pure: the session actor
// applies the verdict. Platform 'Unknown' counts as a native platform of its own kind (its own
// slot in triple, one native slot in dual).
import type { DeviceInfo } from './session-messages.js';
import type { Platform } from '../protocol/platforms.js';

export { PLATFORMS, type Platform } from '../protocol/platforms.js';

export const LOGIN_POLICIES = ['single', 'dual', 'triple', 'multi'] as const;
export type LoginPolicy = (typeof LOGIN_POLICIES)[number];

/** Multi-platform policy: devices of one native platform online at once (spec §7). */
export const MULTI_MAX_PER_NATIVE_PLATFORM = 3;
/** Multi-platform policy: concurrent Web instances (spec §7). */
export const MULTI_MAX_WEB_INSTANCES = 10;

type Slot = 'web' | 'native' | 'mobile' | 'pc' | 'other';

const MOBILE: readonly Platform[] = ['Android', 'iPhone', 'iPad'];
const PC: readonly Platform[] = ['PC', 'Mac'];

/** Which devices share one slot under a policy (a slot holds one device, except in multi). */
function slotOf(policy: Exclude<LoginPolicy, 'multi'>, p: Platform): Slot {
  if (p === 'Web') return 'web';
  if (policy === 'triple') return MOBILE.includes(p) ? 'mobile' : PC.includes(p) ? 'pc' : 'other';
  return 'native';
}

/**
 * Existing devices to kick so `incoming` can log in. Rules, in order:
 * - any policy: an existing device with the same platform AND deviceId is replaced;
 * - single: every other device;
 * - dual: one native device (Android/iPhone/iPad/PC/Mac/Unknown) plus one Web;
 * - triple: one mobile (Android/iPhone/iPad) plus one PC (PC/Mac) plus one Web (plus one Unknown);
 * - multi: every platform, at most MULTI_MAX_PER_NATIVE_PLATFORM per native platform and
 *   MULTI_MAX_WEB_INSTANCES Web; the oldest of that platform go first.
 * The result keeps the order of `existing`; the incoming connection itself is never in it.
 */
export function devicesToKick(policy: LoginPolicy, existing: readonly DeviceInfo[], incoming: DeviceInfo): DeviceInfo[] {
  const others = existing.filter((d) => d.connId !== incoming.connId);
  const replaced = new Set(others.filter((d) => d.platform === incoming.platform && d.deviceId === incoming.deviceId));
  const remaining = others.filter((d) => !replaced.has(d));
  const kick = new Set<DeviceInfo>(replaced);
  switch (policy) {
    case 'single':
      for (const d of remaining) kick.add(d);
      break;
    case 'dual':
    case 'triple': {
      const slot = slotOf(policy, incoming.platform);
      for (const d of remaining) if (slotOf(policy, d.platform) === slot) kick.add(d);
      break;
    }
    case 'multi': {
      const max = incoming.platform === 'Web' ? MULTI_MAX_WEB_INSTANCES : MULTI_MAX_PER_NATIVE_PLATFORM;
      const same = remaining.filter((d) => d.platform === incoming.platform).sort((a, b) => a.since - b.since);
      const excess = same.length + 1 - max;
      for (const d of same.slice(0, Math.max(0, excess))) kick.add(d);
      break;
    }
  }
  return others.filter((d) => kick.has(d));
}
