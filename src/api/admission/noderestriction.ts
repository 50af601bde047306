/**
 * NodeRestriction: a kubelet (system:node:<name> in system:nodes) may only touch its own Node
 * and the pods bound to it, may only create mirror pods, and may not set node-restriction or
 * other kubernetes.io labels on its Node — worded as the plugin words it.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import type { StrategyContext } from '../strategy.js';
import { deepEqual } from '../validation/field.js';
import { list, type Obj } from '../kinds/util.js';
import { admissionForbidden, isResource } from './util.js';

const MIRROR = 'kubernetes.io/config.mirror';
/** Labels a kubelet may set on its own Node (kubeletapis.IsKubeletLabel). */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region', 'beta.kubernetes.io/instance-type', 'node.kubernetes.io/instance-type', 'kubernetes.io/os',
  'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch',
]);
const KUBELET_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

function nodeName(req: AdmissionRequest): string | undefined {
  if (!req.user.groups.includes('system:nodes')) return undefined;
  return req.user.username.startsWith('system:node:') ? req.user.username.slice('system:node:'.length) : '';
}

function labelNamespace(label: string): string {
  const slash = label.indexOf('/');
  return slash < 0 ? '' : label.slice(0, slash);
}

function isKubeletLabel(label: string): boolean {
  if (KUBELET_LABELS.has(label)) return true;
  const ns = labelNamespace(label);
  return KUBELET_NAMESPACES.some((k) => ns === k || ns.endsWith(`.${k}`));
}

function isKubernetesLabel(label: string): boolean {
  const ns = labelNamespace(label);
  return ['kubernetes.io', 'k8s.io'].some((d) => ns === d || ns.endsWith(`.${d}`));
}

function forbiddenLabels(labels: Record<string, string>, old: Record<string, string>): string[] {
  const modified = new Set<string>();
  for (const [k, v] of Object.entries(labels)) if (old[k] !== v) modified.add(k);
  for (const k of Object.keys(old)) if (!(k in labels)) modified.add(k);
  return [...modified]
    .filter((l) => {
      const ns = labelNamespace(l);
      return ns === 'node-restriction.kubernetes.io' || ns.endsWith('.node-restriction.kubernetes.io') || (isKubernetesLabel(l) && !isKubeletLabel(l));
    })
    .sort();
}

function admitNode(req: AdmissionRequest, node: string): void {
  if (req.name !== node) throw admissionForbidden(req, `node "${node}" is not allowed to modify node "${req.name}"`);
  const o = req.object as unknown as Obj | undefined;
  if (!o) return;
  const labels = (o['metadata']?.['labels'] ?? {}) as Record<string, string>;
  if (req.operation === 'CREATE') {
    const bad = forbiddenLabels(labels, {});
    if (bad.length) throw admissionForbidden(req, `node "${node}" is not allowed to set the following labels: ${bad.join(', ')}`);
    return;
  }
  if (req.operation === 'UPDATE' && req.old) {
    const old = req.old as unknown as Obj;
    if (!deepEqual(o['spec']?.['taints'] ?? [], old['spec']?.['taints'] ?? [])) throw admissionForbidden(req, `node "${node}" is not allowed to modify taints`);
    const bad = forbiddenLabels(labels, (old['metadata']?.['labels'] ?? {}) as Record<string, string>);
    if (bad.length) throw admissionForbidden(req, `is not allowed to modify labels: ${bad.join(', ')}`);
  }
}

function admitPod(req: AdmissionRequest, node: string, ctx: StrategyContext): void {
  if (req.subresource === 'status') {
    const pod = ctx.get('pods', req.namespace, req.name) as unknown as Obj | undefined;
    if (pod && pod['spec']?.['nodeName'] !== node) throw admissionForbidden(req, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
    return;
  }
  if (req.subresource === 'eviction') {
    const pod = ctx.get('pods', req.namespace, req.name) as unknown as Obj | undefined;
    if (pod && pod['spec']?.['nodeName'] !== node) throw admissionForbidden(req, `node "${node}" can only evict pods with spec.nodeName set to itself`);
    return;
  }
  if (req.subresource) return;
  if (req.operation === 'CREATE') {
    const pod = req.object as unknown as Obj;
    if (pod['metadata']?.['annotations']?.[MIRROR] === undefined) throw admissionForbidden(req, `pod does not have "${MIRROR}" annotation, node "${node}" can only create mirror pods`);
    if (pod['spec']?.['nodeName'] !== node) throw admissionForbidden(req, `node "${node}" can only create pods with spec.nodeName set to itself`);
    if (list(pod['metadata']?.['ownerReferences']).length > 1) throw admissionForbidden(req, `node "${node}" can only create pods with a single owner reference set to itself`);
    if (pod['spec']?.['serviceAccountName']) throw admissionForbidden(req, `node "${node}" can not create pods that reference a service account`);
    return;
  }
  if (req.operation === 'DELETE') {
    const pod = req.old as unknown as Obj | undefined;
    if (pod && pod['spec']?.['nodeName'] !== node) throw admissionForbidden(req, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    return;
  }
  throw admissionForbidden(req, `unexpected operation "${req.operation}", node "${node}" can only create and delete mirror pods`);
}

export const nodeRestriction: AdmissionPlugin = {
  name: 'NodeRestriction',
  validate(req, ctx) {
    const node = nodeName(req);
    if (node === undefined) return;
    if (node === '') throw admissionForbidden(req, `could not determine node from user "${req.user.username}"`);
    if (isResource(req, 'nodes')) admitNode(req, node);
    else if (isResource(req, 'pods')) admitPod(req, node, ctx);
  },
};
