// Fixtures shared by the store contract case files (see store.contract.ts).
import type { AccountRecord, AppRecord, Store } from '../../src/store/index.js';

/** What the case files share: the open store, fresh app ids and record builders. */
export interface StoreCaseContext {
  store(): Store;
  newAppId(): number;
}

export const app = (sdkAppId: number, over: Partial<AppRecord> = {}): AppRecord => ({
  sdkAppId,
  secretKey: 'k'.repeat(64),
  admins: ['administrator', 'ops'],
  name: `app-${sdkAppId}`,
  loginPolicy: 'multi',
  createdAt: 1_790_000_000_123,
  ...over,
});

export const acct = (userId: string, over: Partial<Omit<AccountRecord, 'sigFloor'>> = {}) => ({
  userId,
  nick: `nick of ${userId}`,
  faceUrl: `https://img.example.com/${Buffer.from(String(userId)).toString('hex')}.png`,
  importedAt: 1_790_000_000_000,
  ...over,
});
