// An in-process node (two edges) for the group client-op tests: logged-in devices (ImClient) that
// record the group pushes they receive per group, and waits on them.
import WebSocket from 'ws';
import { ImClient, type GroupMessageInfo, type ImClientEvents, type WebSocketCtor } from '../../../src/client/index.js';
import { startInprocNode, type InprocNode, type InprocNodeOptions } from '../../support/inproc-node.js';
import { eventually } from '../../support/im-user.js';
export { refusedCode as code, refusal } from '../../support/outcome.js';
export { text, textOf } from '../../support/msg-body.js';

export interface GroupDevice {
  userId: string;
  client: ImClient;
  /** GROUP_MSG messages received, per group (or `group|topic`), in arrival order. */
  msgs(groupId: string, topicId?: string): GroupMessageInfo[];
  recalled: Array<ImClientEvents['groupRecalled']>;
  reads: Array<ImClientEvents['groupRead']>;
  /** Waits until this device holds at least n messages of the group (non-tip messages when `plain`). */
  waitMsgs(groupId: string, n: number, o?: { topicId?: string; plain?: boolean }): Promise<GroupMessageInfo[]>;
  close(): void;
}

export interface GroupSocketNode {
  n: InprocNode;
  accounts(...ids: string[]): Promise<void>;
  device(userId: string, edge?: number, deviceId?: string): Promise<GroupDevice>;
  stop(): Promise<void>;
}

export const plain = (ms: GroupMessageInfo[]): GroupMessageInfo[] => ms.filter((m) => m.tip === undefined);

export async function startGroupSocketNode(opts: InprocNodeOptions = {}): Promise<GroupSocketNode> {
  const n = await startInprocNode({ edges: 2, ...opts });
  const clients: ImClient[] = [];
  return {
    n,
    async accounts(...ids) {
      const r = await n.rest('im_open_login_svc/multiaccount_import', { Accounts: ids });
      if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
    },
    async device(userId, edge = 0, deviceId = `${userId}-${edge}`) {
      const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
      const got = new Map<string, GroupMessageInfo[]>();
      const key = (g: string, t?: string) => (t ? `${g}|${t}` : g);
      const recalled: GroupDevice['recalled'] = [];
      const reads: GroupDevice['reads'] = [];
      client.on('groupMessage', (d) => {
        const k = key(d.groupId, d.topicId);
        got.set(k, [...(got.get(k) ?? []), ...d.msgs]);
      });
      client.on('groupRecalled', (d) => recalled.push(d));
      client.on('groupRead', (d) => reads.push(d));
      await client.connect(n.wsUrl(edge));
      await client.login({ sdkAppId: n.app.sdkAppId, userId, userSig: n.sig(userId), platform: 'Android', deviceId });
      clients.push(client);
      const msgs = (g: string, t?: string) => got.get(key(g, t)) ?? [];
      return {
        userId,
        client,
        msgs,
        recalled,
        reads,
        waitMsgs: (g, k, o = {}) =>
          eventually(`${deviceId} gets ${k} messages of ${g}`, 5_000, async () => {
            const all = msgs(g, o.topicId);
            const list = o.plain ? plain(all) : all;
            return list.length >= k ? list : undefined;
          }),
        close: () => client.close(),
      };
    },
    async stop() {
      for (const c of clients) c.close();
      await n.stop();
    },
  };
}
