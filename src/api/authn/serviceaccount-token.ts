/**
 * Service-account tokens, signed with --service-account-signing-key-file and accepted when they
 * verify against a key of --service-account-key-file:
 * - bound tokens (TokenRequest, projected volumes): iss = --service-account-issuer, aud, exp,
 *   nbf, iat, jti, sub and the `kubernetes.io` claim naming the namespace, service account and
 *   the pod or secret the token is bound to; they stop working when that object goes.
 * - legacy tokens (kubernetes.io/service-account-token Secrets): iss `kubernetes/serviceaccount`,
 *   no expiry, valid while the Secret holds them.
 */
import { PrivateKey, PublicKey } from '../../pki/keys.js';
import { decodePemBlocks } from '../../pki/pem.js';
import { ParsedCert } from '../../pki/x509.js';
import type { UserInfo } from '../auth.js';
import type { Store } from '../store.js';
import type { Stored } from '../types.js';
import { decodeJwt, signJwt, verifyJwt, type Claims } from './jwt.js';
import { serviceAccountUser } from './serviceaccount.js';

export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
/** go-jose's DefaultLeeway for exp and nbf. */
const LEEWAY_SECONDS = 60;

export interface ObjectRef {
  name: string;
  uid: string;
}

export interface BoundTokenRequest {
  issuer: string;
  audiences: string[];
  namespace: string;
  serviceAccount: ObjectRef;
  /** Seconds since the epoch. */
  now: number;
  expirationSeconds: number;
  jti: string;
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
}

/** The claims of a bound token (serviceaccount.Claims). */
export function boundClaims(r: BoundTokenRequest): Claims {
  const k8s: Record<string, unknown> = { namespace: r.namespace, serviceaccount: r.serviceAccount };
  if (r.pod) k8s['pod'] = r.pod;
  if (r.secret) k8s['secret'] = r.secret;
  if (r.node) k8s['node'] = r.node;
  return {
    aud: r.audiences,
    exp: r.now + r.expirationSeconds,
    iat: r.now,
    iss: r.issuer,
    jti: r.jti,
    'kubernetes.io': k8s,
    nbf: r.now,
    sub: `system:serviceaccount:${r.namespace}:${r.serviceAccount.name}`,
  };
}

/** The claims of a legacy Secret token (serviceaccount.LegacyClaims). */
export function legacyClaims(namespace: string, serviceAccount: ObjectRef, secretName: string): Claims {
  return {
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': serviceAccount.name,
    'kubernetes.io/serviceaccount/service-account.uid': serviceAccount.uid,
    sub: `system:serviceaccount:${namespace}:${serviceAccount.name}`,
  };
}

export function issueToken(claims: Claims, key: PrivateKey): string {
  return signJwt(claims, key);
}

/** keyutil.ParsePublicKeysPEM, lenient: public keys, private keys and certificates all count. */
export function parsePublicKeys(pem: string): PublicKey[] {
  const keys: PublicKey[] = [];
  for (const block of decodePemBlocks(pem)) {
    try {
      if (block.label === 'PUBLIC KEY') keys.push(PublicKey.fromSpkiDer(block.der));
      else if (/PRIVATE KEY$/.test(block.label)) keys.push(PrivateKey.fromBlock(block.label, block.der).publicKey);
      else if (block.label === 'CERTIFICATE') keys.push(ParsedCert.parse(block.der).publicKey);
    } catch {
      // an unreadable block is skipped, as the apiserver's loader ignores what it cannot use
    }
  }
  return keys;
}

export interface TokenValidation {
  keys: readonly PublicKey[];
  issuers: readonly string[];
  audiences: readonly string[];
  store: Store;
  nowMs: number;
}

export type TokenAuthResult = { ok: true; user: UserInfo } | { ok: false; error: string } | { ok: false; notMine: true };

/** Whether a bearer token looks like a service-account JWT this apiserver may have issued. */
export function authenticateServiceAccountToken(token: string, v: TokenValidation): TokenAuthResult {
  const decoded = decodeJwt(token);
  if (!decoded.ok) return { ok: false, notMine: true };
  const iss = decoded.claims['iss'];
  if (iss !== LEGACY_ISSUER && !v.issuers.includes(String(iss))) return { ok: false, notMine: true };
  const verified = verifyJwt(token, v.keys);
  if (!verified.ok) return { ok: false, error: verified.error };
  return iss === LEGACY_ISSUER ? validateLegacy(token, verified.claims, v) : validateBound(verified.claims, v);
}

