/**
 * kube-controller-manager's csrsigning controller: signs approved CertificateSigningRequests for
 * the kubernetes.io/kube-apiserver-client, kube-apiserver-client-kubelet and kubelet-serving
 * signers with the CA of --cluster-signing-cert-file / --cluster-signing-key-file (or the
 * per-signer --cluster-signing-<signer>-{cert,key}-file), honouring spec.expirationSeconds within
 * --cluster-signing-duration. Nothing signs without those files. A request a signer refuses gets
 * a Failed condition (reason SignerValidationFailure) with the signer's message.
 */
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject, type Stored } from '../api/types.js';
import type { Reconciler, ReconcileResult } from '../cluster/runloop.js';
import { ParsedCsr, signCsrAsKubernetes } from '../pki/csr.js';
import { PrivateKey } from '../pki/keys.js';
import { ParsedCert } from '../pki/x509.js';
import { controllerEnabled, type SecurityControllerDeps } from './security-context.js';

export const CSRS = 'certificatesigningrequests.certificates.k8s.io';
export const KUBE_APISERVER_CLIENT = 'kubernetes.io/kube-apiserver-client';
export const KUBE_APISERVER_CLIENT_KUBELET = 'kubernetes.io/kube-apiserver-client-kubelet';
export const KUBELET_SERVING = 'kubernetes.io/kubelet-serving';

const SIGNER_FLAGS: Record<string, string> = {
  [KUBE_APISERVER_CLIENT]: 'kube-apiserver-client',
  [KUBE_APISERVER_CLIENT_KUBELET]: 'kubelet-client',
  [KUBELET_SERVING]: 'kubelet-serving',
};

