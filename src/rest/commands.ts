// The merged `v4/{service}/{command}` table. Each domain owns its commands in <domain>/rest.ts;
// services shared by several domains (openim: accounts' online state, C2C messages, ...) are
// spread together here. Adding an API = adding it to its domain's table and, for a new service,
// one line here.
import { accountsTable } from '../accounts/rest.js';
import { allMemberPushTable } from '../all-member-push/rest.js';
import { c2cTable } from '../conversations/rest.js';
import { groupOpenimCommands } from '../groups/rest-messages.js';
import { groupTable } from '../groups/rest.js';
import { moderationTable } from '../moderation/rest.js';
import { profileTable } from '../profiles/rest.js';
import { snsTable } from '../relationships/rest.js';
import type { CommandTable } from './context.js';

export const commandTable: CommandTable = {
  im_open_login_svc: accountsTable.im_open_login_svc,
  // modify_group_msg lives under openim in Tencent's catalogue (spec §2).
  openim: { ...accountsTable.openim, ...c2cTable.openim, ...groupOpenimCommands },
  profile: profileTable.profile,
  sns: snsTable.sns,
  recentcontact: c2cTable.recentcontact,
  openconfigsvr: { ...moderationTable.openconfigsvr },
  all_member_push: allMemberPushTable.all_member_push,
  group_open_http_svc: groupTable.group_open_http_svc,
  million_group_open_http_svc: groupTable.million_group_open_http_svc,
};
