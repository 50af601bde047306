/** Object identifiers kubedrill reads and writes, with OpenSSL's short and long names. */

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  prime256v1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  extensionRequest: '1.2.840.113549.1.9.14',
  challengePassword: '1.2.840.113549.1.9.7',
  // extensions
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  nsComment: '2.16.840.1.113730.1.13',
} as const;

/** Signature algorithms as `openssl x509 -text` names them. */
export const SIGNATURE_ALGORITHM_NAMES: Record<string, string> = {
  [OID.sha256WithRSAEncryption]: 'sha256WithRSAEncryption',
  [OID.sha384WithRSAEncryption]: 'sha384WithRSAEncryption',
  [OID.sha512WithRSAEncryption]: 'sha512WithRSAEncryption',
  [OID.sha1WithRSAEncryption]: 'sha1WithRSAEncryption',
  [OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256',
  [OID.ecdsaWithSHA384]: 'ecdsa-with-SHA384',
  [OID.ecdsaWithSHA512]: 'ecdsa-with-SHA512',
  [OID.ed25519]: 'ED25519',
};

/** The hash node's crypto.verify needs for each signature algorithm. */
export const SIGNATURE_HASHES: Record<string, string | null> = {
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
  [OID.sha1WithRSAEncryption]: 'sha1',
  [OID.ecdsaWithSHA256]: 'sha256',
  [OID.ecdsaWithSHA384]: 'sha384',
  [OID.ecdsaWithSHA512]: 'sha512',
  [OID.ed25519]: null,
};

export const CURVES: Record<string, { name: string; nist: string; bits: number; node: string }> = {
  [OID.prime256v1]: { name: 'prime256v1', nist: 'P-256', bits: 256, node: 'prime256v1' },
  [OID.secp384r1]: { name: 'secp384r1', nist: 'P-384', bits: 384, node: 'secp384r1' },
  [OID.secp521r1]: { name: 'secp521r1', nist: 'P-521', bits: 521, node: 'secp521r1' },
};

/** Extended key usages: OID, OpenSSL config short name, `-text` long name. */
export const EXT_KEY_USAGES = [
  { oid: '1.3.6.1.5.5.7.3.1', short: 'serverAuth', long: 'TLS Web Server Authentication' },
  { oid: '1.3.6.1.5.5.7.3.2', short: 'clientAuth', long: 'TLS Web Client Authentication' },
  { oid: '1.3.6.1.5.5.7.3.3', short: 'codeSigning', long: 'Code Signing' },
  { oid: '1.3.6.1.5.5.7.3.4', short: 'emailProtection', long: 'E-mail Protection' },
  { oid: '1.3.6.1.5.5.7.3.8', short: 'timeStamping', long: 'Time Stamping' },
  { oid: '1.3.6.1.5.5.7.3.9', short: 'OCSPSigning', long: 'OCSP Signing' },
  { oid: '1.3.6.1.5.5.7.3.5', short: 'ipsecEndSystem', long: 'IPSec End System' },
  { oid: '1.3.6.1.5.5.7.3.6', short: 'ipsecTunnel', long: 'IPSec Tunnel' },
  { oid: '1.3.6.1.5.5.7.3.7', short: 'ipsecUser', long: 'IPSec User' },
  { oid: '1.3.6.1.4.1.311.10.3.3', short: 'msSGC', long: 'Microsoft Server Gated Crypto' },
  { oid: '2.16.840.1.113730.4.1', short: 'nsSGC', long: 'Netscape Server Gated Crypto' },
  { oid: '2.5.29.37.0', short: 'anyExtendedKeyUsage', long: 'Any Extended Key Usage' },
] as const;

export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  any: '2.5.29.37.0',
} as const;

/** Key usage bits in DER bit order (bit 0 is the most significant bit of the first byte). */
export const KEY_USAGES = [
  { short: 'digitalSignature', long: 'Digital Signature' },
  { short: 'nonRepudiation', long: 'Non Repudiation' },
  { short: 'keyEncipherment', long: 'Key Encipherment' },
  { short: 'dataEncipherment', long: 'Data Encipherment' },
  { short: 'keyAgreement', long: 'Key Agreement' },
  { short: 'keyCertSign', long: 'Certificate Sign' },
  { short: 'cRLSign', long: 'CRL Sign' },
  { short: 'encipherOnly', long: 'Encipher Only' },
  { short: 'decipherOnly', long: 'Decipher Only' },
] as const;

export type KeyUsage = (typeof KEY_USAGES)[number]['short'];

/** `-text` names of extensions, as X509V3_EXT_print labels them. */
export const EXTENSION_NAMES: Record<string, string> = {
  [OID.subjectKeyIdentifier]: 'X509v3 Subject Key Identifier',
  [OID.keyUsage]: 'X509v3 Key Usage',
  [OID.subjectAltName]: 'X509v3 Subject Alternative Name',
  [OID.issuerAltName]: 'X509v3 Issuer Alternative Name',
  [OID.basicConstraints]: 'X509v3 Basic Constraints',
  [OID.nameConstraints]: 'X509v3 Name Constraints',
  [OID.crlDistributionPoints]: 'X509v3 CRL Distribution Points',
  [OID.certificatePolicies]: 'X509v3 Certificate Policies',
  [OID.authorityKeyIdentifier]: 'X509v3 Authority Key Identifier',
  [OID.extKeyUsage]: 'X509v3 Extended Key Usage',
  [OID.authorityInfoAccess]: 'Authority Information Access',
  [OID.nsComment]: 'Netscape Comment',
};

/** Config-file names of extensions (`-ext`, `-addext`, extfiles). */
export const EXTENSION_SHORT_NAMES: Record<string, string> = {
  subjectKeyIdentifier: OID.subjectKeyIdentifier,
  keyUsage: OID.keyUsage,
  subjectAltName: OID.subjectAltName,
  issuerAltName: OID.issuerAltName,
  basicConstraints: OID.basicConstraints,
  nameConstraints: OID.nameConstraints,
  crlDistributionPoints: OID.crlDistributionPoints,
  certificatePolicies: OID.certificatePolicies,
  authorityKeyIdentifier: OID.authorityKeyIdentifier,
  extendedKeyUsage: OID.extKeyUsage,
  authorityInfoAccess: OID.authorityInfoAccess,
  nsComment: OID.nsComment,
};
