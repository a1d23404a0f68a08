// The `profile` service's REST table: portrait_set and portrait_get (spec §2.1 #18-19), with
// Tencent's 40xxx codes. portrait_set runs in the user's social actor (the profile's single
// writer, which also tells the user's friends); portrait_get reads the store directly.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { askSocial, readFrom } from '../relationships/rest-shared.js';
import type { RestHandler } from '../rest/context.js';
import { asObject, DEFAULT_FIELD_CODES, field, readAccountArray, readArray, type FieldCodes } from '../rest/validate.js';
import { PORTRAIT_GET_MAX } from '../relationships/limits.js';
import { readableTags, readProfiles } from './profile-read.js';

const PROFILE_CODES: FieldCodes = { invalid: Err.PROFILE_INVALID_PARAMS, accountType: DEFAULT_FIELD_CODES.accountType, batch: Err.PROFILE_INVALID_PARAMS };
/** Tags in one portrait_set / portrait_get: every standard tag plus 20 custom ones fit. */
export const MAX_PROFILE_TAGS = 64;

const portraitSet: RestHandler = async (ctx, body) => {
  const from = readFrom(body, Err.PROFILE_ACCOUNT_NOT_FOUND, PROFILE_CODES);
  const items = readArray(body, 'ProfileItem', MAX_PROFILE_TAGS, PROFILE_CODES).map((raw, i): [string, unknown] => {
    const o = asObject(raw, `ProfileItem[${i}]`, PROFILE_CODES);
    const tag = field(o, 'Tag');
    if (typeof tag !== 'string') throw new ImError(Err.PROFILE_INVALID_PARAMS, `ProfileItem[${i}].Tag must be a string`);
    if (field(o, 'Value') === undefined) throw new ImError(Err.PROFILE_INVALID_PARAMS, `ProfileItem[${i}].Value is required`);
    return [tag, field(o, 'Value')];
  });
  await askSocial(ctx, from, { c: 'profileSet', items });
  return {};
};

const portraitGet: RestHandler = async (ctx, body) => {
  if (field(body, 'To_Account') === undefined) throw new ImError(Err.PROFILE_NO_ACCOUNT, 'To_Account is required');
  const ids = readAccountArray(body, 'To_Account', PORTRAIT_GET_MAX, { ...PROFILE_CODES, batch: Err.PROFILE_NO_ACCOUNT });
  const tags = readArray(body, 'TagList', MAX_PROFILE_TAGS, PROFILE_CODES);
  const defs = readableTags(tags, ctx.app.profileCustomFields ?? [], 'admin');
  const results = await readProfiles(ctx.deps.store, ctx.sdkAppId, ids, defs);
  const failed = [...new Set(results.filter((r) => r.code !== 0).map((r) => r.userId))];
  return {
    UserProfileItem: results.map((r) => ({
      To_Account: r.userId,
      ProfileItem: (r.items ?? []).map(([Tag, Value]) => ({ Tag, Value })),
      ResultCode: r.code,
      ResultInfo: r.info,
    })),
    ...(failed.length ? { Fail_Account: failed } : {}),
  };
};

export const profileTable = {
  profile: { portrait_set: portraitSet, portrait_get: portraitGet },
} satisfies Record<string, Record<string, RestHandler>>;
