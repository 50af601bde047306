/**
 * `openssl verify [-CAfile f] [-untrusted f] [-attime t] cert...`: OpenSSL's chain building and
 * verification order (build the chain, check CA flags, then signatures and times from the top),
 * its error numbers and messages, and its exit codes (2 when a certificate fails, 1 on setup errors).
 */
import { type ParsedCert } from '../x509.js';
import type { OpensslEnv } from './env.js';
import { certsIn, loadCert } from './loaders.js';
import { nameLine } from './names-out.js';
import { parseOptions } from './options.js';

const TABLE = {
  CAfile: 'string', CApath: 'string', CAstore: 'string', untrusted: 'string', trusted: 'string', attime: 'int',
  purpose: 'string', verbose: 'flag', show_chain: 'flag', 'no-CAfile': 'flag', 'no-CApath': 'flag', 'no-CAstore': 'flag',
  x509_strict: 'flag', partial_chain: 'flag', check_ss_sig: 'flag', no_check_time: 'flag', nameopt: 'string',
} as const;

const MESSAGES: Record<number, string> = {
  2: 'unable to get issuer certificate',
  7: 'certificate signature failure',
  9: 'certificate is not yet valid',
  10: 'certificate has expired',
  18: 'self-signed certificate',
  19: 'self-signed certificate in certificate chain',
  20: 'unable to get local issuer certificate',
  24: 'invalid CA certificate',
};

export function verify(env: OpensslEnv, args: readonly string[]): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'option' });
  if (typeof opts === 'number') return opts;
  const trusted: ParsedCert[] = [];
  for (const name of ['CAfile', 'trusted'] as const) {
    const path = opts.values.get(name);
    if (path === undefined) continue;
    const loaded = loadBundle(env, path);
    if (!loaded) return 1;
    trusted.push(...loaded);
  }
  const caPath = opts.values.get('CApath');
  if (caPath !== undefined) trusted.push(...loadDirectory(env, caPath));
  const untrustedPath = opts.values.get('untrusted');
  let untrusted: ParsedCert[] = [];
  if (untrustedPath !== undefined) {
    const loaded = loadBundle(env, untrustedPath);
    if (!loaded) return 1;
    untrusted = loaded;
  }
  const attime = opts.ints.get('attime');
  const now = attime !== undefined ? attime * 1000 : env.now();
  const files = opts.rest.length > 0 ? opts.rest : [undefined];
  let rc = 0;
  for (const file of files) {
    const cert = loadCert(env, file, 'certificate file', 'Unable to load certificate file');
    if (!cert) {
      rc = 2;
      continue;
    }
    const name = file ?? 'stdin';
    const errors = verifyCert(cert, trusted, untrusted, now);
    for (const e of errors) {
      env.err(nameLine('', e.cert.subject, opts.values.get('nameopt')).slice(1));
      env.err(`error ${e.code} at ${e.depth} depth lookup: ${MESSAGES[e.code]}`);
    }
    if (errors.length > 0) {
      env.err(`error ${name}: verification failed`);
      const sigFailure = errors.find((e) => e.code === 7);
      if (sigFailure?.issuer) rsaSignatureFailureLines(env, sigFailure.cert, sigFailure.issuer);
      rc = 2;
    } else env.out(`${name}: OK\n`);
  }
  return rc;
}

/**
 * The error queue OpenSSL leaves behind after an RSA signature fails to verify. A signature
 * numerically larger than the wrong key's modulus fails before the padding check; otherwise the
 * "decrypted" block decides: RSA_padding_check_PKCS1_type_1 first wants a 0x00 byte (else
 * "invalid padding"), then 0x01 (else "block type is not 01").
 */
function rsaSignatureFailureLines(env: OpensslEnv, cert: ParsedCert, issuer: ParsedCert): void {
  if (issuer.publicKey.algorithm !== 'rsa') return;
  const { modulus: n, exponent } = issuer.publicKey.rsaComponents();
  const modulus = BigInt('0x' + n.toString('hex'));
  const signature = BigInt('0x' + (cert.signature.toString('hex') || '0'));
  if (signature >= modulus) {
    env.lib('02000084', 'rsa routines', 'rsa_ossl_public_decrypt', 'data too large for modulus', '../crypto/rsa/rsa_ossl.c:554');
  } else {
    const block = modPow(signature, exponent, modulus).toString(16).padStart(modulusBytes(n) * 2, '0');
    if (block.startsWith('00')) env.lib('0200006A', 'rsa routines', 'RSA_padding_check_PKCS1_type_1', 'block type is not 01', '../crypto/rsa/rsa_pk1.c:82');
    else env.lib('0200008A', 'rsa routines', 'RSA_padding_check_PKCS1_type_1', 'invalid padding', '../crypto/rsa/rsa_pk1.c:75');
    env.lib('02000072', 'rsa routines', 'rsa_ossl_public_decrypt', 'padding check failed', '../crypto/rsa/rsa_ossl.c:590');
  }
  env.lib('1C880004', 'Provider routines', 'rsa_verify', 'RSA lib', '../providers/implementations/signature/rsa_sig.c:769');
  env.lib('06880006', 'asn1 encoding routines', 'ASN1_item_verify_ctx', 'EVP lib', '../crypto/asn1/a_verify.c:220');
}

