// Every CallbackCommand string of spec §5.3, written once. Domains refer to these names only.

export const Callback = {
  StateChange: 'State.StateChange',
  C2CBeforeSendMsg: 'C2C.CallbackBeforeSendMsg',
  C2CAfterSendMsg: 'C2C.CallbackAfterSendMsg',
  C2CAfterMsgReport: 'C2C.CallbackAfterMsgReport',
  C2CAfterMsgWithDraw: 'C2C.CallbackAfterMsgWithDraw',
  GroupBeforeCreateGroup: 'Group.CallbackBeforeCreateGroup',
  GroupAfterCreateGroup: 'Group.CallbackAfterCreateGroup',
  GroupBeforeApplyJoinGroup: 'Group.CallbackBeforeApplyJoinGroup',
  GroupBeforeInviteJoinGroup: 'Group.CallbackBeforeInviteJoinGroup',
  GroupAfterNewMemberJoin: 'Group.CallbackAfterNewMemberJoin',
  GroupAfterMemberExit: 'Group.CallbackAfterMemberExit',
  GroupBeforeSendMsg: 'Group.CallbackBeforeSendMsg',
  GroupAfterSendMsg: 'Group.CallbackAfterSendMsg',
  GroupAfterGroupFull: 'Group.CallbackAfterGroupFull',
  GroupAfterGroupDestroyed: 'Group.CallbackAfterGroupDestroyed',
  GroupAfterGroupInfoChanged: 'Group.CallbackAfterGroupInfoChanged',
  GroupAfterRecallMsg: 'Group.CallbackAfterRecallMsg',
  GroupAfterChangeGroupOwner: 'Group.CallbackAfterChangeGroupOwner',
  GroupAfterMemberFieldChanged: 'Group.CallbackAfterMemberFieldChanged',
  SnsPrevFriendAdd: 'Sns.CallbackPrevFriendAdd',
  SnsPrevFriendResponse: 'Sns.CallbackPrevFriendResponse',
  SnsFriendAdd: 'Sns.CallbackFriendAdd',
  SnsFriendDelete: 'Sns.CallbackFriendDelete',
  SnsBlackListAdd: 'Sns.CallbackBlackListAdd',
  SnsBlackListDelete: 'Sns.CallbackBlackListDelete',
  ProfilePortraitSet: 'Profile.CallbackPortraitSet',
} as const;

export type CallbackCommand = (typeof Callback)[keyof typeof Callback];
