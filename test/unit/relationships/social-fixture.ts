// A whole in-process node (test/support/inproc-node.ts: memory bus, store and presence, the real
// actor host with session and social actors, real REST gateway and uWS edge) plus helpers for
// social tests: REST calls, profile shortcuts, logged-in SDK devices that record their
// SOCIAL_CHANGES pushes, and waits for peer-side effects (applied after the caller's answer).
import WebSocket from 'ws';
import { ImClient } from '../../../src/client/index.js';
import type { WebSocketCtor } from '../../../src/client/types.js';
import type { ProfileCustomField } from '../../../src/profiles/custom-fields.js';
import type { SocialChangeInfo } from '../../../src/protocol/social-frames.js';
import { startInprocNode, type InprocNode, type InprocNodeOptions } from '../../support/inproc-node.js';
import { waitFor } from '../../support/ws-client.js';

export const CUSTOM_FIELDS: ProfileCustomField[] = [
  { key: 'Hobby', type: 'string', read: 'all', write: 'self' },
  { key: 'Score', type: 'integer', read: 'all', write: 'admin' },
  { key: 'Secret', type: 'string', read: 'admin', write: 'admin' },
];

export type Allow = 'AllowAny' | 'NeedConfirm' | 'DenyAny';

export interface Device {
  client: ImClient;
  /** Every change pushed to this device, in arrival order. */
  changes: SocialChangeInfo[];
  /** The first pushed change matching pred (already received or still to come). */
  change(pred: (c: SocialChangeInfo) => boolean): Promise<SocialChangeInfo>;
  close(): void;
}

export interface SocialNode {
  n: InprocNode;
  rest(api: string, body: unknown): Promise<Record<string, unknown>>;
  /** Imports accounts over REST. */
  accounts(...ids: string[]): Promise<void>;
  allow(userId: string, type: Allow): Promise<void>;
  /** friend_check CheckResult_Type_Both of a with b (CheckResult_Type_ prefix dropped). */
  relation(a: string, b: string): Promise<string>;
  /** Waits until relation(a, b) is `want` (peer-side events apply after the caller's answer). */
  settle(a: string, b: string, want: string): Promise<void>;
  device(userId: string, deviceId?: string, edge?: number): Promise<Device>;
  stop(): Promise<void>;
}

export async function startSocialNode(opts: InprocNodeOptions = {}): Promise<SocialNode> {
  const n = await startInprocNode({ ...opts, app: { profileCustomFields: CUSTOM_FIELDS, ...opts.app } });
  const devices: Device[] = [];
  const node: SocialNode = {
    n,
    rest: (api, body) => n.rest(api, body),
    async accounts(...ids) {
      const r = await n.rest('im_open_login_svc/multiaccount_import', { Accounts: ids });
      if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
    },
    async allow(userId, type) {
      const r = await n.rest('profile/portrait_set', { From_Account: userId, ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: `AllowType_Type_${type}` }] });
      if (r.ErrorCode !== 0) throw new Error(`portrait_set failed: ${JSON.stringify(r)}`);
    },
    async relation(a, b) {
      const r = await n.rest('sns/friend_check', { From_Account: a, To_Account: [b], CheckType: 'CheckResult_Type_Both' });
      return String((r.InfoItem as Array<{ Relation: string }>)[0]!.Relation).replace('CheckResult_Type_', '');
    },
    async settle(a, b, want) {
      await waitFor(async () => ((await node.relation(a, b)) === want ? true : undefined));
    },
    async device(userId, deviceId = `${userId}-1`, edge = 0) {
      const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
      const changes: SocialChangeInfo[] = [];
      client.on('socialChanges', (e) => changes.push(...e.changes));
      await client.connect(n.wsUrl(edge));
      await client.login({ sdkAppId: n.app.sdkAppId, userId, userSig: n.sig(userId), platform: 'Android', deviceId });
      const d: Device = {
        client,
        changes,
        change: (pred) => waitFor(() => changes.find(pred)),
        close: () => client.close(),
      };
      devices.push(d);
      return d;
    },
    async stop() {
      for (const d of devices.splice(0)) d.close();
      await n.stop();
    },
  };
  return node;
}

/** AddFriendItem entries with a valid AddSource. */
export const addItems = (...ids: string[]) => ids.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test' }));

export const resultCodes = (r: Record<string, unknown>, list = 'ResultItem'): Record<string, number> =>
  Object.fromEntries((r[list] as Array<{ To_Account: string; ResultCode: number }>).map((i) => [i.To_Account, i.ResultCode]));

export const webhookBodies = (s: SocialNode, command: string) => s.n.webhooks.calls.filter((c) => c.command === command).map((c) => c.body);
