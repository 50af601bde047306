/**
 * kubectl certificate approve|deny NAME...: appends the Approved (KubectlApprove) or Denied
 * (KubectlDeny) condition through the CSR's approval subresource, unless it is already there.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { flagBool } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { selectResources, filenamesOf } from './shared.js';

const CSR = 'certificatesigningrequests.certificates.k8s.io';

interface Verdict {
  condition: 'Approved' | 'Denied';
  opposite: 'Approved' | 'Denied';
  reason: string;
  message: string;
  operation: string;
}

const APPROVE: Verdict = { condition: 'Approved', opposite: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', operation: 'approved' };
const DENY: Verdict = { condition: 'Denied', opposite: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.', operation: 'denied' };

function runVerdict(v: Verdict) {
  return (inv: Invocation): number => {
    const files = filenamesOf(inv);
    if (inv.args.length === 0 && files.length === 0) throw usageError('one or more CSRs must be specified as <name> or -f <filename>');
    // The CSR names are resource/name tuples to the builder (ResourceNames), hence its wording.
    if (files.length && inv.args.length) throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
    const printer = resolveGenericPrinter(inv);
    const force = flagBool(inv.flags, 'force');
    const sel = selectResources(inv, { resources: inv.args.length ? ['certificatesigningrequests', ...inv.args] : [], filenames: files, verb: 'certificate' });
    const client = inv.kctx.client();
    let found = 0;
    for (const t of sel.targets) {
      if (t.object.kind !== 'CertificateSigningRequest') throw new KubectlError(`error: can only handle CertificateSigningRequest.certificates.k8s.io objects, got ${t.info.kind}${t.info.group ? '.' + t.info.group : ''}`);
      const csr = client.get(CSR, '', t.name);
      const conditions = (((csr['status'] ?? {}) as { conditions?: { type: string }[] }).conditions ?? []) as { type: string }[];
      const opposite = conditions.find((c) => c.type === v.opposite);
      if (opposite) throw new KubectlError(`error: certificate signing request "${t.name}" is already ${opposite.type}`);
      const has = conditions.some((c) => c.type === v.condition);
      if (!has || force) {
        const next = structuredClone(csr) as KObject;
        const status = ((next['status'] ??= {}) as { conditions?: unknown[] });
        if (!has) {
          const now = new Date(inv.kctx.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
          status.conditions = [...(status.conditions ?? []), { type: v.condition, status: 'True', reason: v.reason, message: v.message, lastUpdateTime: now, lastTransitionTime: now }];
        }
        try {
          client.api.update(client.user, CSR, '', next, { subresource: 'approval' });
        } catch (e) {
          if (e instanceof ApiError) throw new KubectlError(describeError(e));
          throw e;
        }
      }
      found++;
      printObjects(inv, printer, [t.object], v.operation, 'none');
    }
    for (const e of sel.errors) inv.err.write(e + '\n');
    if (found === 0 && sel.errors.length === 0) inv.out.write('No resources found\n');
    return sel.errors.length ? 1 : 0;
  };
}

export const certificateApproveCommand: KubectlCommand = {
  path: ['certificate', 'approve'],
  discovery: 'certificate',
  help: {
    short: 'Approve a certificate signing request',
    long: `Approve a certificate signing request.

 kubectl certificate approve allows a cluster admin to approve a certificate signing request (CSR). This action tells a certificate signing controller to issue a certificate to the requester with the attributes requested in the CSR.

 SECURITY NOTICE: Depending on the requested attributes, the issued certificate can potentially grant a requester access to cluster resources or to authenticate as a requested identity. Before approving a CSR, ensure you understand what the signed certificate can do.`,
    examples: `# Approve CSR 'csr-sqgzp'
kubectl certificate approve csr-sqgzp`,
    use: '(-f FILENAME | NAME)',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to update'),
    { name: 'force', type: 'bool', usage: 'Update the CSR even if it is already approved.' },
  ],
  run: runVerdict(APPROVE),
};

export const certificateDenyCommand: KubectlCommand = {
  path: ['certificate', 'deny'],
  discovery: 'certificate',
  help: {
    short: 'Deny a certificate signing request',
    long: `Deny a certificate signing request.

 kubectl certificate deny allows a cluster admin to deny a certificate signing request (CSR). This action tells a certificate signing controller to not to issue a certificate to the requester.`,
    examples: `# Deny CSR 'csr-sqgzp'
kubectl certificate deny csr-sqgzp`,
    use: '(-f FILENAME | NAME)',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to update'),
    { name: 'force', type: 'bool', usage: 'Update the CSR even if it is already denied.' },
  ],
  run: runVerdict(DENY),
};
