/**
 * The apiserver's request authentication, a union as in pkg/kubeapiserver/authenticator: the
 * front-proxy (requestheader) verifier, x509 client certificates against --client-ca-file, then
 * bearer tokens (--token-auth-file, service-account tokens, bootstrap tokens). The first that
 * succeeds names the user; credentials nobody accepts are a 401 whose reason the apiserver logs
 * (`"Unable to authenticate the request" err="..."`); no credentials at all mean system:anonymous.
 */
import { parseCertificates, type ParsedCert } from '../../pki/x509.js';
import { colonHex } from '../../pki/x509.js';
import { verifyChain } from '../../pki/verify.js';
import type { PublicKey } from '../../pki/keys.js';
import type { UserInfo } from '../auth.js';
import { aggregate } from '../admission/util.js';
import type { Store } from '../store.js';
import { authenticateServiceAccountToken } from './serviceaccount-token.js';
import { authenticateBootstrapToken } from './static-tokens.js';
import { ANONYMOUS_USER, AUTHENTICATED } from './serviceaccount.js';

export interface AuthnConfig {
  /** --client-ca-file contents (a bundle). */
  clientCaPem?: string;
  /** --requestheader-client-ca-file contents (the front-proxy CA). */
  requestHeaderCaPem?: string;
  /** --token-auth-file, parsed. */
  staticTokens?: ReadonlyMap<string, UserInfo>;
  /** --enable-bootstrap-token-auth */
  bootstrapTokens?: boolean;
  serviceAccounts?: { keys: readonly PublicKey[]; issuers: readonly string[]; audiences: readonly string[] };
  /** --anonymous-auth (default true). */
  anonymous?: boolean;
  store: Store;
  nowMs: number;
}

export interface RequestCredentials {
  clientCertificatePem?: string;
  token?: string;
}

export type AuthnOutcome = { ok: true; user: UserInfo } | { ok: false; error: string };

const chains = new Map<string, ParsedCert[]>();

/** The certificates of a PEM bundle, parsed once per distinct text (clients present the same ones). */
export function certificatesCached(pem: string): ParsedCert[] {
  let certs = chains.get(pem);
  if (!certs) {
    certs = parseCertificates(pem);
    if (chains.size >= 128) chains.delete(chains.keys().next().value!);
    chains.set(pem, certs);
  }
  return certs;
}

const verified = new Map<string, { from: number; to: number; result: ReturnType<typeof verifyChain> }>();

/**
 * verifyChain with the apiserver's verification cache: a successful verification stands while
 * every certificate of the chain is within its validity period. A failure is remembered too when
 * `considered` (every certificate the verification looks at: the presented chain and the roots)
 * are all within their validity periods: then no validity check can fail, and the outcome (and
 * its error text, which names no instant) is the same at every instant those periods share.
 */
export function verifyCached(key: string, nowMs: number, verify: () => ReturnType<typeof verifyChain>, considered?: () => readonly ParsedCert[]): ReturnType<typeof verifyChain> {
  const hit = verified.get(key);
  if (hit && nowMs >= hit.from && nowMs <= hit.to) return hit.result;
  const r = verify();
  let window: { from: number; to: number } | undefined;
  if (r.ok) window = { from: Math.max(...r.chain.map((c) => c.notBefore)), to: Math.min(...r.chain.map((c) => c.notAfter)) };
  else if (considered) window = sharedValidity(considered, nowMs);
  if (window) {
    if (verified.size >= 256) verified.delete(verified.keys().next().value!);
    verified.set(key, { ...window, result: r.ok ? { ok: true, chain: [r.chain[0]!] } : r });
  }
  return r;
}

/** The instants every certificate is valid at, if `nowMs` is one of them. */
function sharedValidity(considered: () => readonly ParsedCert[], nowMs: number): { from: number; to: number } | undefined {
  let certs: readonly ParsedCert[];
  try {
    certs = considered();
  } catch {
    return undefined;
  }
  const from = Math.max(...certs.map((c) => c.notBefore));
  const to = Math.min(...certs.map((c) => c.notAfter));
  return certs.length > 0 && nowMs >= from && nowMs <= to ? { from, to } : undefined;
}

