/** CertificateSubjectRestriction: no client certificates for system:masters through the CSR API. */
import type { AdmissionPlugin } from '../admission.js';
import type { Obj } from '../kinds/util.js';
import { admissionForbidden, isMainWrite, obj } from './util.js';

/** The organizations (O=) of a PEM CSR's subject, read from its DER without a full parser. */
function subjectOrganizations(pem: string): string[] {
  const m = /-----BEGIN CERTIFICATE REQUEST-----([\s\S]*?)-----END CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) return [];
  const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  const orgs: string[] = [];
  // OID 2.5.4.10 (organizationName) is 06 03 55 04 0a, followed by a string TLV.
  for (let i = 0; i + 6 < der.length; i++) {
    if (der[i] === 0x06 && der[i + 1] === 0x03 && der[i + 2] === 0x55 && der[i + 3] === 0x04 && der[i + 4] === 0x0a) {
      const len = der[i + 6]!;
      orgs.push(der.subarray(i + 7, i + 7 + len).toString('utf8'));
    }
  }
  return orgs;
}

export const certificateSubjectRestriction: AdmissionPlugin = {
  name: 'CertificateSubjectRestriction',
  validate(req) {
    if (!isMainWrite(req, 'certificatesigningrequests.certificates.k8s.io')) return;
    const csr = obj(req);
    if ((csr['spec'] as Obj | undefined)?.['signerName'] !== 'kubernetes.io/kube-apiserver-client') return;
    const pem = Buffer.from(String(csr['spec']?.['request'] ?? ''), 'base64').toString('latin1');
    if (subjectOrganizations(pem).includes('system:masters')) {
      throw admissionForbidden(req, 'use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed');
    }
  },
};
