/**
 * kube-controller-manager's csrapproving controller: approves kubelet client certificate requests
 * (signer kubernetes.io/kube-apiserver-client-kubelet) when a SubjectAccessReview says their
 * requestor may create certificatesigningrequests/selfnodeclient (a node renewing its own
 * certificate) or /nodeclient (a new node). kubeadm grants those to system:nodes and to its
 * bootstrap token group; cluster-admins have them anyway.
 */
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject, type Stored } from '../api/types.js';
import type { Reconciler } from '../cluster/runloop.js';
import { ParsedCsr } from '../pki/csr.js';
import { CSRS, KUBE_APISERVER_CLIENT_KUBELET, conditionTrue, validateKubeletClientCsr, type CsrObject } from './csr-signer.js';
import { controllerEnabled, type SecurityControllerDeps } from './security-context.js';

const RECOGNIZERS = [
  { subresource: 'selfnodeclient', self: true, message: 'Auto approving self kubelet client certificate after SubjectAccessReview.' },
  { subresource: 'nodeclient', self: false, message: 'Auto approving kubelet client certificate after SubjectAccessReview.' },
];

export class CsrApprovingController implements Reconciler {
  readonly name = 'csrapproving';
  readonly watches = [CSRS];

  constructor(private readonly deps: SecurityControllerDeps) {}

  keysFor(e: WatchEvent): Iterable<string> {
    return e.resource === CSRS && e.type !== 'DELETED' ? [e.object.metadata.name] : [];
  }

  resyncKeys(): Iterable<string> {
    return this.deps.store().list(CSRS).map((c) => c.metadata.name);
  }

  reconcile(name: string): void {
    if (!controllerEnabled(this.deps, 'certificatesigningrequest-approving-controller', 'csrapproving')) return;
    const csr = this.deps.store().get(CSRS, '', name) as Stored<CsrObject> | undefined;
    if (!csr || csr.status?.certificate || conditionTrue(csr, 'Approved') || conditionTrue(csr, 'Denied')) return;
    if (csr.spec?.signerName !== KUBE_APISERVER_CLIENT_KUBELET) return;
    let req: ParsedCsr;
    try {
      req = ParsedCsr.parse(Buffer.from(csr.spec.request ?? '', 'base64').toString('latin1'));
    } catch {
      return;
    }
    if (validateKubeletClientCsr(req, csr.spec.usages ?? [])) return;
    const client = this.deps.clientFor('certificate-controller');
    const requestor = { username: csr.spec.username ?? '', uid: csr.spec.uid, groups: [...(csr.spec.groups ?? [])], extra: csr.spec.extra };
    for (const r of RECOGNIZERS) {
      if (r.self && csr.spec.username !== req.commonName) continue;
      const allowed = client.api.can({ user: requestor, verb: 'create', resourceRequest: true, group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: r.subresource });
      if (!allowed) continue;
      const next = clone(csr) as CsrObject & KObject;
      const at = new Date(this.deps.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      (next.status ??= {}).conditions = [...(next.status.conditions ?? []), { type: 'Approved', status: 'True', reason: 'AutoApproved', message: r.message, lastUpdateTime: at, lastTransitionTime: at }];
      try {
        client.api.update(client.user, CSRS, '', next, { subresource: 'approval' });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      return;
    }
  }
}
