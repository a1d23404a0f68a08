// The client SDK in one import, with the protocol names an app needs (ops, codes, frames).
export { ImClient } from './im-client.js';
export { SocialApi } from './social.js';
export { C2cApi, type C2cSendFields } from './c2c.js';
export { PushApi, type PushTokenRegistration } from './push.js';
export { GroupsApi, type GroupSendFields } from './groups.js';
export { RoomApi } from './rooms.js';
export type { ClientState, ImClientEvents, ImClientOptions, WebSocketCtor, WebSocketLike } from './types.js';
export { ImError, isImError } from '../lib/errors.js';
export { CloseCode, Err, KickReason, Op, PLATFORMS, type LoginParams, type LoginResult, type Platform, type ServerFrame } from '../protocol/index.js';
export type { AddType, CheckMode, FriendInfo, FriendRequestInfo, ProfileValue, Relation, RespondAction, SocialChangeInfo, SocialResults, UserResult } from '../protocol/social-frames.js';
export type { C2cMessageInfo, C2cReadInfo, C2cRecallInfo, C2cResults, ConvCursor, ConversationInfo } from '../protocol/c2c-frames.js';
export type { GroupMessageInfo, GroupTipInfo } from '../protocol/group-frames.js';
export type { GroupInfoView, GroupMemberView, GroupRequestResults, GroupSelfView, JoinedGroupView } from '../protocol/group-requests.js';
