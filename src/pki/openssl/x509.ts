/**
 * `openssl x509`: display certificates (-text, -subject, -dates, -ext, -fingerprint, ...) and sign
 * requests (-req with -CA/-CAkey or -signkey), as OpenSSL 3.0 does, including serial files and
 * the extensions it adds by default.
 */
import { createHash } from 'node:crypto';
import { signCertificate } from '../cert.js';
import type { ParsedCsr } from '../csr.js';
import type { Extension } from '../extensions.js';
import { authorityKeyIdentifier, subjectKeyIdentifier } from '../extensions.js';
import type { PrivateKey } from '../keys.js';
import { EXTENSION_SHORT_NAMES, OID } from '../oids.js';
import { certificateText, extensionText, opensslDate } from '../openssl-text.js';
import { opensslSerial } from '../serial.js';
import { type ParsedCert, colonHex } from '../x509.js';
import { Config, ExtensionError, buildExtensions, parseConfig, reportExtensionError } from './config.js';
import type { OpensslEnv } from './env.js';
import { loadCert, loadCsr, loadPrivateKey } from './loaders.js';
import { nameHash, nameLine } from './names-out.js';
import { type ParsedOptions, parseOptions } from './options.js';

const TABLE = {
  in: 'string', out: 'string', inform: 'string', outform: 'string', noout: 'flag', text: 'flag',
  subject: 'flag', issuer: 'flag', dates: 'flag', startdate: 'flag', enddate: 'flag', serial: 'flag',
  fingerprint: 'flag', checkend: 'int', ext: 'string', pubkey: 'flag', modulus: 'flag', email: 'flag',
  hash: 'flag', subject_hash: 'flag', issuer_hash: 'flag', ocspid: 'flag', nameopt: 'string', certopt: 'string',
  req: 'flag', CA: 'string', CAkey: 'string', CAserial: 'string', CAcreateserial: 'flag', signkey: 'string',
  key: 'string', days: 'int', set_serial: 'string', extfile: 'string', extensions: 'string',
  copy_extensions: 'string', clrext: 'flag', CAform: 'string', CAkeyform: 'string', keyform: 'string',
  passin: 'string', preserve_dates: 'flag', sha1: 'flag', sha256: 'flag', sha384: 'flag', sha512: 'flag', md5: 'flag',
} as const;

/** Output flags printed in the order of their last occurrence (aliases share a slot). */
const PRINT_SLOTS: Record<string, string> = {
  subject: 'subject', issuer: 'issuer', serial: 'serial', dates: 'dates', startdate: 'startdate', enddate: 'enddate',
  fingerprint: 'fingerprint', ext: 'ext', pubkey: 'pubkey', modulus: 'modulus', email: 'email', hash: 'subject_hash',
  subject_hash: 'subject_hash', issuer_hash: 'issuer_hash', ocspid: 'ocspid', text: 'text',
};

const DIGEST_FLAGS = ['sha1', 'sha256', 'sha384', 'sha512', 'md5'] as const;
const DAY = 24 * 3600_000;

export function x509(env: OpensslEnv, args: readonly string[]): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'ignore' });
  if (typeof opts === 'number') return opts;
  if (opts.rest.length > 0) return env.usage();
  const days = opts.ints.get('days');
  if (days !== undefined && days < -1) {
    env.err('x509: -days parameter arg must be >= -1');
    return 1;
  }
  const checkend = opts.ints.get('checkend');

  let cert: ParsedCert | undefined;
  if (opts.flags.has('req')) {
    const signed = signRequest(env, opts);
    if (typeof signed === 'number') return signed;
    cert = signed;
  } else {
    cert = loadCert(env, opts.values.get('in'), 'certificate', 'Unable to load certificate');
    if (!cert) return 1;
  }

  // All output goes to one BIO: -out when given, else stdout.
  let out = printFields(env, cert, opts);
  let rc = 0;
  if (checkend !== undefined) {
    const expires = cert.notAfter < env.now() + checkend * 1000;
    out += expires ? 'Certificate will expire\n' : 'Certificate will not expire\n';
    rc = expires ? 1 : 0;
  } else if (!opts.flags.has('noout')) out += cert.pem;
  if (out === '' && opts.values.get('out') === undefined) return rc;
  return env.write(opts.values.get('out'), out) ? rc : 1;
}

