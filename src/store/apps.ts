// Apps (tenants). Every other key in every store is scoped by sdkAppId (invariant 5).

import type { LoginPolicy } from '../sessions/login-policy.js';

export interface AppRecord {
  sdkAppId: number;
  secretKey: string;
  admins: string[];
  name: string;
  loginPolicy: LoginPolicy;
  createdAt: number; // unix ms
}

export interface AppStore {
  /** Insert or replace the app. */
  putApp(app: AppRecord): Promise<void>;
  getApp(sdkAppId: number): Promise<AppRecord | undefined>;
  listApps(): Promise<AppRecord[]>;
}
