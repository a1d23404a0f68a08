// The users file load/prepare.ts wrote (IM_LOAD_USERS), shared by every VU. The users are a
// SharedArray of one element per user, so a VU parses only the users it reads: a single element
// holding the whole file gave every VU its own parsed copy (100,000 users is about 30 MB of JS
// objects per VU), and k6's collector pausing over those copies showed up as delivery tails.
import { SharedArray } from 'k6/data';
import { env } from './env.js';

declare function open(path: string): string;

export interface LoadUser {
  userId: string;
  sig: string;
}

export interface LoadUsers {
  sdkAppId: number;
  /** Index and length only (a k6 SharedArray). */
  users: ArrayLike<LoadUser>;
  /** The app admin's identifier and UserSig, for REST calls. */
  admin: { identifier: string; sig: string };
}

type UsersFile = Omit<LoadUsers, 'users'> & { users: LoadUser[] };

const read = (): UsersFile => JSON.parse(open(env('IM_LOAD_USERS', '.data/users.json'))) as UsersFile;

export const loadUsers = (): LoadUsers => {
  // Each callback runs once per test run; later VUs get the shared copy.
  const head = new SharedArray('users-head', () => {
    const f = read();
    return [{ sdkAppId: f.sdkAppId, admin: f.admin }];
  })[0] as Omit<LoadUsers, 'users'>;
  const users = new SharedArray('users', () => read().users) as unknown as ArrayLike<LoadUser>;
  return { sdkAppId: head.sdkAppId, admin: head.admin, users };
};
