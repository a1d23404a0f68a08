// Row <-> StoredMessage for <ks>.messages (message-tables.ts): the column list, the bind values of
// an append and the decoding of a row. Optional fields travel as sentinels ('' for to/cloud data,
// -1 for clientSeq) so a write never binds null (a tombstone per cell); body and extra are JSON.
import type { types } from 'cassandra-driver';
import type { JsonObject, StoredMessage } from '../messages.js';
import type { JsonValue } from '../relationships.js';
import { toNumber } from './values.js';

export const MESSAGE_COLUMNS = 'seq, msg_key, from_user, to_user, msg_time, msg_random, client_seq, body, cloud_custom_data, recalled, edited, extra';

/** Bind values for MESSAGE_COLUMNS, in order. */
export function messageValues(m: StoredMessage): unknown[] {
  return [
    m.seq,
    m.key,
    m.from,
    m.to ?? '',
    m.time,
    m.random,
    m.clientSeq ?? -1,
    JSON.stringify(m.body),
    m.cloudCustomData ?? '',
    m.flags.recalled,
    m.flags.edited,
    JSON.stringify(m.extra),
  ];
}

export function messageOf(row: types.Row): StoredMessage {
  const m: StoredMessage = {
    seq: toNumber(row.get('seq')),
    key: row.get('msg_key') as string,
    from: (row.get('from_user') as string | null) ?? '',
    time: toNumber(row.get('msg_time')),
    random: toNumber(row.get('msg_random')),
    body: JSON.parse(row.get('body') as string) as JsonValue[],
    flags: { recalled: row.get('recalled') === true, edited: row.get('edited') === true },
    extra: JSON.parse((row.get('extra') as string | null) ?? '{}') as JsonObject,
  };
  const to = row.get('to_user') as string | null;
  if (to) m.to = to;
  const clientSeq = toNumber(row.get('client_seq') ?? -1);
  if (clientSeq >= 0) m.clientSeq = clientSeq;
  const custom = row.get('cloud_custom_data') as string | null;
  if (custom) m.cloudCustomData = custom;
  return m;
}

/** Runs `work` over items with at most `limit` in flight, results in item order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
