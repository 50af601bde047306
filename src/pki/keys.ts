/**
 * Private and public keys. Node's native crypto holds the key material and does the expensive
 * operations (a sign costs ~0.25 ms natively against ~50 ms in pure JS); this module adds the PEM
 * forms kubeadm and OpenSSL write and the facts `openssl -text` prints.
 *
 * Keys drawn from the bootstrap pool stay as DER until something needs a KeyObject: most cluster
 * keys are only written to disk and put into certificates, and their public halves are sliced out
 * of the DER, so bootstrapping a cluster parses only the keys that sign.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { decodePemBlocks, encodePem } from './pem.js';
import { CURVES, OID } from './oids.js';
import { children, fromDer, rawChildren, readOid, tlv, tlvContent, toDer, oid as oidNode, nullValue, seq } from './der.js';

export type KeyAlgorithm = 'rsa' | 'ec';

export class KeyError extends Error {}

const RSA_ALGORITHM_ID = toDer(seq(oidNode(OID.rsaEncryption), nullValue()));
const EC_PUBLIC_KEY_OID = toDer(oidNode(OID.ecPublicKey));

export class PublicKey {
  private ko?: KeyObject;
  private spki?: Buffer;

  constructor(keyObject?: KeyObject, spkiDer?: Buffer) {
    if (!keyObject && !spkiDer) throw new KeyError('a public key needs a KeyObject or its DER');
    this.ko = keyObject;
    this.spki = spkiDer;
  }

  static fromSpkiDer(der: Buffer): PublicKey {
    return new PublicKey(undefined, der);
  }

  get keyObject(): KeyObject {
    return (this.ko ??= createPublicKey({ key: this.spki!, format: 'der', type: 'spki' }));
  }

  get algorithm(): KeyAlgorithm {
    const [alg] = rawChildren(this.spkiDer);
    return rawChildren(alg!)[0]!.equals(EC_PUBLIC_KEY_OID) ? 'ec' : 'rsa';
  }

  get bits(): number {
    const d = this.keyObject.asymmetricKeyDetails;
    if (d?.modulusLength) return d.modulusLength;
    return this.curve()?.bits ?? 0;
  }

  /** SubjectPublicKeyInfo DER, as embedded in certificates and CSRs. */
  get spkiDer(): Buffer {
    return (this.spki ??= this.keyObject.export({ type: 'spki', format: 'der' }));
  }

  get pem(): string {
    return encodePem('PUBLIC KEY', this.spkiDer);
  }

  /** The subjectPublicKey BIT STRING contents (PKCS#1 RSAPublicKey, or the EC point). */
  get subjectPublicKeyBytes(): Buffer {
    return tlvContent(rawChildren(this.spkiDer)[1]!).subarray(1);
  }

  /** RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey bits (Go and OpenSSL). */
  keyId(): Buffer {
    return createHash('sha1').update(this.subjectPublicKeyBytes).digest();
  }

  /** RSA modulus and exponent as `openssl -text` shows them. */
  rsaComponents(): { modulus: Buffer; exponent: bigint } {
    const jwk = this.keyObject.export({ format: 'jwk' });
    return { modulus: Buffer.from(jwk.n!, 'base64url'), exponent: BigInt('0x' + Buffer.from(jwk.e!, 'base64url').toString('hex')) };
  }

  curve(): { name: string; nist: string; bits: number } | undefined {
    const [alg] = children(fromDer(this.spkiDer));
    const params = children(alg!)[1];
    return params ? CURVES[readOid(params)] : undefined;
  }

  equals(other: PublicKey): boolean {
    return this.spkiDer.equals(other.spkiDer);
  }

  verify(hash: string | null, data: Buffer, signature: Buffer): boolean {
    try {
      return verify(hash, data, this.keyObject, signature);
    } catch {
      return false;
    }
  }
}

type Traditional = { label: 'RSA PRIVATE KEY' | 'EC PRIVATE KEY'; der: Buffer };

export class PrivateKey {
  private ko?: KeyObject;
  private pub?: PublicKey;
  private traditional?: Traditional;

  constructor(keyObject: KeyObject) {
    this.ko = keyObject;
  }

  /** Reads PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) or PKCS#8 (PRIVATE KEY) PEM. */
  static fromPem(pem: string): PrivateKey {
    const block = decodePemBlocks(pem).find((b) => /PRIVATE KEY$/.test(b.label));
    if (!block) throw new KeyError('no private key found');
    return PrivateKey.fromBlock(block.label, block.der);
  }

  /** Parses and validates a key block now (files a user hands to a command). */
  static fromBlock(label: string, der: Buffer): PrivateKey {
    const type = label === 'RSA PRIVATE KEY' ? 'pkcs1' : label === 'EC PRIVATE KEY' ? 'sec1' : label === 'PRIVATE KEY' ? 'pkcs8' : undefined;
    if (!type || der.length === 0) throw new KeyError(`unsupported key block ${label}`);
    try {
      return new PrivateKey(createPrivateKey({ key: der, format: 'der', type }));
    } catch (e) {
      throw new KeyError((e as Error).message);
    }
  }

