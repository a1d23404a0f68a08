// Opens the message-path sub-databases of the LMDB store (messages, seqs, conversations, dedup)
// and their shared expiry index, so the LMDB factory gains one line for them. Retention and dedup
// expiry follow the given clock.
import type { Key, RootDatabase } from 'lmdb';
import type { Clock } from '../../lib/clock.js';
import type { ConversationRow } from '../conversation-records.js';
import type { MessageStores } from '../messages.js';
import { LmdbConversationStore } from './conversations.js';
import { LmdbDedupStore, type StoredMark } from './dedup.js';
import { LmdbExpiries } from './expiries.js';
import { LmdbMessageStore, type StoredRow } from './messages.js';
import { LmdbSeqStore } from './seqs.js';

export function openLmdbMessageStores(root: RootDatabase, clock: Clock): MessageStores {
  const expiries = new LmdbExpiries(root.openDB<true, Key>({ name: 'expiries' }));
  const dbs = {
    messages: root.openDB<StoredRow, Key>({ name: 'messages' }),
    heads: root.openDB<number, Key>({ name: 'message_heads' }),
    hidden: root.openDB<number, Key>({ name: 'hidden_messages' }),
  };
  return {
    messages: new LmdbMessageStore(dbs, expiries, clock),
    seqs: new LmdbSeqStore(root.openDB<number, Key>({ name: 'seq_blocks' })),
    conversations: new LmdbConversationStore(root.openDB<ConversationRow, Key>({ name: 'conversations' }), clock),
    dedup: new LmdbDedupStore(root.openDB<StoredMark, Key>({ name: 'dedup' }), expiries, clock),
  };
}
