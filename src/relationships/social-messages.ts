// Messages of the social actor (one per user: kind 'social', id `${sdkAppId}:${userId}`), the
// single writer of that user's friend rows, requests, blocklist, friend lists, profile and change
// log. `cmd` comes from REST or the edge on the user's behalf; `peer` is the other side of a
// two-sided operation, sent by the peer's actor with an idempotency key; `profile` tells a friend
// that this user's profile changed; `outbox` is the actor's own timer re-sending pending peer
// events. Closed unions; plain data only (they cross the bus).
import { addr, type ActorAddress } from '../actors/address.js';
import type { Platform } from '../protocol/platforms.js';

export const SOCIAL_KIND = 'social';
export const socialAddr = (sdkAppId: number, userId: string): ActorAddress => addr(SOCIAL_KIND, `${sdkAppId}:${userId}`);

/** Who asked: the app admin over REST (identifier) or the user from a device. */
export type Requester = { by: 'admin'; identifier: string; clientIp?: string } | { by: 'user'; platform: Platform; clientIp?: string };

export type AddType = 'both' | 'single';
export type RespondAction = 'agree' | 'agreeAndAdd' | 'reject';
export type CheckMode = 'both' | 'single';

export interface AddItem {
  peerId: string;
  addSource: string;
  wording: string;
  remark: string;
  /** Friend list to put the new friend in ('' = none). */
  group: string;
}

export interface ImportItem {
  peerId: string;
  addSource: string;
  wording: string;
  remark: string;
  remarkTime: number;
  groups: string[];
  addTime: number;
  custom: Record<string, string | number>;
}

export interface RespondItem {
  peerId: string;
  action: RespondAction;
  remark: string;
  group: string;
}

export interface UpdateItem {
  peerId: string;
  remark?: string;
  /** Replaces the friend's lists. */
  groups?: string[];
  custom?: Record<string, string | number>;
}

/** Operations that change state (answered with per-item results where the API has them). */
export type SocialWrite =
  | { c: 'add'; items: AddItem[]; addType: AddType; force: boolean }
  | { c: 'import'; items: ImportItem[] }
  | { c: 'respond'; items: RespondItem[] }
  | { c: 'withdraw'; peerIds: string[] }
  | { c: 'update'; items: UpdateItem[] }
  | { c: 'delete'; peerIds: string[]; both: boolean }
  | { c: 'deleteAll'; both: boolean }
  | { c: 'blockAdd'; peerIds: string[] }
  | { c: 'blockRemove'; peerIds: string[] }
  | { c: 'listCreate'; names: string[]; peerIds: string[] }
  | { c: 'listDelete'; names: string[] }
  | { c: 'listRename'; from: string; to: string }
  | { c: 'listMembers'; names: string[]; peerIds: string[]; remove: boolean }
  /** [tag, value] pairs, validated again by the actor. */
  | { c: 'profileSet'; items: Array<[string, unknown]> };

/** Reads the client makes through its own actor (REST reads the store directly). */
export type SocialRead =
  | { c: 'profileGet'; userIds: string[]; tags?: string[] }
  | { c: 'check'; peerIds: string[]; mode: CheckMode }
  | { c: 'friends'; start: number; limit: number }
  | { c: 'friendsById'; peerIds: string[] }
  | { c: 'requests' }
  | { c: 'lists'; names?: string[] }
  | { c: 'blocks'; start: number; limit: number }
  | { c: 'blockCheck'; peerIds: string[]; mode: CheckMode }
  | { c: 'sync'; afterSeq: number; limit: number };

export type SocialCommand = SocialWrite | SocialRead;

/** The other side of a two-sided operation, applied by the peer's actor to its own rows. */
export type PeerEvent =
  /** `from` added me both-way: I get `from` as a friend. */
  | { e: 'added'; addSource: string; wording: string; time: number }
  /** `from` sent me a request (NeedConfirm). */
  | { e: 'requested'; addSource: string; wording: string; remark: string; group: string; addType: AddType; time: number }
  /** `from` answered my request. agree: I get `from` as a friend; agreeAndAdd: both (they have me already). */
  | { e: 'answered'; action: RespondAction; time: number }
  /** `from` withdrew the request it sent me. */
  | { e: 'withdrawn' }
  /** `from` deleted me both-way: I lose `from` as a friend. */
  | { e: 'deleted' }
  /** `from` blocked me: friendship and pending requests between us end on my side. */
  | { e: 'blocked' };

export type SocialMsg =
  | { t: 'cmd'; req: Requester; cmd: SocialCommand }
  /** key: unique per event (`${from}:${seq of from's change}`), so a redelivery is applied once. */
  | { t: 'peer'; from: string; key: string; ev: PeerEvent }
  | { t: 'profile'; from: string; tags: string[] }
  /** Scheduled by the actor itself: re-send its pending peer events (peer-delivery.ts). */
  | { t: 'outbox' };

/** One per-item outcome (REST ResultItem / client results). code 0 = done. */
export interface ItemResult {
  peerId: string;
  code: number;
  info: string;
}