function printFields(env: OpensslEnv, cert: ParsedCert, opts: ParsedOptions): string {
  const last = new Map<string, number>();
  opts.list.forEach((o, i) => {
    const slot = PRINT_SLOTS[o.name];
    if (slot) last.set(slot, i);
  });
  const order = [...last.entries()].sort((a, b) => a[1] - b[1]).map(([slot]) => slot);
  const nameopt = opts.values.get('nameopt');
  let out = '';
  for (const slot of order) {
    switch (slot) {
      case 'subject':
        out += nameLine('subject', cert.subject, nameopt) + '\n';
        break;
      case 'issuer':
        out += nameLine('issuer', cert.issuer, nameopt) + '\n';
        break;
      case 'serial':
        out += `serial=${serialHex(cert.serial)}\n`;
        break;
      case 'dates':
        out += `notBefore=${opensslDate(cert.notBefore)}\nnotAfter=${opensslDate(cert.notAfter)}\n`;
        break;
      case 'startdate':
        out += `notBefore=${opensslDate(cert.notBefore)}\n`;
        break;
      case 'enddate':
        out += `notAfter=${opensslDate(cert.notAfter)}\n`;
        break;
      case 'fingerprint': {
        const digest = DIGEST_FLAGS.filter((d) => opts.flags.has(d)).at(-1);
        const label = digest ? digest : 'SHA1';
        out += `${label} Fingerprint=${colonHex(createHash(digest ?? 'sha1').update(cert.der).digest())}\n`;
        break;
      }
      case 'ext': {
        const text = extensionsOutput(cert, opts.values.get('ext')!);
        if (text === '') env.err('No extensions in certificate');
        out += text;
        break;
      }
      case 'pubkey':
        out += cert.publicKey.pem;
        break;
      case 'modulus':
        out += cert.publicKey.algorithm === 'rsa'
          ? `Modulus=${cert.publicKey.rsaComponents().modulus.toString('hex').toUpperCase().replace(/^(00)+/, '')}\n`
          : 'Modulus=No modulus for this public key type\n';
        break;
      case 'email':
        out += [...cert.emailAddresses, ...cert.subject.flatMap((r) => r.filter((a) => a.oid === '1.2.840.113549.1.9.1').map((a) => a.value))].map((e) => e + '\n').join('');
        break;
      case 'subject_hash':
        out += nameHash(cert.subject) + '\n';
        break;
      case 'issuer_hash':
        out += nameHash(cert.issuer) + '\n';
        break;
      case 'ocspid':
        out += `        Subject OCSP hash: ${createHash('sha1').update(cert.subjectDer).digest('hex').toUpperCase()}\n`;
        out += `        Public key OCSP hash: ${createHash('sha1').update(cert.publicKey.subjectPublicKeyBytes).digest('hex').toUpperCase()}\n`;
        break;
      case 'text':
        out += certificateText(cert, certopt(opts.values.get('certopt')));
        break;
    }
  }
  return out;
}

function certopt(value: string | undefined) {
  const set = new Set((value ?? '').split(',').map((s) => s.trim()));
  return { noPubkey: set.has('no_pubkey'), noSigdump: set.has('no_sigdump'), noExtensions: set.has('no_extensions') };
}

/** BN_bn2hex: upper-case, whole bytes. */
export function serialHex(serial: bigint): string {
  let hex = (serial < 0n ? -serial : serial).toString(16).toUpperCase();
  if (hex.length % 2) hex = '0' + hex;
  return (serial < 0n ? '-' : '') + hex;
}

function extensionsOutput(cert: ParsedCert, list: string): string {
  const wanted = new Set(list.split(',').map((n) => EXTENSION_SHORT_NAMES[n.trim()]).filter((o): o is string => !!o));
  return cert.extensions.filter((e) => wanted.has(e.oid)).map((e) => extensionText(e, 0)).join('');
}

// ---- signing requests ---------------------------------------------------------------------------

function signRequest(env: OpensslEnv, opts: ParsedOptions): ParsedCert | number {
  const extConfig = loadExtfile(env, opts);
  if (typeof extConfig === 'number') return extConfig;

  const csr = loadCsr(env, opts.values.get('in'), 'Unable to load certificate request input');
  if (!csr) return 1;
  if (!csr.verifySignature()) {
    env.err('Certificate request self-signature did not match the contents');
    return 1;
  }
  env.err('Certificate request self-signature ok');
  env.err(nameLine('subject', csr.subject, opts.values.get('nameopt')));

  const caPath = opts.values.get('CA');
  const signkeyPath = opts.values.get('signkey') ?? opts.values.get('key');
  let issuer: ParsedCert | undefined;
  let signer: PrivateKey | undefined;
  if (caPath !== undefined) {
    issuer = loadCert(env, caPath, 'CA certificate', 'Unable to load CA certificate');
    if (!issuer) return 1;
    signer = loadPrivateKey(env, opts.values.get('CAkey') ?? caPath, 'CA private key');
    if (!signer) return 1;
    if (!signer.matches(issuer.publicKey)) {
      env.err('CA certificate and CA private key do not match');
      env.lib('05800074', 'x509 certificate routines', 'X509_check_private_key', 'key values mismatch', '../crypto/x509/x509_cmp.c:403');
      return 1;
    }
  } else if (signkeyPath !== undefined) {
    signer = loadPrivateKey(env, signkeyPath, 'private key');
    if (!signer) return 1;
  } else {
    env.err('We need a private key to sign with, use -key or -CA with private key');
    return 1;
  }

  const serial = nextSerial(env, opts, caPath);
  if (typeof serial === 'number') return serial;

  const now = env.now();
  const days = opts.ints.get('days') ?? 30;
  const subjectKey = csr.publicKey;
  let extensions: Extension[] = [];
  try {
    extensions = requestExtensions(opts, csr, extConfig, { subjectKey, ...(issuer ? { issuer } : {}) });
  } catch (e) {
    if (!(e instanceof ExtensionError)) throw e;
    env.err(`Error checking extension section ${extConfig?.section ?? 'default'}`);
    reportExtensionError(env, e);
    return 1;
  }
  if (extensions.length > 0) extensions = withDefaultKeyIds(extensions, subjectKey, issuer);
  return signCertificate(
    {
      version: extensions.length > 0 ? 3 : 1,
      serial,
      subject: csr.subject,
      issuer: issuer?.subject ?? csr.subject,
      notBefore: now,
      notAfter: now + days * DAY,
      publicKey: subjectKey,
      extensions,
    },
    signer,
  );
}

