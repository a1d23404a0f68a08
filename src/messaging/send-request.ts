// One call for the common part of a send request (sendmsg, batchsendmsg, send_group_msg, or a
// socket send frame using the same names): options first, so CloudCustomData is known when the
// body's 12 KB limit is checked; then MsgBody. Addressing (From/To_Account, GroupId, TopicId) stays
// with the caller; OfflinePushInfo is one of the options (send-options.ts).
import { field } from '../rest/validate.js';
import { parseMsgBody } from './msg-body.js';
import type { MsgElement } from './msg-types.js';
import { parseSendOptions, type SendOptions, type SendOptionsContext } from './send-options.js';

export interface SendRequest {
  options: SendOptions;
  body: MsgElement[];
}

export function parseSendRequest(raw: Record<string, unknown>, ctx: SendOptionsContext): SendRequest {
  const options = parseSendOptions(raw, ctx);
  const bodyOpts = { ...(options.cloudCustomData === undefined ? {} : { cloudCustomData: options.cloudCustomData }), ...(ctx.metrics ? { metrics: ctx.metrics } : {}) };
  return { options, body: parseMsgBody(field(raw, 'MsgBody'), bodyOpts) };
}
