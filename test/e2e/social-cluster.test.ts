// The social graph (issue 4) on a real cluster: 2 edges + 2 workers as separate processes over real
// NATS, Redis and Cassandra, driven only through the client SDK, the v4 REST API and a webhook
// receiver. Users' devices sit on different edges; their social actors on either worker.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImClient } from '../../src/client/index.js';
import type { SocialChangeInfo } from '../../src/protocol/social-frames.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { adminTarget, importAccounts as importAll, loginClient, shardsOwned } from '../support/cluster-clients.js';
import { eventually } from '../support/im-user.js';
import { rest, type RestTarget } from '../support/rest-client.js';

const WAIT_MS = 15_000;

let c: TestCluster;
let api: RestTarget;
let api2: RestTarget;
const hooks: Array<Record<string, unknown>> = [];
let receiver: Server;
const clients: ImClient[] = [];

interface Device {
  client: ImClient;
  changes: SocialChangeInfo[];
  change(pred: (c: SocialChangeInfo) => boolean): Promise<SocialChangeInfo>;
}

async function device(userId: string, edge: 1 | 2, deviceId = `${userId}-${edge}`): Promise<Device> {
  const changes: SocialChangeInfo[] = [];
  const client = await loginClient(c, clients, userId, edge, deviceId, (x) => x.on('socialChanges', (e) => changes.push(...e.changes)));
  return { client, changes, change: (pred) => eventually('a pushed change', WAIT_MS, async () => changes.find(pred)) };
}

const ok = (r: Record<string, unknown>) => {
  if (r.ErrorCode !== 0) throw new Error(`expected OK, got ${JSON.stringify(r).slice(0, 400)}`);
  return r;
};
const codes = (r: Record<string, unknown>, list = 'ResultItem') => Object.fromEntries((r[list] as Array<{ To_Account: string; ResultCode: number }>).map((i) => [i.To_Account, i.ResultCode]));
const items = (...ids: string[]) => ids.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Cluster' }));
const importAccounts = (...ids: string[]) => importAll(c, ids);
const allow = async (userId: string, type: string) =>
  ok(await rest(api, 'profile', 'portrait_set', { From_Account: userId, ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: `AllowType_Type_${type}` }] }));
const relation = async (a: string, b: string) =>
  String(((await rest(api2, 'sns', 'friend_check', { From_Account: a, To_Account: [b], CheckType: 'CheckResult_Type_Both' })).InfoItem as Array<{ Relation: string }>)[0]!.Relation);
