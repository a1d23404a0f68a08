// The recipients of an all-member push, page by page. No condition: every account of the app
// (AccountStore.listAccounts). A tag/attr condition: only users with push attrs or tags can match,
// so the attrs scan is read instead and each page's matches are kept only if their account still
// exists (deleting an account leaves its tags behind). The sender never receives its own push.
import type { Store } from '../store/index.js';
import { matches, type PushCondition } from './condition.js';

/** Rows read per store page; also the getAccounts batch of a conditional page (its max is 500). */
export const AUDIENCE_PAGE = 500;

export async function* audiencePages(store: Pick<Store, 'accounts' | 'userAttrs'>, sdkAppId: number, cond: PushCondition, sender: string): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  do {
    const at = cursor ? { cursor } : {};
    let ids: string[];
    if (cond.kind === 'all') {
      const page = await store.accounts.listAccounts(sdkAppId, { limit: AUDIENCE_PAGE, ...at });
      ids = page.userIds;
      cursor = page.next;
    } else {
      const page = await store.userAttrs.scan(sdkAppId, { limit: AUDIENCE_PAGE, ...at });
      const matched = page.users.filter((u) => matches(cond, u)).map((u) => u.userId);
      ids = matched.length === 0 ? [] : [...(await store.accounts.getAccounts(sdkAppId, matched)).keys()];
      cursor = page.next;
    }
    const out = ids.filter((id) => id !== sender);
    if (out.length > 0) yield out;
  } while (cursor !== undefined);
}
