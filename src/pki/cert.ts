/**
 * Building and signing certificates. The TBSCertificate is assembled with forge's ASN.1 and signed
 * natively; `createGoCertificate` reproduces what Go's x509.CreateCertificate emits for a template
 * (kubeadm, the kubelet and the Kubernetes CSR signer all go through it), extension order included.
 */
import { bitString, explicit, integer, nullValue, oid, seq, time, tlv, toDer } from './der.js';
import {
  type Extension,
  type GeneralName,
  authorityKeyIdentifier,
  basicConstraints,
  encodeExtensions,
  extKeyUsage,
  keyUsage as keyUsageExt,
  subjectAltName,
  subjectKeyIdentifier,
} from './extensions.js';
import { parseIp } from './ip.js';
import type { PrivateKey, PublicKey } from './keys.js';
import { type DistinguishedName, encodeName } from './names.js';
import type { KeyUsage } from './oids.js';
import { ParsedCert } from './x509.js';

export interface TbsSpec {
  /** 3 unless asked otherwise; OpenSSL writes v1 when a certificate has no extensions. */
  version?: 1 | 3;
  serial: bigint;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notBefore: number;
  notAfter: number;
  publicKey: PublicKey;
  extensions: readonly Extension[];
}

/** A DER SEQUENCE of already-encoded elements. */
export function sequenceOf(elements: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(elements));
}

export function algorithmIdentifier(signatureOid: string) {
  // RSA signature algorithms carry an explicit NULL parameter; ECDSA ones carry none.
  return signatureOid.startsWith('1.2.840.113549.') ? seq(oid(signatureOid), nullValue()) : seq(oid(signatureOid));
}

export function signCertificate(spec: TbsSpec, signer: PrivateKey): ParsedCert {
  const alg = signer.signatureAlgorithm;
  const version = spec.version ?? 3;
  // Fields are built with forge; DER that already exists (the SPKI, the signed TBS) is spliced in.
  const tbsDer = sequenceOf([
    ...(version === 3 ? [toDer(explicit(0, integer(2)))] : []),
    toDer(integer(spec.serial)),
    toDer(algorithmIdentifier(alg)),
    toDer(encodeName(spec.issuer)),
    toDer(seq(time(spec.notBefore), time(spec.notAfter))),
    toDer(encodeName(spec.subject)),
    spec.publicKey.spkiDer,
    ...(spec.extensions.length > 0 ? [toDer(explicit(3, encodeExtensions(spec.extensions)))] : []),
  ]);
  const signature = signer.sign(tbsDer);
  return ParsedCert.fromTrustedDer(sequenceOf([tbsDer, toDer(algorithmIdentifier(alg)), toDer(bitString(signature))]));
}

// ---- Go's x509.CreateCertificate ---------------------------------------------------------------

export interface GoCertificateTemplate {
  serial: bigint;
  subject: DistinguishedName;
  notBefore: number;
  notAfter: number;
  publicKey: PublicKey;
  keyUsage: readonly KeyUsage[];
  extKeyUsage?: readonly string[];
  isCA: boolean;
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  emailAddresses?: readonly string[];
  uris?: readonly string[];
}

/** The issuing side: a parent certificate and its key, or a key signing its own template. */
export interface Issuer {
  cert?: ParsedCert;
  key: PrivateKey;
}

/**
 * Extensions in the order Go's buildCertExtensions writes them: keyUsage, extKeyUsage,
 * basicConstraints, subjectKeyId (generated for CAs), authorityKeyId (the parent's SKI, unless
 * self-signed), subjectAltName. BasicConstraintsValid is always set, as all callers here do.
 */
export function createGoCertificate(tpl: GoCertificateTemplate, issuer: Issuer): ParsedCert {
  const issuerName = issuer.cert?.subject ?? tpl.subject;
  const selfSigned = !issuer.cert;
  const extensions: Extension[] = [];
  if (tpl.keyUsage.length > 0) extensions.push(keyUsageExt(tpl.keyUsage));
  if (tpl.extKeyUsage && tpl.extKeyUsage.length > 0) extensions.push(extKeyUsage(tpl.extKeyUsage));
  extensions.push(basicConstraints(tpl.isCA));
  if (tpl.isCA) extensions.push(subjectKeyIdentifier(tpl.publicKey.keyId()));
  const parentSki = issuer.cert?.subjectKeyId;
  if (!selfSigned && parentSki) extensions.push(authorityKeyIdentifier(parentSki));
  const sans = goSubjectAltNames(tpl);
  if (sans.length > 0) extensions.push(subjectAltName(sans));
  return signCertificate(
    { serial: tpl.serial, subject: tpl.subject, issuer: issuerName, notBefore: tpl.notBefore, notAfter: tpl.notAfter, publicKey: tpl.publicKey, extensions },
    issuer.key,
  );
}

/** Go marshals SANs as DNS names, then emails, then IPs, then URIs. */
function goSubjectAltNames(tpl: GoCertificateTemplate): GeneralName[] {
  const out: GeneralName[] = [];
  for (const value of tpl.dnsNames ?? []) out.push({ type: 'dns', value });
  for (const value of tpl.emailAddresses ?? []) out.push({ type: 'email', value });
  for (const ip of tpl.ipAddresses ?? []) {
    const bytes = parseIp(ip);
    if (!bytes) throw new Error(`invalid IP address ${ip}`);
    // Go stores IPv4 addresses in 4 bytes even when they came in 16-byte form.
    out.push({ type: 'ip', bytes: bytes.length === 16 && isV4Mapped(bytes) ? bytes.subarray(12) : bytes });
  }
  for (const value of tpl.uris ?? []) out.push({ type: 'uri', value });
  return out;
}

function isV4Mapped(b: Buffer): boolean {
  return b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}


