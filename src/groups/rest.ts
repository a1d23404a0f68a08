// REST commands of groups (spec §2.1 #32-#51): `group_open_http_svc` (management here, message
// commands spread in from rest-messages.ts) and the Community topic service
// `million_group_open_http_svc`; merged into the command table by src/rest/commands.ts.
import type { CommandTable } from '../rest/context.js';
import { createGroupCmd, importGroupCmd } from './rest-create.js';
import { getAppidGroupList, getGroupInfo } from './rest-info.js';
import { getOnlineMemberNum, getJoinedGroupList } from './rest-joined.js';
import { addGroupMember, changeGroupOwner, deleteGroupMember, destroyGroup, forbidSendMsg, importGroupMember, modifyGroupBaseInfo, modifyGroupMemberInfo } from './rest-manage.js';
import { groupMessageCommands } from './rest-messages.js';
import { getGroupMemberInfo, getGroupMutedAccount, getGroupShuttedUin, getRoleInGroup, getSpecifiedGroupMemberInfo } from './rest-members.js';
import { createTopicCmd, destroyTopicCmd, getTopicCmd, modifyTopicCmd } from './rest-topics.js';

export const groupTable = {
  group_open_http_svc: {
    ...groupMessageCommands,
    create_group: createGroupCmd,
    import_group: importGroupCmd,
    get_group_info: getGroupInfo,
    get_appid_group_list: getAppidGroupList,
    get_group_member_info: getGroupMemberInfo,
    get_specified_group_member_info: getSpecifiedGroupMemberInfo,
    modify_group_base_info: modifyGroupBaseInfo,
    add_group_member: addGroupMember,
    import_group_member: importGroupMember,
    delete_group_member: deleteGroupMember,
    modify_group_member_info: modifyGroupMemberInfo,
    destroy_group: destroyGroup,
    get_joined_group_list: getJoinedGroupList,
    get_role_in_group: getRoleInGroup,
    forbid_send_msg: forbidSendMsg,
    get_group_muted_account: getGroupMutedAccount,
    get_group_shutted_uin: getGroupShuttedUin,
    change_group_owner: changeGroupOwner,
    get_online_member_num: getOnlineMemberNum,
    import_topic: createTopicCmd,
  },
  million_group_open_http_svc: {
    create_topic: createTopicCmd,
    get_topic: getTopicCmd,
    modify_topic: modifyTopicCmd,
    destroy_topic: destroyTopicCmd,
  },
} satisfies CommandTable;
