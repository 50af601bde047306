/** Name output options shared by x509, req and verify: `-nameopt` and X509_NAME_hash. */
import { createHash } from 'node:crypto';
import { Tag, seq, set, text, toDer, oid as oidNode } from '../der.js';
import { type DistinguishedName, formatOneline, formatRfc2253, formatSlashes, shortName } from '../names.js';

const LONG_NAMES: Record<string, string> = {
  CN: 'commonName',
  O: 'organizationName',
  OU: 'organizationalUnitName',
  C: 'countryName',
  L: 'localityName',
  ST: 'stateOrProvinceName',
  emailAddress: 'emailAddress',
};

/** `subject=` lines under `-nameopt` (default oneline; RFC2253, compat and multiline). */
export function nameLine(label: string, dn: DistinguishedName, nameopt: string | undefined): string {
  const opt = (nameopt ?? 'oneline').toLowerCase();
  if (opt === 'rfc2253') return `${label}=${formatRfc2253(dn)}`;
  if (opt === 'compat') return `${label}=${formatSlashes(dn)}`;
  if (opt === 'multiline') {
    const rows = dn.flatMap((rdn) => rdn.map((a) => `    ${(LONG_NAMES[shortName(a.oid)] ?? shortName(a.oid)).padEnd(26)}= ${a.value}`));
    return `${label}=\n${rows.join('\n')}`;
  }
  return `${label}=${formatOneline(dn)}`;
}

/**
 * X509_NAME_hash_ex: SHA-1 over the canonical encoding (every value a UTF8String, trimmed,
 * lower-cased, inner whitespace collapsed; the RDN SETs concatenated without the outer SEQUENCE),
 * first four bytes little-endian.
 */
export function nameHash(dn: DistinguishedName): string {
  const canonical = Buffer.concat(
    dn.map((rdn) => toDer(set(...rdn.map((a) => seq(oidNode(a.oid), text(Tag.UTF8, canonicalValue(a.value))))))),
  );
  const digest = createHash('sha1').update(canonical).digest();
  return digest.readUInt32LE(0).toString(16).padStart(8, '0');
}

function canonicalValue(v: string): string {
  return v.trim().replace(/\s+/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase());
}
