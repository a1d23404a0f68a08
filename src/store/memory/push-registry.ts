// In-process PushRegistryStore: devices per (app, user), a token index (app, token) -> owner, and
// receive options per (app, convId, owner). Every call is synchronous inside, so put() is atomic.
// See PushRegistryStore for the contract.
import {
  type PushDevice,
  type PushRegistryStore,
  type RecvOptValue,
  RecvOpt,
  checkAppId,
  checkConvId,
  checkDeviceId,
  checkPushUsers,
  checkRecvOpt,
  checkToken,
  checkUserId,
  byAge,
  planPut,
  pushDevice,
} from '../push-registry.js';

// App ids are digits and NUL is not a valid id or token character in practice; the key only has
// to be unambiguous, which the leading numeric app id and the single separator guarantee.
const k = (sdkAppId: number, s: string) => `${sdkAppId}\u0000${s}`;

export class MemoryPushRegistryStore implements PushRegistryStore {
  private readonly devices = new Map<string, Map<string, PushDevice>>();
  private readonly tokens = new Map<string, { userId: string; deviceId: string }>();
  private readonly opts = new Map<string, Map<string, RecvOptValue>>();

  async put(sdkAppId: number, userId: string, device: PushDevice): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const d = pushDevice(device);
    const holder = this.tokens.get(k(sdkAppId, d.token));
    if (holder && holder.userId !== userId) this.drop(sdkAppId, holder.userId, holder.deviceId);
    const mine = this.devices.get(k(sdkAppId, userId));
    for (const old of planPut(mine ? [...mine.values()] : [], d)) this.drop(sdkAppId, userId, old.deviceId);
    const map = this.devices.get(k(sdkAppId, userId)) ?? new Map<string, PushDevice>();
    map.set(d.deviceId, d);
    this.devices.set(k(sdkAppId, userId), map);
    this.tokens.set(k(sdkAppId, d.token), { userId, deviceId: d.deviceId });
  }

  async list(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, PushDevice[]>> {
    checkAppId(sdkAppId);
    const out = new Map<string, PushDevice[]>();
    for (const u of checkPushUsers(userIds, 'userIds')) {
      const map = this.devices.get(k(sdkAppId, u));
      if (map?.size) out.set(u, [...map.values()].sort(byAge).map((d) => ({ ...d })));
    }
    return out;
  }

  async remove(sdkAppId: number, userId: string, deviceId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkDeviceId(deviceId);
    return this.drop(sdkAppId, userId, deviceId);
  }

  async removeToken(sdkAppId: number, token: string): Promise<void> {
    checkAppId(sdkAppId);
    checkToken(token);
    const holder = this.tokens.get(k(sdkAppId, token));
    if (holder) this.drop(sdkAppId, holder.userId, holder.deviceId);
  }

  async setRecvOpt(sdkAppId: number, owner: string, convId: string, opt: RecvOptValue): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    checkConvId(convId);
    checkRecvOpt(opt);
    const key = k(sdkAppId, convId);
    const map = this.opts.get(key) ?? new Map<string, RecvOptValue>();
    if (opt === RecvOpt.RECEIVE) map.delete(owner);
    else map.set(owner, opt);
    if (map.size) this.opts.set(key, map);
    else this.opts.delete(key);
  }

  async getRecvOpts(sdkAppId: number, owners: readonly string[], convId: string): Promise<Map<string, RecvOptValue>> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    const map = this.opts.get(k(sdkAppId, convId));
    const out = new Map<string, RecvOptValue>();
    for (const o of checkPushUsers(owners, 'owners')) {
      const v = map?.get(o);
      if (v !== undefined) out.set(o, v);
    }
    return out;
  }

  private drop(sdkAppId: number, userId: string, deviceId: string): boolean {
    const map = this.devices.get(k(sdkAppId, userId));
    const d = map?.get(deviceId);
    if (!map || !d) return false;
    map.delete(deviceId);
    if (map.size === 0) this.devices.delete(k(sdkAppId, userId));
    const tk = k(sdkAppId, d.token);
    const holder = this.tokens.get(tk);
    if (holder?.userId === userId && holder.deviceId === deviceId) this.tokens.delete(tk);
    return true;
  }
}
