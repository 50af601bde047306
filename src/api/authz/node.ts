/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node, v1.33 with AuthorizeNodeWithSelectors):
 * a kubelet (user system:node:<name> in group system:nodes) may read the secrets, configmaps,
 * PVCs and PVs its own pods use, create tokens for their service accounts, write its own Node
 * and node lease, report status of pods (NodeRestriction admission narrows writes to its own),
 * and do what the system:node rules allow. Relationships are walked on demand from the store
 * rather than kept in a graph: node <- pod <- secret/configmap/pvc <- pv <- secret.
 */
import type { Authorizer, AuthzAttributes, UserInfo } from '../auth.js';
import type { Store } from '../store.js';
import type { Stored } from '../types.js';
import { nameMatters, rulesAllow, type PolicyRule } from './rbac/rules.js';
import { DecisionMemo } from './decision-memo.js';

export const NODE_USER_PREFIX = 'system:node:';
export const NODES_GROUP = 'system:nodes';

/** nodeidentifier.NodeIdentity: the node name, or undefined for users that are not nodes. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.username.startsWith(NODE_USER_PREFIX) || !user.groups.includes(NODES_GROUP)) return undefined;
  return user.username.slice(NODE_USER_PREFIX.length);
}

type Decision = { decision: 'allow' | 'noopinion'; reason?: string };
const ALLOW: Decision = { decision: 'allow' };
const noOpinion = (reason?: string): Decision => ({ decision: 'noopinion', reason });
const NO_OPINION: Decision = Object.freeze({ decision: 'noopinion' });

type VertexType = 'secret' | 'configmap' | 'pvc' | 'pv' | 'serviceaccount' | 'pod';

interface PodSpecLike {
  nodeName?: string;
  serviceAccountName?: string;
  imagePullSecrets?: { name?: string }[];
  volumes?: Record<string, unknown>[];
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  ephemeralContainers?: ContainerLike[];
}

interface ContainerLike {
  env?: { valueFrom?: { secretKeyRef?: { name?: string }; configMapKeyRef?: { name?: string } } }[];
  envFrom?: { secretRef?: { name?: string }; configMapRef?: { name?: string } }[];
}

/** The objects a pod references, as podutil.VisitPodSecretNames / VisitPodConfigmapNames find them. */
export function podReferences(pod: Stored): { secrets: Set<string>; configMaps: Set<string>; pvcs: Set<string>; serviceAccount?: string } {
  const spec = (pod['spec'] ?? {}) as PodSpecLike;
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  const pvcs = new Set<string>();
  const add = (set: Set<string>, name: unknown) => typeof name === 'string' && name && set.add(name);
  for (const s of spec.imagePullSecrets ?? []) add(secrets, s.name);
  for (const v of spec.volumes ?? []) {
    const vol = v as Record<string, Record<string, unknown> | undefined>;
    add(secrets, vol['secret']?.['secretName']);
    add(configMaps, vol['configMap']?.['name']);
    add(pvcs, vol['persistentVolumeClaim']?.['claimName']);
    if (vol['ephemeral']) add(pvcs, `${pod.metadata.name}-${String(v['name'])}`);
    for (const key of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos', 'csi']) {
      const src = vol[key];
      add(secrets, src?.['secretName']);
      add(secrets, (src?.['secretRef'] as { name?: string } | undefined)?.name);
      add(secrets, (src?.['nodePublishSecretRef'] as { name?: string } | undefined)?.name);
    }
    for (const source of (vol['projected']?.['sources'] as Record<string, { name?: string } | undefined>[] | undefined) ?? []) {
      add(secrets, source['secret']?.name);
      add(configMaps, source['configMap']?.name);
    }
  }
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    for (const e of c.env ?? []) {
      add(secrets, e.valueFrom?.secretKeyRef?.name);
      add(configMaps, e.valueFrom?.configMapKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add(secrets, e.secretRef?.name);
      add(configMaps, e.configMapRef?.name);
    }
  }
  return { secrets, configMaps, pvcs, serviceAccount: spec.serviceAccountName || 'default' };
}

