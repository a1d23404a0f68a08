// The in-process message-path stores (messages, seqs, conversations, dedup), built together so
// the memory factory gains one line for them. Expiry follows the given clock.
import type { Clock } from '../../lib/clock.js';
import type { MessageStores } from '../messages.js';
import { MemoryConversationStore } from './conversations.js';
import { MemoryDedupStore } from './dedup.js';
import { MemoryMessageStore } from './messages.js';
import { MemorySeqStore } from './seqs.js';

export function createMemoryMessageStores(clock: Clock): MessageStores {
  return {
    messages: new MemoryMessageStore(clock),
    seqs: new MemorySeqStore(),
    conversations: new MemoryConversationStore(clock),
    dedup: new MemoryDedupStore(clock),
  };
}
