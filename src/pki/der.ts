/**
 * DER building and reading on top of node-forge's ASN.1 module. forge works on "binary strings"
 * (one char per byte); this module converts at the edges so the rest of the PKI code sees Buffers.
 */
import asn1 from 'node-forge/lib/asn1.js';
import type { asn1 as Asn1Types } from 'node-forge';

export type Asn1 = Asn1Types.Asn1;

const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
export const Tag = asn1.Type;

// ---- building ---------------------------------------------------------------------------------

export function seq(...items: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, Tag.SEQUENCE, true, items);
}

export function set(...items: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, Tag.SET, true, items);
}

export function oid(dotted: string): Asn1 {
  return asn1.create(UNIVERSAL, Tag.OID, false, asn1.oidToDer(dotted).getBytes());
}

export function integer(value: bigint | number): Asn1 {
  return asn1.create(UNIVERSAL, Tag.INTEGER, false, bigintToBytes(BigInt(value)).toString('binary'));
}

export function boolean(value: boolean): Asn1 {
  return asn1.create(UNIVERSAL, Tag.BOOLEAN, false, value ? '\xff' : '\x00');
}

export function nullValue(): Asn1 {
  return asn1.create(UNIVERSAL, Tag.NULL, false, '');
}

export function octetString(bytes: Buffer): Asn1 {
  return asn1.create(UNIVERSAL, Tag.OCTETSTRING, false, bytes.toString('binary'));
}

export function bitString(bytes: Buffer, unusedBits = 0): Asn1 {
  return asn1.create(UNIVERSAL, Tag.BITSTRING, false, String.fromCharCode(unusedBits) + bytes.toString('binary'));
}

/** A string of the given universal type; UTF8String contents are UTF-8 encoded. */
export function text(tag: number, value: string): Asn1 {
  const bytes = tag === Tag.UTF8 ? Buffer.from(value, 'utf8').toString('binary') : value;
  return asn1.create(UNIVERSAL, tag, false, bytes);
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050 (Go and OpenSSL both do this). */
export function time(ms: number): Asn1 {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const year = d.getUTCFullYear();
  const rest = [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join('');
  if (year >= 1950 && year < 2050) return asn1.create(UNIVERSAL, Tag.UTCTIME, false, String(year % 100).padStart(2, '0') + rest + 'Z');
  return asn1.create(UNIVERSAL, Tag.GENERALIZEDTIME, false, String(year).padStart(4, '0') + rest + 'Z');
}

/** [n] EXPLICIT wrapper. */
export function explicit(n: number, inner: Asn1): Asn1 {
  return asn1.create(CONTEXT, n, true, [inner]);
}

/** [n] IMPLICIT primitive value. */
export function implicit(n: number, bytes: Buffer): Asn1 {
  return asn1.create(CONTEXT, n, false, bytes.toString('binary'));
}

/** [n] IMPLICIT constructed value (e.g. a SEQUENCE retagged). */
export function implicitConstructed(n: number, items: Asn1[]): Asn1 {
  return asn1.create(CONTEXT, n, true, items);
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export function fromDer(der: Buffer): Asn1 {
  return asn1.fromDer(der.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

/** Embeds already-encoded DER (a SubjectPublicKeyInfo from node's crypto, say) as a node. */
export function raw(der: Buffer): Asn1 {
  return fromDer(der);
}

// ---- reading ---------------------------------------------------------------------------------

export class DerError extends Error {}

export function children(node: Asn1): Asn1[] {
  if (!Array.isArray(node.value)) throw new DerError('expected a constructed value');
  return node.value;
}

export function bytesOf(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new DerError('expected a primitive value');
  return Buffer.from(node.value, 'binary');
}

export function isContext(node: Asn1, n: number): boolean {
  return node.tagClass === CONTEXT && node.type === n;
}

export function isUniversal(node: Asn1, tag: number): boolean {
  return node.tagClass === UNIVERSAL && node.type === tag;
}

export function readOid(node: Asn1): string {
  if (!isUniversal(node, Tag.OID)) throw new DerError('expected an OBJECT IDENTIFIER');
  return asn1.derToOid(node.value as string);
}

export function readInteger(node: Asn1): bigint {
  if (!isUniversal(node, Tag.INTEGER)) throw new DerError('expected an INTEGER');
  return bytesToBigint(bytesOf(node));
}

export function readBoolean(node: Asn1): boolean {
  return bytesOf(node)[0] !== 0;
}

/** BIT STRING contents without the unused-bits byte, and that count. */
export function readBitString(node: Asn1): { bytes: Buffer; unusedBits: number } {
  const all = bytesOf(node);
  return { bytes: all.subarray(1), unusedBits: all[0] ?? 0 };
}

export function readString(node: Asn1): string {
  const bytes = bytesOf(node);
  if (node.type === Tag.UTF8) return bytes.toString('utf8');
  if (node.type === Tag.BMPSTRING) return bytes.swap16().toString('utf16le');
  return bytes.toString('latin1');
}

export function readTime(node: Asn1): number {
  const s = node.value as string;
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
  if (!m) throw new DerError(`bad time ${s}`);
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

// ---- integers --------------------------------------------------------------------------------

/** Minimal two's-complement big-endian bytes, as DER INTEGER contents. */
export function bigintToBytes(value: bigint): Buffer {
  if (value >= 0n) {
    let hex = value.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
    return Buffer.from(hex, 'hex');
  }
  let len = 1;
  while (-(1n << BigInt(8 * len - 1)) > value) len++;
  const twos = (1n << BigInt(8 * len)) + value;
  return Buffer.from(twos.toString(16).padStart(len * 2, '0'), 'hex');
}

export function bytesToBigint(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  const n = BigInt('0x' + bytes.toString('hex'));
  return bytes[0]! & 0x80 ? n - (1n << BigInt(bytes.length * 8)) : n;
}

// ---- raw TLV slicing and assembly ------------------------------------------------------------

/** One DER element from a tag byte and its contents (lengths in short or long form). */
export function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let header: number[];
  if (n < 0x80) header = [tag, n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

/** The contents of one DER element (without its tag and length). */
export function tlvContent(element: Buffer): Buffer {
  const h = readHeader(element, 0);
  return element.subarray(h.contentStart, h.contentStart + h.length);
}

/**
 * The raw encodings of the elements inside a constructed DER value. Signatures cover the exact
 * bytes of the TBSCertificate / CertificationRequestInfo, so those are sliced, not re-encoded.
 */
export function rawChildren(der: Buffer): Buffer[] {
  const outer = readHeader(der, 0);
  const out: Buffer[] = [];
  let pos = outer.contentStart;
  const end = outer.contentStart + outer.length;
  while (pos < end) {
    const h = readHeader(der, pos);
    const next = h.contentStart + h.length;
    out.push(der.subarray(pos, next));
    pos = next;
  }
  return out;
}

function readHeader(der: Buffer, pos: number): { contentStart: number; length: number } {
  if (pos + 2 > der.length) throw new DerError('truncated DER');
  let p = pos + 1;
  const first = der[p++]!;
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[p++]!;
  }
  if (p + length > der.length) throw new DerError('truncated DER');
  return { contentStart: p, length };
}
