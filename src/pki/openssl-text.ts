/**
 * OpenSSL 3.0's text renderings: `x509 -text`, `req -text`, `rsa`/`ec -text`, extension values and
 * dates, field by field as X509_print_ex, X509_REQ_print_ex and the key printers lay them out.
 */
import { fromDer, readString } from './der.js';
import {
  type Extension,
  type GeneralName,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtKeyUsage,
  decodeGeneralNames,
  decodeKeyUsage,
  decodeSubjectKeyIdentifier,
  decodeText,
} from './extensions.js';
import { formatIpOpenssl } from './ip.js';
import type { PrivateKey, PublicKey } from './keys.js';
import { formatOneline, formatSlashes } from './names.js';
import type { ParsedCsr } from './csr.js';
import { EXTENSION_NAMES, EXT_KEY_USAGES, KEY_USAGES, OID, SIGNATURE_ALGORITHM_NAMES } from './oids.js';
import { type ParsedCert, colonHex } from './x509.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => ' '.repeat(n);

/** ASN1_TIME_print: `Jan  1 00:00:00 2026 GMT`. */
export function opensslDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHM_NAMES[oid] ?? oid;
}

/** Hex rows of `perRow` bytes, `xx:` separated, the last byte without a colon. */
function hexRows(bytes: Buffer, indent: number, perRow: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i % perRow === 0) out += (i > 0 ? '\n' : '') + pad(indent);
    out += bytes[i]!.toString(16).padStart(2, '0') + (i + 1 === bytes.length ? '' : ':');
  }
  return out + '\n';
}

/** A big number as OpenSSL labels it: small ones inline, others as hex rows with a sign byte. */
function labeledBignum(label: string, value: Buffer, indent: number): string {
  let v = value;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  if (v.length <= 8) {
    const n = BigInt('0x' + (v.toString('hex') || '0'));
    return `${pad(indent)}${label} ${n.toString()} (0x${n.toString(16)})\n`;
  }
  const withSign = v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v;
  return `${pad(indent)}${label}\n${hexRows(withSign, indent + 4, 15)}`;
}

// ---- public keys ------------------------------------------------------------------------------

/** The body under "Public Key Algorithm:" (also `-pubkey -text`, `rsa -pubin -text`). */
export function publicKeyText(key: PublicKey, indent: number): string {
  if (key.algorithm === 'ec') {
    const curve = key.curve();
    let out = `${pad(indent)}Public-Key: (${key.bits} bit)\n${pad(indent)}pub:\n${hexRows(key.subjectPublicKeyBytes, indent + 4, 15)}`;
    if (curve) out += `${pad(indent)}ASN1 OID: ${curve.name}\n${pad(indent)}NIST CURVE: ${curve.nist}\n`;
    return out;
  }
  const { modulus, exponent } = key.rsaComponents();
  return (
    `${pad(indent)}Public-Key: (${key.bits} bit)\n` +
    labeledBignum('Modulus:', modulus, indent) +
    `${pad(indent)}Exponent: ${exponent} (0x${exponent.toString(16)})\n`
  );
}

function publicKeyAlgorithmName(key: PublicKey): string {
  return key.algorithm === 'ec' ? 'id-ecPublicKey' : 'rsaEncryption';
}

/** `openssl rsa -text` / `openssl ec -text` / `openssl pkey -text` for a private key. */
export function privateKeyText(key: PrivateKey): string {
  if (key.algorithm === 'ec') {
    const pub = key.publicKey;
    const curve = pub.curve();
    let out = `Private-Key: (${pub.bits} bit)\npriv:\n${hexRows(key.ecPrivateScalar(), 4, 15)}pub:\n${hexRows(pub.subjectPublicKeyBytes, 4, 15)}`;
    if (curve) out += `ASN1 OID: ${curve.name}\nNIST CURVE: ${curve.nist}\n`;
    return out;
  }
  const c = key.rsaPrivateComponents();
  return (
    `Private-Key: (${key.bits} bit, 2 primes)\n` +
    labeledBignum('modulus:', c.n, 0) +
    labeledBignum('publicExponent:', c.e, 0) +
    labeledBignum('privateExponent:', c.d, 0) +
    labeledBignum('prime1:', c.p, 0) +
    labeledBignum('prime2:', c.q, 0) +
    labeledBignum('exponent1:', c.dp, 0) +
    labeledBignum('exponent2:', c.dq, 0) +
    labeledBignum('coefficient:', c.qi, 0)
  );
}

/** `openssl rsa -pubin -text`. */
export function rsaPublicKeyText(key: PublicKey): string {
  return publicKeyText(key, 0);
}

// ---- extensions -------------------------------------------------------------------------------

export function extensionName(oid: string): string {
  return EXTENSION_NAMES[oid] ?? oid;
}

export function generalNameText(n: GeneralName): string {
  switch (n.type) {
    case 'dns':
      return `DNS:${n.value}`;
    case 'email':
      return `email:${n.value}`;
    case 'uri':
      return `URI:${n.value}`;
    case 'ip':
      return `IP Address:${formatIpOpenssl(n.bytes)}`;
    case 'dirName':
      return `DirName:${formatSlashes(n.name)}`;
    case 'otherName':
      return `othername: ${n.oid}::${n.value}`;
    case 'other':
      return `othername:<unsupported>`;
  }
}

