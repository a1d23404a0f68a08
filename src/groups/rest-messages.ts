// The group message commands of group_open_http_svc (spec §2.1 #44-#50), spread by the group REST
// table (rest.ts); modify_group_msg is also served under openim, where Tencent lists it
// (groupOpenimCommands, merged by src/rest/commands.ts).
import type { RestHandler } from '../rest/context.js';
import { clearGroupMsg, deleteGroupMsgBySender, groupMsgRecall, modifyGroupMsg } from './rest-msg-edit.js';
import { getGroupMsgReceipt, getGroupMsgReceiptDetail, groupMsgGetSimple, groupMsgReceipt, setUnreadMsgNum } from './rest-msg-read.js';
import { importGroupMsg, sendBroadcastMsg, sendGroupMsg, sendGroupSystemNotification } from './rest-msg-send.js';

export const groupMessageCommands = {
  send_group_msg: sendGroupMsg,
  send_group_system_notification: sendGroupSystemNotification,
  group_msg_recall: groupMsgRecall,
  group_msg_get_simple: groupMsgGetSimple,
  import_group_msg: importGroupMsg,
  set_unread_msg_num: setUnreadMsgNum,
  delete_group_msg_by_sender: deleteGroupMsgBySender,
  modify_group_msg: modifyGroupMsg,
  send_broadcast_msg: sendBroadcastMsg,
  group_msg_receipt: groupMsgReceipt,
  get_group_msg_receipt: getGroupMsgReceipt,
  get_group_msg_receipt_detail: getGroupMsgReceiptDetail,
  clear_group_msg: clearGroupMsg,
} satisfies Record<string, RestHandler>;

export const groupOpenimCommands = {
  modify_group_msg: modifyGroupMsg,
} satisfies Record<string, RestHandler>;
