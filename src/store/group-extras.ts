// Pending join requests (ApplyJoinOption/InviteJoinOption NeedPermission) and Community topics
// (see groups.ts for the shared design). Requests expire: a request past expiresAt is invisible
// to every read and eventually removed by the store. Topic ids are `{GroupId}@TOPIC#_{suffix}`,
// built and checked by src/groups/group-ids.ts; a topic's timeline lives under topicConvId.

/** Most user ids one request call takes; largest request page. */
export const MAX_JOIN_REQUESTS_PER_CALL = 1000;
/** Most topic ids one call takes; largest topic page. */
export const MAX_TOPICS_PER_CALL = 1000;

export interface JoinRequestRecord {
  /** Who would join. */
  userId: string;
  /** Who invited them ('' for an application by the user). */
  inviterId: string;
  /** ApplyMsg / invitation text. */
  wording: string;
  time: number;
  /** When the request lapses (unix ms, after `time`). */
  expiresAt: number;
}

export interface JoinRequestPage {
  requests: JoinRequestRecord[];
  /** Set when more may follow: pass as `after` (a user id). Only its absence means the end. */
  next?: string;
}

export interface GroupJoinRequestStore {
  /** Inserts or replaces requests of one group (a repeated application refreshes it). */
  putRequests(sdkAppId: number, groupId: string, requests: readonly JoinRequestRecord[]): Promise<void>;
  /** Unexpired requests of these users; others absent. */
  getRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, JoinRequestRecord>>;
  /** One page of unexpired requests in userId order after `after`. 1 ≤ limit ≤ MAX_JOIN_REQUESTS_PER_CALL. */
  listRequests(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<JoinRequestPage>;
  /** Removes these users' requests (approved, rejected, withdrawn). Idempotent. */
  deleteRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<void>;
  /** Removes every request of the group (dismiss). Idempotent. */
  deleteAllRequests(sdkAppId: number, groupId: string): Promise<void>;
}

export interface TopicRecord {
  topicId: string;
  name: string;
  faceUrl: string;
  introduction: string;
  notification: string;
  muteAll: boolean;
  customString: string;
  createdAt: number;
  /** MsgTime of the newest message, unix seconds (0 when none). */
  lastMsgTime: number;
}

/** Fields an update may change; absent ones are kept. */
export type TopicPatch = Partial<Omit<TopicRecord, 'topicId' | 'createdAt'>>;

export interface TopicPage {
  topics: TopicRecord[];
  /** As JoinRequestPage.next (a topic id). */
  next?: string;
}

export interface GroupTopicStore {
  /** Stores a new topic; false (nothing written) when the group already has this topic id. */
  createTopic(sdkAppId: number, groupId: string, topic: TopicRecord): Promise<boolean>;
  /** These topics (≤ MAX_TOPICS_PER_CALL); missing ones absent. */
  getTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<Map<string, TopicRecord>>;
  /** One page of the group's topics in topicId order after `after`. */
  listTopics(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<TopicPage>;
  /** Applies `patch` to an existing topic; false when there is none. */
  updateTopic(sdkAppId: number, groupId: string, topicId: string, patch: TopicPatch): Promise<boolean>;
  /** Removes these topics; returns those that existed, in input order. */
  deleteTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<string[]>;
  /** Removes every topic of the group (dismiss). Idempotent. */
  deleteAllTopics(sdkAppId: number, groupId: string): Promise<void>;
}
