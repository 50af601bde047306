/**
 * X.501 distinguished names: encoding, decoding, OpenSSL's `-subj` syntax and its printed forms,
 * and Go's pkix.Name canonical order (what kubeadm and the Kubernetes CSR signer write).
 */
import { type Asn1, Tag, children, oid as oidNode, readOid, readString, seq, set, text, toDer } from './der.js';

export interface NameAttribute {
  oid: string;
  value: string;
  /** ASN.1 string tag (UTF8String, PrintableString, IA5String, ...). */
  tag: number;
}

/** A relative distinguished name: usually one attribute, several for a multi-valued RDN. */
export type Rdn = NameAttribute[];
export type DistinguishedName = Rdn[];

interface AttributeType {
  oid: string;
  short: string;
  long: string;
  /** The string type OpenSSL uses with string_mask utf8only. */
  opensslTag: number;
}

const ATTRIBUTE_TYPES: AttributeType[] = [
  { oid: '2.5.4.3', short: 'CN', long: 'commonName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.6', short: 'C', long: 'countryName', opensslTag: Tag.PRINTABLESTRING },
  { oid: '2.5.4.7', short: 'L', long: 'localityName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.8', short: 'ST', long: 'stateOrProvinceName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.9', short: 'street', long: 'streetAddress', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.10', short: 'O', long: 'organizationName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.11', short: 'OU', long: 'organizationalUnitName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.5', short: 'serialNumber', long: 'serialNumber', opensslTag: Tag.PRINTABLESTRING },
  { oid: '2.5.4.4', short: 'SN', long: 'surname', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.42', short: 'GN', long: 'givenName', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.12', short: 'title', long: 'title', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.43', short: 'initials', long: 'initials', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.17', short: 'postalCode', long: 'postalCode', opensslTag: Tag.UTF8 },
  { oid: '2.5.4.46', short: 'dnQualifier', long: 'dnQualifier', opensslTag: Tag.PRINTABLESTRING },
  { oid: '2.5.4.65', short: 'pseudonym', long: 'pseudonym', opensslTag: Tag.UTF8 },
  { oid: '1.2.840.113549.1.9.1', short: 'emailAddress', long: 'emailAddress', opensslTag: Tag.IA5STRING },
  { oid: '0.9.2342.19200300.100.1.25', short: 'DC', long: 'domainComponent', opensslTag: Tag.IA5STRING },
  { oid: '0.9.2342.19200300.100.1.1', short: 'UID', long: 'userId', opensslTag: Tag.UTF8 },
];

const BY_OID = new Map(ATTRIBUTE_TYPES.map((t) => [t.oid, t]));
const BY_NAME = new Map<string, AttributeType>();
for (const t of ATTRIBUTE_TYPES) {
  BY_NAME.set(t.short, t);
  BY_NAME.set(t.long, t);
}

export const ATTR = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' } as const;

export function shortName(oid: string): string {
  return BY_OID.get(oid)?.short ?? oid;
}

// ---- DER ------------------------------------------------------------------------------------

export function encodeName(dn: DistinguishedName): Asn1 {
  return seq(...dn.map((rdn) => sortedSet(rdn.map((a) => seq(oidNode(a.oid), text(a.tag, a.value))))));
}

/** DER requires the members of a SET OF in ascending order of their encodings. */
function sortedSet(items: Asn1[]): Asn1 {
  if (items.length < 2) return set(...items);
  const encoded = items.map((node) => ({ node, der: toDer(node) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return set(...encoded.map((e) => e.node));
}

export function decodeName(node: Asn1): DistinguishedName {
  return children(node).map((rdnSet) =>
    children(rdnSet).map((atv) => {
      const [type, value] = children(atv);
      return { oid: readOid(type!), value: readString(value!), tag: value!.type };
    }),
  );
}

export function attributeValues(dn: DistinguishedName, oid: string): string[] {
  return dn.flatMap((rdn) => rdn.filter((a) => a.oid === oid).map((a) => a.value));
}

// ---- Go's pkix.Name -------------------------------------------------------------------------

export interface GoNameFields {
  country?: string[];
  province?: string[];
  locality?: string[];
  streetAddress?: string[];
  postalCode?: string[];
  organization?: string[];
  organizationalUnit?: string[];
  commonName?: string;
  serialNumber?: string;
}

/**
 * pkix.Name.ToRDNSequence: C, ST, L, street, postalCode, O, OU, CN, serialNumber; several values
 * of one type share a multi-valued RDN; PrintableString where the value allows it, else UTF8String.
 */
export function goName(f: GoNameFields): DistinguishedName {
  const dn: DistinguishedName = [];
  const add = (oid: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) dn.push(values.map((value) => ({ oid, value, tag: goStringTag(value) })));
  };
  add('2.5.4.6', f.country);
  add('2.5.4.8', f.province);
  add('2.5.4.7', f.locality);
  add('2.5.4.9', f.streetAddress);
  add('2.5.4.17', f.postalCode);
  add('2.5.4.10', f.organization);
  add('2.5.4.11', f.organizationalUnit);
  if (f.commonName) add('2.5.4.3', [f.commonName]);
  if (f.serialNumber) add('2.5.4.5', [f.serialNumber]);
  return dn;
}

/** What Go keeps of a parsed name when it re-marshals it (the CSR signer does): known fields only. */
export function goNameFromDn(dn: DistinguishedName): DistinguishedName {
  const values = (oid: string) => attributeValues(dn, oid);
  return goName({
    country: values('2.5.4.6'),
    province: values('2.5.4.8'),
    locality: values('2.5.4.7'),
    streetAddress: values('2.5.4.9'),
    postalCode: values('2.5.4.17'),
    organization: values('2.5.4.10'),
    organizationalUnit: values('2.5.4.11'),
    commonName: values('2.5.4.3').at(-1),
    serialNumber: values('2.5.4.5').at(-1),
  });
}

function goStringTag(value: string): number {
  return /^[A-Za-z0-9 '()+,\-./:=?*&]*$/.test(value) ? Tag.PRINTABLESTRING : Tag.UTF8;
}

// ---- OpenSSL -subj ----------------------------------------------------------------------------

export interface SubjectParse {
  name?: DistinguishedName;
  /** Lines OpenSSL prints to stderr while parsing ("req warning: ..."). */
  messages: string[];
  error?: string;
}

/** apps/lib/apps.c parse_name(): "/type0=value0/type1=value1+type2=value2", `\` escapes. */
export function parseOpensslSubject(subject: string, prog: string): SubjectParse {
  const messages: string[] = [];
  if (!subject.startsWith('/')) {
    return {
      messages,
      error: `${prog}: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subject}'`,
    };
  }
  const dn: DistinguishedName = [];
  let i = 1;
  let multi = false;
  while (i < subject.length) {
    const typeStart = i;
    let type = '';
    while (i < subject.length && subject[i] !== '=') {
      if (subject[i] === '\\' && i + 1 < subject.length) i++;
      type += subject[i++];
    }
    if (i >= subject.length) {
      if (type.length > 0 || typeStart < subject.length) {
        return { messages, error: `${prog}: Hit end of string before finding the '='` };
      }
      break;
    }
    i++; // '='
    let value = '';
    let next: '/' | '+' | '' = '';
    while (i < subject.length) {
      const c = subject[i]!;
      if (c === '\\' && i + 1 < subject.length) {
        value += subject[i + 1];
        i += 2;
        continue;
      }
      if (c === '/' || c === '+') {
        next = c;
        i++;
        break;
      }
      value += c;
      i++;
    }
    const attr = BY_NAME.get(type);
    if (!attr) messages.push(`${prog} warning: Skipping unknown subject name attribute "${type}"`);
    else if (value === '') messages.push(`${prog} warning: No value provided for subject name attribute "${type}", skipped`);
    else {
      const a = { oid: attr.oid, value, tag: attr.opensslTag };
      if (multi && dn.length > 0) dn[dn.length - 1]!.push(a);
      else dn.push([a]);
    }
    multi = next === '+';
  }
  return { name: dn, messages };
}

export function opensslAttribute(name: string): AttributeType | undefined {
  return BY_NAME.get(name);
}

// ---- printing -------------------------------------------------------------------------------

const RFC2253_SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';']);

/** OpenSSL's default name output (XN_FLAG_ONELINE style): `CN = jane, O = dev`. */
export function formatOneline(dn: DistinguishedName): string {
  return dn.map((rdn) => rdn.map((a) => `${shortName(a.oid)} = ${escapeValue(a.value, true)}`).join(' + ')).join(', ');
}

/** `-nameopt RFC2253`: reversed order, backslash escapes, no spaces. */
export function formatRfc2253(dn: DistinguishedName): string {
  return [...dn]
    .reverse()
    .map((rdn) => rdn.map((a) => `${shortName(a.oid)}=${escapeValue(a.value, false)}`).join('+'))
    .join(',');
}

/** `-nameopt compat` / `-subject_hash`-era form: `/CN=jane/O=dev`. */
export function formatSlashes(dn: DistinguishedName): string {
  return dn.map((rdn) => rdn.map((a) => `/${shortName(a.oid)}=${a.value}`).join('+')).join('');
}

function escapeValue(value: string, quoteMode: boolean): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  let quote = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const c = String.fromCharCode(b);
    if (b > 0x7e || b < 0x20) out += '\\' + b.toString(16).toUpperCase().padStart(2, '0');
    else if (c === '"' || c === '\\') out += '\\' + c;
    else if (RFC2253_SPECIAL.has(c) || (i === 0 && (c === ' ' || c === '#')) || (i === bytes.length - 1 && c === ' ')) {
      if (quoteMode) {
        quote = true;
        out += c;
      } else out += '\\' + c;
    } else out += c;
  }
  return quote ? `"${out}"` : out;
}

/** Go's pkix.Name.String() (RFC 2253 order): `CN=jane,O=dev`. */
export function formatGo(dn: DistinguishedName): string {
  return formatRfc2253(dn);
}
