/**
 * A parsed X.509 certificate: the fields kubedrill's apiserver, kubelet, graders and `openssl`
 * read, decoded once from real DER.
 */
import { createHash } from 'node:crypto';
import {
  children,
  fromDer,
  isContext,
  rawChildren,
  readBitString,
  readInteger,
  readOid,
  readTime,
} from './der.js';
import {
  type Extension,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtensions,
  decodeSubjectKeyIdentifier,
} from './extensions.js';
import { ExtensionView } from './extension-view.js';
import { PublicKey } from './keys.js';
import { ATTR, type DistinguishedName, attributeValues, decodeName } from './names.js';
import { OID, SIGNATURE_HASHES } from './oids.js';
import { decodePemBlocks, encodePem } from './pem.js';

export class CertParseError extends Error {}

interface CertFields {
  tbsDer: Buffer;
  version: number;
  serial: bigint;
  signatureAlgorithm: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  issuerDer: Buffer;
  subjectDer: Buffer;
  notBefore: number;
  notAfter: number;
  spkiDer: Buffer;
  extensions: readonly Extension[];
  signature: Buffer;
}

function decodeCertificate(der: Buffer): CertFields {
  const [tbsRaw, , sigRaw] = rawChildren(der);
  if (!tbsRaw || !sigRaw) throw new CertParseError('not a certificate');
  const root = fromDer(der);
  const [tbs, sigAlg, sig] = children(root);
  const fields = children(tbs!);
  const tbsRawFields = rawChildren(tbsRaw);
  let i = 0;
  let version = 1;
  if (isContext(fields[0]!, 0)) {
    version = Number(readInteger(children(fields[0]!)[0]!)) + 1;
    i = 1;
  }
  const validity = children(fields[i + 3]!);
  const extNode = fields.slice(i + 6).find((f) => isContext(f, 3));
  return {
    tbsDer: tbsRaw,
    version,
    serial: readInteger(fields[i]!),
    signatureAlgorithm: readOid(children(sigAlg!)[0]!),
    issuer: decodeName(fields[i + 2]!),
    issuerDer: tbsRawFields[i + 2]!,
    notBefore: readTime(validity[0]!),
    notAfter: readTime(validity[1]!),
    subject: decodeName(fields[i + 4]!),
    subjectDer: tbsRawFields[i + 4]!,
    spkiDer: tbsRawFields[i + 5]!,
    extensions: extNode ? decodeExtensions(children(extNode)[0]!) : [],
    signature: readBitString(sig!).bytes,
  };
}

/**
 * Fields are decoded on first use: certificates kubedrill has just signed are mostly only written
 * to disk, and decoding them all would double the cost of bootstrapping a cluster's PKI.
 */
export class ParsedCert extends ExtensionView {
  readonly der: Buffer;
  private decoded?: CertFields;
  private pub?: PublicKey;

  private constructor(der: Buffer, eager: boolean) {
    super();
    this.der = der;
    if (eager) this.decoded = decodeCertificate(der);
  }

  /** A certificate kubedrill just built: its fields are decoded only when read. */
  static fromTrustedDer(der: Buffer): ParsedCert {
    return new ParsedCert(der, false);
  }

  private get f(): CertFields {
    return (this.decoded ??= decodeCertificate(this.der));
  }

  get tbsDer(): Buffer {
    return this.f.tbsDer;
  }
  get version(): number {
    return this.f.version;
  }
  get serial(): bigint {
    return this.f.serial;
  }
  get signatureAlgorithm(): string {
    return this.f.signatureAlgorithm;
  }
  get issuer(): DistinguishedName {
    return this.f.issuer;
  }
  get subject(): DistinguishedName {
    return this.f.subject;
  }
  get issuerDer(): Buffer {
    return this.f.issuerDer;
  }
  get subjectDer(): Buffer {
    return this.f.subjectDer;
  }
  get notBefore(): number {
    return this.f.notBefore;
  }
  get notAfter(): number {
    return this.f.notAfter;
  }
  get spkiDer(): Buffer {
    return this.f.spkiDer;
  }
  get extensions(): readonly Extension[] {
    return this.f.extensions;
  }
  get signature(): Buffer {
    return this.f.signature;
  }