/** The value lines X509V3_EXT_print writes (without the header line). */
export function extensionValueLines(ext: Extension): string[] {
  try {
    switch (ext.oid) {
      case OID.keyUsage:
        return [decodeKeyUsage(ext.value).map((k) => KEY_USAGES.find((u) => u.short === k)!.long).join(', ')];
      case OID.extKeyUsage:
        return [decodeExtKeyUsage(ext.value).map((o) => EXT_KEY_USAGES.find((e) => e.oid === o)?.long ?? o).join(', ')];
      case OID.basicConstraints: {
        const bc = decodeBasicConstraints(ext.value);
        return [`CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLen !== undefined ? `, pathlen:${bc.pathLen}` : ''}`];
      }
      case OID.subjectKeyIdentifier:
        return [colonHex(decodeSubjectKeyIdentifier(ext.value))];
      case OID.authorityKeyIdentifier: {
        const aki = decodeAuthorityKeyIdentifier(ext.value);
        const hasMore = aki.issuer !== undefined || aki.serial !== undefined;
        const lines: string[] = [];
        if (aki.keyId) lines.push((hasMore ? 'keyid:' : '') + colonHex(aki.keyId));
        for (const n of aki.issuer ?? []) lines.push(generalNameText(n));
        if (aki.serial !== undefined) lines.push('serial:' + colonHex(serialBytes(aki.serial)));
        return lines;
      }
      case OID.subjectAltName:
      case OID.issuerAltName:
        return [decodeGeneralNames(ext.value).map(generalNameText).join(', ')];
      case OID.nsComment:
        return [decodeText(ext.value)];
      default:
        return unknownExtensionLines(ext.value);
    }
  } catch {
    return unknownExtensionLines(ext.value);
  }
}

function unknownExtensionLines(value: Buffer): string[] {
  // OpenSSL dumps unparseable extensions with BIO_dump; a hex rendering is close enough here.
  return [colonHex(value, false)];
}

function serialBytes(serial: bigint): Buffer {
  let hex = serial.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
}

/** One extension as `-text` and `-ext` print it: header at `indent`, values 4 deeper. */
export function extensionText(ext: Extension, indent: number): string {
  const header = `${pad(indent)}${extensionName(ext.oid)}: ${ext.critical ? 'critical' : ''}\n`;
  return header + extensionValueLines(ext).map((l) => `${pad(indent + 4)}${l}\n`).join('');
}

// ---- certificates and requests ------------------------------------------------------------------

/** X509_print_ex's serial: decimal with hex when it fits a long, else hex bytes on the next line. */
function serialText(serial: bigint): string {
  const negative = serial < 0n;
  const mag = negative ? -serial : serial;
  if (mag < 1n << 63n) {
    const sign = negative ? '-' : '';
    return ` ${sign}${mag} (${sign}0x${mag.toString(16)})\n`;
  }
  return `\n${pad(12)}${negative ? ' (Negative)' : ''}${colonHex(serialBytes(mag), false)}\n`;
}

export interface CertTextOptions {
  noPubkey?: boolean;
  noSigdump?: boolean;
  noExtensions?: boolean;
}

export function certificateText(cert: ParsedCert, opts: CertTextOptions = {}): string {
  let out = 'Certificate:\n    Data:\n';
  out += `        Version: ${cert.version} (0x${(cert.version - 1).toString(16)})\n`;
  out += `        Serial Number:${serialText(cert.serial)}`;
  out += `        Signature Algorithm: ${signatureAlgorithmName(cert.signatureAlgorithm)}\n`;
  out += `        Issuer: ${formatOneline(cert.issuer)}\n`;
  out += '        Validity\n';
  out += `            Not Before: ${opensslDate(cert.notBefore)}\n`;
  out += `            Not After : ${opensslDate(cert.notAfter)}\n`;
  out += `        Subject: ${formatOneline(cert.subject)}\n`;
  if (!opts.noPubkey) {
    out += '        Subject Public Key Info:\n';
    out += `            Public Key Algorithm: ${publicKeyAlgorithmName(cert.publicKey)}\n`;
    out += publicKeyText(cert.publicKey, 16);
  }
  if (!opts.noExtensions && cert.extensions.length > 0) {
    out += '        X509v3 extensions:\n';
    for (const ext of cert.extensions) out += extensionText(ext, 12);
  }
  if (!opts.noSigdump) {
    out += `    Signature Algorithm: ${signatureAlgorithmName(cert.signatureAlgorithm)}\n`;
    out += '    Signature Value:\n' + hexRows(cert.signature, 8, 18);
  }
  return out;
}

export function csrText(csr: ParsedCsr): string {
  let out = 'Certificate Request:\n    Data:\n';
  out += `        Version: ${csr.version} (0x${(csr.version - 1).toString(16)})\n`;
  out += `        Subject: ${formatOneline(csr.subject)}\n`;
  out += '        Subject Public Key Info:\n';
  out += `            Public Key Algorithm: ${publicKeyAlgorithmName(csr.publicKey)}\n`;
  out += publicKeyText(csr.publicKey, 16);
  out += '        Attributes:\n';
  if (csr.attributes.length === 0) out += `${pad(12)}(none)\n`;
  for (const attr of csr.attributes) {
    if (attr.oid === OID.extensionRequest) continue;
    const name = ATTRIBUTE_NAMES[attr.oid] ?? attr.oid;
    const value = attr.values[0] ? readString(fromDer(attr.values[0])) : '';
    out += `${pad(12)}${name.padEnd(25)}:${value}\n`;
  }
  // OpenSSL 3.0 prints this header even when the request carries no extensions.
  out += `${pad(12)}Requested Extensions:\n`;
  for (const ext of csr.extensions) out += extensionText(ext, 16);
  out += `    Signature Algorithm: ${signatureAlgorithmName(csr.signatureAlgorithm)}\n`;
  out += '    Signature Value:\n' + hexRows(csr.signature, 8, 18);
  return out;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.9.7': 'challengePassword',
  '1.2.840.113549.1.9.2': 'unstructuredName',
};

