// Fixtures shared by the social store contract cases (see social-store.contract.ts).
import type { BlockRecord, FriendRecord, FriendRequestRecord, SocialChange } from '../../src/store/index.js';
import type { StoreCaseContext } from './store-suite.js';

export type SocialCaseContext = StoreCaseContext;

export const friend = (peerId: string, over: Partial<FriendRecord> = {}): FriendRecord => ({
  peerId,
  remark: `remark of ${peerId}`,
  groups: [],
  addSource: 'AddSource_Type_Web',
  addWording: 'hello',
  addTime: 1_790_000_000_000,
  remarkTime: 0,
  custom: {},
  ...over,
});

export const request = (peerId: string, over: Partial<FriendRequestRecord> = {}): FriendRequestRecord => ({
  peerId,
  addSource: 'AddSource_Type_Android',
  addWording: `hi from ${peerId}`,
  remark: '',
  groupName: '',
  addType: 'both',
  time: 1_790_000_000_000,
  ...over,
});

export const block = (peerId: string, addTime = 1_790_000_000_000): BlockRecord => ({ peerId, addTime });

export const change = (seq: number, over: Partial<SocialChange> = {}): SocialChange => ({
  seq,
  kind: 'friend_added',
  time: 1_790_000_000_000 + seq,
  data: { peer: `p${seq}` },
  ...over,
});

/** Consecutive changes from..to inclusive. */
export const changes = (from: number, to: number): SocialChange[] => Array.from({ length: to - from + 1 }, (_, i) => change(from + i));

/** Ids whose code-point order differs from JavaScript's default (UTF-16) sort. */
export const UNICODE_IDS = ['b', 'a', '\uff3a', '\u{1f600}', '\u00e4', 'A'];
export const UNICODE_ORDER = ['A', 'a', 'b', '\u00e4', '\uff3a', '\u{1f600}'];
