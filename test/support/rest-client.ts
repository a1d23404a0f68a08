// Calls the Tencent v4 REST API as an app backend would: admin identifier plus a UserSig made by
// the official tls-sig-api-v2 package.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TLSSigAPIv2 = require('tls-sig-api-v2') as { Api: new (sdkAppId: number, key: string) => { genUserSig(id: string, expire: number): string } };

export const officialSig = (sdkAppId: number, key: string, userId: string, expire = 86400): string =>
  new TLSSigAPIv2.Api(sdkAppId, key).genUserSig(userId, expire);

export interface RestTarget {
  baseUrl: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
}

export async function rest(t: RestTarget, service: string, command: string, body: unknown): Promise<Record<string, unknown>> {
  const sig = officialSig(t.sdkAppId, t.secretKey, t.admin);
  const q = new URLSearchParams({ sdkappid: String(t.sdkAppId), identifier: t.admin, usersig: sig, random: String(Math.floor(Math.random() * 2 ** 32)), contenttype: 'json' });
  const res = await fetch(`${t.baseUrl}/v4/${service}/${command}?${q}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`REST ${service}/${command}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
