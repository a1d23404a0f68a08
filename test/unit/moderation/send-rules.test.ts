// Every branch of the C2C send rules with the memory stores: REST sends skip everything, the
// global mute (20012, also under NoMsgCheck, over once the deadline passes), the blocklist (silent
// drop or 20007), the relationship check (20009 / 20010 / 20011), NoMsgCheck and self-sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGING } from '../../../src/config/messaging-settings.js';
import { refusedCode as codeOf } from '../../support/outcome.js';
import { checkC2cSend, checkC2cSendBatch, groupMuteDeadline, type C2cSendFacts } from '../../../src/moderation/send-rules.js';
import { Err } from '../../../src/protocol/error-codes.js';
import type { Store } from '../../../src/store/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { NO_SPEAKING_FOREVER } from '../../../src/store/no-speaking.js';
import { friend } from '../../contract/social-fixtures.js';

const APP = 1400000123;
const NOW = 1_800_000_000;
let store: Store;
beforeEach(() => {
  store = createMemoryStore();
});

const facts = (over: Partial<C2cSendFacts> = {}): C2cSendFacts => ({
  sdkAppId: APP,
  from: 'alice',
  to: 'bob',
  fromDevice: true,
  noMsgCheck: false,
  settings: DEFAULT_MESSAGING,
  nowSec: NOW,
  ...over,
});
const check = (over: Partial<C2cSendFacts> = {}) => checkC2cSend({ store }, facts(over));
const strict = { blockedSenderFails: true, friendsOnly: true };
const befriend = async (owner: string, peer: string) => store.friends.putFriends(APP, owner, [friend(peer)]);
const blocks = async (owner: string, peer: string) => store.blocklist.addBlocks(APP, owner, [{ peerId: peer, addTime: 1 }]);

describe('checkC2cSend', () => {
  it('lets an unrestricted device send through', async () => {
    expect(await check()).toEqual({ kind: 'ok' });
  });

  it('REST sends skip the mute, the blocklist and the relationship check', async () => {
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: NO_SPEAKING_FOREVER });
    await blocks('bob', 'alice');
    expect(await check({ fromDevice: false, settings: strict })).toEqual({ kind: 'ok' });
  });

  it('refuses a muted sender with 20012 until the deadline, permanent mutes never end', async () => {
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: NOW + 10 });
    expect(await codeOf(check())).toBe(Err.C2C_SENDER_MUTED);
    expect(await codeOf(check({ nowSec: NOW + 9 }))).toBe(Err.C2C_SENDER_MUTED);
    expect(await check({ nowSec: NOW + 10 })).toEqual({ kind: 'ok' });
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: NO_SPEAKING_FOREVER });
    expect(await codeOf(check({ nowSec: NOW + 1e9 }))).toBe(Err.C2C_SENDER_MUTED);
  });

  it('the mute applies under NoMsgCheck and to messages to oneself; the recipient\'s mute and a group mute do not matter', async () => {
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: NOW + 10 });
    expect(await codeOf(check({ noMsgCheck: true }))).toBe(Err.C2C_SENDER_MUTED);
    expect(await codeOf(check({ to: 'alice' }))).toBe(Err.C2C_SENDER_MUTED);
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: 0, groupUntil: NO_SPEAKING_FOREVER });
    await store.noSpeaking.set(APP, 'bob', { c2cUntil: NO_SPEAKING_FOREVER });
    expect(await check()).toEqual({ kind: 'ok' });
  });

  it('a blocked sender is silently dropped by default, refused with 20007 when the app says so', async () => {
    await blocks('bob', 'alice');
    expect(await check()).toEqual({ kind: 'drop' });
    expect(await codeOf(check({ settings: { ...DEFAULT_MESSAGING, blockedSenderFails: true } }))).toBe(Err.C2C_BLOCKED);
    // The other direction does not stop alice: only the recipient's blocklist counts.
    expect(await check({ from: 'bob', to: 'alice' })).toEqual({ kind: 'ok' });
  });

  it('the blocklist wins over the relationship check, so a block is never told apart from a missing friendship', async () => {
    await blocks('bob', 'alice');
    expect(await check({ settings: { ...DEFAULT_MESSAGING, friendsOnly: true } })).toEqual({ kind: 'drop' });
    expect(await codeOf(check({ settings: strict }))).toBe(Err.C2C_BLOCKED);
  });

  it('the relationship check needs both friend rows: 20009 neither, 20010 sender not in the recipient\'s list, 20011 the reverse', async () => {
    const settings = { ...DEFAULT_MESSAGING, friendsOnly: true };
    expect(await codeOf(check({ settings }))).toBe(Err.C2C_NOT_FRIENDS);
    await befriend('alice', 'bob');
    expect(await codeOf(check({ settings }))).toBe(Err.C2C_NOT_PEERS_FRIEND);
    expect(await codeOf(check({ settings, from: 'bob', to: 'alice' }))).toBe(Err.C2C_PEER_NOT_FRIEND);
    await befriend('bob', 'alice');
    expect(await check({ settings })).toEqual({ kind: 'ok' });
    expect(await check({ settings, from: 'bob', to: 'alice' })).toEqual({ kind: 'ok' });
  });

  it('without friendsOnly strangers may write to each other', async () => {
    expect(await check({ from: 'carol', to: 'dave' })).toEqual({ kind: 'ok' });
  });

  it('NoMsgCheck and messages to oneself skip the blocklist and the relationship check', async () => {
    await blocks('bob', 'alice');
    expect(await check({ noMsgCheck: true, settings: strict })).toEqual({ kind: 'ok' });
    await blocks('alice', 'alice');
    expect(await check({ to: 'alice', settings: strict })).toEqual({ kind: 'ok' });
  });

  it('keeps apps apart', async () => {
    await store.noSpeaking.set(APP + 1, 'alice', { c2cUntil: NO_SPEAKING_FOREVER });
    await store.blocklist.addBlocks(APP + 1, 'bob', [{ peerId: 'alice', addTime: 1 }]);
    // Neither the other app's mute nor its block applies: only the missing friendship does.
    expect(await codeOf(check({ settings: strict }))).toBe(Err.C2C_NOT_FRIENDS);
  });
});

