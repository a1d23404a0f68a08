// create_group and import_group (spec §2.1 #32, #48): Type in its legacy or current spelling,
// a custom GroupId checked against the type's id rules (10015) or a generated `@TGS#` id retried on
// a collision, Owner_Account ('' = no owner when absent), MemberList with roles and member data.
// The group actor applies the rules; this file only reads the wire.
import { randomBytes } from 'node:crypto';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asBatch, asObject, field } from '../rest/validate.js';
import { customGroupIdVerdict, generateGroupId } from './group-ids.js';
import { isMemberRole, parseGroupType, type GroupType } from './group-kinds.js';
import { MAX_INITIAL_MEMBERS } from './group-limits.js';
import type { GroupCreate, NewMember } from './group-messages.js';
import { GROUP_CODES, askGroup, asUser, optFlag, optInt, readCustom, readProfile, readUser, restBy } from './rest-common.js';

/** Generated ids tried before giving up (a collision of 50 random bits is already rare). */
export const GENERATED_ID_ATTEMPTS = 5;

type Body = Record<string, unknown>;

export function readType(body: Body): GroupType {
  const v = field(body, 'Type');
  if (v === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'Type is required');
  const t = parseGroupType(v);
  if (!t) throw new ImError(Err.GROUP_INVALID_PARAMS, `Type ${JSON.stringify(v)} is not a group type (Private, Public, ChatRoom, AVChatRoom, Community, Work, Meeting)`);
  return t;
}

/** MemberList items: Member_Account, Role, AppMemberDefinedData, NameCard; imports add JoinTime and UnreadMsgNum. */
export function readNewMembers(body: Body, max: number, imported: boolean, required: boolean): NewMember[] {
  const v = field(body, 'MemberList');
  if (v === undefined) {
    if (required) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MemberList is required');
    return [];
  }
  if (Array.isArray(v) && v.length === 0 && !required) return [];
  return asBatch(v, 'MemberList', max, GROUP_CODES).map((item, i) => {
    const o = asObject(item, `MemberList[${i}]`, GROUP_CODES);
    const m: NewMember = { userId: asUser(o.Member_Account, `MemberList[${i}].Member_Account`) };
    if (o.Role !== undefined) {
      if (!isMemberRole(o.Role)) throw new ImError(Err.GROUP_INVALID_PARAMS, `MemberList[${i}].Role must be Admin or Member`);
      m.role = o.Role;
    }
    if (typeof o.NameCard === 'string') m.nameCard = o.NameCard;
    const custom = readCustom(o, 'AppMemberDefinedData');
    if (custom) m.custom = custom;
    if (imported) {
      const join = optInt(o, ['JoinTime'], 0, 4_294_967_295);
      if (join !== undefined) m.joinTimeSec = join;
      const unread = optInt(o, ['UnreadMsgNum'], 0, 4_294_967_295);
      if (unread !== undefined) m.unread = unread;
    }
    return m;
  });
}

async function create(ctx: RestContext, body: Body, imported: boolean): Promise<Record<string, unknown>> {
  const type = readType(body);
  const profile = readProfile(body);
  if (profile.name === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'Name is required');
  const owner = readUser(body, ['Owner_Account'], false) ?? '';
  const members = readNewMembers(body, MAX_INITIAL_MEMBERS, imported, false);
  const supportTopic = optFlag(body, 'SupportTopic');
  const createTimeSec = imported ? optInt(body, ['CreateTime'], 0, 4_294_967_295) : undefined;
  const custom = field(body, 'GroupId');
  if (custom !== undefined && custom !== '') {
    const verdict = customGroupIdVerdict(custom, type);
    if (verdict !== 0) throw new ImError(verdict, `GroupId ${JSON.stringify(custom)} is not a valid custom id for ${type} groups`);
  }
  const base = (groupId: string): GroupCreate => ({
    t: 'create',
    sdkAppId: ctx.sdkAppId,
    groupId,
    by: restBy(ctx),
    type,
    profile: { ...profile, name: profile.name! },
    ownerId: owner,
    members,
    ...(supportTopic !== undefined ? { supportTopic } : {}),
    ...(createTimeSec !== undefined ? { createTimeSec } : {}),
  });
  if (typeof custom === 'string' && custom !== '') {
    await askGroup(ctx, base(custom));
    return { GroupId: custom };
  }
  for (let attempt = 1; ; attempt++) {
    const groupId = generateGroupId(type, (n) => randomBytes(n));
    try {
      await askGroup(ctx, base(groupId));
      return { GroupId: groupId };
    } catch (e) {
      if (!(e instanceof ImError && e.code === Err.GROUP_ID_IN_USE) || attempt >= GENERATED_ID_ATTEMPTS) throw e;
    }
  }
}

export const createGroupCmd = (ctx: RestContext, body: Body) => create(ctx, body, false);
export const importGroupCmd = (ctx: RestContext, body: Body) => create(ctx, body, true);
