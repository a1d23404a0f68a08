// Per-item outcomes of batch operations (REST ResultItem / client results) and the checks every
// operation starts with. Items fail one by one as checks run; whatever is still open at the end
// succeeded. A peer named twice gets one outcome, reported at each of its places.
import { ImError } from '../lib/errors.js';
import { canExist } from '../profiles/profile-read.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';
import type { ItemResult } from './social-messages.js';

/** store.accounts.getAccounts takes at most this many ids per call. */
const ACCOUNTS_PER_READ = 500;

export class ResultSet {
  private readonly outcome = new Map<string, { code: number; info: string }>();

  constructor(private readonly order: readonly string[]) {}

  /** Distinct ids, in first-seen order, that no check has failed yet. */
  open(): string[] {
    return [...new Set(this.order)].filter((id) => !this.outcome.has(id));
  }

  fail(id: string, code: number, info: string): void {
    if (!this.outcome.has(id)) this.outcome.set(id, { code, info });
  }

  failAll(ids: Iterable<string>, code: number, info: string): void {
    for (const id of ids) this.fail(id, code, info);
  }

  /** A non-error outcome other than 0 (30539 pending). */
  set(id: string, code: number, info: string): void {
    this.outcome.set(id, { code, info });
  }

  list(): ItemResult[] {
    return this.order.map((peerId) => {
      const o = this.outcome.get(peerId);
      return { peerId, code: o?.code ?? 0, info: o?.info ?? '' };
    });
  }
}

/** The imported accounts among `ids` (any number, read in chunks). */
export async function existingAccounts(store: Store, sdkAppId: number, ids: readonly string[]): Promise<Set<string>> {
  const candidates = [...new Set(ids)].filter(canExist);
  const found = new Set<string>();
  for (let i = 0; i < candidates.length; i += ACCOUNTS_PER_READ) {
    const got = await store.accounts.getAccounts(sdkAppId, candidates.slice(i, i + ACCOUNTS_PER_READ));
    for (const id of got.keys()) found.add(id);
  }
  return found;
}

/** Fails open items naming the owner (30001) or an account that is not imported (30003). */
export async function checkPeers(rs: ResultSet, store: Store, sdkAppId: number, self: string): Promise<void> {
  rs.fail(self, Err.SNS_INVALID_PARAMS, 'you cannot do this with yourself');
  const open = rs.open();
  const found = await existingAccounts(store, sdkAppId, open);
  for (const id of open) if (!found.has(id)) rs.fail(id, Err.SNS_ACCOUNT_NOT_FOUND, `account ${id} does not exist`);
}

/** The owner of the operation must be an imported account (30003 for the whole call). */
export async function requireSelf(store: Store, sdkAppId: number, self: string, code: number = Err.SNS_ACCOUNT_NOT_FOUND): Promise<void> {
  if (!canExist(self) || !(await store.accounts.getAccount(sdkAppId, self))) throw new ImError(code, `account ${self} does not exist`);
}

/** Runs a field check, failing the item with the check's code instead of the whole call. */
export function checkItem<T>(rs: ResultSet, id: string, check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof ImError)) throw e;
    rs.fail(id, e.code, e.info);
    return undefined;
  }
}