/** The modulus's length in bytes, without the sign byte a DER/JWK encoding may carry. */
function modulusBytes(n: Buffer): number {
  return n[0] === 0 ? n.length - 1 : n.length;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

function loadBundle(env: OpensslEnv, path: string): ParsedCert[] | undefined {
  const r = env.read(path);
  if (!r.ok) {
    env.err(`Error loading file ${path}`);
    env.bioOpenFailed(path, 'r', r.reason);
    env.lib('05880002', 'x509 certificate routines', 'X509_load_cert_crl_file_ex', 'system lib', '../crypto/x509/by_file.c:229');
    return undefined;
  }
  const certs = certsIn(r.content);
  if (certs.length === 0) {
    env.err(`Error loading file ${path}`);
    env.lib('05800088', 'x509 certificate routines', 'X509_load_cert_crl_file_ex', 'no certificate or crl found', '../crypto/x509/by_file.c:252');
    return undefined;
  }
  return certs;
}

function loadDirectory(env: OpensslEnv, dir: string): ParsedCert[] {
  const fs = env.ctx.host.fs;
  const abs = env.ctx.resolve(dir);
  try {
    return fs.readdir(abs, env.ctx.cred).flatMap((f) => {
      const r = env.read(`${abs}/${f}`);
      return r.ok ? certsIn(r.content) : [];
    });
  } catch {
    return [];
  }
}

export interface ChainError {
  code: number;
  depth: number;
  cert: ParsedCert;
  /** For signature failures: the certificate whose key did not verify it. */
  issuer?: ParsedCert;
}

/** X509_verify_cert as `openssl verify` drives it, returning the errors its callback prints. */
export function verifyCert(leaf: ParsedCert, trusted: ParsedCert[], untrusted: ParsedCert[], now: number): ChainError[] {
  const errors: ChainError[] = [];
  const chain: ParsedCert[] = [leaf];
  let anchored = trusted.some((t) => t.der.equals(leaf.der));
  while (!anchored) {
    const top = chain[chain.length - 1]!;
    const fromTrusted = findIssuer(top, trusted, now);
    if (fromTrusted) {
      if (!fromTrusted.der.equals(top.der)) chain.push(fromTrusted);
      anchored = true;
      break;
    }
    if (isSelfIssued(top)) {
      // A self-signed leaf is reported and checked further; one at the top of a chain stops it.
      errors.push({ code: chain.length === 1 ? 18 : 19, depth: chain.length - 1, cert: top });
      if (chain.length > 1) return errors;
      break;
    }
    const fromUntrusted = findIssuer(top, untrusted.filter((u) => !chain.includes(u)), now);
    if (!fromUntrusted) {
      errors.push({ code: 20, depth: chain.length - 1, cert: top });
      return errors;
    }
    chain.push(fromUntrusted);
  }
  for (let depth = 1; depth < chain.length; depth++) {
    const c = chain[depth]!;
    if (!actsAsCa(c)) {
      errors.push({ code: 24, depth, cert: c });
    }
  }
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    const cert = chain[depth]!;
    const issuer = chain[depth + 1];
    if (issuer && !cert.isSignedBy(issuer.publicKey)) {
      errors.push({ code: 7, depth, cert, issuer });
      return errors;
    }
    if (now < cert.notBefore) {
      errors.push({ code: 9, depth, cert });
      return errors;
    }
    if (now > cert.notAfter) errors.push({ code: 10, depth, cert });
  }
  return errors;
}

/** X509_check_issued: names match, key identifiers do not contradict, the issuer may sign. */
function findIssuer(cert: ParsedCert, pool: ParsedCert[], now: number): ParsedCert | undefined {
  const aki = cert.authorityKeyId;
  const candidates = pool.filter((p) => {
    if (!p.subjectDer.equals(cert.issuerDer)) return false;
    const ski = p.subjectKeyId;
    if (aki && ski && !aki.equals(ski)) return false;
    if (p.keyUsage.length > 0 && !p.keyUsage.includes('keyCertSign')) return false;
    return true;
  });
  // OpenSSL prefers a candidate that is currently valid.
  return candidates.find((c) => now >= c.notBefore && now <= c.notAfter) ?? candidates[0];
}

function isSelfIssued(cert: ParsedCert): boolean {
  if (!cert.isSelfIssued) return false;
  const aki = cert.authorityKeyId;
  const ski = cert.subjectKeyId;
  return !(aki && ski && !aki.equals(ski));
}

function actsAsCa(cert: ParsedCert): boolean {
  const bc = cert.basicConstraints;
  if (bc) return bc.ca;
  // A version 1 self-signed certificate is accepted as a CA.
  return cert.version === 1 && cert.isSelfIssued;
}
