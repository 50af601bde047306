/**
 * CertificateApproval and CertificateSigning admission: approving or denying a CSR needs the
 * `approve` verb, and writing its certificate (or conditions, through /status) the `sign` verb, on
 * `signers` named after its signerName (or `<domain>/*`) in certificates.k8s.io.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import type { AuthzAttributes, UserInfo } from '../auth.js';
import { admissionForbidden, isResource } from '../admission/util.js';
import type { StrategyContext } from '../strategy.js';

const CSRS = 'certificatesigningrequests.certificates.k8s.io';

function signerAttributes(user: UserInfo, verb: string, name: string): AuthzAttributes {
  return { user, verb, resourceRequest: true, group: 'certificates.k8s.io', resource: 'signers', name };
}

/** certificates.IsAuthorizedForSignerName: the exact signer, then its domain wildcard. */
export function isAuthorizedForSignerName(can: (attrs: AuthzAttributes) => boolean, user: UserInfo, verb: string, signerName: string): boolean {
  if (can(signerAttributes(user, verb, signerName))) return true;
  return can(signerAttributes(user, verb, `${signerName.split('/')[0]}/*`));
}

function signerOf(o: unknown): string {
  return String((o as { spec?: { signerName?: string } } | undefined)?.spec?.signerName ?? '');
}

function can(ctx: StrategyContext): (attrs: AuthzAttributes) => boolean {
  return (attrs) => ctx.authorize?.(attrs) ?? true;
}

export const certificateApproval: AdmissionPlugin = {
  name: 'CertificateApproval',
  validate(req: AdmissionRequest, ctx) {
    if (req.subresource !== 'approval' || !isResource(req, CSRS) || req.operation !== 'UPDATE') return;
    const signer = signerOf(req.object);
    if (!isAuthorizedForSignerName(can(ctx), req.user, 'approve', signer)) {
      throw admissionForbidden(req, `user not permitted to approve requests with signerName ${JSON.stringify(signer)}`);
    }
  },
};

export const certificateSigning: AdmissionPlugin = {
  name: 'CertificateSigning',
  validate(req: AdmissionRequest, ctx) {
    if (req.subresource !== 'status' || !isResource(req, CSRS) || req.operation !== 'UPDATE') return;
    const status = (o: unknown) => (o as { status?: { certificate?: string; conditions?: unknown } } | undefined)?.status ?? {};
    const before = status(req.old);
    const after = status(req.object);
    if (before.certificate === after.certificate && JSON.stringify(before.conditions ?? null) === JSON.stringify(after.conditions ?? null)) return;
    const signer = signerOf(req.old);
    if (!isAuthorizedForSignerName(can(ctx), req.user, 'sign', signer)) {
      throw admissionForbidden(req, `user not permitted to sign requests with signerName ${JSON.stringify(signer)}`);
    }
  },
};