/** Go's big.Int %d of a serial, and the identifier the x509 authenticator puts in its errors. */
function certificateIdentifier(c: ParsedCert): string {
  const hex = (b: Buffer | undefined) => (b && b.length ? colonHex(b) : '');
  return `SN=${c.serial.toString()}, SKID=${hex(c.subjectKeyId)}, AKID=${hex(c.authorityKeyId)}`;
}

/** One x509 verifier: undefined when it has no CA, else an error or the verified leaf. */
function verifyClientCert(chain: ParsedCert[], caPem: string | undefined, nowMs: number): { leaf: ParsedCert } | { error: string } | undefined {
  if (!caPem) return undefined;
  const r = verifyCached(
    `client\0${chain.map((c) => c.der.toString('base64')).join(',')}\0${caPem}`,
    nowMs,
    () => verifyChain(chain[0]!, caPem, nowMs, { usages: ['clientAuth'], intermediates: chain.slice(1) }),
    () => [...chain, ...certificatesCached(caPem)],
  );
  if (!r.ok) return { error: `verifying certificate ${certificateIdentifier(chain[0]!)} failed: ${r.error}` };
  return { leaf: r.chain[0]! };
}

/** The authenticated-group adder: everyone but anonymous is also system:authenticated. */
function withAuthenticated(user: UserInfo): UserInfo {
  if (user.groups.includes(AUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, AUTHENTICATED] };
}

export function authenticate(creds: RequestCredentials, cfg: AuthnConfig): AuthnOutcome {
  const errors: string[] = [];
  let presented = false;
  if (creds.clientCertificatePem) {
    let chain: ParsedCert[] = [];
    try {
      chain = certificatesCached(creds.clientCertificatePem);
    } catch {
      chain = [];
    }
    if (chain.length) {
      presented = true;
      // The front-proxy verifier only accepts requests that also carry X-Remote-User headers,
      // which kubectl never sends: it can only fail here, but its error is reported too.
      const front = verifyClientCert(chain, cfg.requestHeaderCaPem, cfg.nowMs);
      if (front && 'error' in front) errors.push(front.error);
      const x509 = verifyClientCert(chain, cfg.clientCaPem, cfg.nowMs);
      if (x509 && 'leaf' in x509 && x509.leaf.commonName) {
        return { ok: true, user: withAuthenticated({ username: x509.leaf.commonName, groups: [...x509.leaf.organizations] }) };
      }
      if (x509 && 'error' in x509) errors.push(x509.error);
    }
  }
  if (creds.token) {
    presented = true;
    const result = authenticateToken(creds.token, cfg);
    if (result.ok) return { ok: true, user: withAuthenticated(result.user) };
    errors.push(result.error);
  }
  if (errors.length || presented) return { ok: false, error: errors.length ? aggregate(errors) : 'invalid bearer token' };
  if (cfg.anonymous === false) return { ok: false, error: '' };
  return { ok: true, user: ANONYMOUS_USER };
}

/** The bearer-token union: static file, service-account tokens, bootstrap tokens. */
export function authenticateToken(token: string, cfg: AuthnConfig): AuthnOutcome {
  const errors: string[] = [];
  const fromFile = cfg.staticTokens?.get(token);
  if (fromFile) return { ok: true, user: fromFile };
  if (cfg.serviceAccounts) {
    const sa = authenticateServiceAccountToken(token, { ...cfg.serviceAccounts, store: cfg.store, nowMs: cfg.nowMs });
    if (sa.ok) return sa;
    if (!('notMine' in sa)) errors.push(`[invalid bearer token, ${sa.error}]`);
  }
  if (cfg.bootstrapTokens) {
    const b = authenticateBootstrapToken(token, cfg.store, cfg.nowMs);
    if (b?.ok) return b;
  }
  return { ok: false, error: errors.length ? aggregate(errors) : 'invalid bearer token' };
}
