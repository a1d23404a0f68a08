// REST commands of C2C messaging under `openim` (spec §2.1 #7-#16) and of recent
// contacts under `recentcontact` (#30, #31), merged into the command table by src/rest/commands.ts.
import type { CommandTable } from '../rest/context.js';
import { sendmsg } from './rest-send.js';
import { getRoamMsg, getUnreadNum, setMsgRead } from './rest-reads.js';
import { msgWithdraw } from './rest-withdraw.js';
import { batchSendMsg } from './rest-batch.js';
import { modifyC2cMsg } from './rest-modify.js';
import { deleteC2cMsgRamble } from './rest-delete.js';
import { deleteContact, getContactList } from './rest-contacts.js';
import { importMsg } from './rest-import.js';
import { c2cMsgReadReceipt } from './rest-receipt.js';

export const c2cTable = {
  openim: {
    sendmsg,
    batchsendmsg: batchSendMsg,
    importmsg: importMsg,
    admin_getroammsg: getRoamMsg,
    admin_msgwithdraw: msgWithdraw,
    modify_c2c_msg: modifyC2cMsg,
    delete_c2c_msg_ramble: deleteC2cMsgRamble,
    admin_set_msg_read: setMsgRead,
    get_c2c_unread_msg_num: getUnreadNum,
    c2c_msg_read_receipt: c2cMsgReadReceipt,
  },
  recentcontact: {
    get_list: getContactList,
    delete: deleteContact,
  },
} satisfies CommandTable;
