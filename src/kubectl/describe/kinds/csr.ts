/**
 * `kubectl describe csr` (describe.go describeCertificateSigningRequest): the request is parsed
 * (node-forge, loaded on first use) for its subject and alternative names.
 */

import { createRequire } from 'node:module';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1.js';
import type { KObject } from '../../../api/types.js';
import { humanDuration } from '../../printers/duration.js';
import { csrCondition } from '../../printers/table/columns/cluster.js';
import { formatLabels } from '../../printers/table/format.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, rfc1123z, searchEvents } from '../common.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, tabbedString } from '../writer.js';

interface Subject {
  commonName: string;
  serialNumber: string;
  lists: [string, string[]][];
  dns: string[];
  emails: string[];
  uris: string[];
  ips: string[];
}

export class CSRParseError extends Error {}

/** Reads the PKCS#10 request the way certificate.ParseCSR does, for what describe shows. */
function parseRequest(requestB64: string | undefined): Subject {
  const require = createRequire(import.meta.url);
  const forge = require('node-forge') as typeof import('node-forge');
  const pem = Buffer.from(requestB64 ?? '', 'base64').toString('utf8');
  let csr: import('node-forge').pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(pem);
  } catch (e) {
    throw new CSRParseError(pem.includes('BEGIN CERTIFICATE REQUEST') ? `Error parsing CSR: ${(e as Error).message}` : 'Error parsing CSR: PEM block type must be CERTIFICATE REQUEST');
  }
  const values = (shortName: string): string[] => csr.subject.attributes.filter((a) => a.shortName === shortName || a.name === shortName).map((a) => String(a.value));
  const sans: { type: number; value?: string; ip?: string }[] = [];
  const ext = (csr.getAttribute({ name: 'extensionRequest' }) as { extensions?: { name: string; altNames?: typeof sans }[] } | null)?.extensions ?? [];
  for (const e of ext) if (e.name === 'subjectAltName') sans.push(...(e.altNames ?? []));
  return {
    commonName: values('CN')[0] ?? '',
    serialNumber: values('serialNumber')[0] ?? '',
    lists: [
      ['Organization', values('O')],
      ['Organizational Unit', values('OU')],
      ['Country', values('C')],
      ['Locality', values('L')],
      ['Province', values('ST')],
      ['StreetAddress', values('street')],
      ['PostalCode', values('postalCode')],
    ],
    dns: sans.filter((s) => s.type === 2).map((s) => s.value ?? ''),
    emails: sans.filter((s) => s.type === 1).map((s) => s.value ?? ''),
    uris: sans.filter((s) => s.type === 6).map((s) => s.value ?? ''),
    ips: sans.filter((s) => s.type === 7).map((s) => s.ip ?? ''),
  };
}

function printList(w: Writer, prefix: string, name: string, values: string[]): void {
  if (values.length === 0) return;
  w.write(LEVEL_0, `${prefix}${name}:\t`);
  w.write(LEVEL_0, values.join(`\n${prefix}\t`));
  w.write(LEVEL_0, '\n');
}

/** Throws CSRParseError ("Error parsing CSR: ...") for a request that does not parse. */
export function describeCertificateSigningRequest(obj: KObject, ctx: DescribeContext): string {
  const csr = obj as unknown as CertificateSigningRequest;
  const subject = parseRequest(csr.spec?.request);
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Labels:\t${formatLabels(obj.metadata.labels)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Requesting User:\t${csr.spec?.username ?? ''}\n`);
    if (csr.spec?.signerName) w.write(LEVEL_0, `Signer:\t${csr.spec.signerName}\n`);
    if (csr.spec?.expirationSeconds !== undefined && csr.spec.expirationSeconds !== null) w.write(LEVEL_0, `Requested Duration:\t${humanDuration(csr.spec.expirationSeconds * 1000)}\n`);
    w.write(LEVEL_0, `Status:\t${csrCondition(csr)}\n`);
    w.write(LEVEL_0, 'Subject:\n');
    w.write(LEVEL_0, `\tCommon Name:\t${subject.commonName}\n`);
    w.write(LEVEL_0, `\tSerial Number:\t${subject.serialNumber}\n`);
    for (const [name, values] of subject.lists) printList(w, '\t', name, values);
    if (subject.dns.length + subject.emails.length + subject.ips.length + subject.uris.length > 0) {
      w.write(LEVEL_0, 'Subject Alternative Names:\n');
      printList(w, '\t', 'DNS Names', subject.dns);
      printList(w, '\t', 'Email Addresses', subject.emails);
      printList(w, '\t', 'URIs', subject.uris);
      printList(w, '\t', 'IP Addresses', subject.ips);
    }
    describeEvents(events, w, ctx.now);
  });
}
