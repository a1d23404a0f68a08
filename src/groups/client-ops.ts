// The group client ops 80..99 on the edge (docs/protocol.md §3.5). Writes ask the group actor as
// the logged-in user (`by: { userId }`, this socket's connId so it gets the answer, not a push of
// its own change); permissions and Tencent's 10xxx codes are the actor's. Reads go straight to
// the store (group-client-reads.ts). A generated `@TGS#` id is retried on 10021 as REST does.
import { randomBytes } from 'node:crypto';
import type { ActorClient } from '../actors/actor.js';
import { ImError, isImError } from '../lib/errors.js';
import { parseMsgBody, toWire } from '../messaging/msg-body.js';
import { uniformCodes } from '../messaging/send-options.js';
import { parseSendRequest } from '../messaging/send-request.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupProfileFields, GroupRequestFrame, GroupRequestResults } from '../protocol/group-requests.js';
import { Op } from '../protocol/ops.js';
import type { Store } from '../store/index.js';
import { groupHistory, groupInfo, groupSync, joinedGroups, memberPage } from './group-client-reads.js';
import { customGroupIdVerdict, generateGroupId } from './group-ids.js';
import type { GroupType } from './group-kinds.js';
import { groupAddr, type GroupMsg, type GroupProfile } from './group-messages.js';
import { GENERATED_ID_ATTEMPTS } from './rest-create.js';
import { optPlatformOf } from '../protocol/platforms.js';

export interface GroupOpResult {
  c: number;
  m: string;
  d?: unknown;
}

export interface GroupCaller {
  sdkAppId: number;
  userId: string;
  connId?: string;
  /** The device's platform (LOGIN), for the callbacks' OptPlatform. */
  platform?: string;
}

export interface GroupOpDeps {
  actors: ActorClient;
  store: Pick<Store, 'messages' | 'groups' | 'groupMembers' | 'joinedGroups' | 'groupTopics'>;
  nowMs: () => number;
  timeoutMs: number;
  metrics?: Pick<Metrics, 'msgLimitHits'>;
}


type R = GroupRequestResults;
const ok = <T>(d: T): GroupOpResult => ({ c: Err.OK, m: '', d });

function profileOf(p: GroupProfileFields): GroupProfile {
  const out: GroupProfile = {};
  for (const k of ['name', 'introduction', 'notification', 'faceUrl', 'maxMemberNum', 'applyJoinOption', 'inviteJoinOption', 'muteAll', 'custom'] as const) {
    if (p[k] !== undefined) (out as Record<string, unknown>)[k] = p[k];
  }
  return out;
}

