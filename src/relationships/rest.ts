// The `sns` service's REST table (spec §2 "Relationship"), merged into rest/commands.ts.
import type { RestHandler } from '../rest/context.js';
import { blocklistCommands } from './rest-blocklist.js';
import { friendReads } from './rest-friends-read.js';
import { friendWrites } from './rest-friends-write.js';
import { friendListCommands } from './rest-groups.js';

export const snsTable = {
  sns: { ...friendWrites, ...friendReads, ...blocklistCommands, ...friendListCommands },
} satisfies Record<string, Record<string, RestHandler>>;
