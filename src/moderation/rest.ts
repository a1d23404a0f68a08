// REST commands of openconfigsvr's global mute (spec §2.1 #52): setnospeaking and getnospeaking.
// Wire names only here. Durations are uint32 seconds (0 lifts, 4294967295 is permanent) and are
// stored as deadlines (mute-time.ts), so getnospeaking answers the seconds remaining. Error codes
// are Tencent's for these APIs: 130004 account field missing, 130005 account invalid or not
// imported, 130008 no duration given; a duration that is not a uint32 is 70402.
import { userIdProblem } from '../accounts/accounts.js';
import { nowSeconds } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { CommandTable, RestContext, RestHandler } from '../rest/context.js';
import { field, readOptionalInt, type FieldCodes } from '../rest/validate.js';
import type { NoSpeakingChange } from '../store/no-speaking.js';
import { MUTE_PERMANENT_SEC, muteDeadline, muteRemaining } from './mute-time.js';

const CODES: FieldCodes = { invalid: Err.INVALID_PARAMS, accountType: Err.NOSPEAKING_ACCOUNT_INVALID, batch: Err.INVALID_BATCH_COUNT };
const C2C_TIME = 'C2CmsgNospeakingTime';
const GROUP_TIME = 'GroupmsgNospeakingTime';

/** The account field `name`: present (130004) and a string that can be a UserID (130005). */
function readAccountField(body: Record<string, unknown>, name: string): string {
  const v = field(body, name);
  if (v === undefined) throw new ImError(Err.NOSPEAKING_ACCOUNT_MISSING, `${name} is required`);
  if (typeof v !== 'string') throw new ImError(Err.NOSPEAKING_ACCOUNT_INVALID, `${name} must be a string`);
  const problem = userIdProblem(v);
  if (problem) throw new ImError(Err.NOSPEAKING_ACCOUNT_INVALID, `${name}: ${problem}`);
  return v;
}

/** An imported account or one of the app's admins (who need not be imported), else 130005. */
async function mustExist(ctx: RestContext, userId: string, name: string): Promise<void> {
  if (ctx.app.admins.includes(userId) || (await ctx.deps.store.accounts.getAccount(ctx.sdkAppId, userId))) return;
  throw new ImError(Err.NOSPEAKING_ACCOUNT_INVALID, `${name} ${userId} does not exist`);
}

const setNoSpeaking: RestHandler = async (ctx, body) => {
  const userId = readAccountField(body, 'Set_Account');
  const c2c = readOptionalInt(body, C2C_TIME, 0, MUTE_PERMANENT_SEC, CODES);
  const group = readOptionalInt(body, GROUP_TIME, 0, MUTE_PERMANENT_SEC, CODES);
  if (c2c === undefined && group === undefined) throw new ImError(Err.NOSPEAKING_NO_TIME, `${C2C_TIME} or ${GROUP_TIME} is required`);
  await mustExist(ctx, userId, 'Set_Account');
  const now = nowSeconds(ctx.deps.clock);
  const change: NoSpeakingChange = {};
  if (c2c !== undefined) change.c2cUntil = muteDeadline(c2c, now);
  if (group !== undefined) change.groupUntil = muteDeadline(group, now);
  await ctx.deps.store.noSpeaking.set(ctx.sdkAppId, userId, change);
  return {};
};

const getNoSpeaking: RestHandler = async (ctx, body) => {
  const userId = readAccountField(body, 'Get_Account');
  await mustExist(ctx, userId, 'Get_Account');
  const r = await ctx.deps.store.noSpeaking.get(ctx.sdkAppId, userId);
  const now = nowSeconds(ctx.deps.clock);
  return { [C2C_TIME]: muteRemaining(r.c2cUntil, now), [GROUP_TIME]: muteRemaining(r.groupUntil, now) };
};

export const moderationTable = {
  openconfigsvr: {
    setnospeaking: setNoSpeaking,
    getnospeaking: getNoSpeaking,
  },
} satisfies CommandTable;