/** Is there a path from the object to the node? */
function relatedToNode(store: Store, node: string, type: VertexType, namespace: string, name: string): boolean {
  const podsOnNode = () => store.list('pods').filter((p) => (p['spec'] as PodSpecLike | undefined)?.nodeName === node);
  switch (type) {
    case 'pod': {
      const pod = store.get('pods', namespace, name);
      return (pod?.['spec'] as PodSpecLike | undefined)?.nodeName === node;
    }
    case 'secret':
      if (podsOnNode().some((p) => p.metadata.namespace === namespace && podReferences(p).secrets.has(name))) return true;
      return store.list('persistentvolumes').some((pv) => pvSecretRefs(pv).some((r) => r.namespace === namespace && r.name === name) && relatedToNode(store, node, 'pv', '', pv.metadata.name));
    case 'configmap':
      return podsOnNode().some((p) => p.metadata.namespace === namespace && podReferences(p).configMaps.has(name));
    case 'pvc':
      return podsOnNode().some((p) => p.metadata.namespace === namespace && podReferences(p).pvcs.has(name));
    case 'pv': {
      const pv = store.get('persistentvolumes', '', name);
      const claim = (pv?.['spec'] as { claimRef?: { namespace?: string; name?: string } } | undefined)?.claimRef;
      if (!claim?.name) return false;
      const pvc = store.get('persistentvolumeclaims', claim.namespace ?? '', claim.name);
      if ((pvc?.['spec'] as { volumeName?: string } | undefined)?.volumeName !== name) return false;
      return relatedToNode(store, node, 'pvc', claim.namespace ?? '', claim.name);
    }
    case 'serviceaccount':
      return podsOnNode().some((p) => p.metadata.namespace === namespace && podReferences(p).serviceAccount === name);
  }
}

