/**
 * Certificate verification with Go's crypto/x509 semantics and error texts: what kubectl prints
 * about the apiserver's serving certificate, and what the apiserver logs about a client's.
 * Checks run in Go's order: validity period, hostname, chain to a root, extended key usage.
 */
import { toRfc3339 } from '../util/clock.js';
import { formatIpGo, parseIp } from './ip.js';
import { EKU, OID } from './oids.js';
import { type ParsedCert, parseCertificateCached } from './x509.js';

export type VerifyErrorReason = 'Expired' | 'Hostname' | 'UnknownAuthority' | 'IncompatibleUsage' | 'NotAuthorizedToSign';

export type VerifyResult = { ok: true; chain: ParsedCert[] } | { ok: false; reason: VerifyErrorReason; error: string };

export type Usage = 'serverAuth' | 'clientAuth' | 'any';

export interface VerifyOptions {
  /** The server name being dialled (a DNS name or an IP), as crypto/tls passes it. */
  dnsName?: string;
  /** Required extended key usages; Go's default is serverAuth. The apiserver asks clientAuth. */
  usages?: readonly Usage[];
  intermediates?: readonly (string | ParsedCert)[];
}

type CertInput = string | ParsedCert;

const toCert = (c: CertInput): ParsedCert => (typeof c === 'string' ? parseCertificateCached(c) : c);

function toCerts(input: CertInput | readonly CertInput[]): ParsedCert[] {
  if (Array.isArray(input)) return input.map(toCert);
  if (typeof input === 'string') {
    // A bundle (ca.crt may hold several certificates).
    const blocks = input.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((b) => parseCertificateCached(b + '\n'));
  }
  return [input as ParsedCert];
}

/**
 * Verifies `cert` against the trusted `roots` at `nowMs`. Errors are Go's texts, e.g.
 * `x509: certificate has expired or is not yet valid: current time 2027-01-02T00:00:00Z is after 2026-12-31T23:59:59Z`.
 */
export function verifyChain(cert: CertInput, roots: CertInput | readonly CertInput[], nowMs: number, opts: VerifyOptions = {}): VerifyResult {
  const leaf = toCert(cert);
  const rootCerts = toCerts(roots);
  const intermediates = (opts.intermediates ?? []).map(toCert);

  const validity = checkValidity(leaf, nowMs);
  if (validity) return { ok: false, reason: 'Expired', error: validity };

  if (opts.dnsName) {
    const hostErr = verifyHostname(leaf, opts.dnsName);
    if (hostErr) return { ok: false, reason: 'Hostname', error: hostErr };
  }

  const chain = buildChain(leaf, rootCerts, intermediates, nowMs);
  if (!chain.ok) return chain;

  const usages = opts.usages ?? ['serverAuth'];
  if (!usages.includes('any') && !chainAllowsUsage(chain.chain, usages)) {
    return { ok: false, reason: 'IncompatibleUsage', error: 'x509: certificate specifies an incompatible key usage' };
  }
  return chain;
}

export function checkValidity(cert: ParsedCert, nowMs: number): string | undefined {
  const now = toRfc3339(nowMs);
  if (nowMs < cert.notBefore) return `x509: certificate has expired or is not yet valid: current time ${now} is before ${toRfc3339(cert.notBefore)}`;
  if (nowMs > cert.notAfter) return `x509: certificate has expired or is not yet valid: current time ${now} is after ${toRfc3339(cert.notAfter)}`;
  return undefined;
}

// ---- chain building ---------------------------------------------------------------------------

interface Hint {
  error: string;
  cert: ParsedCert;
}

function buildChain(leaf: ParsedCert, roots: ParsedCert[], intermediates: ParsedCert[], nowMs: number): VerifyResult {
  if (roots.some((r) => r.der.equals(leaf.der))) return { ok: true, chain: [leaf] };
  const hint: { value?: Hint } = {};
  const chain = extend([leaf], roots, intermediates, nowMs, hint);
  if (chain) return { ok: true, chain };
  let error = 'x509: certificate signed by unknown authority';
  if (hint.value) {
    const c = hint.value.cert;
    const name = c.commonName || c.organizations[0] || `serial:${c.serial.toString()}`;
    error += ` (possibly because of ${JSON.stringify(hint.value.error)} while trying to verify candidate authority certificate ${JSON.stringify(name)})`;
  }
  return { ok: false, reason: 'UnknownAuthority', error };
}

function extend(chain: ParsedCert[], roots: ParsedCert[], intermediates: ParsedCert[], nowMs: number, hint: { value?: Hint }): ParsedCert[] | undefined {
  const current = chain[chain.length - 1]!;
  for (const root of potentialParents(current, roots)) {
    const err = checkSignatureFrom(current, root) ?? checkValidity(root, nowMs);
    if (err) {
      hint.value ??= { error: err, cert: root };
      continue;
    }
    return [...chain, root];
  }
  if (chain.length > 8) return undefined;
  for (const mid of potentialParents(current, intermediates)) {
    if (chain.some((c) => c.der.equals(mid.der))) continue;
    let err = checkSignatureFrom(current, mid) ?? checkValidity(mid, nowMs);
    if (!err && !(mid.basicConstraints?.ca ?? false)) err = 'x509: certificate is not authorized to sign other certificates';
    if (err) {
      hint.value ??= { error: err, cert: mid };
      continue;
    }
    const found = extend([...chain, mid], roots, intermediates, nowMs, hint);
    if (found) return found;
  }
  return undefined;
}

