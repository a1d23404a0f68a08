// Offline push through the public interfaces: a device registers its token over the socket and
// goes away; a message sent to its user reaches the push provider with the element push text (or
// OfflinePushInfo's Desc); an online device, a conversation set to receive option 1 (unless the
// REST sender uses WithMuteNotifications), PushFlag=1 and online-only messages get no push; a
// token the service calls unregistered is forgotten.
import { afterEach, describe, expect, it } from 'vitest';
import { pushFailure } from '../../../src/push/push-provider.js';
import { eventually } from '../../support/im-user.js';
import { startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let node: C2cNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

const TOKEN = 'fcm-token-bob-phone_0123456789';

/** bob's phone registers TOKEN and disconnects; resolves once presence no longer lists it. */
async function bobGoesOffline(n: C2cNode): Promise<void> {
  const phone = await n.device('bob', 'bob-phone', 1);
  await phone.client.push.setToken({ platform: 'fcm', token: TOKEN });
  phone.client.close();
  await eventually('bob-phone offline', 5_000, async () => ((await n.n.presence.routesOf(n.n.app.sdkAppId, ['bob'])).get('bob')?.length ? undefined : true));
}

const pushes = () => node!.n.pushProvider.sent();
const sendmsg = (random: number, extra: Record<string, unknown> = {}) =>
  node!.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: random, MsgBody: text(`rest ${random}`), ...extra });

describe('offline push of C2C messages', () => {
  it("reaches an offline device's token with the push text; not an online device", async () => {
    node = await startC2cNode();
    await node.accounts('alice', 'bob');
    await bobGoesOffline(node);
    const alice = await node.device('alice');
    await alice.client.c2c.send('bob', { MsgBody: [...text('hello '), { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'x' } }], MsgRandom: 1 });
    await eventually('one push', 5_000, async () => (pushes().length >= 1 ? true : undefined));
    expect(pushes()[0]).toMatchObject({ target: { platform: 'fcm', token: TOKEN }, notification: { body: 'hello [Face]' }, result: { ok: true } });
    // Online again on the same device: no push for the next message.
    const phone = await node.device('bob', 'bob-phone', 1);
    await alice.client.c2c.send('bob', { MsgBody: text('while online'), MsgRandom: 2 });
    await phone.waitFor(1);
    expect((await sendmsg(3, { OnlineOnlyFlag: 1 })).ErrorCode).toBe(0);
    await phone.waitFor(2);
    expect(pushes()).toHaveLength(1);
  });

  it('honours OfflinePushInfo (Desc, PushFlag=1) and online-only sends', async () => {
    node = await startC2cNode();
    await node.accounts('alice', 'bob');
    await bobGoesOffline(node);
    expect((await sendmsg(1, { OfflinePushInfo: { PushFlag: 0, Title: 'New', Desc: 'You have mail', Ext: '{"k":1}' } })).ErrorCode).toBe(0);
    expect((await sendmsg(2, { OfflinePushInfo: { PushFlag: 1, Desc: 'never shown' } })).ErrorCode).toBe(0);
    expect((await sendmsg(3, { OnlineOnlyFlag: 1 })).ErrorCode).toBe(0);
    expect((await sendmsg(4)).ErrorCode).toBe(0);
    await eventually('two pushes', 5_000, async () => (pushes().length >= 2 ? true : undefined));
    expect(pushes().map((p) => p.notification.body)).toEqual(['You have mail', 'rest 4']);
    expect(pushes()[0]!.notification).toMatchObject({ title: 'New', ext: '{"k":1}' });
  });

  it('a conversation with receive option 1 gets no push unless the sender uses WithMuteNotifications', async () => {
    node = await startC2cNode();
    await node.accounts('alice', 'bob');
    const laptop = await node.device('bob', 'bob-laptop');
    await laptop.client.push.setRecvOpt('alice', 1);
    laptop.client.close();
    await bobGoesOffline(node);
    expect((await sendmsg(1)).ErrorCode).toBe(0);
    expect((await sendmsg(2, { SendMsgControl: ['WithMuteNotifications'] })).ErrorCode).toBe(0);
    await eventually('one push', 5_000, async () => (pushes().length >= 1 ? true : undefined));
    expect((await sendmsg(3)).ErrorCode).toBe(0);
    expect((await sendmsg(4, { SendMsgControl: ['WithMuteNotifications'] })).ErrorCode).toBe(0);
    await eventually('two pushes', 5_000, async () => (pushes().length >= 2 ? true : undefined));
    expect(pushes().map((p) => p.notification.body)).toEqual(['rest 2', 'rest 4']);
  });

  it('forgets a token the push service calls unregistered', async () => {
    node = await startC2cNode();
    await node.accounts('alice', 'bob');
    await bobGoesOffline(node);
    node.n.pushProvider.setResult(TOKEN, pushFailure('unregistered', false, 'app uninstalled'));
    expect((await sendmsg(1)).ErrorCode).toBe(0);
    await eventually('token forgotten', 5_000, async () => ((await node!.n.store.pushRegistry.list(node!.n.app.sdkAppId, ['bob'])).get('bob')?.length ? undefined : true));
    expect((await sendmsg(2)).ErrorCode).toBe(0);
    expect((await sendmsg(3)).ErrorCode).toBe(0);
    expect(pushes()).toHaveLength(1);
  });
});
