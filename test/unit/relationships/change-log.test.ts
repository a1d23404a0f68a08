// The per-user change log: pushes to every online device, SOCIAL_SYNC for a device that was away
// (pages, reset), seqs that resume from the store after a new activation, and peer events
// applied once even when redelivered after being undone.
import { afterEach, describe, expect, it } from 'vitest';
import { socialAddr, type SocialMsg } from '../../../src/relationships/social-messages.js';
import { addItems, startSocialNode, type SocialNode } from './social-fixture.js';
import { waitFor } from '../../support/ws-client.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('SOCIAL_SYNC', () => {
  it('a device that was offline catches up on everything it missed, in order, page by page', async () => {
    s = await startSocialNode({ edges: 2 });
    await s.accounts('alice', 'bob', 'carol', 'dave');
    const first = await s.device('alice', 'phone', 0);
    await first.client.social.block(['dave']);
    const seen = (await first.change((c) => c.kind === 'block_added')).seq;
    first.close();

    // While the phone is away: a request arrives, alice's other device accepts it, a friend leaves.
    await s.allow('carol', 'AllowAny');
    await s.rest('sns/friend_add', { From_Account: 'bob', AddFriendItem: addItems('alice') });
    const laptop = await s.device('alice', 'laptop', 1);
    expect((await laptop.client.social.getRequests()).inbox.map((r) => r.userId)).toEqual(['bob']);
    await laptop.client.social.respondToRequest('bob', 'agreeAndAdd');
    await laptop.client.social.addFriend('carol');
    await s.settle('alice', 'carol', 'BothWay');
    await s.rest('sns/friend_delete', { From_Account: 'carol', To_Account: ['alice'] });
    await s.settle('alice', 'carol', 'NoRelation');
    laptop.close();

    const back = await s.device('alice', 'phone', 0);
    const missed = await back.client.social.syncAll(seen);
    expect(missed.reset).toBe(false);
    expect(missed.changes.map((c) => [c.kind, c.data])).toEqual([
      ['request_received', expect.objectContaining({ userId: 'bob' })],
      ['request_answered', { userId: 'bob', box: 'inbox', action: 'agreeAndAdd' }],
      ['friend_added', { userIds: ['bob'] }],
      ['friend_added', { userIds: ['carol'] }],
      ['friend_deleted', expect.objectContaining({ userIds: ['carol'] })],
    ]);
    expect(missed.changes.map((c) => c.seq)).toEqual([seen + 1, seen + 2, seen + 3, seen + 4, seen + 5]);
    expect(missed.maxSeq).toBe(seen + 5);

    const page = await back.client.social.syncChanges(seen, 2);
    expect(page).toMatchObject({ complete: false, reset: false, maxSeq: seen + 5 });
    expect(page.changes.map((c) => c.seq)).toEqual([seen + 1, seen + 2]);
    expect(await back.client.social.syncChanges(seen + 5)).toEqual({ changes: [], maxSeq: seen + 5, complete: true, reset: false });
  });

  it('reset when the position is ahead of the log or its changes expired', async () => {
    s = await startSocialNode();
    await s.accounts('alice', 'bob');
    const app = s.n.app.sdkAppId;
    await s.n.store.socialChanges.appendChanges(app, 'bob', [10, 11, 12].map((seq) => ({ seq, kind: 'friend_added', time: 1, data: { userIds: ['x'] } })));
    const bob = await s.device('bob');
    expect(await bob.client.social.syncChanges(3)).toEqual({ changes: [], maxSeq: 12, complete: true, reset: true });
    expect(await bob.client.social.syncChanges(99)).toEqual({ changes: [], maxSeq: 12, complete: true, reset: true });
    expect((await bob.client.social.syncChanges(10)).changes.map((c) => c.seq)).toEqual([11, 12]);
  });
});

describe('change seqs and peer events', () => {
  it('a new activation continues after the stored maxSeq', async () => {
    s = await startSocialNode();
    await s.accounts('alice', 'bob');
    await s.n.store.socialChanges.appendChanges(s.n.app.sdkAppId, 'alice', [1, 2, 3, 4, 5].map((seq) => ({ seq, kind: 'block_added', time: 1, data: { userIds: ['x'] } })));
    const a = await s.device('alice');
    await a.client.social.block(['bob']);
    expect((await a.change((c) => c.kind === 'block_added')).seq).toBe(6);
  });

  it('a redelivered peer event is applied once, also after it was undone and the actor reactivated', async () => {
    s = await startSocialNode({ limits: { actorIdleMs: 30 } });
    await s.accounts('alice', 'bob');
    const to = socialAddr(s.n.app.sdkAppId, 'alice');
    const requested: SocialMsg = { t: 'peer', from: 'bob', key: 'bob:7', ev: { e: 'requested', addSource: 'AddSource_Type_X', wording: 'hi', remark: '', group: '', addType: 'both', time: 5 } };
    await s.n.actors.ask(to, requested);
    await s.n.actors.ask(to, requested);
    await s.n.actors.ask(to, { t: 'peer', from: 'bob', key: 'bob:8', ev: { e: 'withdrawn' } } satisfies SocialMsg);
    const log = async () => (await s!.n.store.socialChanges.changesSince(s!.n.app.sdkAppId, 'alice', 0, 100)).map((c) => c.kind);
    expect(await log()).toEqual(['request_received', 'request_withdrawn']);
    // Let the actor passivate; the next activation reloads the keys from the log.
    await waitFor(async () => ((await s!.n.workerMetrics.actorsActive.get()).values.find((v) => v.labels.kind === 'social')?.value === 0 ? true : undefined));
    await s.n.actors.ask(to, requested);
    expect(await log()).toEqual(['request_received', 'request_withdrawn']);
    const a = await s.device('alice');
    expect((await a.client.social.getRequests()).inbox).toEqual([]);
  });
});
