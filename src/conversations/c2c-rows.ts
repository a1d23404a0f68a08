// The two conversation rows a batch of stored C2C messages changes, folded into as few writes as
// keep their meaning: per owner one setRead (the highest own message: own messages never count
// as unread) and the upserts in seq order, consecutive ones merged unless both carry a NoUnread
// seq (the row takes one per write). Owners are written in parallel; one owner's writes run in
// sequence because the stores read-modify-write a row.
import type { ConversationUpsert, Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import { lastMsgOf } from './c2c-view.js';

export interface RowInput {
  msg: StoredMessage;
  from: string;
  to: string;
  noLastMsg: boolean;
  /** Does not count as unread for the recipient (NoUnread, or history import). */
  noUnread: boolean;
  /** Also shown in the sender's own conversation list (SyncOtherMachine 1). */
  syncToSender: boolean;
}

interface OwnerWrites {
  readSeq: number;
  upserts: ConversationUpsert[];
}

export async function updateRows(
  store: Pick<Store, 'conversations'>,
  sdkAppId: number,
  convId: string,
  items: readonly RowInput[],
  at: number,
  noUnreadTtlSec: number,
): Promise<void> {
  const owners = new Map<string, OwnerWrites>();
  const of = (u: string): OwnerWrites => {
    let w = owners.get(u);
    if (!w) owners.set(u, (w = { readSeq: 0, upserts: [] }));
    return w;
  };
  for (const it of items) {
    const m = it.msg;
    const shown = it.noLastMsg ? {} : { lastTime: m.time, lastMsg: lastMsgOf(m) };
    // A new message brings a deleted conversation back.
    const row = (peer: string): ConversationUpsert => ({ type: 'c2c', peer, at, lastSeq: m.seq, deleted: false, ...shown });
    add(of(it.to), { ...row(it.from), ...(it.noUnread ? { noUnreadSeq: m.seq, noUnreadTtlSec } : {}) });
    if (it.from === it.to) continue;
    const sender = of(it.from);
    sender.readSeq = Math.max(sender.readSeq, m.seq);
    if (it.syncToSender) add(sender, row(it.to));
  }
  const { conversations } = store;
  await Promise.all(
    [...owners].map(async ([owner, w]) => {
      if (w.readSeq > 0) await conversations.setRead(sdkAppId, owner, convId, w.readSeq, at);
      for (const u of w.upserts) await conversations.upsert(sdkAppId, owner, convId, u);
    }),
  );
}

function add(w: OwnerWrites, u: ConversationUpsert): void {
  const prev = w.upserts[w.upserts.length - 1];
  if (prev && !(prev.noUnreadSeq !== undefined && u.noUnreadSeq !== undefined)) Object.assign(prev, u);
  else w.upserts.push(u);
}
