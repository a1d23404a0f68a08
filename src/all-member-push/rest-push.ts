// REST all_member_push/im_push: {From_Account?, MsgRandom, MsgBody, MsgLifeTime?, OnlineOnlyFlag?,
// CloudCustomData?, Condition?: {TagsAnd?, TagsOr?} | {AttrsAnd?, AttrsOr?}, OfflinePushInfo?} ->
// {TaskId}. Everything is checked here (the message by the shared C2C send parser, so the codes
// match sendmsg's), then the push runs in the background (push-tasks.ts). MsgLifeTime 0, the
// default, means online only: no roaming, conversation or unread, as OnlineOnlyFlag 1. The sender
// (default: the calling admin) gets no copy on its own devices (SyncOtherMachine 2).
// OfflinePushInfo travels in the send options, so each recipient's offline push uses it.
import { sendMessageOf } from '../conversations/client-ops.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field, isPlainObject } from '../rest/validate.js';
import type { AttrSlots } from '../store/user-attrs.js';
import type { PushCondition } from './condition.js';
import { attrValues, MAX_TAGS_PER_REQUEST, nameIndex, pushAccount, PUSH_CODES, tagList } from './wire.js';

type Body = Record<string, unknown>;

/** Fields of the request handed to the C2C send parser. */
const MESSAGE_FIELDS = ['MsgRandom', 'MsgBody', 'MsgLifeTime', 'OnlineOnlyFlag', 'CloudCustomData', 'OfflinePushInfo'] as const;

async function readCondition(ctx: RestContext, raw: unknown): Promise<PushCondition> {
  if (raw === undefined) return { kind: 'all' };
  if (!isPlainObject(raw)) throw new ImError(PUSH_CODES.invalid, 'Condition must be an object');
  const has = (k: string) => field(raw, k) !== undefined;
  const tags = has('TagsAnd') || has('TagsOr');
  const attrs = has('AttrsAnd') || has('AttrsOr');
  if (tags && attrs) throw new ImError(Err.PUSH_TAGS_WITH_ATTRS, 'Condition cannot combine tags (TagsAnd/TagsOr) with attributes (AttrsAnd/AttrsOr)');
  if (tags) {
    const list = (k: string) => (has(k) ? tagList(field(raw, k), `Condition.${k}`, MAX_TAGS_PER_REQUEST) : []);
    const and = list('TagsAnd');
    const or = list('TagsOr');
    const dup = and.find((t) => or.includes(t));
    if (dup !== undefined) throw new ImError(Err.PUSH_TAG_DUPLICATE, `tag ${JSON.stringify(dup)} is in both TagsAnd and TagsOr`);
    return { kind: 'tags', and, or };
  }
  if (attrs) {
    const index = nameIndex(await ctx.deps.store.userAttrs.getAttrNames(ctx.sdkAppId));
    const slots = (k: string): AttrSlots => (has(k) ? attrValues(field(raw, k), index, `Condition.${k}`) : {});
    return { kind: 'attrs', and: slots('AttrsAnd'), or: slots('AttrsOr') };
  }
  throw new ImError(PUSH_CODES.invalid, 'Condition must hold TagsAnd, TagsOr, AttrsAnd or AttrsOr (leave Condition out to push to everyone)');
}

export async function imPush(ctx: RestContext, body: Body): Promise<Body> {
  const { store, metrics, pushTasks } = ctx.deps;
  const rawFrom = field(body, 'From_Account');
  const from = rawFrom === undefined ? ctx.identifier : pushAccount(rawFrom, 'From_Account');
  const raw: Body = { MsgLifeTime: 0, SyncOtherMachine: 2 };
  for (const k of MESSAGE_FIELDS) if (field(body, k) !== undefined) raw[k] = body[k];
  const send = { ...sendMessageOf({ sdkAppId: ctx.sdkAppId, from, to: from, raw, optPlatform: 'RESTAPI' }, metrics), callbacks: false };
  const condition = await readCondition(ctx, field(body, 'Condition'));
  if (rawFrom !== undefined && !ctx.app.admins.includes(from) && !(await store.accounts.getAccount(ctx.sdkAppId, from))) {
    throw new ImError(Err.MSG_FROM_ACCOUNT_INVALID, `From_Account ${from} does not exist`);
  }
  if (!pushTasks) throw new ImError(Err.PUSH_INTERNAL, 'all-member push is not running on this node');
  return { TaskId: pushTasks.start({ sdkAppId: ctx.sdkAppId, from, send, condition }) };
}
