/**
 * The service account controller (ensures a `default` ServiceAccount in every namespace) and the
 * root CA publisher (a `kube-root-ca.crt` ConfigMap with the cluster CA in every namespace).
 */
import type { Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import type { Namespace } from './util/types.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Creating in a namespace being deleted is refused by the apiserver; there is no point trying. */
function activeNamespace(ctx: ControllerContext, name: string): Namespace | undefined {
  const ns = ctx.store.get('namespaces', '', name) as Namespace | undefined;
  if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return undefined;
  return ns;
}

function quietCreate(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.code === 409 || e.code === 403)) return;
    throw e;
  }
}

export class ServiceAccountController implements Reconciler {
  readonly name = 'serviceaccount-controller';
  readonly watches = ['namespaces', 'serviceaccounts'];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === 'namespaces' && event.type !== 'DELETED') return [event.object.metadata.name];
    if (event.resource === 'serviceaccounts' && event.type === 'DELETED' && event.object.metadata.name === 'default') return [event.object.metadata.namespace ?? ''];
    return [];
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list('namespaces').map((n) => n.metadata.name);
  }

  reconcile(ns: string): void {
    if (!activeNamespace(this.ctx, ns) || this.ctx.store.get('serviceaccounts', ns, 'default')) return;
    const client = this.ctx.clientAs('service-account-controller');
    quietCreate(() => client.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }));
  }
}

export class RootCaPublisher implements Reconciler {
  readonly name = 'root-ca-certificate-publisher-controller';
  readonly watches = ['namespaces', 'configmaps'];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === 'namespaces' && event.type !== 'DELETED') return [event.object.metadata.name];
    if (event.resource === 'configmaps' && event.object.metadata.name === ROOT_CA_CONFIGMAP) return [event.object.metadata.namespace ?? ''];
    return [];
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list('namespaces').map((n) => n.metadata.name);
  }

  reconcile(ns: string): void {
    if (!activeNamespace(this.ctx, ns)) return;
    const client = this.ctx.clientAs('root-ca-cert-publisher');
    const data = { 'ca.crt': this.ctx.settings.rootCaPem };
    const cm = this.ctx.store.get('configmaps', ns, ROOT_CA_CONFIGMAP);
    if (!cm) {
      quietCreate(() => client.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } }, data }));
      return;
    }
    if (cm.metadata.deletionTimestamp) return;
    if (deepEqual(cm['data'], data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    const copy = clone(cm);
    copy['data'] = data;
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION };
    quietCreate(() => client.update('configmaps', copy));
  }
}

/** The TTL controller: node.alpha.kubernetes.io/ttl, "0" for clusters under 100 nodes. */
export class TtlController implements Reconciler {
  readonly name = 'ttl-controller';
  readonly watches = ['nodes'];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    return event.resource === 'nodes' && event.type !== 'DELETED' ? [event.object.metadata.name] : [];
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list('nodes').map((n) => n.metadata.name);
  }

  reconcile(name: string): void {
    const node = this.ctx.store.get('nodes', '', name);
    if (!node) return;
    const want = String(ttlFor(this.ctx.store.count('nodes')));
    if (node.metadata.annotations?.['node.alpha.kubernetes.io/ttl'] === want) return;
    const client = this.ctx.clientAs('ttl-controller');
    quietCreate(() => client.patch('nodes', '', name, 'merge', { metadata: { annotations: { 'node.alpha.kubernetes.io/ttl': want } } }));
  }
}

function ttlFor(nodes: number): number {
  if (nodes <= 100) return 0;
  if (nodes <= 500) return 15;
  if (nodes <= 1000) return 30;
  if (nodes <= 2000) return 60;
  return 300;
}
