// The login deadline and a login the server is still working on: a slow login that succeeds after
// the deadline keeps its socket (cutting it would only bring the client back with another login),
// a slow login that fails after the deadline gets its answer and then the LOGIN_TIMEOUT close, and
// a login that takes longer than a second deadline is cut there.
// Logins are made slow by a store whose account read waits for users named "slow*".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CloseCode, Err, Op } from '../../../src/protocol/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Store } from '../../../src/store/index.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket } from '../../support/ws-client.js';

const DEADLINE_MS = 600;
/** Past the deadline, within the second one. */
const SLOW_MS = DEADLINE_MS + DEADLINE_MS / 2;
/** Longer than two deadlines: the second one closes the socket first. */
const HANG_MS = 3 * DEADLINE_MS + 1_000;

function slowStore(): Store {
  const store = createMemoryStore();
  const getAccount = store.accounts.getAccount.bind(store.accounts);
  store.accounts.getAccount = async (sdkAppId, userId) => {
    const account = await getAccount(sdkAppId, userId);
    if (!userId.startsWith('slow')) return account;
    await new Promise((r) => setTimeout(r, userId === 'slow-hang' ? HANG_MS : SLOW_MS));
    // "slow-kicked": every signature was invalidated by a kick, so this login fails.
    return userId === 'slow-kicked' && account ? { ...account, sigFloor: Number.MAX_SAFE_INTEGER } : account;
  };
  return store;
}

let node: InprocNode;
beforeAll(async () => {
  node = await startInprocNode({ limits: { loginTimeoutMs: DEADLINE_MS }, store: slowStore() });
  expect((await node.rest('im_open_login_svc/multiaccount_import', { Accounts: ['slow-ok', 'slow-kicked'] })).ErrorCode).toBe(0);
});
afterAll(async () => {
  await node.stop();
});

/** LOGIN_TIMEOUT closes counted so far. */
const timeouts = async () => (await node.metrics[0]!.wsLoginTimeouts.get()).values[0]?.value ?? 0;

const login = (s: TestSocket, userId: string) => s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId, userSig: node.sig(userId), platform: 'Web', deviceId: userId });

it('a login still in progress at the deadline may finish; the socket stays open', async () => {
  const before = await timeouts();
  const s = await TestSocket.open(node.wsUrl());
  expect((await login(s, 'slow-ok')).c).toBe(Err.OK);
  expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
  expect(s.isOpen).toBe(true);
  expect(await timeouts()).toBe(before);
  s.close();
});

it('a login that fails after the deadline is answered, then the socket closes with LOGIN_TIMEOUT (counted)', async () => {
  const before = await timeouts();
  const s = await TestSocket.open(node.wsUrl());
  expect((await login(s, 'slow-kicked')).c).toBe(Err.SIG_INVALIDATED);
  expect((await s.waitClosed()).code).toBe(CloseCode.LOGIN_TIMEOUT);
  expect(await timeouts()).toBe(before + 1);
});

it('a login still without an answer at a second deadline is cut with LOGIN_TIMEOUT', async () => {
  const s = await TestSocket.open(node.wsUrl());
  const answer = login(s, 'slow-hang').catch((e: unknown) => e);
  expect((await s.waitClosed()).code).toBe(CloseCode.LOGIN_TIMEOUT);
  expect(await answer).toBeInstanceOf(Error);
});

it('a failed login before the deadline leaves the socket usable for another attempt', async () => {
  const s = await TestSocket.open(node.wsUrl());
  expect((await s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId: 'fast', userSig: 'bad', platform: 'Web', deviceId: 'f' })).c).not.toBe(Err.OK);
  expect((await login(s, 'fast')).c).toBe(Err.OK);
  s.close();
});
