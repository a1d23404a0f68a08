// REST recentcontact/get_list and recentcontact/delete (spec §2.1 #30, #31) over the
// conversation rows. get_list pages by offset: StartIndex is the number of rows already returned
// (TimeStamp echoes the last row's MsgTime), read through at most MAX_CONTACT_SCAN rows, so very
// deep pages cost more; pinned rows carry TopFlag 1 in list order. delete supports Type 1 (C2C).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { readAccount, readOptionalInt } from '../rest/validate.js';
import type { ConversationCursor, ConversationRecord } from '../store/conversations.js';
import { c2cConvId } from './c2c-messages.js';

/** Rows one get_list page returns. */
export const CONTACT_PAGE = 100;
/** Deepest offset get_list reads through. */
export const MAX_CONTACT_SCAN = 10_000;
const SCAN_PAGE = 1000;

export async function getContactList(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const owner = readAccount(body, ['From_Account']);
  const start = readOptionalInt(body, 'StartIndex', 0, MAX_CONTACT_SCAN) ?? 0;
  const rows: ConversationRecord[] = [];
  let after: ConversationCursor | undefined;
  let more = true;
  while (more && rows.length < start + CONTACT_PAGE + 1) {
    const p = await ctx.deps.store.conversations.list(ctx.sdkAppId, owner, { limit: SCAN_PAGE, ...(after ? { after } : {}) });
    rows.push(...p.items);
    after = p.next;
    more = p.next !== undefined;
  }
  const page = rows.slice(start, start + CONTACT_PAGE);
  const complete = rows.length <= start + CONTACT_PAGE && !more;
  const last = page[page.length - 1];
  return {
    CompleteFlag: complete ? 1 : 0,
    TimeStamp: last?.lastTime ?? 0,
    StartIndex: complete ? 0 : start + page.length,
    TopTimeStamp: 0,
    TopStartIndex: 0,
    SessionItem: page.map((r) => ({ Type: r.type === 'c2c' ? 1 : 2, ...(r.type === 'c2c' ? { To_Account: r.peer } : { GroupId: r.peer }), MsgTime: r.lastTime, TopFlag: r.pinned ? 1 : 0 })),
  };
}

export async function deleteContact(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const owner = readAccount(body, ['From_Account']);
  const type = readOptionalInt(body, 'Type', 1, 2);
  if (type !== 1) throw new ImError(Err.INVALID_PARAMS, 'Type must be 1 (C2C); group conversations are not supported yet');
  const peer = readAccount(body, ['To_Account']);
  await ctx.deps.store.conversations.upsert(ctx.sdkAppId, owner, c2cConvId(owner, peer), { type: 'c2c', peer, at: ctx.deps.clock.nowMs(), deleted: true });
  return {};
}