function pvSecretRefs(pv: Stored): { namespace: string; name: string }[] {
  const spec = (pv['spec'] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: { namespace: string; name: string }[] = [];
  for (const key of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos', 'csi']) {
    const src = spec[key];
    if (!src) continue;
    for (const refKey of ['secretRef', 'nodePublishSecretRef', 'nodeStageSecretRef', 'nodeExpandSecretRef', 'controllerPublishSecretRef']) {
      const ref = src[refKey] as { name?: string; namespace?: string } | undefined;
      if (ref?.name) out.push({ namespace: ref.namespace ?? 'default', name: ref.name });
    }
  }
  return out;
}

function fieldSelectorHas(attrs: AuthzAttributes, field: string, value: string): boolean {
  return (attrs.fieldSelector ?? '').split(',').some((req) => {
    const m = /^\s*([^=!\s]+)\s*(==|=)\s*(.*?)\s*$/.exec(req);
    return !!m && m[1] === field && m[3] === value;
  });
}

export function nodeAuthorizer(store: () => Store, nodeRules: readonly PolicyRule[]): Authorizer {
  // The rules are fixed: what they allow is remembered per request shape (with the name only
  // when some rule names resources).
  const allowedByRules = new DecisionMemo<boolean>((a) => nameMatters(a, nodeRules));
  const rulesAllowNode = (a: AuthzAttributes): boolean => rulesAllow(a, nodeRules);
  const rulesAllowCached = (a: AuthzAttributes): boolean => allowedByRules.get(a, rulesAllowNode);
  const related = (node: string, type: VertexType, attrs: AuthzAttributes): Decision => {
    if (!attrs.name) return noOpinion('No Object name found');
    return relatedToNode(store(), node, type, attrs.namespace ?? '', attrs.name) ? ALLOW : noOpinion(`no relationship found between node '${node}' and this object`);
  };
  const getOnly = (node: string, type: VertexType, attrs: AuthzAttributes): Decision => {
    if (attrs.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (attrs.subresource) return noOpinion('cannot get subresource');
    return related(node, type, attrs);
  };
  const readNamespaced = (node: string, type: VertexType, attrs: AuthzAttributes): Decision => {
    if (!['get', 'list', 'watch'].includes(attrs.verb)) return noOpinion('can only read resources of this type');
    if (attrs.subresource) return noOpinion('cannot read subresource');
    if (!attrs.namespace) return noOpinion('can only read namespaced object of this type');
    return related(node, type, attrs);
  };
  const byGroupResource: Record<string, (node: string, attrs: AuthzAttributes) => Decision | undefined> = {
    '/secrets': (n, a) => readNamespaced(n, 'secret', a),
    '/configmaps': (n, a) => readNamespaced(n, 'configmap', a),
    '/persistentvolumeclaims': (n, a) => {
      if (a.subresource !== 'status') return getOnly(n, 'pvc', a);
      if (a.verb !== 'update' && a.verb !== 'patch') return noOpinion('can only get/update/patch this type');
      return related(n, 'pvc', a);
    },
    '/persistentvolumes': (n, a) => getOnly(n, 'pv', a),
    '/serviceaccounts': (n, a) => {
      if (a.verb !== 'create' || !a.name) return noOpinion('can only create tokens for individual service accounts');
      if (a.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
      return related(n, 'serviceaccount', a);
    },
    'coordination.k8s.io/leases': (n, a) => {
      if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
      if (a.namespace !== 'kube-node-lease') return noOpinion('can only access leases in the "kube-node-lease" system namespace');
      if (a.verb !== 'create' && a.name !== n) return noOpinion('can only access node lease with the same name as the requesting node');
      return ALLOW;
    },
    'storage.k8s.io/csinodes': (n, a) => {
      if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return noOpinion('can only get, create, update, patch, or delete a CSINode');
      if (a.subresource) return noOpinion('cannot authorize CSINode subresources');
      if (a.verb !== 'create' && a.name !== n) return noOpinion('can only access CSINode with the same name as the requesting node');
      return ALLOW;
    },
    '/nodes': (n, a) => {
      if (!a.subresource) {
        if (['create', 'update', 'patch'].includes(a.verb)) return ALLOW;
        if (['get', 'list', 'watch'].includes(a.verb)) {
          if (a.name === n || fieldSelectorHas(a, 'metadata.name', n)) return ALLOW;
          if (!a.name) return noOpinion(`node '${n}' cannot read all nodes, only its own Node object`);
          return noOpinion(`node '${n}' cannot read '${a.name}', only its own Node object`);
        }
      } else if (a.subresource === 'status' && (a.verb === 'update' || a.verb === 'patch')) return ALLOW;
      return noOpinion();
    },
    '/pods': (n, a) => {
      const sub = a.subresource ?? '';
      if (sub === '') {
        if (a.verb === 'get') return getOnly(n, 'pod', a);
        if (a.verb === 'list' || a.verb === 'watch') {
          if (fieldSelectorHas(a, 'spec.nodeName', n)) return ALLOW;
          if (a.name) return related(n, 'pod', a);
          return noOpinion('can only list/watch pods with spec.nodeName field selector');
        }
        if (a.verb === 'create' || a.verb === 'delete') return ALLOW;
      } else if (sub === 'status' && (a.verb === 'update' || a.verb === 'patch')) return ALLOW;
      else if (sub === 'eviction' && a.verb === 'create') return ALLOW;
      return noOpinion();
    },
  };
  // By resource, then group: no "group/resource" string built per request.
  const byResource = new Map<string, Map<string, (node: string, attrs: AuthzAttributes) => Decision | undefined>>();
  for (const [key, decide] of Object.entries(byGroupResource)) {
    const slash = key.indexOf('/');
    const resource = key.slice(slash + 1);
    if (!byResource.has(resource)) byResource.set(resource, new Map());
    byResource.get(resource)!.set(key.slice(0, slash), decide);
  }
  return {
    name: 'Node',
    authorize(attrs) {
      const node = nodeIdentity(attrs.user);
      if (node === undefined) return NO_OPINION;
      if (!node) return noOpinion(`unknown node for user ${JSON.stringify(attrs.user.username)}`);
      if (attrs.resourceRequest) {
        const decide = byResource.get(attrs.resource ?? '')?.get(attrs.group ?? '');
        const d = decide?.(node, attrs);
        if (d) return d;
      }
      return rulesAllowCached(attrs) ? ALLOW : NO_OPINION;
    },
    rulesFor(user) {
      if (nodeIdentity(user) === undefined) return { resourceRules: [], nonResourceRules: [], incomplete: false };
      return { resourceRules: [], nonResourceRules: [], incomplete: true, error: 'node authorizer does not support user rule resolution' };
    },
  };
}
