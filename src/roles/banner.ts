// What a person sees when the server starts: the default app, where to connect, and how to make
// a UserSig. The secret key is never printed, only where it is kept.
import { join } from 'node:path';
import type { Config } from '../config/config.js';

export function banner(config: Config, port: number): string {
  const app = config.apps[0]!;
  const base = `http://${config.host}:${port}`;
  const keyFrom = process.env.IM_SECRET_KEY ? 'IM_SECRET_KEY' : join(config.dataDir, `secret-${app.sdkAppId}.key`);
  const lines = [
    '',
    `  tim-server ${config.role} ${config.nodeId} ready`,
    '',
    `  SDKAppID        ${app.sdkAppId}`,
    `  admin           ${app.admins.join(', ')}`,
    `  secret key      ${keyFrom}`,
    `  login policy    ${app.loginPolicy}`,
    `  store           ${config.store}${config.store === 'lmdb' ? ` (${join(config.dataDir, 'lmdb')})` : ''}`,
    '',
    `  WebSocket       ${base.replace(/^http/, 'ws')}/ws`,
    `  REST            ${base}/v4/{service}/{command}?sdkappid=${app.sdkAppId}&identifier=${app.admins[0]}&usersig=…&random=…&contenttype=json`,
    `  metrics         ${base}/metrics     health ${base}/healthz     ready ${base}/readyz`,
    '',
    `  UserSig         npm run usersig -- <userId>`,
    `  example         curl -s -XPOST "${base}/v4/im_open_login_svc/account_import?sdkappid=${app.sdkAppId}&identifier=${app.admins[0]}&usersig=$(npm run -s usersig -- ${app.admins[0]})&random=1&contenttype=json" -d '{"UserID":"alice"}'`,
    config.apps.length > 1 ? `  more apps       ${config.apps.slice(1).map((a) => a.sdkAppId).join(', ')}` : '',
    '',
  ];
  return lines.filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n') + '\n';
}
