/**
 * Types for node-forge's per-module entry points. kubedrill imports only forge's ASN.1 module
 * (which pulls in util and oids): the whole library costs 25-45 ms to load, these parts ~5 ms.
 */
declare module 'node-forge/lib/asn1.js' {
  import type { asn1 } from 'node-forge';

  interface FromDerOptions {
    strict?: boolean;
    parseAllBytes?: boolean;
    /** When false, BIT STRING contents stay raw (forge otherwise tries to parse them as DER). */
    decodeBitStrings?: boolean;
  }
  type Asn1Module = Omit<typeof asn1, 'fromDer'> & {
    fromDer(bytes: string, options?: FromDerOptions): asn1.Asn1;
  };
  const asn1Module: Asn1Module;
  export default asn1Module;
}