interface CsrCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CsrObject extends KObject {
  spec?: { request?: string; signerName?: string; usages?: string[]; expirationSeconds?: number; username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  status?: { conditions?: CsrCondition[]; certificate?: string };
}

export function conditionTrue(csr: CsrObject, type: string): boolean {
  return (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const goList = (xs: string[]) => `[${[...xs].sort().join(' ')}]`;

/** certificates' ValidateKubeletClientCSR: undefined when the request is a valid kubelet client cert. */
export function validateKubeletClientCsr(req: ParsedCsr, usages: readonly string[]): string | undefined {
  if (req.organizations.length !== 1 || req.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  if (req.dnsNames.length) return 'DNS subjectAltNames are not allowed';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.ipAddresses.length) return 'IP subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  const set = [...new Set(usages)];
  const full = ['client auth', 'digital signature', 'key encipherment'];
  if (!sameSet(set, full) && !sameSet(set, ['client auth', 'digital signature'])) return `usages did not match ${goList(full)}`;
  return undefined;
}

function validateKubeletServingCsr(req: ParsedCsr, usages: readonly string[]): string | undefined {
  const set = [...new Set(usages)];
  const full = ['digital signature', 'key encipherment', 'server auth'];
  if (!sameSet(set, full) && !sameSet(set, ['digital signature', 'server auth'])) return `usages did not match ${goList(full)}`;
  if (req.organizations.length !== 1 || req.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  if (!req.dnsNames.length && !req.ipAddresses.length) return 'DNS or IP subjectAltName is required';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  return undefined;
}

function validateApiServerClientUsages(usages: readonly string[]): string | undefined {
  let clientAuth = false;
  for (const u of usages) {
    if (u === 'client auth') clientAuth = true;
    else if (u !== 'digital signature' && u !== 'key encipherment') return `invalid usage for client certificate: ${u}`;
  }
  return clientAuth ? undefined : 'missing required usage for client certificate: client auth';
}

/** The signer's own check of a request for it (isRequestForSignerFn). */
export function signerValidation(signer: string, req: ParsedCsr, usages: readonly string[]): string | undefined {
  if (signer === KUBE_APISERVER_CLIENT) return validateApiServerClientUsages(usages);
  if (signer === KUBE_APISERVER_CLIENT_KUBELET) return validateKubeletClientCsr(req, usages);
  return validateKubeletServingCsr(req, usages);
}

/** Go duration ("8760h0m0s", "720h") in ms. */
function goDurationMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let ms = 0;
  let seen = '';
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    seen += m[0];
    ms += Number(m[1]) * (m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : m[2] === 's' ? 1000 : 1);
  }
  return seen === text ? ms : undefined;
}

const YEAR_MS = 8760 * 3_600_000;
const BACKDATE_MS = 5 * 60_000;

export class CsrSigningController implements Reconciler {
  readonly name = 'csrsigning';
  readonly watches = [CSRS];

  constructor(private readonly deps: SecurityControllerDeps) {}

  keysFor(e: WatchEvent): Iterable<string> {
    return e.resource === CSRS && e.type !== 'DELETED' ? [e.object.metadata.name] : [];
  }

  resyncKeys(): Iterable<string> {
    return this.deps.store().list(CSRS).map((c) => c.metadata.name);
  }

  /** The CA a signer signs with, or undefined when its files are not configured or unreadable. */
  private signingCa(signer: string): { cert: ParsedCert; key: PrivateKey } | undefined {
    const specific = SIGNER_FLAGS[signer]!;
    const certFlag = this.deps.flag(`cluster-signing-${specific}-cert-file`) ? `cluster-signing-${specific}-cert-file` : 'cluster-signing-cert-file';
    const keyFlag = this.deps.flag(`cluster-signing-${specific}-key-file`) ? `cluster-signing-${specific}-key-file` : 'cluster-signing-key-file';
    const certPem = this.deps.readFlagFile(certFlag);
    const keyPem = this.deps.readFlagFile(keyFlag);
    if (!certPem || !keyPem) return undefined;
    try {
      return { cert: ParsedCert.parse(certPem), key: PrivateKey.fromPem(keyPem) };
    } catch {
      return undefined;
    }
  }

  reconcile(name: string): ReconcileResult | void {
    if (!controllerEnabled(this.deps, 'certificatesigningrequest-signing-controller', 'csrsigning')) return;
    const csr = this.deps.store().get(CSRS, '', name) as Stored<CsrObject> | undefined;
    if (!csr || !conditionTrue(csr, 'Approved') || conditionTrue(csr, 'Failed') || csr.status?.certificate) return;
    const signer = csr.spec?.signerName ?? '';
    if (!(signer in SIGNER_FLAGS)) return;
    const ca = this.signingCa(signer);
    if (!ca) return;
    let req: ParsedCsr;
    try {
      req = ParsedCsr.parse(Buffer.from(csr.spec?.request ?? '', 'base64').toString('latin1'));
    } catch {
      return;
    }
    const usages = csr.spec?.usages ?? [];
    const refusal = signerValidation(signer, req, usages);
    const next = clone(csr) as CsrObject & KObject;
    const status = (next.status ??= {});
    if (refusal) {
      const at = new Date(this.deps.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      status.conditions = [...(status.conditions ?? []), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: refusal, lastUpdateTime: at, lastTransitionTime: at }];
    } else {
      let cert: ParsedCert;
      try {
        cert = signCsrAsKubernetes(req, ca, { usages, now: this.deps.now(), durationMs: this.duration(csr.spec?.expirationSeconds), rng: this.deps.rng });
      } catch {
        return;
      }
      status.certificate = Buffer.from(cert.pem).toString('base64');
    }
    try {
      this.deps.clientFor('certificate-controller').updateStatus(CSRS, next);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** signer.duration: the requested expiration within [10 min, --cluster-signing-duration]. */
  private duration(expirationSeconds: number | undefined): number {
    const ttl = goDurationMs(this.deps.flag('cluster-signing-duration')) ?? YEAR_MS;
    if (expirationSeconds === undefined) return ttl;
    const requested = expirationSeconds * 1000;
    if (requested > ttl) return ttl;
    if (requested < 2 * BACKDATE_MS) return 2 * BACKDATE_MS;
    return requested;
  }
}
