// Group set-up for the group scenarios, through REST as the app admin: create a group with its
// owner, add members 300 per call (Tencent's add_group_member cap, Silence so no join tips flood
// the run), create Community topics. Used from k6 setup(), which runs once before the VUs.
import { restOk } from './rest.js';
import type { LoadUsers } from './users.js';

const ADD_BATCH = 300;

export function createGroup(data: LoadUsers, type: string, owner: string, members: string[], extra: Record<string, unknown> = {}): string {
  const r = restOk(data, 'group_open_http_svc/create_group', { Type: type, Name: `k6 ${type}`, Owner_Account: owner, ...extra });
  const groupId = String(r.GroupId);
  const rest = members.filter((m) => m !== owner);
  for (let i = 0; i < rest.length; i += ADD_BATCH) {
    restOk(data, 'group_open_http_svc/add_group_member', { GroupId: groupId, Silence: 1, MemberList: rest.slice(i, i + ADD_BATCH).map((m) => ({ Member_Account: m })) });
  }
  return groupId;
}

export function createTopic(data: LoadUsers, groupId: string, owner: string, name: string): string {
  return String(restOk(data, 'million_group_open_http_svc/create_topic', { GroupId: groupId, From_Account: owner, TopicName: name }).TopicId);
}

/** The send time and a per-sender running number a scenario writes into a text message. */
export const stamp = (n: number) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: `t=${Date.now()} n=${n}` } }];
/** Read by hand: regular expressions are slow in k6's JavaScript runtime, and this runs for every
 *  message a member gets. */
export function stampOfText(text: string): { t: number; n: number } {
  const at = text.indexOf(' n=');
  const t = text.startsWith('t=') ? parseInt(text.slice(2), 10) : NaN;
  return { t, n: at < 0 ? -1 : parseInt(text.slice(at + 3), 10) };
}