describe('checkC2cSendBatch', () => {
  it('answers each send in order, refusals as values, with one check per distinct send kind', async () => {
    await store.noSpeaking.set(APP, 'bob', { c2cUntil: NO_SPEAKING_FOREVER });
    await blocks('alice', 'carol');
    let reads = 0;
    const counted: Store['noSpeaking'] = {
      set: (...a) => store.noSpeaking.set(...a),
      get: (...a) => (reads++, store.noSpeaking.get(...a)),
      getMany: (...a) => store.noSpeaking.getMany(...a),
    };
    const out = await checkC2cSendBatch({ store: { ...store, noSpeaking: counted } }, [
      facts(),
      facts({ from: 'bob', to: 'alice' }),
      facts(),
      facts({ from: 'carol', to: 'alice' }),
      facts({ fromDevice: false, from: 'bob', to: 'alice' }),
      facts({ from: 'bob', to: 'alice' }),
    ]);
    expect(out.map((o) => (o.kind === 'refuse' ? o.error.code : o.kind))).toEqual(['ok', Err.C2C_SENDER_MUTED, 'ok', 'drop', 'ok', Err.C2C_SENDER_MUTED]);
    // alice->bob, bob->alice and carol->alice read the mute once each; the REST send reads nothing.
    expect(reads).toBe(3);
  });

  it('rejects the whole batch when a store read fails', async () => {
    const failing: Store['noSpeaking'] = { ...store.noSpeaking, get: async () => Promise.reject(new Error('store down')) };
    await expect(checkC2cSendBatch({ store: { ...store, noSpeaking: failing } }, [facts()])).rejects.toThrow('store down');
    expect(await checkC2cSendBatch({ store }, [])).toEqual([]);
  });
});

describe('groupMuteDeadline', () => {
  it('is the running group deadline, 0 when none, over or only a C2C mute', async () => {
    expect(await groupMuteDeadline({ store }, APP, 'alice', NOW)).toBe(0);
    await store.noSpeaking.set(APP, 'alice', { c2cUntil: NO_SPEAKING_FOREVER });
    expect(await groupMuteDeadline({ store }, APP, 'alice', NOW)).toBe(0);
    await store.noSpeaking.set(APP, 'alice', { groupUntil: NOW + 5 });
    expect(await groupMuteDeadline({ store }, APP, 'alice', NOW)).toBe(NOW + 5);
    expect(await groupMuteDeadline({ store }, APP, 'alice', NOW + 5)).toBe(0);
    await store.noSpeaking.set(APP, 'alice', { groupUntil: NO_SPEAKING_FOREVER });
    expect(await groupMuteDeadline({ store }, APP, 'alice', NOW + 1e9)).toBe(NO_SPEAKING_FOREVER);
  });
});
