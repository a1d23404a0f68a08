// Cassandra SeqStore over <ks>.seq_blocks: reserve is compare-and-set on the conversation's
// highest reserved number (INSERT IF NOT EXISTS for the first block, then UPDATE ... IF hi = ?),
// retried with the value the losing round returns. A block is handed out only when its CAS was
// applied; a CAS that timed out may have applied, which at worst skips numbers, never repeats one.
// The table is written only through LWTs. See SeqStore for the contract.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client, errors, types } from 'cassandra-driver';
import { MAX_SEQ_BLOCK, type SeqBlock, type SeqStore } from '../seqs.js';
import { checkConvId, checkInt } from '../message-records.js';
import { checkAppId } from '../records.js';
import { toNumber } from './values.js';

/** CAS rounds one reserve tries before giving up (contention or Paxos timeouts). */
export const MAX_RESERVE_ATTEMPTS = 30;
/** Upper bound of the random pause after a lost round, in ms; grows with attempts up to this. */
export const MAX_RESERVE_BACKOFF_MS = 50;

export class CassandraSeqStore implements SeqStore {
  private readonly cql: Record<'read' | 'first' | 'next', string>;

  /** serialConsistency: the level of the serial read after an unknown CAS outcome (the client's). */
  constructor(
    private readonly client: Client,
    keyspace: string,
    private readonly serialConsistency: number,
  ) {
    const t = `${keyspace}.seq_blocks`;
    this.cql = {
      read: `SELECT hi FROM ${t} WHERE sdkappid = ? AND conv_id = ?`,
      first: `INSERT INTO ${t} (sdkappid, conv_id, hi) VALUES (?, ?, ?) IF NOT EXISTS`,
      next: `UPDATE ${t} SET hi = ? WHERE sdkappid = ? AND conv_id = ? IF hi = ?`,
    };
  }

  async reserve(sdkAppId: number, convId: string, count: number): Promise<SeqBlock> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    checkInt(count, 'count', 1, MAX_SEQ_BLOCK);
    let known = await this.read(sdkAppId, convId, false);
    for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt++) {
      const to = (known ?? 0) + count;
      try {
        const rs =
          known === undefined
            ? await this.client.execute(this.cql.first, [sdkAppId, convId, to], { prepare: true })
            : await this.client.execute(this.cql.next, [to, sdkAppId, convId, known], { prepare: true });
        if (rs.wasApplied()) return { from: to - count + 1, to };
        const hi = rs.first()?.get('hi') as unknown;
        known = hi === undefined || hi === null ? undefined : toNumber(hi);
      } catch (e) {
        if (!isRetryable(e)) throw e;
        // Outcome unknown: learn the committed value through a serial read, which also finishes
        // any Paxos round left in progress.
        known = await this.read(sdkAppId, convId, true);
      }
      await sleep(Math.random() * Math.min(MAX_RESERVE_BACKOFF_MS, 2 ** attempt));
    }
    throw new Error(`reserve(${sdkAppId}, ${convId}): lost ${MAX_RESERVE_ATTEMPTS} compare-and-set rounds to concurrent reservations`);
  }

  async current(sdkAppId: number, convId: string): Promise<number> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    return (await this.read(sdkAppId, convId, false)) ?? 0;
  }

  private async read(sdkAppId: number, convId: string, serial: boolean): Promise<number | undefined> {
    const opts = serial ? { prepare: true, consistency: this.serialConsistency } : { prepare: true };
    const row = (await this.client.execute(this.cql.read, [sdkAppId, convId], opts)).first();
    return row ? toNumber(row.get('hi')) : undefined;
  }
}

/** CAS_WRITE_UNKNOWN (protocol v5): the coordinator cannot tell whether the CAS applied. */
const CAS_WRITE_UNKNOWN = 0x1700;

// Errors after which the round may or may not have applied, or was refused for a transient
// reason; another round is safe because a block is only ever taken from an applied CAS.
function isRetryable(e: unknown): boolean {
  if (e instanceof errors.OperationTimedOutError) return true;
  const code = (e as { code?: number }).code;
  const c = types.responseErrorCodes;
  return code === c.writeTimeout || code === c.readTimeout || code === c.unavailableException || code === c.overloaded || code === CAS_WRITE_UNKNOWN;
}
