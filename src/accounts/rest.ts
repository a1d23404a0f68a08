// REST commands of im_open_login_svc and openim's online-state queries (spec §2.1 items 1-6).
// Wire names only here. Structural errors (wrong types, bad batch sizes) fail the whole call;
// per-account outcomes go in the per-item lists exactly as the spec shapes them.
import { nowSeconds } from '../lib/clock.js';
import type { UserOnlineState } from '../presence/presence.js';
import { Err } from '../protocol/error-codes.js';
import type { RestHandler } from '../rest/context.js';
import { ImError } from '../lib/errors.js';
import {
  asAccount,
  asObject,
  field,
  firstField,
  readAccount,
  readAccountArray,
  readArray,
  readOptionalInt,
  readOptionalString,
} from '../rest/validate.js';
import {
  ACCOUNT_BATCH_MAX,
  ONLINE_QUERY_MAX,
  deleteAccounts,
  existingAccounts,
  importAccount,
  importAccounts,
  kickAccount,
  onlineStates,
  type AccountInput,
} from './accounts.js';

/** Current spelling first, then the legacy one (spec §2.1, §9). */
const USER_ID = ['UserID', 'Identifier'] as const;
const NOT_FOUND_INFO = 'account does not exist';

/** UserID/Identifier, Nick, FaceUrl of an import. Types are checked here (a wrong type fails the
 *  whole call); lengths are the domain's rule, so in a batch a too-long value fails only its item. */
function readAccountInput(item: Record<string, unknown>): AccountInput {
  const userId = readAccount(item, USER_ID);
  const nick = readOptionalString(item, 'Nick', Infinity);
  const faceUrl = readOptionalString(item, 'FaceUrl', Infinity);
  return { userId, ...(nick !== undefined ? { nick } : {}), ...(faceUrl !== undefined ? { faceUrl } : {}) };
}

const accountImport: RestHandler = async (ctx, body) => {
  const input = readAccountInput(body);
  await importAccount(ctx.deps.store, ctx.sdkAppId, input, ctx.deps.clock.nowMs());
  return {};
};

/** `Accounts: [string]` (classic) and/or `AccountList: [{UserID, Nick, FaceUrl}]` (newer). */
const multiAccountImport: RestHandler = async (ctx, body) => {
  const inputs: AccountInput[] = [];
  const accounts = field(body, 'Accounts');
  const list = field(body, 'AccountList');
  if (accounts === undefined && list === undefined) throw new ImError(Err.INVALID_PARAMS, 'Accounts or AccountList is required');
  if (accounts !== undefined) {
    for (const id of readAccountArray(body, 'Accounts', ACCOUNT_BATCH_MAX)) inputs.push({ userId: id });
  }
  if (list !== undefined) {
    readArray(body, 'AccountList', ACCOUNT_BATCH_MAX).forEach((raw, i) => {
      inputs.push(readAccountInput(asObject(raw, `AccountList[${i}]`)));
    });
  }
  if (inputs.length > ACCOUNT_BATCH_MAX) {
    throw new ImError(Err.INVALID_BATCH_COUNT, `Accounts and AccountList have ${inputs.length} items together, at most ${ACCOUNT_BATCH_MAX} allowed`);
  }
  const failed = await importAccounts(ctx.deps.store, ctx.sdkAppId, inputs, ctx.deps.clock.nowMs(), ctx.log);
  return { FailAccounts: failed };
};

/** `[{UserID}]` items of DeleteItem / CheckItem. */
function readUserItems(body: Record<string, unknown>, name: string): string[] {
  return readArray(body, name, ACCOUNT_BATCH_MAX).map((raw, i) => {
    const item = asObject(raw, `${name}[${i}]`);
    const found = firstField(item, USER_ID);
    if (!found) throw new ImError(Err.INVALID_PARAMS, `${name}[${i}].UserID is required`);
    return asAccount(found.value, `${name}[${i}].${found.name}`);
  });
}

const accountDelete: RestHandler = async (ctx, body) => {
  const ids = readUserItems(body, 'DeleteItem');
  const existed = await deleteAccounts(ctx.deps.store, ctx.deps.actors, ctx.sdkAppId, ids);
  return {
    ResultItem: ids.map((UserID, i) =>
      existed[i]
        ? { UserID, ResultCode: 0, ResultInfo: '' }
        : { UserID, ResultCode: Err.ACCOUNT_NOT_FOUND, ResultInfo: NOT_FOUND_INFO },
    ),
  };
};

const accountCheck: RestHandler = async (ctx, body) => {
  const ids = readUserItems(body, 'CheckItem');
  const exists = await existingAccounts(ctx.deps.store, ctx.sdkAppId, ids);
  return {
    ResultItem: ids.map((UserID) => ({
      UserID,
      AccountStatus: exists.has(UserID) ? 'Imported' : 'NotImported',
      ResultCode: 0,
      ResultInfo: '',
    })),
  };
};

const kick: RestHandler = async (ctx, body) => {
  const userId = readAccount(body, USER_ID);
  const kicked = await kickAccount(ctx.deps.store, ctx.deps.actors, ctx.sdkAppId, userId, nowSeconds(ctx.deps.clock), ctx.deps.limits.askTimeoutMs);
  if (kicked > 0) ctx.deps.metrics.kicks.inc({ reason: 'admin' }, kicked);
  return {};
};

const readOnlineQuery = (body: Record<string, unknown>): string[] => readAccountArray(body, 'To_Account', ONLINE_QUERY_MAX);

const notFoundList = (missing: string[]) => missing.map((To_Account) => ({ To_Account, ErrorCode: Err.ACCOUNT_NOT_FOUND }));

const deviceDetail = (s: UserOnlineState) => s.devices.map((d) => ({ Platform: d.platform, Status: d.status }));

const queryOnlineStatus: RestHandler = async (ctx, body) => {
  const ids = readOnlineQuery(body);
  const needDetail = readOptionalInt(body, 'IsNeedDetail', 0, 1) === 1;
  const { found, missing } = await onlineStates(ctx.deps.store, ctx.deps.presence, ctx.sdkAppId, ids);
  return {
    QueryResult: found.map(({ userId, state }) => ({
      To_Account: userId,
      Status: state.status,
      ...(needDetail ? { Detail: deviceDetail(state) } : {}),
    })),
    ErrorList: notFoundList(missing),
  };
};

/** Legacy alias: `State` instead of `Status`, no detail. */
const queryState: RestHandler = async (ctx, body) => {
  const ids = readOnlineQuery(body);
  const { found, missing } = await onlineStates(ctx.deps.store, ctx.deps.presence, ctx.sdkAppId, ids);
  return {
    QueryResult: found.map(({ userId, state }) => ({ To_Account: userId, State: state.status })),
    ErrorList: notFoundList(missing),
  };
};

export const accountsTable = {
  im_open_login_svc: {
    account_import: accountImport,
    multiaccount_import: multiAccountImport,
    account_delete: accountDelete,
    account_check: accountCheck,
    kick,
  },
  openim: {
    query_online_status: queryOnlineStatus,
    querystate: queryState,
  },
} satisfies Record<string, Record<string, RestHandler>>;
