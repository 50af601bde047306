/**
 * PKCS#10 certificate signing requests: creating them (kubeadm, the kubelet, `openssl req`),
 * reading them (the CertificateSigningRequest API, `openssl req -text`), and signing them the way
 * kube-controller-manager's signers do.
 */
import type { Rng } from '../util/rng.js';
import { algorithmIdentifier, createGoCertificate, sequenceOf } from './cert.js';
import {
  bitString,
  children,
  fromDer,
  implicitConstructed,
  integer,
  isContext,
  oid as oidNode,
  rawChildren,
  readBitString,
  readInteger,
  readOid,
  seq,
  set,
  toDer,
} from './der.js';
import {
  type Extension,
  decodeExtensions,
  encodeExtensions,
} from './extensions.js';
import { ExtensionView } from './extension-view.js';
import { type PrivateKey, PublicKey } from './keys.js';
import { ATTR, type DistinguishedName, attributeValues, decodeName, encodeName, goNameFromDn } from './names.js';
import { type KeyUsage, OID, SIGNATURE_HASHES } from './oids.js';
import { decodePemBlocks, encodePem } from './pem.js';
import { csrSignerSerial } from './serial.js';
import type { ParsedCert } from './x509.js';

export class CsrParseError extends Error {}

export interface CsrAttribute {
  oid: string;
  /** DER of each value in the attribute's SET. */
  values: Buffer[];
}

export class ParsedCsr extends ExtensionView {
  readonly der: Buffer;
  readonly infoDer: Buffer;
  readonly version: number;
  readonly subject: DistinguishedName;
  readonly spkiDer: Buffer;
  readonly attributes: readonly CsrAttribute[];
  readonly extensions: readonly Extension[];
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
  private pub?: PublicKey;

  private constructor(der: Buffer) {
    super();
    this.der = der;
    const [infoRaw] = rawChildren(der);
    this.infoDer = infoRaw!;
    const [info, alg, sig] = children(fromDer(der));
    this.signatureAlgorithm = readOid(children(alg!)[0]!);
    this.signature = readBitString(sig!).bytes;
    const fields = children(info!);
    this.version = Number(readInteger(fields[0]!)) + 1;
    this.subject = decodeName(fields[1]!);
    this.spkiDer = rawChildren(this.infoDer)[2]!;
    const attrNode = fields.find((f) => isContext(f, 0));
    this.attributes = attrNode
      ? children(attrNode).map((a) => {
          const [type, values] = children(a);
          return { oid: readOid(type!), values: children(values!).map(toDer) };
        })
      : [];
    const extReq = this.attributes.find((a) => a.oid === OID.extensionRequest);
    this.extensions = extReq?.values[0] ? decodeExtensions(fromDer(extReq.values[0])) : [];
  }

  /** Parses PEM (CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST) or DER. Throws CsrParseError. */
  static parse(input: string | Buffer): ParsedCsr {
    let der: Buffer;
    if (typeof input === 'string') {
      const block = decodePemBlocks(input).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
      if (!block) throw new CsrParseError('no CERTIFICATE REQUEST block');
      der = block.der;
    } else der = input;
    try {
      return new ParsedCsr(der);
    } catch (e) {
      throw new CsrParseError(`malformed certificate request: ${(e as Error).message}`);
    }
  }

  get pem(): string {
    return encodePem('CERTIFICATE REQUEST', this.der);
  }

  get publicKey(): PublicKey {
    return (this.pub ??= PublicKey.fromSpkiDer(this.spkiDer));
  }

  /** Checks the request's self-signature (proof of possession of the key). */
  verifySignature(): boolean {
    const hash = SIGNATURE_HASHES[this.signatureAlgorithm];
    if (hash === undefined) return false;
    try {
      return this.publicKey.verify(hash, this.infoDer, this.signature);
    } catch {
      return false;
    }
  }

  get commonName(): string {
    return attributeValues(this.subject, ATTR.CN).at(-1) ?? '';
  }

  get organizations(): string[] {
    return attributeValues(this.subject, ATTR.O);
  }

}

export interface CsrSpec {
  key: PrivateKey;
  subject: DistinguishedName;
  extensions?: readonly Extension[];
}

/** Builds and self-signs a PKCS#10 request (attributes empty unless extensions are requested). */
export function createCsr(spec: CsrSpec): ParsedCsr {
  const attrs = spec.extensions && spec.extensions.length > 0
    ? [seq(oidNode(OID.extensionRequest), set(encodeExtensions(spec.extensions)))]
    : [];
  const infoDer = sequenceOf([toDer(integer(0)), toDer(encodeName(spec.subject)), spec.key.publicKey.spkiDer, toDer(implicitConstructed(0, attrs))]);
  const alg = spec.key.signatureAlgorithm;
  return ParsedCsr.parse(sequenceOf([infoDer, toDer(algorithmIdentifier(alg)), toDer(bitString(spec.key.sign(infoDer)))]));
}

