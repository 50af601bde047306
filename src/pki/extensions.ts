/**
 * X.509 v3 extensions: encoders for the ones kubeadm, the CSR signer and OpenSSL write, and
 * decoders for everything kubedrill reads back. An extension's `value` is the DER inside extnValue.
 */
import {
  type Asn1,
  Tag,
  bitString,
  boolean,
  bytesOf,
  children,
  explicit,
  fromDer,
  implicit,
  implicitConstructed,
  integer,
  text,
  isContext,
  isUniversal,
  octetString,
  oid as oidNode,
  readBitString,
  readBoolean,
  readInteger,
  readOid,
  readString,
  seq,
  toDer,
  bytesToBigint,
  bigintToBytes,
} from './der.js';
import { type DistinguishedName, decodeName, encodeName } from './names.js';
import { KEY_USAGES, type KeyUsage, OID } from './oids.js';
import { parseIp } from './ip.js';

export interface Extension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

export type GeneralName =
  | { type: 'dns' | 'email' | 'uri'; value: string }
  | { type: 'ip'; bytes: Buffer }
  | { type: 'dirName'; name: DistinguishedName }
  | { type: 'otherName'; oid: string; value: string }
  | { type: 'other'; tag: number; bytes: Buffer };

// ---- encoders -------------------------------------------------------------------------------

export function basicConstraints(ca: boolean, pathLen?: number, critical = true): Extension {
  const items: Asn1[] = [];
  if (ca) items.push(boolean(true));
  if (pathLen !== undefined) items.push(integer(pathLen));
  return { oid: OID.basicConstraints, critical, value: toDer(seq(...items)) };
}

/** A minimal DER bit string: trailing zero bits are dropped, as Go and OpenSSL encode it. */
export function keyUsage(usages: readonly KeyUsage[], critical = true): Extension {
  let bits = 0;
  for (const u of usages) bits |= 1 << KEY_USAGES.findIndex((k) => k.short === u);
  const bytes = [0, 0];
  for (let i = 0; i < 9; i++) if (bits & (1 << i)) bytes[i >> 3]! |= 0x80 >> (i & 7);
  const used = bytes[1] ? 2 : bytes[0] ? 1 : 0;
  const buf = Buffer.from(bytes.slice(0, used));
  let unused = 0;
  if (used > 0) {
    const last = buf[used - 1]!;
    while (!(last & (1 << unused))) unused++;
  }
  return { oid: OID.keyUsage, critical, value: toDer(bitString(buf, unused)) };
}

export function extKeyUsage(oids: readonly string[], critical = false): Extension {
  return { oid: OID.extKeyUsage, critical, value: toDer(seq(...oids.map(oidNode))) };
}

export function subjectAltName(names: readonly GeneralName[], critical = false): Extension {
  return { oid: OID.subjectAltName, critical, value: toDer(seq(...names.map(encodeGeneralName))) };
}

export function subjectKeyIdentifier(id: Buffer): Extension {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: toDer(octetString(id)) };
}

export function authorityKeyIdentifier(id: Buffer | undefined, issuer?: DistinguishedName, serial?: bigint): Extension {
  const items: Asn1[] = [];
  if (id) items.push(implicit(0, id));
  // authorityCertIssuer is [1] IMPLICIT GeneralNames holding one directoryName, [4] EXPLICIT Name.
  if (issuer) items.push(explicit(1, explicit(4, encodeName(issuer))));
  if (serial !== undefined) items.push(implicit(2, bigintToBytes(serial)));
  return { oid: OID.authorityKeyIdentifier, critical: false, value: toDer(seq(...items)) };
}

export function dnsNames(values: readonly string[]): GeneralName[] {
  return values.map((value) => ({ type: 'dns' as const, value }));
}

export function ipNames(values: readonly string[]): GeneralName[] {
  return values.map((v) => {
    const bytes = parseIp(v);
    if (!bytes) throw new Error(`invalid IP address ${v}`);
    return { type: 'ip' as const, bytes };
  });
}

