// Accounts (im_open_login_svc). One row per (sdkAppId, userId). sigFloor is the kick mark: a
// UserSig whose TLS.time is below it is refused with 70052 (spec §2.1 #5, "kick").

export interface AccountRecord {
  userId: string;
  nick: string;
  faceUrl: string;
  importedAt: number; // unix ms
  /** Unix seconds; UserSigs issued (TLS.time) before this are invalid. 0 = none. */
  sigFloor: number;
}

/** Largest listAccounts page. */
export const MAX_ACCOUNT_PAGE = 1000;

export interface AccountPage {
  userIds: string[];
  /** Opaque cursor for the next page; absent when the listing is complete. A page may be short
   *  (even empty) while `next` is still set. */
  next?: string;
}

export interface AccountStore {
  /** Insert, or update nick/faceUrl of an existing account keeping importedAt and sigFloor. */
  importAccount(sdkAppId: number, account: Omit<AccountRecord, 'sigFloor'>): Promise<void>;
  getAccount(sdkAppId: number, userId: string): Promise<AccountRecord | undefined>;
  /** Many accounts in one query; missing ones are absent from the map. */
  getAccounts(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, AccountRecord>>;
  /** Returns whether the account existed. */
  deleteAccount(sdkAppId: number, userId: string): Promise<boolean>;
  /** Sets the kick mark; returns false when the account does not exist. */
  setSigFloor(sdkAppId: number, userId: string, floorSec: number): Promise<boolean>;
  /** Every account id of the app, page by page (all-member push), in an implementation-defined
   *  order; accounts imported or deleted during a listing may or may not be seen. */
  listAccounts(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<AccountPage>;
}
