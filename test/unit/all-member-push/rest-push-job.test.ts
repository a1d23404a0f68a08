// The job im_push hands to PushTasks, read straight from the handler with a recording task starter:
// sender defaults to the calling admin, MsgLifeTime defaults to 0 (online only), no copy to the
// sender, no callbacks, OfflinePushInfo carried in the send options, attr conditions by slot.
import { describe, expect, it } from 'vitest';
import type { PushJob, PushTasks } from '../../../src/all-member-push/push-tasks.js';
import { imPush } from '../../../src/all-member-push/rest-push.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import type { RestContext } from '../../../src/rest/context.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';

const APP = 1400000992;

async function run(body: Record<string, unknown>): Promise<PushJob> {
  const store = createMemoryStore();
  await store.userAttrs.setAttrNames(APP, { 4: 'city' });
  const jobs: PushJob[] = [];
  const pushTasks = { start: (j: PushJob) => (jobs.push(j), 'task-1') } as unknown as PushTasks;
  const ctx = { deps: { store, metrics: createMetrics(), pushTasks }, app: { admins: ['administrator'] }, sdkAppId: APP, identifier: 'administrator' } as unknown as RestContext;
  expect(await imPush(ctx, { MsgRandom: 7, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }], ...body })).toEqual({ TaskId: 'task-1' });
  return jobs[0]!;
}

describe('im_push job', () => {
  it('defaults: admin sender, online only, no sender copy, no callbacks, everyone', async () => {
    const job = await run({});
    expect(job).toMatchObject({ sdkAppId: APP, from: 'administrator', condition: { kind: 'all' } });
    expect(job.send).toMatchObject({ t: 'send', from: 'administrator', callbacks: false, optPlatform: 'RESTAPI' });
    expect(job.send.options).toMatchObject({ random: 7, lifeTimeSec: 0, syncToSender: false });
  });

  it('carries MsgLifeTime, OfflinePushInfo and an attr condition by slot', async () => {
    const job = await run({ MsgLifeTime: 600, OfflinePushInfo: { PushFlag: 0, Desc: 'news' }, Condition: { AttrsOr: { city: 'rome' } } });
    expect(job.send.options).toMatchObject({ lifeTimeSec: 600, offlinePushInfo: { PushFlag: 0, Desc: 'news' } });
    expect(job.condition).toEqual({ kind: 'attrs', and: {}, or: { 4: 'rome' } });
  });
});