interface ExtSource {
  config: Config;
  section: string;
}

function loadExtfile(env: OpensslEnv, opts: ParsedOptions): ExtSource | undefined | number {
  const path = opts.values.get('extfile');
  if (path === undefined) return undefined;
  const r = env.read(path);
  if (!r.ok) {
    env.err(`Can't open "${path}" for reading, ${env.strerror(r.reason)}`);
    env.bioOpenFailed(path, 'r', r.reason);
    return 1;
  }
  const config = parseConfig(r.content);
  const section = opts.values.get('extensions') ?? 'default';
  if (!config.section(section)) {
    env.err(`Error checking extension section ${section}`);
    return 1;
  }
  try {
    buildExtensions(config, section, {});
  } catch (e) {
    if (!(e instanceof ExtensionError)) throw e;
    env.err(`Error checking extension section ${section}`);
    reportExtensionError(env, e);
    return 1;
  }
  return { config, section };
}

function requestExtensions(opts: ParsedOptions, csr: ParsedCsr, ext: ExtSource | undefined, ctx: Parameters<typeof buildExtensions>[2]): Extension[] {
  const copy = opts.values.get('copy_extensions') ?? 'none';
  const out: Extension[] = [];
  if (copy === 'copy' || copy === 'copyall') out.push(...csr.extensions);
  if (ext) {
    for (const e of buildExtensions(ext.config, ext.section, ctx)) {
      const i = out.findIndex((x) => x.oid === e.oid);
      if (i >= 0 && copy === 'copyall') out[i] = e;
      else if (i < 0) out.push(e);
    }
  }
  return out;
}

/** OpenSSL 3 adds subjectKeyIdentifier, then authorityKeyIdentifier, unless already present. */
function withDefaultKeyIds(exts: Extension[], subjectKey: ParsedCsr['publicKey'], issuer: ParsedCert | undefined): Extension[] {
  const out = [...exts];
  if (!out.some((e) => e.oid === OID.subjectKeyIdentifier)) out.push(subjectKeyIdentifier(subjectKey.keyId()));
  if (issuer && !out.some((e) => e.oid === OID.authorityKeyIdentifier)) {
    const keyId = issuer.subjectKeyId;
    out.push(keyId ? authorityKeyIdentifier(keyId) : authorityKeyIdentifier(undefined, issuer.issuer, issuer.serial));
  }
  return out;
}

/** -set_serial, else the CA's serial file (incremented), else a random 159-bit serial. */
function nextSerial(env: OpensslEnv, opts: ParsedOptions, caPath: string | undefined): bigint | number {
  const set = opts.values.get('set_serial');
  if (set !== undefined) return BigInt(set);
  if (caPath === undefined) return opensslSerial(env.rng);
  const explicit = opts.values.get('CAserial');
  const srlPath = explicit ?? caPath.replace(/\.[^./]*$/, '') + '.srl';
  const r = env.read(srlPath);
  let serial: bigint;
  if (r.ok) {
    serial = BigInt('0x' + (r.content.trim() || '0')) + 1n;
  } else if (opts.flags.has('CAcreateserial') || explicit === undefined) {
    serial = opensslSerial(env.rng);
    if (!opts.flags.has('CAcreateserial')) return serial;
  } else {
    env.err(`${srlPath}: ${env.strerror(r.reason)}`);
    env.bioOpenFailed(srlPath, 'r', r.reason);
    return 1;
  }
  if (!env.write(srlPath, serialHex(serial) + '\n')) return 1;
  return serial;
}
