// Community topic commands (spec §2.1 #51; million_group_open_http_svc, import_topic under
// group_open_http_svc): TopicId is the full `{GroupId}@TOPIC#_{suffix}` (generated when absent),
// From_Account (when given) is who acts instead of the App admin, so its role decides.
// get_topic reads the store; the writes go through the group actor.
import { randomBytes } from 'node:crypto';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asBatch, field } from '../rest/validate.js';
import { MAX_TOPICS_PER_CALL, type TopicRecord } from '../store/group-extras.js';
import { generateTopicId, parseTopicId, topicConvId } from './group-ids.js';
import type { GroupBy, TopicModify } from './group-messages.js';
import { wireMuteUntil } from './group-state-rules.js';
import { GROUP_CODES, askGroup, liveGroup, optOnOff, optString, readGroupId, readUser, restBy, seconds } from './rest-common.js';

type Body = Record<string, unknown>;

function by(ctx: RestContext, body: Body): GroupBy {
  const from = readUser(body, ['From_Account'], false);
  return from ? { userId: from } : restBy(ctx);
}

function readTopicId(body: Body, groupId: string): string {
  const v = field(body, 'TopicId');
  if (typeof v !== 'string' || parseTopicId(v)?.groupId !== groupId) throw new ImError(Err.GROUP_INVALID_PARAMS, `TopicId must be a topic id of ${groupId} ({GroupId}@TOPIC#_{suffix})`);
  return v;
}

export async function createTopicCmd(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const topicId = field(body, 'TopicId') === undefined ? generateTopicId(groupId, (n) => randomBytes(n)) : readTopicId(body, groupId);
  const name = optString(body, 'TopicName');
  if (name === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'TopicName is required');
  const extra = {
    faceUrl: optString(body, 'FaceUrl'),
    introduction: optString(body, 'Introduction'),
    notification: optString(body, 'Notification'),
    customString: optString(body, 'CustomString'),
  };
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  await askGroup(ctx, { t: 'topicCreate', sdkAppId: ctx.sdkAppId, groupId, by: by(ctx, body), topicId, name, ...defined });
  return { TopicId: topicId };
}

export async function modifyTopicCmd(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const msg: TopicModify = { t: 'topicModify', sdkAppId: ctx.sdkAppId, groupId, by: by(ctx, body), topicId: readTopicId(body, groupId) };
  const name = optString(body, 'TopicName');
  if (name !== undefined) msg.name = name;
  const faceUrl = optString(body, 'FaceUrl');
  if (faceUrl !== undefined) msg.faceUrl = faceUrl;
  const introduction = optString(body, 'Introduction');
  if (introduction !== undefined) msg.introduction = introduction;
  const notification = optString(body, 'Notification');
  if (notification !== undefined) msg.notification = notification;
  const customString = optString(body, 'CustomString');
  if (customString !== undefined) msg.customString = customString;
  const muteAll = optOnOff(body, ['MuteAllMember', 'ShutUpAllMember']);
  if (muteAll !== undefined) msg.muteAll = muteAll;
  await askGroup(ctx, msg);
  return {};
}

export async function destroyTopicCmd(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const ids = asBatch(field(body, 'TopicIdList'), 'TopicIdList', MAX_TOPICS_PER_CALL, GROUP_CODES).map((v, i) => {
    if (typeof v !== 'string') throw new ImError(Err.GROUP_INVALID_PARAMS, `TopicIdList[${i}] must be a string`);
    return v;
  });
  const r = await askGroup<{ results: Array<{ topicId: string; code: number }> }>(ctx, { t: 'topicDestroy', sdkAppId: ctx.sdkAppId, groupId, by: by(ctx, body), topicIds: ids });
  return { DestroyResultItem: r.results.map((x) => ({ TopicId: x.topicId, ErrorCode: x.code, ErrorInfo: x.code === 0 ? '' : 'topic does not exist' })) };
}

function topicInfo(groupId: string, t: TopicRecord, nextMsgSeq: number): Record<string, unknown> {
  return {
    TopicId: t.topicId,
    TopicName: t.name,
    GroupID: groupId,
    FaceUrl: t.faceUrl,
    Introduction: t.introduction,
    Notification: t.notification,
    CustomString: t.customString,
    NextMsgSeq: nextMsgSeq,
    ShutUpAllFlag: t.muteAll ? 1 : 0,
    MuteAllMember: t.muteAll ? 'On' : 'Off',
    CreateTime: seconds(t.createdAt),
    LastMsgTime: t.lastMsgTime,
  };
}

export async function getTopicCmd(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const from = readUser(body, ['From_Account'], false);
  const listed = field(body, 'TopicIdList');
  const g = await liveGroup(ctx, groupId);
  if (g.type !== 'Community' || !g.supportTopic) throw new ImError(Err.GROUP_PERMISSION_DENIED, `group ${groupId} has no topics`);
  const { groupTopics, groupMembers, messages } = ctx.deps.store;
  let wanted: string[];
  let found: Map<string, TopicRecord>;
  if (listed === undefined || (Array.isArray(listed) && listed.length === 0)) {
    const page = await groupTopics.listTopics(ctx.sdkAppId, groupId, { limit: MAX_TOPICS_PER_CALL });
    wanted = page.topics.map((t) => t.topicId);
    found = new Map(page.topics.map((t) => [t.topicId, t]));
  } else {
    wanted = asBatch(listed, 'TopicIdList', MAX_TOPICS_PER_CALL, GROUP_CODES).map((v) => String(v));
    found = await groupTopics.getTopics(ctx.sdkAppId, groupId, wanted);
  }
  const member = from ? (await groupMembers.getMembers(ctx.sdkAppId, groupId, [from])).get(from) : undefined;
  const now = ctx.deps.clock.nowMs();
  const out: Record<string, unknown>[] = [];
  for (const id of wanted) {
    const t = found.get(id);
    if (!t) {
      out.push({ ErrorCode: Err.GROUP_NOT_FOUND, ErrorInfo: 'topic does not exist', TopicInfo: { TopicId: id } });
      continue;
    }
    const item: Record<string, unknown> = { ErrorCode: 0, ErrorInfo: '', TopicInfo: topicInfo(groupId, t, (await messages.maxSeq(ctx.sdkAppId, topicConvId(groupId, id))) + 1) };
    if (member) item.SelfInfo = { ShutUpTime: wireMuteUntil(member.muteUntil, now), MsgSeq: member.readSeq, MsgFlag: member.msgFlag };
    out.push(item);
  }
  return { TopicAndSelfInfo: out };
}