function encodeGeneralName(n: GeneralName): Asn1 {
  switch (n.type) {
    case 'email':
      return implicit(1, Buffer.from(n.value, 'latin1'));
    case 'dns':
      return implicit(2, Buffer.from(n.value, 'latin1'));
    case 'uri':
      return implicit(6, Buffer.from(n.value, 'latin1'));
    case 'ip':
      return implicit(7, n.bytes);
    case 'dirName':
      return explicit(4, encodeName(n.name));
    case 'otherName':
      return implicitConstructed(0, [oidNode(n.oid), explicit(0, text(Tag.UTF8, n.value))]);
    case 'other':
      return implicit(n.tag, n.bytes);
  }
}

export function encodeExtensions(list: readonly Extension[]): Asn1 {
  return seq(
    ...list.map((e) => seq(oidNode(e.oid), ...(e.critical ? [boolean(true)] : []), octetString(e.value))),
  );
}

// ---- decoders -------------------------------------------------------------------------------

export function decodeExtensions(node: Asn1): Extension[] {
  return children(node).map((ext) => {
    const parts = children(ext);
    const critical = parts.length === 3 && isUniversal(parts[1]!, Tag.BOOLEAN) ? readBoolean(parts[1]!) : false;
    return { oid: readOid(parts[0]!), critical, value: bytesOf(parts[parts.length - 1]!) };
  });
}

export function decodeBasicConstraints(value: Buffer): { ca: boolean; pathLen?: number } {
  const items = children(fromDer(value));
  let ca = false;
  let pathLen: number | undefined;
  for (const item of items) {
    if (isUniversal(item, Tag.BOOLEAN)) ca = readBoolean(item);
    else if (isUniversal(item, Tag.INTEGER)) pathLen = Number(readInteger(item));
  }
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

export function decodeKeyUsage(value: Buffer): KeyUsage[] {
  const { bytes } = readBitString(fromDer(value));
  const out: KeyUsage[] = [];
  KEY_USAGES.forEach((k, i) => {
    if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) out.push(k.short);
  });
  return out;
}

export function decodeExtKeyUsage(value: Buffer): string[] {
  return children(fromDer(value)).map(readOid);
}

export function decodeGeneralNames(value: Buffer): GeneralName[] {
  return children(fromDer(value)).map(decodeGeneralName);
}

function decodeGeneralName(node: Asn1): GeneralName {
  if (isContext(node, 1)) return { type: 'email', value: bytesOf(node).toString('latin1') };
  if (isContext(node, 2)) return { type: 'dns', value: bytesOf(node).toString('latin1') };
  if (isContext(node, 6)) return { type: 'uri', value: bytesOf(node).toString('latin1') };
  if (isContext(node, 7)) return { type: 'ip', bytes: bytesOf(node) };
  if (isContext(node, 4)) return { type: 'dirName', name: decodeName(children(node)[0]!) };
  if (isContext(node, 0) && Array.isArray(node.value)) {
    const [type, value] = children(node);
    const inner = value && Array.isArray(value.value) ? children(value)[0] : undefined;
    return { type: 'otherName', oid: readOid(type!), value: inner && typeof inner.value === 'string' ? readString(inner) : '' };
  }
  return { type: 'other', tag: node.type, bytes: typeof node.value === 'string' ? bytesOf(node) : Buffer.alloc(0) };
}

export function decodeSubjectKeyIdentifier(value: Buffer): Buffer {
  return bytesOf(fromDer(value));
}

export function decodeAuthorityKeyIdentifier(value: Buffer): { keyId?: Buffer; issuer?: GeneralName[]; serial?: bigint } {
  const out: { keyId?: Buffer; issuer?: GeneralName[]; serial?: bigint } = {};
  for (const item of children(fromDer(value))) {
    if (isContext(item, 0)) out.keyId = bytesOf(item);
    else if (isContext(item, 1)) out.issuer = children(item).map(decodeGeneralName);
    else if (isContext(item, 2)) out.serial = bytesToBigint(bytesOf(item));
  }
  return out;
}

/** A few free-text extensions OpenSSL can print (nsComment). */
export function decodeText(value: Buffer): string {
  return readString(fromDer(value));
}
