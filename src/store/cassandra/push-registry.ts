// Cassandra PushRegistryStore over push_devices, push_tokens and push_recv_opts (see
// push-registry-tables.ts). put() is read-then-write, not a transaction: the device row and its
// token index row are written in one logged batch, and stale index rows are only deleted after
// reading that they still point at the dropped device. Two users registering one token at the same
// instant may both keep it until the push service reports it dead (removeToken). See
// PushRegistryStore for the contract.
import type { Client } from 'cassandra-driver';
import {
  type PushDevice,
  type PushDevicePlatform,
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
import { toNumber } from './values.js';

const Q = { prepare: true } as const;
type Row = { get(name: string): unknown };

function deviceOf(row: Row): PushDevice {
  const d: PushDevice = {
    deviceId: row.get('device_id') as string,
    platform: row.get('platform') as PushDevicePlatform,
    token: row.get('push_token') as string,
    updatedAt: toNumber(row.get('updated_at')),
  };
  const topic = row.get('topic') as string | null;
  if (topic) d.topic = topic;
  if (row.get('sandbox') === true) d.sandbox = true;
  return d;
}

export class CassandraPushRegistryStore implements PushRegistryStore {
  private readonly cql;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const dev = `${keyspace}.push_devices`;
    const tok = `${keyspace}.push_tokens`;
    const opt = `${keyspace}.push_recv_opts`;
    const cols = 'device_id, platform, push_token, topic, sandbox, updated_at';
    this.cql = {
      devicesOf: `SELECT user_id, ${cols} FROM ${dev} WHERE sdkappid = ? AND user_id = ?`,
      devicesOfMany: `SELECT user_id, ${cols} FROM ${dev} WHERE sdkappid = ? AND user_id IN ?`,
      device: `SELECT ${cols} FROM ${dev} WHERE sdkappid = ? AND user_id = ? AND device_id = ?`,
      putDevice: `INSERT INTO ${dev} (sdkappid, user_id, ${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      deleteDevice: `DELETE FROM ${dev} WHERE sdkappid = ? AND user_id = ? AND device_id = ?`,
      holder: `SELECT user_id, device_id FROM ${tok} WHERE sdkappid = ? AND push_token = ?`,
      putHolder: `INSERT INTO ${tok} (sdkappid, push_token, user_id, device_id) VALUES (?, ?, ?, ?)`,
      deleteHolder: `DELETE FROM ${tok} WHERE sdkappid = ? AND push_token = ?`,
      setOpt: `INSERT INTO ${opt} (sdkappid, conv_id, owner_id, opt) VALUES (?, ?, ?, ?)`,
      deleteOpt: `DELETE FROM ${opt} WHERE sdkappid = ? AND conv_id = ? AND owner_id = ?`,
      getOpts: `SELECT owner_id, opt FROM ${opt} WHERE sdkappid = ? AND conv_id = ? AND owner_id IN ?`,
    };
  }

  async put(sdkAppId: number, userId: string, device: PushDevice): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const d = pushDevice(device);
    const holder = await this.holder(sdkAppId, d.token);
    if (holder && holder.userId !== userId) await this.drop(sdkAppId, holder.userId, holder.deviceId, d.token);
    const current = (await this.client.execute(this.cql.devicesOf, [sdkAppId, userId], Q)).rows.map(deviceOf);
    for (const old of planPut(current, d)) {
      // The new token's index row is overwritten below; only other tokens need their row removed.
      if (old.token === d.token) await this.client.execute(this.cql.deleteDevice, [sdkAppId, userId, old.deviceId], Q);
      else await this.drop(sdkAppId, userId, old.deviceId);
    }
    await this.client.batch(
      [
        { query: this.cql.putDevice, params: [sdkAppId, userId, d.deviceId, d.platform, d.token, d.topic ?? '', d.sandbox ?? false, d.updatedAt] },
        { query: this.cql.putHolder, params: [sdkAppId, d.token, userId, d.deviceId] },
      ],
      { prepare: true, logged: true },
    );
  }

  async list(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, PushDevice[]>> {
    checkAppId(sdkAppId);
    const users = checkPushUsers(userIds, 'userIds');
    const out = new Map<string, PushDevice[]>();
    if (users.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.devicesOfMany, [sdkAppId, users], Q)) {
      const u = row.get('user_id') as string;
      const list = out.get(u) ?? [];
      list.push(deviceOf(row));
      out.set(u, list);
    }
    for (const list of out.values()) list.sort(byAge);
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
    const holder = await this.holder(sdkAppId, token);
    if (holder) await this.drop(sdkAppId, holder.userId, holder.deviceId, token);
  }

  async setRecvOpt(sdkAppId: number, owner: string, convId: string, opt: RecvOptValue): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    checkConvId(convId);
    checkRecvOpt(opt);
    if (opt === RecvOpt.RECEIVE) await this.client.execute(this.cql.deleteOpt, [sdkAppId, convId, owner], Q);
    else await this.client.execute(this.cql.setOpt, [sdkAppId, convId, owner, opt], Q);
  }

  async getRecvOpts(sdkAppId: number, owners: readonly string[], convId: string): Promise<Map<string, RecvOptValue>> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    const list = checkPushUsers(owners, 'owners');
    const out = new Map<string, RecvOptValue>();
    if (list.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.getOpts, [sdkAppId, convId, list], Q)) {
      const v = row.get('opt') as number;
      if (v !== RecvOpt.RECEIVE) out.set(row.get('owner_id') as string, v as RecvOptValue);
    }
    return out;
  }

  private async holder(sdkAppId: number, token: string): Promise<{ userId: string; deviceId: string } | undefined> {
    const row = (await this.client.execute(this.cql.holder, [sdkAppId, token], Q)).first();
    return row ? { userId: row.get('user_id') as string, deviceId: row.get('device_id') as string } : undefined;
  }

  /** Deletes the device (only if it still holds `onlyToken`, when given) and its index row if
   *  that still points at it. */
  private async drop(sdkAppId: number, userId: string, deviceId: string, onlyToken?: string): Promise<boolean> {
    const row = (await this.client.execute(this.cql.device, [sdkAppId, userId, deviceId], Q)).first();
    const d = row ? deviceOf(row) : undefined;
    if (!d || (onlyToken !== undefined && d.token !== onlyToken)) {
      // The index named a device that no longer holds the token: the index row is stale.
      if (onlyToken !== undefined) {
        const h = await this.holder(sdkAppId, onlyToken);
        if (h?.userId === userId && h.deviceId === deviceId) await this.client.execute(this.cql.deleteHolder, [sdkAppId, onlyToken], Q);
      }
      return false;
    }
    await this.client.execute(this.cql.deleteDevice, [sdkAppId, userId, deviceId], Q);
    const h = await this.holder(sdkAppId, d.token);
    if (h?.userId === userId && h.deviceId === deviceId) await this.client.execute(this.cql.deleteHolder, [sdkAppId, d.token], Q);
    return true;
  }
}
