// Every numeric error code the server emits, named once. Tencent's codes (spec §1.3) where one
// exists; SDK-side codes (6xxx) for socket-protocol conditions Tencent's SDK reports itself.
// Runtime-neutral: imported by the server, the client SDK and k6 scripts.

export const Err = {
  OK: 0,

  // Socket protocol (Tencent IM SDK client codes).
  NOT_LOGGED_IN: 6014,
  INVALID_PARAMETERS: 6017,
  UNKNOWN_OP: 6018,
  BAD_FRAME: 6019,
  FRAME_TOO_LARGE: 6020,
  ALREADY_LOGGED_IN: 6021,
  REQUEST_TIMEOUT: 6012,
  KICKED_BY_OTHER_DEVICE: 6208,
  SERVER_OVERLOADED: 6099,
  SERVER_DRAINING: 6098,
  /** Client SDK: no open connection, or it closed before the reply (Tencent ERR_SDK_NET_DISCONNECT). */
  NET_DISCONNECTED: 9508,
  /** Client SDK: connect() on a client that is already connected (ERR_SDK_NET_ALLREADY_CONN). */
  NET_ALREADY_CONNECTED: 9509,

  // REST layer 60xxx.
  HTTP_PARSE: 60002,
  JSON_PARSE: 60003,
  ACCOUNT_OR_SIG_IN_URL: 60004,
  INVALID_SDKAPPID: 60006,
  REST_RATE_LIMIT: 60007,
  BAD_HTTP_REQUEST: 60008,
  BAD_URL_PATH: 60009,
  NEED_ADMIN: 60010,
  SDKAPPID_MISSING: 60012,
  ACCOUNT_TYPE: 60015,
  BODY_TOO_LARGE: 93000,

  // UserSig / account 70xxx.
  SIG_EXPIRED: 70001,
  SIG_EMPTY: 70002,
  SIG_PARSE: 70003,
  SIG_VERIFY: 70009,
  SIG_IDENTIFIER_MISMATCH: 70013,
  SIG_SDKAPPID_MISMATCH: 70014,
  SIG_KEY_NOT_FOUND: 70016,
  SDKAPPID_NOT_FOUND: 70020,
  SIG_INVALIDATED: 70052,
  ACCOUNT_NOT_FOUND: 70107,
  INTERNAL_TIMEOUT: 70169,
  INVALID_BATCH_COUNT: 70206,
  INVALID_PARAMS: 70402,
  NEED_ADMIN_ACCOUNT: 70403,
  INTERNAL: 70500,

  // Relationship chain (sns) 30xxx (spec §1.3).
  SNS_INVALID_PARAMS: 30001,
  SNS_ACCOUNT_NOT_FOUND: 30003,
  SNS_NEED_ADMIN: 30004,
  SNS_INTERNAL: 30006,
  /** The admin set this user's AdminForbidType to SendOut. */
  SNS_ADD_FORBIDDEN: 30009,
  SNS_FRIEND_LIMIT: 30010,
  SNS_FRIEND_LIST_LIMIT: 30011,
  SNS_PENDING_LIMIT: 30012,
  SNS_BLOCKLIST_LIMIT: 30013,
  SNS_PEER_FRIEND_LIMIT: 30014,
  /** The peer is in the caller's blocklist. */
  SNS_PEER_BLOCKED_BY_ME: 30515,
  /** The peer's AllowType is DenyAny. */
  SNS_PEER_DENIES_ANY: 30516,
  /** The caller is in the peer's blocklist. */
  SNS_BLOCKED_BY_PEER: 30525,
  /** The peer needs to confirm: a pending request was created (not an error for the caller). */
  SNS_PENDING_CREATED: 30539,
  SNS_REQUEST_NOT_FOUND: 30614,
  SNS_NOT_FRIENDS: 31704,

  // C2C rules 20xxx (spec §1.3).
  /** Refused by the app's C2C.CallbackBeforeSendMsg (ErrorCode 1, or no answer when fail-closed). */
  C2C_CALLBACK_REFUSED: 20006,
  /** The sender is in the recipient's blocklist. */
  C2C_BLOCKED: 20007,
  /** Relationship check on: neither user has the other as a friend. */
  C2C_NOT_FRIENDS: 20009,
  /** Relationship check on: the sender is not in the recipient's friend list (one-way). */
  C2C_NOT_PEERS_FRIEND: 20010,
  /** Relationship check on: the recipient is not in the sender's friend list (one-way). */
  C2C_PEER_NOT_FRIEND: 20011,
  /** The sender's global C2C mute (openconfigsvr setnospeaking) has not expired. */
  C2C_SENDER_MUTED: 20012,
  /** A client recall after the app's limit (2 minutes by default). */
  C2C_RECALL_TIME_LIMIT: 20016,
  /** The message to withdraw does not exist (or is not the caller's). */
  C2C_RECALL_NOT_FOUND: 20022,
  C2C_ALREADY_RECALLED: 20023,

  // Messages: content checks 80xxx, C2C send/withdraw 90xxx (spec §1.3).
  MSG_SENSITIVE_WORD: 80001,
  MSG_TOO_LONG: 80002,
  MSG_JSON_PARSE: 90001,
  /** MsgBody missing, empty or otherwise not conforming. */
  MSG_BODY_INVALID: 90002,
  MSG_TO_ACCOUNT_INVALID: 90003,
  MSG_RANDOM_INVALID: 90005,
  MSG_TIMESTAMP_INVALID: 90006,
  /** MsgBody present but not an array. */
  MSG_BODY_NOT_ARRAY: 90007,
  MSG_FROM_ACCOUNT_INVALID: 90008,
  MSG_NEED_ADMIN: 90009,
  /** An element (TIMMsgElement) with an unknown MsgType or malformed MsgContent. */
  MSG_ELEMENT_INVALID: 90010,
  MSG_BATCH_TOO_MANY: 90011,
  MSG_TO_ACCOUNT_NOT_FOUND: 90012,
  MSG_LIFETIME_RANGE: 90026,
  MSG_SYNC_OTHER_MACHINE_INVALID: 90031,
  MSG_LIFETIME_NOT_INT: 90044,
  MSG_ACCOUNT_NOT_FOUND: 90048,
  MSG_KEY_INVALID: 90054,
  MSG_INTERNAL: 90992,

  // All-member push 90xxx/91000 (Tencent's push API error table).
  PUSH_TOO_MANY_ACCOUNTS: 90018,
  /** A tag longer than 50 bytes. */
  PUSH_TAG_TOO_LONG: 90020,
  /** The same tag in both TagsAnd and TagsOr. */
  PUSH_TAG_DUPLICATE: 90022,
  /** Two pushes of one app less than 1 s apart. */
  PUSH_TOO_FREQUENT: 90024,
  /** More than 10 tags in a condition list or in one user's add-tag request. */
  PUSH_TOO_MANY_TAGS: 90032,
  PUSH_ATTR_INVALID: 90033,
  /** A push condition with both tags and attributes. */
  PUSH_TAGS_WITH_ATTRS: 90039,
  PUSH_TAG_EMPTY: 90040,
  PUSH_INTERNAL: 91000,

  // Groups 10xxx (spec §1.3).
  GROUP_INTERNAL: 10002,
  GROUP_INVALID_COMMAND: 10003,
  GROUP_INVALID_PARAMS: 10004,
  GROUP_TOO_MANY_ACCOUNTS: 10005,
  GROUP_RATE_LIMIT: 10006,
  /** Not allowed for this role or group type (also: the operator is not a member). */
  GROUP_PERMISSION_DENIED: 10007,
  /** The owner may not quit this type of group (transfer or dismiss first). */
  GROUP_OWNER_CANNOT_QUIT: 10009,
  GROUP_NOT_FOUND: 10010,
  GROUP_OPERATOR_INVALID: 10012,
  GROUP_ALREADY_MEMBER: 10013,
  GROUP_FULL: 10014,
  GROUP_ID_INVALID: 10015,
  GROUP_CALLBACK_REFUSED: 10016,
  GROUP_SENDER_MUTED: 10017,
  GROUP_ACCOUNT_NOT_FOUND: 10019,
  GROUP_ID_IN_USE: 10021,
  /** Messages sent to one group faster than its send rate (spec §8: 40/s). */
  GROUP_SEND_RATE_LIMIT: 10023,
  GROUP_ALREADY_PROCESSED: 10024,
  /** The group id is taken and the caller is its owner. */
  GROUP_ID_IN_USE_BY_OWNER: 10025,
  GROUP_RECALL_NOT_FOUND: 10030,
  GROUP_RECALL_TIME_LIMIT: 10031,
  GROUP_RECALL_NOT_ALLOWED: 10032,
  GROUP_TYPE_NO_RECALL: 10033,
  GROUP_JOINED_LIMIT: 10037,
  GROUP_MEMBER_LIMIT: 10038,

  // Profile 40xxx (spec §1.3).
  PROFILE_INVALID_PARAMS: 40001,
  PROFILE_NO_ACCOUNT: 40002,
  PROFILE_ACCOUNT_NOT_FOUND: 40003,
  PROFILE_NEED_ADMIN: 40004,
  PROFILE_INTERNAL: 40006,
  PROFILE_NO_READ_PERMISSION: 40007,
  PROFILE_NO_WRITE_PERMISSION: 40008,
  PROFILE_TAG_NOT_FOUND: 40009,
  PROFILE_VALUE_TOO_LONG: 40601,
  PROFILE_VALUE_INVALID: 40605,
  PROFILE_VALUE_TYPE: 40610,

  // Global mute, openconfigsvr setnospeaking/getnospeaking (Tencent's API pages 1047/34923-34924).
  NOSPEAKING_ACCOUNT_MISSING: 130004,
  /** Set_Account / Get_Account not a string or not an imported account. */
  NOSPEAKING_ACCOUNT_INVALID: 130005,
  /** Neither C2CmsgNospeakingTime nor GroupmsgNospeakingTime given. */
  NOSPEAKING_NO_TIME: 130008,
} as const;

export type ErrCode = (typeof Err)[keyof typeof Err];