  /** Parses PEM (the first CERTIFICATE block) or DER. Throws CertParseError. */
  static parse(input: string | Buffer): ParsedCert {
    let der: Buffer;
    if (typeof input === 'string') {
      const block = decodePemBlocks(input).find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
      if (!block) throw new CertParseError('no CERTIFICATE block');
      der = block.der;
    } else der = input;
    try {
      return new ParsedCert(der, true);
    } catch (e) {
      if (e instanceof CertParseError) throw e;
      throw new CertParseError(`malformed certificate: ${(e as Error).message}`);
    }
  }

  get pem(): string {
    return encodePem('CERTIFICATE', this.der);
  }

  get publicKey(): PublicKey {
    return (this.pub ??= PublicKey.fromSpkiDer(this.spkiDer));
  }

  /** Go's Subject.CommonName: the last CN attribute. */
  get commonName(): string {
    return attributeValues(this.subject, ATTR.CN).at(-1) ?? '';
  }

  get organizations(): string[] {
    return attributeValues(this.subject, ATTR.O);
  }

  get issuerCommonName(): string {
    return attributeValues(this.issuer, ATTR.CN).at(-1) ?? '';
  }


  get basicConstraints(): { ca: boolean; pathLen?: number } | undefined {
    const ext = this.extension(OID.basicConstraints);
    return ext ? decodeBasicConstraints(ext.value) : undefined;
  }

  get isCA(): boolean {
    return this.basicConstraints?.ca ?? false;
  }

  get subjectKeyId(): Buffer | undefined {
    const ext = this.extension(OID.subjectKeyIdentifier);
    return ext ? decodeSubjectKeyIdentifier(ext.value) : undefined;
  }

  get authorityKeyId(): Buffer | undefined {
    const ext = this.extension(OID.authorityKeyIdentifier);
    return ext ? decodeAuthorityKeyIdentifier(ext.value).keyId : undefined;
  }

  get isSelfIssued(): boolean {
    return this.issuerDer.equals(this.subjectDer);
  }

  /** Colon-separated upper-case hex digest of the DER, as `openssl x509 -fingerprint` prints. */
  fingerprint(algorithm: 'sha1' | 'sha256' | 'sha512' | 'md5' = 'sha256'): string {
    return colonHex(createHash(algorithm).update(this.der).digest());
  }

  /** Does `signer`'s key verify this certificate's signature? */
  isSignedBy(signer: PublicKey): boolean {
    const hash = SIGNATURE_HASHES[this.signatureAlgorithm];
    if (hash === undefined) return false;
    return signer.verify(hash, this.tbsDer, this.signature);
  }

  validAt(nowMs: number): boolean {
    return nowMs >= this.notBefore && nowMs <= this.notAfter;
  }
}

export function colonHex(bytes: Buffer, upper = true): string {
  const hex = bytes.toString('hex');
  return (upper ? hex.toUpperCase() : hex).replace(/(..)(?!$)/g, '$1:');
}

/** Every certificate in a PEM bundle (kubelet.crt holds the leaf, then its CA). */
export function parseCertificates(pem: string): ParsedCert[] {
  return decodePemBlocks(pem)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => ParsedCert.parse(b.der));
}

/** Parses with a small cache: the apiserver verifies the same client certificate on every request. */
const cache = new Map<string, ParsedCert>();
export function parseCertificateCached(pem: string): ParsedCert {
  let cert = cache.get(pem);
  if (!cert) {
    cert = ParsedCert.parse(pem);
    if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    cache.set(pem, cert);
  }
  return cert;
}
