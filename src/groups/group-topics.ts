// Community topics (create_topic / modify_topic / destroy_topic, import_topic): only in a
// Community created with SupportTopic (10007 elsewhere), managed by its owner, admins and the App
// admin (can 'manageTopics'). The caller picks the full topic id `{GroupId}@TOPIC#_{suffix}`; it
// must name this group. An unknown topic is 10010, like an unknown group. Callbacks:
// Group.CallbackBeforeCreateTopic (refusal as for the other group before-callbacks) and the
// after-callbacks of creation, destruction and profile changes.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord, TopicPatch } from '../store/groups.js';
import { MAX_TOPICS_PER_CALL } from '../store/group-extras.js';
import type { GroupContext } from './group-context.js';
import { parseTopicId } from './group-ids.js';
import { MAX_FACE_URL_BYTES, MAX_INTRODUCTION_BYTES, MAX_NOTIFICATION_BYTES, MAX_TOPIC_CUSTOM_STRING_BYTES, MAX_TOPIC_NAME_BYTES, textProblem } from './group-limits.js';
import type { GroupBy, TopicCreate, TopicDestroy, TopicModify } from './group-messages.js';
import { Callback } from '../webhooks/commands.js';
import { announceChange, askBefore, callbackBase, metaOf, tellAfter } from './group-manage-notify.js';
import { check } from './group-manage-rows.js';
import { can } from './group-permissions.js';

interface TopicFields {
  name?: string | undefined;
  faceUrl?: string | undefined;
  introduction?: string | undefined;
  notification?: string | undefined;
  customString?: string | undefined;
}

async function allowed(ctx: GroupContext, by: GroupBy): Promise<{ g: GroupRecord; operator: string }> {
  const g = await ctx.group();
  const acting = await ctx.acting(by);
  check(can(g.type, acting.actor, 'manageTopics'), `${acting.actor} may not manage topics of this ${g.type} group`);
  if (!g.supportTopic) throw new ImError(Err.GROUP_PERMISSION_DENIED, `group ${g.groupId} was not created with SupportTopic`);
  return { g, operator: acting.userId };
}

function fieldsProblem(f: TopicFields, creating: boolean): void {
  const p =
    (creating || f.name !== undefined ? textProblem(f.name, 'TopicName', MAX_TOPIC_NAME_BYTES, true) : undefined) ??
    (f.faceUrl !== undefined ? textProblem(f.faceUrl, 'FaceUrl', MAX_FACE_URL_BYTES) : undefined) ??
    (f.introduction !== undefined ? textProblem(f.introduction, 'Introduction', MAX_INTRODUCTION_BYTES) : undefined) ??
    (f.notification !== undefined ? textProblem(f.notification, 'Notification', MAX_NOTIFICATION_BYTES) : undefined) ??
    (f.customString !== undefined ? textProblem(f.customString, 'CustomString', MAX_TOPIC_CUSTOM_STRING_BYTES) : undefined);
  if (p) throw new ImError(p.code, p.info);
}

export async function createTopic(ctx: GroupContext, m: TopicCreate): Promise<{ topicId: string }> {
  const { g, operator } = await allowed(ctx, m.by);
  if (parseTopicId(m.topicId)?.groupId !== g.groupId) throw new ImError(Err.GROUP_INVALID_PARAMS, `${m.topicId} is not a topic id of ${g.groupId}`);
  fieldsProblem(m, true);
  const cb = { ...callbackBase(g), Operator_Account: operator, TopicId: m.topicId, TopicName: m.name };
  await askBefore(ctx, Callback.GroupBeforeCreateTopic, cb, metaOf(m));
  const ok = await ctx.deps.store.groupTopics.createTopic(ctx.sdkAppId, g.groupId, {
    topicId: m.topicId,
    name: m.name,
    faceUrl: m.faceUrl ?? '',
    introduction: m.introduction ?? '',
    notification: m.notification ?? '',
    muteAll: false,
    customString: m.customString ?? '',
    createdAt: ctx.deps.clock.nowMs(),
    lastMsgTime: 0,
  });
  if (!ok) throw new ImError(Err.GROUP_ID_IN_USE, `topic id ${m.topicId} is already used`);
  await announceChange(ctx, g, 'topicCreated', operator, [], { topicId: m.topicId });
  tellAfter(ctx, Callback.GroupAfterCreateTopic, cb, metaOf(m));
  return { topicId: m.topicId };
}

export async function modifyTopic(ctx: GroupContext, m: TopicModify): Promise<Record<string, never>> {
  const { g, operator } = await allowed(ctx, m.by);
  fieldsProblem(m, false);
  const patch: TopicPatch = {};
  if (m.name !== undefined) patch.name = m.name;
  if (m.faceUrl !== undefined) patch.faceUrl = m.faceUrl;
  if (m.introduction !== undefined) patch.introduction = m.introduction;
  if (m.notification !== undefined) patch.notification = m.notification;
  if (m.customString !== undefined) patch.customString = m.customString;
  if (m.muteAll !== undefined) patch.muteAll = m.muteAll;
  if (Object.keys(patch).length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'nothing to change');
  if (!(await ctx.deps.store.groupTopics.updateTopic(ctx.sdkAppId, g.groupId, m.topicId, patch))) {
    throw new ImError(Err.GROUP_NOT_FOUND, `topic ${m.topicId} does not exist`);
  }
  await announceChange(ctx, g, 'topicChanged', operator, [], { topicId: m.topicId });
  const changed = { TopicName: m.name, FaceUrl: m.faceUrl, Introduction: m.introduction, Notification: m.notification, CustomString: m.customString };
  const fields = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
  tellAfter(ctx, Callback.GroupAfterTopicInfoChanged, { ...callbackBase(g), Operator_Account: operator, TopicId: m.topicId, ...fields, ...(m.muteAll !== undefined ? { MuteAllMember: m.muteAll ? 'On' : 'Off' } : {}) }, metaOf(m));
  return {};
}

export async function destroyTopics(ctx: GroupContext, m: TopicDestroy): Promise<{ results: Array<{ topicId: string; code: number }> }> {
  const { g, operator } = await allowed(ctx, m.by);
  const ids = [...new Set(m.topicIds)];
  if (ids.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'no topics to destroy');
  if (ids.length > MAX_TOPICS_PER_CALL) throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `at most ${MAX_TOPICS_PER_CALL} topics per call`);
  const gone = new Set(await ctx.deps.store.groupTopics.deleteTopics(ctx.sdkAppId, g.groupId, ids));
  if (gone.size > 0) {
    await announceChange(ctx, g, 'topicDestroyed', operator, [], { topicIds: [...gone] });
    tellAfter(ctx, Callback.GroupAfterTopicDestroyed, { ...callbackBase(g), Operator_Account: operator, TopicIdList: [...gone].map((TopicId) => ({ TopicId })) }, metaOf(m));
  }
  return { results: ids.map((topicId) => ({ topicId, code: gone.has(topicId) ? 0 : Err.GROUP_NOT_FOUND })) };
}
