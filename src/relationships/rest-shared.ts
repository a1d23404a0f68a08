// What the sns REST commands share: field codes (30001 for bad fields, spec §1.3), the
// From_Account of every call, the ask to that user's social actor (writes), per-item results in
// Tencent's shape, and the relation names of friend_check / black_list_check.
import { ImError } from '../lib/errors.js';
import { canExist } from '../profiles/profile-read.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { DEFAULT_FIELD_CODES, field, readAccount, type FieldCodes } from '../rest/validate.js';
import { socialAddr, type ItemResult, type SocialCommand, type SocialMsg } from './social-messages.js';
import type { Relation } from './social-reads.js';

export const SNS_CODES: FieldCodes = { invalid: Err.SNS_INVALID_PARAMS, accountType: DEFAULT_FIELD_CODES.accountType, batch: Err.SNS_INVALID_PARAMS };

export type Body = Record<string, unknown>;

/** From_Account of the call; an id that cannot be an account is 30003 at once. */
export function readFrom(body: Body, notFound: number = Err.SNS_ACCOUNT_NOT_FOUND, codes: FieldCodes = SNS_CODES): string {
  const from = readAccount(body, ['From_Account'], codes);
  if (!canExist(from)) throw new ImError(notFound, `account ${from.slice(0, 40)} does not exist`);
  return from;
}

/** Reads (which skip the actor) check the owner exists themselves. */
export async function requireAccount(ctx: RestContext, userId: string, notFound: number = Err.SNS_ACCOUNT_NOT_FOUND): Promise<void> {
  if (!(await ctx.deps.store.accounts.getAccount(ctx.sdkAppId, userId))) throw new ImError(notFound, `account ${userId} does not exist`);
}

/** Runs a command in the user's social actor on the admin's behalf. */
export function askSocial<R>(ctx: RestContext, userId: string, cmd: SocialCommand): Promise<R> {
  const msg: SocialMsg = { t: 'cmd', req: { by: 'admin', identifier: ctx.identifier, clientIp: ctx.clientIp }, cmd };
  return ctx.deps.actors.ask<R>(socialAddr(ctx.sdkAppId, userId), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
}

/** ResultItem and, when something failed, Fail_Account (a pending request, 30539, is no failure). */
export function resultItems(results: readonly ItemResult[]): Body {
  const failed = [...new Set(results.filter((r) => r.code !== 0 && r.code !== Err.SNS_PENDING_CREATED).map((r) => r.peerId))];
  return {
    ResultItem: results.map((r) => ({ To_Account: r.peerId, ResultCode: r.code, ResultInfo: r.info })),
    ...(failed.length ? { Fail_Account: failed } : {}),
  };
}

export const FRIEND_RELATION: Record<Relation, string> = {
  none: 'CheckResult_Type_NoRelation',
  aWithB: 'CheckResult_Type_AWithB',
  bWithA: 'CheckResult_Type_BWithA',
  both: 'CheckResult_Type_BothWay',
};

export const BLOCK_RELATION: Record<Relation, string> = {
  none: 'BlackCheckResult_Type_NO',
  aWithB: 'BlackCheckResult_Type_AWithB',
  bWithA: 'BlackCheckResult_Type_BWithA',
  both: 'BlackCheckResult_Type_BothWay',
};

/** A required enum field spelled as Tencent does (e.g. CheckResult_Type_Both -> 'both'). */
export function readEnum<T>(body: Body, name: string, values: Record<string, T>, dflt?: T): T {
  const v = field(body, name);
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string' || !Object.hasOwn(values, v)) throw new ImError(Err.SNS_INVALID_PARAMS, `${name} must be one of ${Object.keys(values).join(', ')}`);
  return values[v]!;
}

/** Unix seconds from the store's ms (REST time fields, spec §2.1 conventions). */
export const seconds = (ms: number): number => Math.floor(ms / 1000);
