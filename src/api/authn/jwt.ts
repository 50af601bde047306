/**
 * Compact JWS (RS256/ES256) as service-account tokens use it: header and claims serialised as Go's
 * encoding/json does a map (keys sorted at every level), signed with the sa.key private key,
 * verified with the public keys of --service-account-key-file. The key id is Kubernetes'
 * base64url(SHA-256(DER of the PKIX public key)).
 */
import { createHash, sign, verify } from 'node:crypto';
import type { PrivateKey, PublicKey } from '../../pki/keys.js';

export interface JwtHeader {
  alg: string;
  kid?: string;
}

export type Claims = Record<string, unknown>;

const b64url = (b: Buffer) => b.toString('base64url');

/** JSON with object keys sorted recursively, as Go marshals map[string]interface{}. */
export function sortedJson(value: unknown): string {
  const sortValue = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortValue);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sortValue((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortValue(value));
}

export function keyId(pub: PublicKey): string {
  return b64url(createHash('sha256').update(pub.spkiDer).digest());
}

export function signJwt(claims: Claims, key: PrivateKey): string {
  const alg = key.algorithm === 'ec' ? 'ES256' : 'RS256';
  const header = `{"alg":"${alg}","kid":"${keyId(key.publicKey)}"}`;
  const input = `${b64url(Buffer.from(header))}.${b64url(Buffer.from(sortedJson(claims)))}`;
  const sig = sign('sha256', Buffer.from(input), key.algorithm === 'ec' ? { key: key.keyObject, dsaEncoding: 'ieee-p1363' } : key.keyObject);
  return `${input}.${b64url(sig)}`;
}

export type JwtResult = { ok: true; header: JwtHeader; claims: Claims } | { ok: false; error: string };

/** Parses a token without verifying it (to tell JWTs from other bearer tokens). */
export function decodeJwt(token: string): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, error: 'not a JWT' };
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as JwtHeader;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return { ok: false, error: 'not a JWT' };
    return { ok: true, header, claims };
  } catch {
    return { ok: false, error: 'not a JWT' };
  }
}

/** Verifies the signature with any of the keys (as the apiserver tries each key of its files). */
export function verifyJwt(token: string, keys: readonly PublicKey[]): JwtResult {
  const decoded = decodeJwt(token);
  if (!decoded.ok) return decoded;
  const [h, c, s] = token.split('.') as [string, string, string];
  const input = Buffer.from(`${h}.${c}`);
  const sig = Buffer.from(s, 'base64url');
  const alg = decoded.header.alg;
  for (const k of keys) {
    try {
      const ok = alg === 'ES256' && k.algorithm === 'ec'
        ? verify('sha256', input, { key: k.keyObject, dsaEncoding: 'ieee-p1363' }, sig)
        : alg === 'RS256' && k.algorithm === 'rsa' && verify('sha256', input, k.keyObject, sig);
      if (ok) return decoded;
    } catch {
      // a key of another type: try the next
    }
  }
  return { ok: false, error: 'square/go-jose: error in cryptographic primitive' };
}
