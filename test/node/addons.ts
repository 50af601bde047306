/**
 * What the DaemonSet, Deployment and endpoints controllers would do (they are not on this
 * branch): kube-proxy and CoreDNS pods from the objects kubeadm created, and Endpoints for
 * Services from their selected, ready pods.
 */
import type { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/api/types.js';
import { matchesAll, fromLabelSelector } from '../../src/api/labels.js';

export function runKubeProxy(cluster: Cluster): void {
  const admin = cluster.admin();
  const ds = admin.get('daemonsets.apps', 'kube-system', 'kube-proxy');
  const template = (ds['spec'] as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
  for (const node of cluster.nodes.keys()) {
    admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `kube-proxy-${node}`, namespace: 'kube-system', labels: template.metadata.labels }, spec: { ...structuredClone(template.spec), nodeName: node, restartPolicy: 'Always' } });
  }
}

export function runCoreDns(cluster: Cluster, node = 'node01'): void {
  const admin = cluster.admin();
  const dep = admin.get('deployments.apps', 'kube-system', 'coredns');
  const template = (dep['spec'] as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
  admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'coredns-674b8bbfcf-abcde', namespace: 'kube-system', labels: template.metadata.labels }, spec: { ...structuredClone(template.spec), nodeName: node, restartPolicy: 'Always' } });
}

/** Endpoints for every Service with a selector, from ready pods (named target ports resolved). */
export function syncEndpoints(cluster: Cluster): void {
  const admin = cluster.admin();
  for (const svc of admin.list('services')) {
    const spec = (svc['spec'] ?? {}) as { selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] };
    if (!spec.selector) continue;
    const reqs = fromLabelSelector({ matchLabels: spec.selector })!;
    const pods = admin.list('pods', svc.metadata.namespace).filter((p) => matchesAll(p.metadata.labels, reqs));
    const ready = pods.filter((p) => ((p['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    const subsets = ready.length
      ? [
          {
            addresses: ready.map((p) => ({ ip: (p['status'] as { podIP: string }).podIP, nodeName: (p['spec'] as { nodeName: string }).nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid } })),
            ports: (spec.ports ?? []).map((sp) => ({ ...(sp.name ? { name: sp.name } : {}), port: resolvePort(ready[0]!, sp.targetPort ?? sp.port), protocol: sp.protocol ?? 'TCP' })),
          },
        ]
      : [];
    const obj: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace }, subsets };
    const existing = admin.find('endpoints', svc.metadata.namespace!, svc.metadata.name);
    if (existing) admin.update('endpoints', { ...obj, metadata: { ...obj.metadata, resourceVersion: existing.metadata.resourceVersion } });
    else admin.create('endpoints', obj);
  }
}

function resolvePort(pod: KObject, target: number | string): number {
  if (typeof target === 'number') return target;
  for (const c of ((pod['spec'] as { containers: { ports?: { name?: string; containerPort: number }[] }[] }).containers)) {
    const p = c.ports?.find((x) => x.name === target);
    if (p) return p.containerPort;
  }
  return Number(target);
}
