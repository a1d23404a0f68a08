// Which timeline a message turn works on: the group's own, or a Community topic's (its own seq and
// history, spec §6). A topic id must belong to this group, the group must support topics, and the
// topic must exist (10010 otherwise, like a missing group). Shared by every message turn and REST.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord, TopicRecord } from '../store/groups.js';
import type { GroupContext } from './group-context.js';
import { groupConvId, parseTopicId, topicConvId } from './group-ids.js';
import { rulesOf } from './group-type-rules.js';

export interface Timeline {
  convId: string;
  topicId?: string;
  topic?: TopicRecord;
}

export const convIdOf = (groupId: string, topicId?: string): string => (topicId ? topicConvId(groupId, topicId) : groupConvId(groupId));

/** Checks a topic id against the group without reading the store (10004 when it cannot be one). */
export function topicShapeProblem(g: Pick<GroupRecord, 'groupId' | 'type'>, topicId: string): ImError | undefined {
  if (!rulesOf(g.type).topics) return new ImError(Err.GROUP_INVALID_PARAMS, `a ${g.type} group has no topics`);
  if (parseTopicId(topicId)?.groupId !== g.groupId) return new ImError(Err.GROUP_INVALID_PARAMS, `TopicId ${topicId} is not a topic of group ${g.groupId}`);
  return undefined;
}

/** The timeline of (group, topicId?); throws ImError 10004/10010 for a bad or missing topic. */
export async function timelineOf(ctx: GroupContext, g: GroupRecord, topicId: string | undefined): Promise<Timeline> {
  if (topicId === undefined || topicId === '') return { convId: groupConvId(g.groupId) };
  const bad = topicShapeProblem(g, topicId);
  if (bad) throw bad;
  const topic = (await ctx.deps.store.groupTopics.getTopics(ctx.sdkAppId, g.groupId, [topicId])).get(topicId);
  if (!topic) throw new ImError(Err.GROUP_NOT_FOUND, `topic ${topicId} does not exist`);
  return { convId: topicConvId(g.groupId, topicId), topicId, topic };
}
