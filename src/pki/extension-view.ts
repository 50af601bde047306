/**
 * What certificates and certificate requests share: their X.509 extensions and the views on
 * them (SANs, key usages) that openssl, kubectl and the signer read.
 */
import { decodeExtKeyUsage, decodeGeneralNames, decodeKeyUsage, type Extension, type GeneralName } from './extensions.js';
import { formatIpGo } from './ip.js';
import { EXT_KEY_USAGES, type KeyUsage, OID } from './oids.js';

export abstract class ExtensionView {
  abstract readonly extensions: readonly Extension[];

  extension(oid: string): Extension | undefined {
    return this.extensions.find((e) => e.oid === oid);
  }

  get subjectAltNames(): GeneralName[] {
    const ext = this.extension(OID.subjectAltName);
    return ext ? decodeGeneralNames(ext.value) : [];
  }

  get dnsNames(): string[] {
    return this.subjectAltNames.flatMap((n) => (n.type === 'dns' ? [n.value] : []));
  }

  /** IP SANs in Go's text form (10.96.0.1, ::1). */
  get ipAddresses(): string[] {
    return this.subjectAltNames.flatMap((n) => (n.type === 'ip' ? [formatIpGo(n.bytes)] : []));
  }

  get emailAddresses(): string[] {
    return this.subjectAltNames.flatMap((n) => (n.type === 'email' ? [n.value] : []));
  }

  get uris(): string[] {
    return this.subjectAltNames.flatMap((n) => (n.type === 'uri' ? [n.value] : []));
  }

  get keyUsage(): KeyUsage[] {
    const ext = this.extension(OID.keyUsage);
    return ext ? decodeKeyUsage(ext.value) : [];
  }

  /** Extended key usage OIDs. */
  get extKeyUsageOids(): string[] {
    const ext = this.extension(OID.extKeyUsage);
    return ext ? decodeExtKeyUsage(ext.value) : [];
  }

  /** Extended key usages by OpenSSL short name: serverAuth, clientAuth, ... */
  get extKeyUsage(): string[] {
    return this.extKeyUsageOids.map((o) => EXT_KEY_USAGES.find((e) => e.oid === o)?.short ?? o);
  }
}
