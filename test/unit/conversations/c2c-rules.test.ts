// Send rules and per-app settings through the public interfaces: global mute (setnospeaking)
// refuses device sends with 20012 while REST sendmsg from the same user still goes through; the
// app's friends-only mode refuses strangers with 20009 until they are friends; the app's recall
// limit and roaming retention replace the defaults in the conversation actor.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../src/actors/actor.js';
import type { AppDirectory } from '../../../src/apps/app-directory.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { DEFAULT_MESSAGING, type MessagingSettings } from '../../../src/config/messaging-settings.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { c2cAddr, type C2cMsg, type C2cSend, type SendResult } from '../../../src/conversations/c2c-messages.js';
import { silentLogger } from '../../../src/lib/log.js';
import { parseSendOptions } from '../../../src/messaging/send-options.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { FakeClock } from '../../support/fake-clock.js';
import { code, startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let node: C2cNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

const sendmsg = (from: string, to: string, random: number) => node!.n.rest('openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: random, MsgBody: text(`rest ${random}`) });

describe('global mute (setnospeaking) on device sends', () => {
  it('refuses a muted sender with 20012; REST sendmsg skips the check; lifting it lets the device send again', async () => {
    node = await startC2cNode();
    await node.accounts('alice', 'bob');
    const alice = await node.device('alice');
    const bob = await node.device('bob', 'bob-1', 1);
    expect((await node.n.rest('openconfigsvr/setnospeaking', { Set_Account: 'alice', C2CmsgNospeakingTime: 600 })).ErrorCode).toBe(0);
    expect(await code(alice.client.c2c.send('bob', { MsgBody: text('hi'), MsgRandom: 1 }))).toBe(Err.C2C_SENDER_MUTED);
    expect((await sendmsg('alice', 'bob', 2)).ErrorCode).toBe(0);
    // The muted user can still receive.
    expect((await bob.client.c2c.send('alice', { MsgBody: text('to alice'), MsgRandom: 3 })).seq).toBeGreaterThan(0);
    expect((await node.n.rest('openconfigsvr/setnospeaking', { Set_Account: 'alice', C2CmsgNospeakingTime: 0 })).ErrorCode).toBe(0);
    expect((await alice.client.c2c.send('bob', { MsgBody: text('free again'), MsgRandom: 4 })).seq).toBeGreaterThan(0);
    const got = await bob.waitFor(2);
    expect(got.map((m) => m.random)).toEqual([2, 4]);
  });
});

describe("the app's friends-only mode", () => {
  it('refuses strangers with 20009 from a device, not over REST; friends may send', async () => {
    node = await startC2cNode({ app: { messaging: { ...DEFAULT_MESSAGING, friendsOnly: true } } });
    await node.accounts('alice', 'bob');
    const alice = await node.device('alice');
    expect(await code(alice.client.c2c.send('bob', { MsgBody: text('hi'), MsgRandom: 1 }))).toBe(Err.C2C_NOT_FRIENDS);
    expect((await sendmsg('alice', 'bob', 2)).ErrorCode).toBe(0);
    // Each lists the other (friend_import writes one side without asking).
    for (const [from, to] of [['alice', 'bob'], ['bob', 'alice']]) {
      const r = await node.n.rest('sns/friend_import', { From_Account: from, AddFriendItem: [{ To_Account: to, AddSource: 'AddSource_Type_Test' }] });
      expect(r.ErrorCode).toBe(0);
      if (from === 'alice') expect(await code(alice.client.c2c.send('bob', { MsgBody: text('one side'), MsgRandom: 9 }))).toBe(Err.C2C_NOT_PEERS_FRIEND);
    }
    expect((await alice.client.c2c.send('bob', { MsgBody: text('friends now'), MsgRandom: 3 })).seq).toBeGreaterThan(0);
  });
});

describe("the app's recall limit and roaming retention in the actor", () => {
  const APP = 1400000779;

  async function actorWith(settings: Partial<MessagingSettings>) {
    const clock = new FakeClock(1_800_000_000_000);
    const store = createMemoryStore({ clock });
    for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
    const apps = { get: (id: number) => (id === APP ? { messaging: { ...DEFAULT_MESSAGING, ...settings } } : undefined) } as unknown as AppDirectory;
    const deps = { store, presence: new MemoryPresence(clock), bus: new MemoryBus({ clock }), clock, log: silentLogger, apps };
    const a = c2cAddr(APP, 'alice', 'bob');
    const actor = c2cKind(deps).create(a.id, { self: a, clock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
    const send = async (random: number) => {
      const s: C2cSend = { t: 'send', sdkAppId: APP, from: 'alice', to: 'bob', body: text(`m${random}`), options: parseSendOptions({ MsgRandom: random }, { kind: 'c2c' }) };
      return (await actor.handle(s)) as SendResult;
    };
    const recall = (key: string) => actor.handle({ t: 'recall', sdkAppId: APP, from: 'alice', to: 'bob', key, by: 'user' });
    return { clock, store, send, recall };
  }

  it('a user recall follows recallLimitSec (600 s here, not the default 120 s)', async () => {
    const { clock, send, recall } = await actorWith({ recallLimitSec: 600 });
    const early = await send(1);
    clock.advance(300_000);
    await expect(recall(early.key)).resolves.toBeDefined();
    const late = await send(2);
    clock.advance(601_000);
    await expect(recall(late.key)).rejects.toMatchObject({ code: Err.C2C_RECALL_TIME_LIMIT });
  });

  it('stored messages live for roamingDays (30 here): still there after 8 days, gone after 31', async () => {
    const { clock, store, send } = await actorWith({ roamingDays: 30 });
    await send(1);
    clock.advance(8 * 86_400_000);
    expect((await store.messages.range(APP, 'c2c:alice:bob', { limit: 10, order: 'asc' })).messages).toHaveLength(1);
    clock.advance(23 * 86_400_000);
    expect((await store.messages.range(APP, 'c2c:alice:bob', { limit: 10, order: 'asc' })).messages).toHaveLength(0);
  });
});