async function run(deps: GroupOpDeps, caller: GroupCaller, f: GroupRequestFrame): Promise<GroupOpResult> {
  const { sdkAppId, userId } = caller;
  const base = (groupId: string) => ({
    sdkAppId,
    groupId,
    by: { userId },
    ...(caller.connId ? { connId: caller.connId } : {}),
    ...(caller.platform ? { optPlatform: optPlatformOf(caller.platform) } : {}),
  });
  const ask = <T>(msg: GroupMsg): Promise<T> => deps.actors.ask<T>(groupAddr(msg.sdkAppId, msg.groupId), msg, { timeoutMs: deps.timeoutMs });
  const topic = (t?: string) => (t ? { topicId: t } : {});
  switch (f.op) {
    case Op.GROUP_CREATE: {
      const d = f.d;
      const type = d.type as GroupType;
      const msg = (groupId: string): GroupMsg => ({
        t: 'create',
        ...base(groupId),
        type,
        profile: { ...profileOf(d), name: d.name },
        members: (d.members ?? []).filter((u) => u !== userId).map((u) => ({ userId: u })),
        ...(d.supportTopic !== undefined ? { supportTopic: d.supportTopic } : {}),
      });
      if (d.groupId !== undefined) {
        if (customGroupIdVerdict(d.groupId, type) !== 0) throw new ImError(Err.GROUP_ID_INVALID, `groupId ${JSON.stringify(d.groupId)} is not a valid ${type} group id`);
        await ask(msg(d.groupId));
        return ok<R[typeof Op.GROUP_CREATE]>({ groupId: d.groupId });
      }
      for (let attempt = 1; ; attempt++) {
        const groupId = generateGroupId(type, (n) => randomBytes(n));
        try {
          await ask(msg(groupId));
          return ok<R[typeof Op.GROUP_CREATE]>({ groupId });
        } catch (e) {
          if (!(e instanceof ImError && e.code === Err.GROUP_ID_IN_USE) || attempt >= GENERATED_ID_ATTEMPTS) throw e;
        }
      }
    }
    case Op.GROUP_INFO:
      return ok<R[typeof Op.GROUP_INFO]>(await groupInfo(deps.store, sdkAppId, userId, f.d.groupIds));
    case Op.GROUP_JOIN:
      return ok<R[typeof Op.GROUP_JOIN]>(await ask({ t: 'apply', ...base(f.d.groupId), ...(f.d.wording !== undefined ? { wording: f.d.wording } : {}) }));
    case Op.GROUP_QUIT:
      await ask({ t: 'quit', ...base(f.d.groupId) });
      return ok<R[typeof Op.GROUP_QUIT]>({});
    case Op.GROUP_INVITE:
      return ok<R[typeof Op.GROUP_INVITE]>(await ask({ t: 'addMembers', ...base(f.d.groupId), members: f.d.userIds.map((u) => ({ userId: u })) }));
    case Op.GROUP_KICK:
      return ok<R[typeof Op.GROUP_KICK]>(await ask({ t: 'kick', ...base(f.d.groupId), userIds: f.d.userIds, ...(f.d.reason ? { reason: f.d.reason } : {}) }));
    case Op.GROUP_DECIDE:
      return ok<R[typeof Op.GROUP_DECIDE]>(await ask({ t: 'decide', ...base(f.d.groupId), userIds: f.d.userIds, approve: f.d.approve }));
    case Op.GROUP_MODIFY: {
      const { groupId, ...p } = f.d;
      await ask({ t: 'modify', ...base(groupId), profile: profileOf(p) });
      return ok<R[typeof Op.GROUP_MODIFY]>({});
    }
    case Op.GROUP_MEMBER_SET: {
      const d = f.d;
      await ask({
        t: 'modifyMember',
        ...base(d.groupId),
        userId: d.userId,
        ...(d.role !== undefined ? { role: d.role } : {}),
        ...(d.nameCard !== undefined ? { nameCard: d.nameCard } : {}),
        ...(d.msgFlag !== undefined ? { msgFlag: d.msgFlag } : {}),
        ...(d.custom !== undefined ? { custom: d.custom } : {}),
        ...(d.muteTimeSec !== undefined ? { muteTimeSec: d.muteTimeSec } : {}),
      });
      return ok<R[typeof Op.GROUP_MEMBER_SET]>({});
    }
    case Op.GROUP_DISMISS:
      await ask({ t: 'dismiss', ...base(f.d.groupId) });
      return ok<R[typeof Op.GROUP_DISMISS]>({});
    case Op.GROUP_TRANSFER:
      await ask({ t: 'transfer', ...base(f.d.groupId), newOwner: f.d.newOwner });
      return ok<R[typeof Op.GROUP_TRANSFER]>({});
    case Op.GROUP_SEND: {
      const { groupId, topicId, ...raw } = f.d;
      const req = parseSendRequest(raw, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS), ...(deps.metrics ? { metrics: deps.metrics } : {}) });
      const r = await ask<R[typeof Op.GROUP_SEND]>({ t: 'send', ...base(groupId), from: userId, ...topic(topicId), body: toWire(req.body), options: req.options });
      return ok<R[typeof Op.GROUP_SEND]>({ seq: r.seq, time: r.time, ...(r.dropReason ? { dropReason: r.dropReason } : {}) });
    }
    case Op.GROUP_SYNC:
      return ok<R[typeof Op.GROUP_SYNC]>(await groupSync(deps.store, sdkAppId, userId, f.d));
    case Op.GROUP_HISTORY:
      return ok<R[typeof Op.GROUP_HISTORY]>(await groupHistory(deps.store, sdkAppId, userId, f.d));
    case Op.GROUP_READ:
      return ok<R[typeof Op.GROUP_READ]>(await ask({ t: 'read', ...base(f.d.groupId), ...topic(f.d.topicId), ...(f.d.seq !== undefined ? { seq: f.d.seq } : {}) }));
    case Op.GROUP_RECALL:
      return ok<R[typeof Op.GROUP_RECALL]>(await ask({ t: 'recall', ...base(f.d.groupId), ...topic(f.d.topicId), seqs: f.d.seqs, ...(f.d.reason ? { reason: f.d.reason } : {}) }));
    case Op.GROUP_MODIFY_MSG: {
      const { groupId, topicId, seq, MsgBody, CloudCustomData } = f.d;
      const body = MsgBody === undefined ? undefined : toWire(parseMsgBody(MsgBody, { ...(CloudCustomData !== undefined ? { cloudCustomData: CloudCustomData } : {}), ...(deps.metrics ? { metrics: deps.metrics } : {}) }));
      return ok<R[typeof Op.GROUP_MODIFY_MSG]>(
        await ask({ t: 'modifyMsg', ...base(groupId), ...topic(topicId), seq, ...(body ? { body } : {}), ...(CloudCustomData !== undefined ? { cloudCustomData: CloudCustomData } : {}) }),
      );
    }
    case Op.GROUP_RECEIPT:
      return ok<R[typeof Op.GROUP_RECEIPT]>(await ask({ t: 'receipt', ...base(f.d.groupId), ...topic(f.d.topicId), seqs: f.d.seqs }));
    case Op.GROUP_JOINED:
      return ok<R[typeof Op.GROUP_JOINED]>(await joinedGroups(deps.store, sdkAppId, userId, f.d));
    case Op.GROUP_MEMBERS:
      return ok<R[typeof Op.GROUP_MEMBERS]>(await memberPage(deps.store, sdkAppId, userId, f.d, deps.nowMs()));
  }
}

/** Runs one group op for a logged-in caller; never throws (errors become coded results). */
export async function runGroupOp(deps: GroupOpDeps, caller: GroupCaller, f: GroupRequestFrame): Promise<GroupOpResult> {
  try {
    return await run(deps, caller, f);
  } catch (e) {
    if (isImError(e)) return { c: e.code, m: e.info };
    return { c: Err.INTERNAL, m: 'internal error' };
  }
}