/** CertPool.findPotentialParents: same raw name; matching key ids first, mismatching ones last. */
function potentialParents(cert: ParsedCert, pool: ParsedCert[]): ParsedCert[] {
  const byName = pool.filter((p) => p.subjectDer.equals(cert.issuerDer));
  const aki = cert.authorityKeyId;
  if (!aki) return byName;
  const rank = (p: ParsedCert) => (p.subjectKeyId ? (p.subjectKeyId.equals(aki) ? 0 : 2) : 1);
  return [...byName].sort((a, b) => rank(a) - rank(b));
}

/** Certificate.CheckSignatureFrom. */
export function checkSignatureFrom(child: ParsedCert, parent: ParsedCert): string | undefined {
  const bc = parent.basicConstraints;
  if ((parent.version === 3 && !bc) || (bc && !bc.ca)) return 'x509: invalid signature: parent certificate cannot sign this kind of certificate';
  if (parent.extension(OID.keyUsage) && !parent.keyUsage.includes('keyCertSign')) {
    return 'x509: invalid signature: parent certificate cannot sign this kind of certificate';
  }
  let ok: boolean;
  try {
    ok = child.isSignedBy(parent.publicKey);
  } catch {
    return 'x509: cannot verify signature: algorithm unimplemented';
  }
  if (ok) return undefined;
  return parent.publicKey.algorithm === 'ec' ? 'x509: ECDSA verification failure' : 'crypto/rsa: verification error';
}

function chainAllowsUsage(chain: ParsedCert[], usages: readonly Usage[]): boolean {
  const wanted = usages.map((u) => (u === 'serverAuth' ? EKU.serverAuth : EKU.clientAuth));
  // Go walks the chain; a certificate without EKUs allows everything, anyExtendedKeyUsage too.
  return chain.every((c) => {
    const ekus = c.extKeyUsageOids;
    if (ekus.length === 0 || ekus.includes(EKU.any)) return true;
    return wanted.some((w) => ekus.includes(w));
  });
}

// ---- hostnames ----------------------------------------------------------------------------

/** Certificate.VerifyHostname and HostnameError.Error(). */
export function verifyHostname(cert: ParsedCert, host: string): string | undefined {
  const candidate = host.replace(/^\[|\]$/g, '');
  const ip = parseIp(candidate);
  if (ip) {
    if (cert.subjectAltNames.some((n) => n.type === 'ip' && sameIp(n.bytes, ip))) return undefined;
  } else {
    const name = candidate.toLowerCase().replace(/\.$/, '');
    if (cert.dnsNames.some((pattern) => matchHostname(pattern, name))) return undefined;
  }
  return hostnameError(cert, candidate, ip);
}

function hostnameError(cert: ParsedCert, host: string, ip: Buffer | undefined): string {
  const hasSan = cert.extension(OID.subjectAltName) !== undefined;
  if (!hasSan && !ip && matchHostname(cert.commonName, host.toLowerCase())) {
    return 'x509: certificate relies on legacy Common Name field, use SANs instead';
  }
  let valid: string;
  if (ip) {
    const ips = cert.subjectAltNames.flatMap((n) => (n.type === 'ip' ? [formatIpGo(n.bytes)] : []));
    if (ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    valid = ips.join(', ');
  } else valid = cert.dnsNames.join(', ');
  if (valid.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${valid}, not ${host}`;
}

function sameIp(a: Buffer, b: Buffer): boolean {
  const norm = (x: Buffer) => (x.length === 16 && x.subarray(0, 10).every((v) => v === 0) && x[10] === 0xff && x[11] === 0xff ? x.subarray(12) : x);
  return norm(a).equals(norm(b));
}

/** matchHostnames: case-insensitive, a leading `*.` matches exactly one label. */
function matchHostname(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (p === '' || host === '') return false;
  const pl = p.split('.');
  const hl = host.split('.');
  if (pl.length !== hl.length) return false;
  return pl.every((label, i) => (i === 0 && label === '*') || label === hl[i]);
}

export type ClientIdentity = { ok: true; user: string; groups: string[]; cert: ParsedCert } | { ok: false; reason: VerifyErrorReason; error: string };

/**
 * The apiserver's x509 authenticator: a client certificate valid now, chaining to the client CA,
 * with clientAuth usage, names the user (CN) and groups (O).
 */
export function x509ClientIdentity(cert: CertInput, clientCa: CertInput | readonly CertInput[], nowMs: number): ClientIdentity {
  const r = verifyChain(cert, clientCa, nowMs, { usages: ['clientAuth'] });
  if (!r.ok) return r;
  const leaf = r.chain[0]!;
  return { ok: true, user: leaf.commonName, groups: leaf.organizations, cert: leaf };
}
