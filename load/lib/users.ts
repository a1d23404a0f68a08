// The users file load/prepare.ts wrote (IM_LOAD_USERS), shared by every VU (SharedArray).
import { SharedArray } from 'k6/data';
import { env } from './env.js';

declare function open(path: string): string;

export interface LoadUsers {
  sdkAppId: number;
  users: Array<{ userId: string; sig: string }>;
  /** The app admin's identifier and UserSig, for REST calls. */
  admin: { identifier: string; sig: string };
}

export const loadUsers = (): LoadUsers => new SharedArray('users', () => [JSON.parse(open(env('IM_LOAD_USERS', '.data/users.json')))])[0] as LoadUsers;
