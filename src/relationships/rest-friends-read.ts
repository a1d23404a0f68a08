// sns friend_check, friend_get (paged), friend_get_list (spec §2.1 #25-27): reads straight from
// the store, no actor. friend_check answers up to 1000 accounts with two single-partition reads.
// The sequences Tencent returns are the user's social change seq (what changed since is in
// the change log); a client passing them back still gets the full page.
import { ImError } from '../lib/errors.js';
import { readableTags, readProfiles } from '../profiles/profile-read.js';
import { Err } from '../protocol/error-codes.js';
import type { RestHandler } from '../rest/context.js';
import { readAccountArray, readArray, readOptionalInt } from '../rest/validate.js';
import type { FriendRecord } from '../store/index.js';
import { isSnsCustomTag, SnsTag } from './friend-fields.js';
import { FRIEND_PAGE_SIZE, SNS_BATCH_MAX, SNS_GET_LIST_MAX } from './limits.js';
import { FRIEND_RELATION, readEnum, readFrom, requireAccount, seconds, SNS_CODES } from './rest-shared.js';
import { checkFriends, friendsPage } from './social-reads.js';
import type { CheckMode } from './social-messages.js';

const CHECK_TYPES: Record<string, CheckMode> = { CheckResult_Type_Both: 'both', CheckResult_Type_Single: 'single' };
const SNS_TAGS: ReadonlySet<string> = new Set(Object.values(SnsTag));

/** One friend's Tag_SNS_* values, as friend_get and friend_get_list return them. */
export function snsValue(f: FriendRecord, tag: string): unknown {
  switch (tag) {
    case SnsTag.GROUP:
      return f.groups;
    case SnsTag.REMARK:
      return f.remark;
    case SnsTag.ADD_SOURCE:
      return f.addSource;
    case SnsTag.ADD_WORDING:
      return f.addWording;
    case SnsTag.ADD_TIME:
      return seconds(f.addTime);
    case SnsTag.REMARK_TIME:
      return seconds(f.remarkTime);
    default:
      return f.custom[tag] ?? '';
  }
}

const allSnsItems = (f: FriendRecord) => [...SNS_TAGS, ...Object.keys(f.custom)].map((Tag) => ({ Tag, Value: snsValue(f, Tag) }));

const friendCheck: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peers = readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  const mode = readEnum(body, 'CheckType', CHECK_TYPES);
  await requireAccount(ctx, from);
  const rel = await checkFriends(ctx.deps.store, ctx.sdkAppId, from, peers, mode);
  return { InfoItem: rel.map((r) => ({ To_Account: r.peerId, Relation: FRIEND_RELATION[r.relation], ResultCode: 0, ResultInfo: '' })), Fail_Account: [] };
};

const friendGet: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const start = readOptionalInt(body, 'StartIndex', 0, Number.MAX_SAFE_INTEGER, SNS_CODES);
  if (start === undefined) throw new ImError(Err.SNS_INVALID_PARAMS, 'StartIndex is required');
  readOptionalInt(body, 'StandardSequence', 0, Number.MAX_SAFE_INTEGER, SNS_CODES);
  readOptionalInt(body, 'CustomSequence', 0, Number.MAX_SAFE_INTEGER, SNS_CODES);
  await requireAccount(ctx, from);
  const [page, seq] = await Promise.all([friendsPage(ctx.deps.store, ctx.sdkAppId, from, start, FRIEND_PAGE_SIZE), ctx.deps.store.socialChanges.maxSeq(ctx.sdkAppId, from)]);
  return {
    UserDataItem: page.items.map((f) => ({ To_Account: f.peerId, ValueItem: allSnsItems(f) })),
    StandardSequence: seq,
    CustomSequence: seq,
    FriendNum: page.total,
    CompleteFlag: page.complete ? 1 : 0,
    NextStartIndex: page.next,
  };
};

const friendGetList: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peers = readAccountArray(body, 'To_Account', SNS_GET_LIST_MAX, SNS_CODES);
  const tags = readArray(body, 'TagList', 64, SNS_CODES).map((t) => {
    if (typeof t !== 'string') throw new ImError(Err.SNS_INVALID_PARAMS, 'TagList items must be strings');
    return t;
  });
  const profileTags = tags.filter((t) => !SNS_TAGS.has(t) && !isSnsCustomTag(t));
  const defs = profileTags.length ? readableTags(profileTags, ctx.app.profileCustomFields ?? [], 'admin') : [];
  await requireAccount(ctx, from);
  const { store } = ctx.deps;
  const [rows, profiles] = await Promise.all([store.friends.getFriends(ctx.sdkAppId, from, [...new Set(peers)]), readProfiles(store, ctx.sdkAppId, peers, defs)]);
  const failed: string[] = [];
  const InfoItem = peers.map((peer, i) => {
    const row = rows.get(peer);
    if (!row) {
      failed.push(peer);
      return { To_Account: peer, SnsProfileItem: [], ResultCode: Err.SNS_INVALID_PARAMS, ResultInfo: `${peer} is not a friend of ${from}` };
    }
    const profile = new Map(profiles[i]!.items ?? []);
    return { To_Account: peer, SnsProfileItem: tags.map((Tag) => ({ Tag, Value: profile.has(Tag) ? profile.get(Tag) : snsValue(row, Tag) })), ResultCode: 0, ResultInfo: '' };
  });
  return { InfoItem, Fail_Account: [...new Set(failed)] };
};

export const friendReads = {
  friend_check: friendCheck,
  friend_get: friendGet,
  friend_get_list: friendGetList,
} satisfies Record<string, RestHandler>;
