// A group test node: the in-process node with accounts, REST and direct asks to the group actor
// (as any user, so every role can act), and the webhook calls it recorded.
import { groupAddr, type GroupBy, type GroupMsg } from '../../../src/groups/group-messages.js';
import { isImError } from '../../../src/lib/errors.js';
import { eventually } from '../../support/im-user.js';
import { startInprocNode, type InprocNode, type InprocNodeOptions } from '../../support/inproc-node.js';

export interface GroupNode {
  n: InprocNode;
  app: number;
  accounts(...ids: string[]): Promise<void>;
  rest(cmd: string, body: Record<string, unknown>, service?: string): Promise<Record<string, unknown>>;
  /** Asks the group actor; resolves to the answer or { code } of the refusal. */
  ask<R = Record<string, unknown>>(msg: DistributiveOmit<GroupMsg, 'sdkAppId'>): Promise<R | { code: number; info: string }>;
  /** The code of an ask (0 = ok). */
  code(msg: DistributiveOmit<GroupMsg, 'sdkAppId'>): Promise<number>;
  callbacks(command: string): Array<Record<string, unknown>>;
  /** After-callbacks leave through a queue: waits until `n` of `command` were made, returns them all. */
  waitCallbacks(command: string, n: number): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A group actor message without sdkAppId (the fixture adds the node's). */
export type GroupReq = DistributiveOmit<GroupMsg, 'sdkAppId'>;

export const as = (userId: string): GroupBy => ({ userId });
export const ADMIN: GroupBy = { admin: true };

export async function startGroupNode(opts: InprocNodeOptions = {}): Promise<GroupNode> {
  const n = await startInprocNode(opts);
  const app = n.app.sdkAppId;
  const ask = async <R>(msg: DistributiveOmit<GroupMsg, 'sdkAppId'>): Promise<R | { code: number; info: string }> => {
    const full = { ...msg, sdkAppId: app } as GroupMsg;
    try {
      return await n.actors.ask<R>(groupAddr(app, full.groupId), full);
    } catch (e) {
      if (isImError(e)) return { code: e.code, info: e.info };
      throw e;
    }
  };
  const callbacks = (command: string) => n.webhooks.calls.filter((c) => c.command === command).map((c) => c.body);
  return {
    n,
    app,
    async accounts(...ids) {
      for (let i = 0; i < ids.length; i += 100) {
        const r = await n.rest('im_open_login_svc/multiaccount_import', { Accounts: ids.slice(i, i + 100) });
        if (r.ErrorCode !== 0) throw new Error(`account import failed: ${JSON.stringify(r)}`);
      }
    },
    rest: (cmd, body, service = 'group_open_http_svc') => n.rest(`${service}/${cmd}`, body),
    ask,
    async code(msg) {
      const r = await ask<Record<string, unknown>>(msg);
      return r && typeof r === 'object' && 'code' in r && typeof r.code === 'number' && 'info' in r ? r.code : 0;
    },
    callbacks,
    waitCallbacks: (command, count) => eventually(`${count} ${command}`, 5_000, () => Promise.resolve(callbacks(command).length >= count ? callbacks(command) : undefined)),
    stop: () => n.stop(),
  };
}