// ---- the Kubernetes signers -------------------------------------------------------------------

const KEY_USAGE_STRINGS: Record<string, KeyUsage> = {
  signing: 'digitalSignature',
  'digital signature': 'digitalSignature',
  'content commitment': 'nonRepudiation',
  'key encipherment': 'keyEncipherment',
  'key agreement': 'keyAgreement',
  'data encipherment': 'dataEncipherment',
  'cert sign': 'keyCertSign',
  'crl sign': 'cRLSign',
  'encipher only': 'encipherOnly',
  'decipher only': 'decipherOnly',
};

/** certificates.k8s.io usages that are extended key usages, in Go's ExtKeyUsage enum order. */
const EXT_USAGE_STRINGS: [string, string][] = [
  ['any', '2.5.29.37.0'],
  ['server auth', '1.3.6.1.5.5.7.3.1'],
  ['client auth', '1.3.6.1.5.5.7.3.2'],
  ['code signing', '1.3.6.1.5.5.7.3.3'],
  ['email protection', '1.3.6.1.5.5.7.3.4'],
  ['s/mime', '1.3.6.1.5.5.7.3.4'],
  ['ipsec end system', '1.3.6.1.5.5.7.3.5'],
  ['ipsec tunnel', '1.3.6.1.5.5.7.3.6'],
  ['ipsec user', '1.3.6.1.5.5.7.3.7'],
  ['timestamping', '1.3.6.1.5.5.7.3.8'],
  ['ocsp signing', '1.3.6.1.5.5.7.3.9'],
  ['microsoft sgc', '1.3.6.1.4.1.311.10.3.3'],
  ['netscape sgc', '2.16.840.1.113730.4.1'],
];

/** keyUsagesFromStrings: CSR `spec.usages` to key usages and sorted, de-duplicated EKU OIDs. */
export function kubernetesUsages(usages: readonly string[]): { keyUsage: KeyUsage[]; extKeyUsage: string[] } {
  const keyUsage = new Set<KeyUsage>();
  const ext = new Set<string>();
  const unrecognized: string[] = [];
  for (const u of usages) {
    const ku = KEY_USAGE_STRINGS[u];
    const eku = EXT_USAGE_STRINGS.find(([name]) => name === u)?.[1];
    if (ku) keyUsage.add(ku);
    else if (eku) ext.add(eku);
    else unrecognized.push(u);
  }
  if (unrecognized.length > 0) throw new Error(`unrecognized usage values: [${unrecognized.map((u) => JSON.stringify(u)).join(' ')}]`);
  const order = EXT_USAGE_STRINGS.map(([, o]) => o);
  return { keyUsage: [...keyUsage], extKeyUsage: [...ext].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}

export interface KubernetesSignOptions {
  /** certificates.k8s.io usages ("digital signature", "client auth", ...). */
  usages: readonly string[];
  now: number;
  /** spec.expirationSeconds capped by --cluster-signing-duration; default one year. */
  durationMs?: number;
  rng: Rng;
}

const BACKDATE_MS = 5 * 60_000;
const SHORT_MS = 8 * 3600_000;
const YEAR_MS = 365 * 24 * 3600_000;

/**
 * kube-controller-manager's CSR signing (pkg/controller/certificates/authority): subject and SANs
 * from the request (the subject re-marshalled as Go's pkix.Name), usages from the CSR object,
 * NotBefore backdated 5 minutes, NotAfter capped at the CA's, a 128-bit random serial.
 */
export function signCsrAsKubernetes(csr: ParsedCsr, ca: { cert: ParsedCert; key: PrivateKey }, opts: KubernetesSignOptions): ParsedCert {
  if (!csr.verifySignature()) throw new Error('unable to verify certificate request signature: crypto/rsa: verification error');
  const { keyUsage, extKeyUsage } = kubernetesUsages(opts.usages);
  const ttl = opts.durationMs ?? YEAR_MS;
  const notBefore = opts.now - BACKDATE_MS;
  let notAfter = ttl < SHORT_MS ? opts.now + ttl : opts.now + ttl - BACKDATE_MS;
  if (notAfter >= ca.cert.notAfter) notAfter = ca.cert.notAfter;
  if (opts.now >= ca.cert.notAfter) throw new Error(`refusing to sign a certificate that expired in the past: NotAfter=${new Date(ca.cert.notAfter).toISOString()}`);
  return createGoCertificate(
    {
      serial: csrSignerSerial(opts.rng),
      subject: goNameFromDn(csr.subject),
      notBefore,
      notAfter,
      publicKey: csr.publicKey,
      keyUsage,
      extKeyUsage,
      isCA: false,
      dnsNames: csr.dnsNames,
      ipAddresses: csr.ipAddresses,
      emailAddresses: csr.emailAddresses,
      uris: csr.uris,
    },
    ca,
  );
}

