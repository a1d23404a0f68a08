// Client-side helpers for e2e tests on a startTestCluster(): the admin REST target, account
// import, logging a real ImClient in on a chosen edge, and the kill -9 / restart loop the
// failover tests run over each worker. Logged-in clients go into the caller's list so its
// afterAll can close them.
import type { ImClient } from '../../src/client/index.js';
import type { TestCluster } from './cluster.js';
import { eventually, loginUser } from './im-user.js';
import { rest, type RestTarget } from './rest-client.js';

const ACK_WAIT_MS = 120_000;
const IMPORT_BATCH = 100; // multiaccount_import takes at most 100 accounts a call
const BALANCE_WAIT_MS = 60_000;
const RETRY_DEADLINE_MS = 60_000;
const RETRY_PAUSE_MS = 200;

export const adminTarget = (c: TestCluster, edge = 1): RestTarget => ({ baseUrl: c.edgeUrl(edge), sdkAppId: c.sdkAppId, secretKey: c.secretKey, admin: c.admin });

export async function importAccounts(c: TestCluster, accounts: string[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += IMPORT_BATCH) {
    const r = await rest(adminTarget(c), 'im_open_login_svc', 'multiaccount_import', { Accounts: accounts.slice(i, i + IMPORT_BATCH) });
    if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
  }
}

/** `listen` runs before the connection opens, so a listener it adds misses no push. */
export async function loginClient(c: TestCluster, clients: ImClient[], userId: string, edge: 1 | 2, deviceId: string, listen?: (client: ImClient) => void): Promise<ImClient> {
  const listenAndTrack = (client: ImClient) => {
    clients.push(client);
    listen?.(client);
  };
  return (await loginUser(c.wsUrl(edge), c, userId, { deviceId, listen: listenAndTrack })).client;
}

export async function shardsOwned(workerUrl: string): Promise<number | undefined> {
  const text = await fetch(`${workerUrl}/metrics`).then((r) => (r.ok ? r.text() : undefined), () => undefined);
  const m = text && /^im_shards_owned(?:\{[^}]*\})? (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Runs `attempt` until it succeeds, calling `onRetry` before each retry; after RETRY_DEADLINE_MS
 *  the last error is thrown. A failover test resends an unacked message with the same fields. */
export async function withRetries<T>(attempt: () => Promise<T>, onRetry: () => void): Promise<T> {
  const deadline = Date.now() + RETRY_DEADLINE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      onRetry();
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  }
}

/** Kills worker-1 once 20% of `total` are acked and worker-2 at 60%, each with SIGKILL, lets a
 *  further 10% be acked while it is down, then restarts it and waits until shards are balanced. */
export async function killEachWorkerInTurn(c: TestCluster, total: number, ackedCount: () => number): Promise<void> {
  const acked = (n: number) => eventually(`${n} acks`, ACK_WAIT_MS, async () => (ackedCount() >= n ? true : undefined));
  const balanced = () =>
    eventually('balanced shards', BALANCE_WAIT_MS, async () => ((await shardsOwned(c.workerUrl(1))) === (await shardsOwned(c.workerUrl(2))) && (await shardsOwned(c.workerUrl(1))) !== undefined ? true : undefined));
  for (const [worker, at] of [['worker-1', total * 0.2], ['worker-2', total * 0.6]] as const) {
    await acked(at);
    await c.launcher.kill(worker, 'SIGKILL');
    await acked(at + total * 0.1);
    c.launcher.restart(worker);
    await c.waitReady();
    await balanced();
  }
}
