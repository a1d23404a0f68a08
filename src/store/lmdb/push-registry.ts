// LMDB PushRegistryStore: sub-databases push_devices [app, user, deviceId] -> device,
// push_tokens [app, token] -> {userId, deviceId} and push_recv_opts [app, convId, owner] -> opt.
// put() and the removals run in one write transaction, so the token index never disagrees with
// the devices. See PushRegistryStore for the contract.
import type { Database, Key, RootDatabase } from 'lmdb';
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
import { under } from './key-range.js';

export interface TokenHolder {
  userId: string;
  deviceId: string;
}

export interface LmdbPushDbs {
  devices: Database<PushDevice, Key>;
  tokens: Database<TokenHolder, Key>;
  opts: Database<number, Key>;
}

export class LmdbPushRegistryStore implements PushRegistryStore {
  constructor(private readonly dbs: LmdbPushDbs) {}

  async put(sdkAppId: number, userId: string, device: PushDevice): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const d = pushDevice(device);
    const { devices, tokens } = this.dbs;
    await devices.transaction(() => {
      const holder = tokens.get([sdkAppId, d.token]);
      if (holder && holder.userId !== userId) this.drop(sdkAppId, holder.userId, holder.deviceId);
      for (const old of planPut(this.devicesOf(sdkAppId, userId), d)) this.drop(sdkAppId, userId, old.deviceId);
      void devices.put([sdkAppId, userId, d.deviceId], d);
      void tokens.put([sdkAppId, d.token], { userId, deviceId: d.deviceId });
    });
  }

  async list(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, PushDevice[]>> {
    checkAppId(sdkAppId);
    const out = new Map<string, PushDevice[]>();
    for (const u of checkPushUsers(userIds, 'userIds')) {
      const list = this.devicesOf(sdkAppId, u);
      if (list.length) out.set(u, list.sort(byAge));
    }
    return out;
  }

  async remove(sdkAppId: number, userId: string, deviceId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkDeviceId(deviceId);
    return this.dbs.devices.transaction(() => this.drop(sdkAppId, userId, deviceId));
  }

  async removeToken(sdkAppId: number, token: string): Promise<void> {
    checkAppId(sdkAppId);
    checkToken(token);
    await this.dbs.devices.transaction(() => {
      const holder = this.dbs.tokens.get([sdkAppId, token]);
      if (holder) this.drop(sdkAppId, holder.userId, holder.deviceId);
    });
  }

  async setRecvOpt(sdkAppId: number, owner: string, convId: string, opt: RecvOptValue): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    checkConvId(convId);
    checkRecvOpt(opt);
    const key = [sdkAppId, convId, owner];
    if (opt === RecvOpt.RECEIVE) await this.dbs.opts.remove(key);
    else await this.dbs.opts.put(key, opt);
  }

  async getRecvOpts(sdkAppId: number, owners: readonly string[], convId: string): Promise<Map<string, RecvOptValue>> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    const out = new Map<string, RecvOptValue>();
    for (const o of checkPushUsers(owners, 'owners')) {
      const v = this.dbs.opts.get([sdkAppId, convId, o]);
      if (v !== undefined && v !== RecvOpt.RECEIVE) out.set(o, v as RecvOptValue);
    }
    return out;
  }

  private devicesOf(sdkAppId: number, userId: string): PushDevice[] {
    return [...this.dbs.devices.getRange(under([sdkAppId, userId]))].map((e) => e.value);
  }

  /** Inside a write transaction: removes the device and its token index entry if it points here. */
  private drop(sdkAppId: number, userId: string, deviceId: string): boolean {
    const { devices, tokens } = this.dbs;
    const d = devices.get([sdkAppId, userId, deviceId]);
    if (!d) return false;
    void devices.remove([sdkAppId, userId, deviceId]);
    const holder = tokens.get([sdkAppId, d.token]);
    if (holder?.userId === userId && holder.deviceId === deviceId) void tokens.remove([sdkAppId, d.token]);
    return true;
  }
}

export function openLmdbPushRegistry(root: RootDatabase): LmdbPushRegistryStore {
  return new LmdbPushRegistryStore({
    devices: root.openDB<PushDevice, Key>({ name: 'push_devices' }),
    tokens: root.openDB<TokenHolder, Key>({ name: 'push_tokens' }),
    opts: root.openDB<number, Key>({ name: 'push_recv_opts' }),
  });
}