const settle = (a: string, b: string, want: string) => eventually(`${a}-${b} ${want}`, WAIT_MS, async () => ((await relation(a, b)) === `CheckResult_Type_${want}` ? true : undefined));
const hooksOf = (cmd: string) => hooks.filter((h) => h.CallbackCommand === cmd);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (b: Buffer) => (raw += b.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      hooks.push(body);
      const answer: Record<string, unknown> = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
      // The app backend refuses any request to "vetoed" with its own code.
      if (body.CallbackCommand === 'Sns.CallbackPrevFriendAdd') {
        answer.ResultItem = (body.FriendItem as Array<{ To_Account: string }>).filter((f) => f.To_Account === 'vetoed').map((f) => ({ To_Account: f.To_Account, ResultCode: 38001, ResultInfo: 'vetoed by the app' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const { port } = receiver.address() as { port: number };
  c = await startTestCluster({ env: { IM_WEBHOOK_URL: `http://127.0.0.1:${port}/im-callback`, IM_REST_RATE_PER_SEC: '2000' } });
  api = adminTarget(c);
  api2 = { ...api, baseUrl: c.edgeUrl(2) };
  await importAccounts('alice', 'bob', 'carol', 'dave', 'erin', 'vetoed', 'frank', 'gina');
});

afterAll(async () => {
  for (const cl of clients) cl.close();
  await c?.stop();
  receiver?.close();
});

describe('social graph on 2 edges + 2 workers', () => {
  it('profiles: set and read over REST and the SDK, with the 40xxx codes for bad input', async () => {
    ok(await rest(api, 'profile', 'portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' }, { Tag: 'Tag_Profile_IM_BirthDay', Value: 19940410 }] }));
    const a = await device('alice', 2);
    await a.client.social.setProfile({ Tag_Profile_IM_SelfSignature: 'hello', Tag_Profile_IM_Gender: 'Gender_Type_Female' });
    const got = await rest(api2, 'profile', 'portrait_get', { To_Account: ['alice', 'nobody'], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_BirthDay', 'Tag_Profile_IM_SelfSignature', 'Tag_Profile_IM_Gender'] });
    expect(got.UserProfileItem).toEqual([
      {
        To_Account: 'alice',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' },
          { Tag: 'Tag_Profile_IM_BirthDay', Value: 19940410 },
          { Tag: 'Tag_Profile_IM_SelfSignature', Value: 'hello' },
          { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Female' },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
      { To_Account: 'nobody', ProfileItem: [], ResultCode: 40003, ResultInfo: 'account does not exist' },
    ]);
    const b = await device('bob', 1);
    expect((await b.client.social.getProfiles(['alice'], ['Tag_Profile_IM_Nick'])).results).toEqual([{ userId: 'alice', c: 0, m: '', profile: { Tag_Profile_IM_Nick: 'Alice' } }]);

    const bad = async (tag: string, value: unknown) => (await rest(api, 'profile', 'portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: tag, Value: value }] })).ErrorCode;
    expect(await bad('Tag_Profile_IM_Shoe', 'x')).toBe(40009);
    expect(await bad('Tag_Profile_Custom_Undeclared', 'x')).toBe(40009);
    expect(await bad('Tag_Profile_IM_Level', 'high')).toBe(40610);
    expect(await bad('Tag_Profile_IM_Gender', 'Gender_Type_Robot')).toBe(40605);
    expect(await bad('Tag_Profile_IM_Nick', 'n'.repeat(501))).toBe(40601);
    await expect(a.client.social.setProfile({ Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_None' })).rejects.toMatchObject({ code: 40008 });
    await eventually('Profile.CallbackPortraitSet', WAIT_MS, async () => (hooksOf('Profile.CallbackPortraitSet').some((h) => h.Operator_Account === 'alice') ? true : undefined));
  });

  it('a NeedConfirm request accepted on one device disappears from the other device of the same user', async () => {
    const [phone, laptop] = [await device('carol', 1, 'carol-phone'), await device('carol', 2, 'carol-laptop')];
    const d = await device('dave', 2);
    expect(await d.client.social.addFriend('carol', { wording: 'hi carol', remark: 'Caro' })).toEqual({ pending: true });
    for (const x of [phone, laptop]) expect((await x.change((ch) => ch.kind === 'request_received')).data).toMatchObject({ userId: 'dave', wording: 'hi carol' });
    expect((await laptop.client.social.getRequests()).inbox.map((r) => r.userId)).toEqual(['dave']);

    await phone.client.social.respondToRequest('dave', 'agreeAndAdd', { remark: 'Dave' });
    expect((await laptop.change((ch) => ch.kind === 'request_answered')).data).toMatchObject({ userId: 'dave', box: 'inbox', action: 'agreeAndAdd' });
    expect((await laptop.client.social.getRequests()).inbox).toEqual([]);
    await settle('carol', 'dave', 'BothWay');
    expect((await d.change((ch) => ch.kind === 'friend_added')).data).toMatchObject({ userIds: ['carol'] });
    expect((await d.client.social.getFriendsById(['carol'])).results[0]!.friend).toMatchObject({ remark: 'Caro' });
    await eventually('Sns.CallbackFriendAdd', WAIT_MS, async () => hooksOf('Sns.CallbackFriendAdd').find((h) => h.ClientCmd === 'FriendResponse'));
  });

  it('adds by AllowType over REST: AllowAny, DenyAny (30516), forced, refused by the app backend, self and unknown', async () => {
    await allow('erin', 'AllowAny');
    await allow('frank', 'DenyAny');
    await allow('vetoed', 'AllowAny');
    const r = await rest(api, 'sns', 'friend_add', { From_Account: 'bob', AddFriendItem: items('erin', 'frank', 'vetoed', 'bob', 'ghost', 'gina') });
    expect(codes(r)).toEqual({ erin: 0, frank: 30516, vetoed: 38001, bob: 30001, ghost: 30003, gina: 30539 });
    expect(r.Fail_Account).toEqual(['frank', 'vetoed', 'bob', 'ghost']);
    await settle('bob', 'erin', 'BothWay');
    expect(codes(await rest(api2, 'sns', 'friend_add', { From_Account: 'bob', AddFriendItem: items('frank'), ForceAddFlags: 1, AddType: 'Add_Type_Single' }))).toEqual({ frank: 0 });
    expect(await relation('bob', 'frank')).toBe('CheckResult_Type_AWithB');
    // gina's pending request from bob: withdrawn by bob.
    const g = await device('gina', 1);
    expect((await g.client.social.getRequests()).inbox.map((x) => x.userId)).toEqual(['bob']);
    const b = await device('bob', 2, 'bob-2');
    await b.client.social.withdrawRequest('gina');
    expect((await g.change((ch) => ch.kind === 'request_withdrawn')).data).toMatchObject({ userId: 'bob', box: 'inbox' });
    await expect(g.client.social.respondToRequest('bob', 'agree')).rejects.toMatchObject({ code: 30614 });
  });

  it('updates, friend lists, paged and listed reads, deletes', async () => {
    // bob has erin (both ways) and frank (one way) from the previous test.
    const u = await rest(api, 'sns', 'friend_update', { From_Account: 'bob', UpdateItem: [{ To_Account: 'erin', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'E' }, { Tag: 'Tag_SNS_IM_Group', Value: ['gym'] }, { Tag: 'Tag_SNS_Custom_Level', Value: 'gold' }] }] });
    expect(codes(u)).toEqual({ erin: 0 });
    ok(await rest(api2, 'sns', 'group_add', { From_Account: 'bob', GroupName: ['work'], To_Account: ['frank'] }));
    expect((await rest(api, 'sns', 'group_get', { From_Account: 'bob', NeedFriend: 'Need_Friend_Type_Yes' })).ResultItem).toEqual([
      { GroupName: 'gym', FriendNumber: 1, To_Account: ['erin'] },
      { GroupName: 'work', FriendNumber: 1, To_Account: ['frank'] },
    ]);
    const b = await device('bob', 1, 'bob-lists');
    await b.client.social.renameFriendList('work', 'office');
    expect((await b.client.social.getFriendLists()).lists.map((l) => l.name)).toEqual(['gym', 'office']);
    const page = await rest(api2, 'sns', 'friend_get', { From_Account: 'bob', StartIndex: 0 });
    expect(page).toMatchObject({ FriendNum: 2, CompleteFlag: 1, NextStartIndex: 0 });
    expect((page.UserDataItem as Array<{ To_Account: string }>).map((x) => x.To_Account)).toEqual(['erin', 'frank']);
    const list = await rest(api, 'sns', 'friend_get_list', { From_Account: 'bob', To_Account: ['erin'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_Custom_Level', 'Tag_Profile_IM_AllowType'] });
    expect((list.InfoItem as Array<{ SnsProfileItem: unknown }>)[0]!.SnsProfileItem).toEqual([
      { Tag: 'Tag_SNS_IM_Remark', Value: 'E' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['gym'] },
      { Tag: 'Tag_SNS_Custom_Level', Value: 'gold' },
      { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' },
    ]);
    expect(codes(await rest(api, 'sns', 'friend_delete', { From_Account: 'bob', To_Account: ['erin', 'carol'] }))).toEqual({ erin: 0, carol: 31704 });
    await settle('bob', 'erin', 'NoRelation');
    ok(await rest(api2, 'sns', 'friend_delete_all', { From_Account: 'bob', DeleteType: 'Delete_Type_Single' }));
    expect((await b.client.social.getFriends()).total).toBe(0);
    await eventually('Sns.CallbackFriendDelete', WAIT_MS, async () => (hooksOf('Sns.CallbackFriendDelete').length >= 2 ? true : undefined));
  });

  it('blocklist: blocking unfriends both ways; paged list with both sequence spellings; checks', async () => {
    ok(await rest(api, 'sns', 'friend_add', { From_Account: 'alice', AddFriendItem: items('erin') }));
    await settle('alice', 'erin', 'BothWay');
    const e = await device('erin', 1);
    expect(codes(await rest(api2, 'sns', 'black_list_add', { From_Account: 'alice', To_Account: ['erin', 'gina'] }))).toEqual({ erin: 0, gina: 0 });
    await settle('alice', 'erin', 'NoRelation');
    expect((await e.change((ch) => ch.kind === 'friend_deleted')).data).toMatchObject({ userIds: ['alice'] });
    expect(codes(await rest(api, 'sns', 'friend_add', { From_Account: 'erin', AddFriendItem: items('alice') }))).toEqual({ alice: 30525 });
    const got = await rest(api, 'sns', 'black_list_get', { From_Account: 'alice', StartIndex: 0, MaxLimited: 1, LastSequence: 0 });
    expect(got).toMatchObject({ BlackListItem: [{ To_Account: 'erin', AddBlackTimeStamp: expect.any(Number) }], StartIndex: 1 });
    expect(got.CurruentSequence).toBe(got.CurrentSequence);
    const check = await rest(api2, 'sns', 'black_list_check', { From_Account: 'erin', To_Account: ['alice', 'bob'], CheckType: 'BlackCheckResult_Type_Both' });
    expect((check.BlackListCheckItem as Array<{ Relation: string }>).map((x) => x.Relation)).toEqual(['BlackCheckResult_Type_BWithA', 'BlackCheckResult_Type_NO']);
    expect(codes(await rest(api, 'sns', 'black_list_delete', { From_Account: 'alice', To_Account: ['gina', 'bob'] }))).toEqual({ gina: 0, bob: 30001 });
    await eventually('Sns.CallbackBlackListAdd', WAIT_MS, async () => hooksOf('Sns.CallbackBlackListAdd').find((h) => (h.PairList as unknown[]).length === 2));
  });

  it('a device that was offline catches up on the relationship changes it missed', async () => {
    await allow('frank', 'NeedConfirm');
    const phone = await device('frank', 1, 'frank-phone');
    await phone.client.social.block(['dave']);
    const lastSeen = (await phone.change((ch) => ch.kind === 'block_added')).seq;
    phone.client.close();

    // While the phone is away: a request arrives, frank's tablet accepts it, a friend leaves.
    expect(codes(await rest(api, 'sns', 'friend_add', { From_Account: 'gina', AddFriendItem: items('frank') }))).toEqual({ frank: 30539 });
    const tablet = await device('frank', 2, 'frank-tablet');
    await eventually('the request', WAIT_MS, async () => ((await tablet.client.social.getRequests()).inbox.length === 1 ? true : undefined));
    await tablet.client.social.respondToRequest('gina', 'agreeAndAdd');
    await settle('frank', 'gina', 'BothWay');
    ok(await rest(api2, 'sns', 'friend_delete', { From_Account: 'gina', To_Account: ['frank'] }));
    await settle('frank', 'gina', 'NoRelation');
    tablet.client.close();

    const back = await device('frank', 2, 'frank-phone');
    const missed = await back.client.social.syncAll(lastSeen);
    expect(missed.reset).toBe(false);
    expect(missed.changes.map((ch) => ch.kind)).toEqual(['request_received', 'request_answered', 'friend_added', 'friend_deleted']);
    expect(missed.changes.map((ch) => ch.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3, lastSeen + 4]);
  });

  it('friend limits: 3 000 friends (30010 mine, 30014 the peer)', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `m${i}`);
    await importAccounts(...many, 'hank', 'ivy');
    for (let i = 0; i < many.length; i += 1000) {
      expect(Object.values(codes(await rest(api, 'sns', 'friend_import', { From_Account: 'hank', AddFriendItem: items(...many.slice(i, i + 1000)) }))).every((x) => x === 0)).toBe(true);
    }
    await allow('ivy', 'AllowAny');
    expect(codes(await rest(api, 'sns', 'friend_add', { From_Account: 'hank', AddFriendItem: items('ivy') }))).toEqual({ ivy: 30010 });
    await allow('hank', 'AllowAny');
    expect(codes(await rest(api2, 'sns', 'friend_add', { From_Account: 'ivy', AddFriendItem: items('hank') }))).toEqual({ hank: 30014 });
    expect((await rest(api, 'sns', 'friend_get', { From_Account: 'hank', StartIndex: 2950 })).UserDataItem).toHaveLength(50);

    // friend_check and black_list_check answer 1 000 accounts in one call (figures in the log).
    const ids = many.slice(0, 1000);
    for (const [command, body] of [
      ['friend_check', { From_Account: 'hank', To_Account: ids, CheckType: 'CheckResult_Type_Both' }],
      ['black_list_check', { From_Account: 'hank', To_Account: ids, CheckType: 'BlackCheckResult_Type_Both' }],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        const r = await rest(api, 'sns', command, body);
        times.push(performance.now() - t);
        expect((r[command === 'friend_check' ? 'InfoItem' : 'BlackListCheckItem'] as unknown[]).length).toBe(1000);
      }
      times.sort((x, y) => x - y);
      console.log(`${command} with 1000 accounts on the cluster: median ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms`);
    }
  });

  it('change seqs continue after the actor changes worker (a kill -9 of each worker in turn)', async () => {
    const a = await device('alice', 1, 'alice-seq');
    let seq = 0;
    let blocked = false;
    const toggle = async () => {
      const kind = blocked ? 'block_removed' : 'block_added';
      // While a dead worker's shards are not owned again an op may time out (6012): retry it.
      const got = await eventually(kind, 30_000, async () => {
        await (kind === 'block_added' ? a.client.social.block(['bob']) : a.client.social.unblock(['bob'])).catch(() => undefined);
        return a.changes.find((ch) => ch.kind === kind && ch.seq > seq);
      });
      if (seq) expect(got.seq).toBe(seq + 1);
      seq = got.seq;
      blocked = !blocked;
    };
    await toggle();
    // Whichever worker owns alice's actor, one of the two kills (or the rebalance between them) moves it.
    for (const worker of ['worker-1', 'worker-2']) {
      await c.launcher.kill(worker, 'SIGKILL');
      await toggle();
      c.launcher.restart(worker);
      await c.waitReady();
      await eventually('balanced shards', 30_000, async () => ((await shardsOwned(c.workerUrl(1))) === 32 && (await shardsOwned(c.workerUrl(2))) === 32 ? true : undefined));
      await toggle();
    }
  });
});