  /** A trusted traditional DER (the committed pool), parsed only when the key has to sign. */
  static fromTrustedDer(label: Traditional['label'], der: Buffer): PrivateKey {
    const key = Object.create(PrivateKey.prototype) as PrivateKey;
    key.traditional = { label, der };
    return key;
  }

  get keyObject(): KeyObject {
    if (!this.ko) {
      const t = this.traditional!;
      this.ko = createPrivateKey({ key: t.der, format: 'der', type: t.label === 'RSA PRIVATE KEY' ? 'pkcs1' : 'sec1' });
    }
    return this.ko;
  }

  get algorithm(): KeyAlgorithm {
    if (this.traditional) return this.traditional.label === 'EC PRIVATE KEY' ? 'ec' : 'rsa';
    return this.keyObject.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  }

  get bits(): number {
    return this.publicKey.bits;
  }

  get publicKey(): PublicKey {
    if (!this.pub) {
      const spki = this.traditional ? spkiFromTraditional(this.traditional) : undefined;
      this.pub = spki ? PublicKey.fromSpkiDer(spki) : new PublicKey(createPublicKey(this.keyObject));
    }
    return this.pub;
  }

  /** The "traditional" form kubeadm and the kubelet write: RSA PRIVATE KEY or EC PRIVATE KEY. */
  toTraditionalPem(): string {
    if (this.traditional) return encodePem(this.traditional.label, this.traditional.der);
    if (this.algorithm === 'ec') return encodePem('EC PRIVATE KEY', this.keyObject.export({ type: 'sec1', format: 'der' }));
    return encodePem('RSA PRIVATE KEY', this.keyObject.export({ type: 'pkcs1', format: 'der' }));
  }

  /** PKCS#8 (PRIVATE KEY), what OpenSSL 3 writes by default. */
  toPkcs8Pem(): string {
    return encodePem('PRIVATE KEY', this.keyObject.export({ type: 'pkcs8', format: 'der' }));
  }

  /** The signature algorithm Go and OpenSSL pick for this key with SHA-256. */
  get signatureAlgorithm(): string {
    return this.algorithm === 'ec' ? OID.ecdsaWithSHA256 : OID.sha256WithRSAEncryption;
  }

  sign(data: Buffer): Buffer {
    return sign('sha256', data, this.keyObject);
  }

  /** RSA private components for `openssl rsa -text`. */
  rsaPrivateComponents(): Record<'n' | 'e' | 'd' | 'p' | 'q' | 'dp' | 'dq' | 'qi', Buffer> {
    const jwk = this.keyObject.export({ format: 'jwk' });
    const b = (v: string | undefined) => Buffer.from(v ?? '', 'base64url');
    return { n: b(jwk.n), e: b(jwk.e), d: b(jwk.d), p: b(jwk.p), q: b(jwk.q), dp: b(jwk.dp), dq: b(jwk.dq), qi: b(jwk.qi) };
  }

  /** EC private scalar for `openssl ec -text`. */
  ecPrivateScalar(): Buffer {
    return Buffer.from(this.keyObject.export({ format: 'jwk' }).d ?? '', 'base64url');
  }

  matches(pub: PublicKey): boolean {
    return this.publicKey.equals(pub);
  }
}

/**
 * SubjectPublicKeyInfo sliced out of a traditional private key: PKCS#1 holds n and e,
 * SEC1 holds the curve and the public point.
 */
function spkiFromTraditional(t: Traditional): Buffer | undefined {
  const parts = rawChildren(t.der);
  if (t.label === 'RSA PRIVATE KEY') {
    const rsaPublicKey = tlv(0x30, Buffer.concat([parts[1]!, parts[2]!]));
    return tlv(0x30, Buffer.concat([RSA_ALGORITHM_ID, tlv(0x03, Buffer.concat([Buffer.from([0]), rsaPublicKey]))]));
  }
  const params = parts.find((p) => p[0] === 0xa0);
  const pub = parts.find((p) => p[0] === 0xa1);
  if (!params || !pub) return undefined;
  return tlv(0x30, Buffer.concat([tlv(0x30, Buffer.concat([EC_PUBLIC_KEY_OID, tlvContent(params)])), tlvContent(pub)]));
}

/** A brand-new RSA key: only for commands a candidate runs (`openssl genrsa`), ~100-150 ms. */
export function generateRsaKey(bits = 2048): PrivateKey {
  return new PrivateKey(generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 }).privateKey);
}

export function generateEcKey(curve = 'prime256v1'): PrivateKey {
  return new PrivateKey(generateKeyPairSync('ec', { namedCurve: curve }).privateKey);
}