function validateBound(c: Claims, v: TokenValidation): TokenAuthResult {
  const now = Math.floor(v.nowMs / 1000);
  if (typeof c['exp'] === 'number' && now > c['exp'] + LEEWAY_SECONDS) return { ok: false, error: 'service account token has expired' };
  if (typeof c['nbf'] === 'number' && now < c['nbf'] - LEEWAY_SECONDS) return { ok: false, error: 'service account token is not valid yet' };
  const aud = Array.isArray(c['aud']) ? (c['aud'] as string[]) : typeof c['aud'] === 'string' ? [c['aud']] : [];
  if (!aud.some((a) => v.audiences.includes(a))) return { ok: false, error: 'token audiences ' + JSON.stringify(aud) + ' is invalid for the target audiences ' + JSON.stringify(v.audiences) };
  const k8s = (c['kubernetes.io'] ?? {}) as { namespace?: string; serviceaccount?: ObjectRef; pod?: ObjectRef; secret?: ObjectRef; node?: ObjectRef };
  const ns = k8s.namespace ?? '';
  const sa = k8s.serviceaccount;
  if (!sa) return { ok: false, error: 'service account token claims could not be validated' };
  const err = checkObject(v.store.get('serviceaccounts', ns, sa.name), sa, `service account ${ns}/${sa.name}`, v.nowMs);
  if (err) return { ok: false, error: err };
  if (k8s.pod) {
    const e = checkObject(v.store.get('pods', ns, k8s.pod.name), k8s.pod, `pod ${ns}/${k8s.pod.name}`, v.nowMs);
    if (e) return { ok: false, error: e };
  }
  if (k8s.secret) {
    const e = checkObject(v.store.get('secrets', ns, k8s.secret.name), k8s.secret, `secret ${ns}/${k8s.secret.name}`, v.nowMs);
    if (e) return { ok: false, error: e };
  }
  const extra: Record<string, string[]> = {};
  if (typeof c['jti'] === 'string') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${c['jti']}`];
  if (k8s.node) {
    extra['authentication.kubernetes.io/node-name'] = [k8s.node.name];
    extra['authentication.kubernetes.io/node-uid'] = [k8s.node.uid];
  }
  if (k8s.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [k8s.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [k8s.pod.uid];
  }
  return { ok: true, user: serviceAccountUser(ns, sa.name, sa.uid, extra) };
}

/** The bound object must still exist with the same uid and not have been deleted a while ago. */
function checkObject(obj: Stored | undefined, ref: ObjectRef, what: string, nowMs: number): string | undefined {
  if (!obj) return `${what} has been deleted`;
  if (ref.uid && obj.metadata.uid !== ref.uid) return `${what} UID (${obj.metadata.uid}) does not match claim (${ref.uid})`;
  const deleted = obj.metadata.deletionTimestamp ? Date.parse(obj.metadata.deletionTimestamp) : undefined;
  if (deleted !== undefined && deleted < nowMs - 60_000) return `${what} is marked for deletion`;
  return undefined;
}

function validateLegacy(token: string, c: Claims, v: TokenValidation): TokenAuthResult {
  const ns = String(c['kubernetes.io/serviceaccount/namespace'] ?? '');
  const secretName = String(c['kubernetes.io/serviceaccount/secret.name'] ?? '');
  const saName = String(c['kubernetes.io/serviceaccount/service-account.name'] ?? '');
  const saUid = String(c['kubernetes.io/serviceaccount/service-account.uid'] ?? '');
  const secret = v.store.get('secrets', ns, secretName);
  if (!secret) return { ok: false, error: `secret ${ns}/${secretName} not found` };
  if (secret.metadata.deletionTimestamp) return { ok: false, error: `token ${ns}/${secretName} is marked for deletion` };
  const stored = Buffer.from(String((secret['data'] as Record<string, string> | undefined)?.['token'] ?? ''), 'base64').toString('utf8');
  if (stored !== token) return { ok: false, error: `token ${ns}/${secretName} does not match the token in the secret` };
  const sa = v.store.get('serviceaccounts', ns, saName);
  if (!sa) return { ok: false, error: `service account ${ns}/${saName} not found` };
  if (saUid && sa.metadata.uid !== saUid) return { ok: false, error: `service account UID (${sa.metadata.uid}) does not match claim (${saUid})` };
  return { ok: true, user: serviceAccountUser(ns, saName, sa.metadata.uid) };
}
