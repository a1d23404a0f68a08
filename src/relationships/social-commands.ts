// Runs one command of the social actor: writes go to their operation module, reads (the client's;
// REST reads the store itself) to social-reads.ts. Results are plain data (they cross the bus);
// the REST tables and the edge shape them for their wire.
import { assertNever } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { readableTags, readProfiles } from '../profiles/profile-read.js';
import { setProfile } from '../profiles/profile-set.js';
import { addFriends } from './friend-add.js';
import { blockAdd, blockRemove } from './blocklist-ops.js';
import { deleteAllFriends, deleteFriends } from './friend-delete.js';
import { createFriendLists, deleteFriendLists, renameFriendList, setListMembers } from './friend-list-ops.js';
import { respond, withdraw } from './friend-respond.js';
import { importFriends, updateFriends } from './friend-update.js';
import type { SocialCtx } from './social-context.js';
import type { Requester, SocialCommand } from './social-messages.js';
import { blocksPage, changesSince, checkBlocks, checkFriends, friendLists, friendsPage, pendingRequests } from './social-reads.js';

export async function runCommand(ctx: SocialCtx, req: Requester, cmd: SocialCommand): Promise<unknown> {
  const { store, sdkAppId, userId: self } = ctx;
  switch (cmd.c) {
    case 'add':
      return addFriends(ctx, req, cmd);
    case 'import':
      return importFriends(ctx, cmd);
    case 'respond':
      return respond(ctx, req, cmd);
    case 'withdraw':
      return withdraw(ctx, cmd);
    case 'update':
      return updateFriends(ctx, cmd);
    case 'delete':
      return deleteFriends(ctx, req, cmd);
    case 'deleteAll':
      return deleteAllFriends(ctx, req, cmd);
    case 'blockAdd':
      return blockAdd(ctx, req, cmd);
    case 'blockRemove':
      return blockRemove(ctx, req, cmd);
    case 'listCreate':
      return createFriendLists(ctx, cmd);
    case 'listDelete':
      return deleteFriendLists(ctx, cmd);
    case 'listRename':
      return renameFriendList(ctx, cmd);
    case 'listMembers':
      return setListMembers(ctx, cmd);
    case 'profileSet':
      return setProfile(ctx, req, cmd.items);
    case 'profileGet': {
      const defs = readableTags(cmd.tags, ctx.customFields, req.by === 'admin' ? 'admin' : 'self');
      return readProfiles(store, sdkAppId, cmd.userIds.length ? cmd.userIds : [self], defs);
    }
    case 'check':
      return checkFriends(store, sdkAppId, self, cmd.peerIds, cmd.mode);
    case 'friends':
      return friendsPage(store, sdkAppId, self, cmd.start, cmd.limit);
    case 'friendsById': {
      const rows = await store.friends.getFriends(sdkAppId, self, [...new Set(cmd.peerIds)]);
      return cmd.peerIds.map((peerId) => {
        const friend = rows.get(peerId);
        return friend ? { peerId, code: 0, info: '', friend } : { peerId, code: Err.SNS_INVALID_PARAMS, info: `${peerId} is not your friend` };
      });
    }
    case 'requests':
      return pendingRequests(store, sdkAppId, self);
    case 'lists':
      return friendLists(store, sdkAppId, self, cmd.names);
    case 'blocks':
      return blocksPage(store, sdkAppId, self, cmd.start, cmd.limit);
    case 'blockCheck':
      return checkBlocks(store, sdkAppId, self, cmd.peerIds, cmd.mode);
    case 'sync':
      return changesSince(store, sdkAppId, self, cmd.afterSeq, cmd.limit);
    default:
      return assertNever(cmd, 'social command');
  }
}
