// Compact JWS signing for the push services' auth: ES256 for APNs provider tokens (the signature
// must be the raw 64-byte r||s form, ieee-p1363, not DER) and RS256 for Google service-account
// assertions. Keys are parsed once by the caller (createPrivateKey) and reused.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export type JwtAlg = 'ES256' | 'RS256';

export function signJwt(alg: JwtAlg, header: Record<string, string>, claims: Record<string, string | number>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify({ alg, typ: 'JWT', ...header }))}.${b64url(JSON.stringify(claims))}`;
  const sig = alg === 'ES256' ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }) : sign('sha256', Buffer.from(input), key);
  return `${input}.${b64url(sig)}`;
}

/** Parses a PEM private key, checking it is of the type the algorithm needs. */
export function loadSigningKey(pem: string, alg: JwtAlg, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`${what}: not a PEM private key (${(e as Error).message})`);
  }
  const want = alg === 'ES256' ? 'ec' : 'rsa';
  if (key.asymmetricKeyType !== want) throw new Error(`${what}: ${alg} needs an ${want.toUpperCase()} key, got ${key.asymmetricKeyType}`);
  if (alg === 'ES256' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${what}: ES256 needs a P-256 key, got ${key.asymmetricKeyDetails?.namedCurve}`);
  }
  return key;
}
