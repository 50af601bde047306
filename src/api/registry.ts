/**
 * The resource registry: what `kubectl api-resources` lists, and how names typed by a user
 * (`po`, `deploy`, `deployments.apps`, `Deployment`) resolve to one resource. Built-ins are a
 * table; CustomResourceDefinitions add entries to a cluster's own registry at run time.
 */

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural, the REST path segment: "deployments". */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories: string[];
  /** Subresources served under the resource: status, scale, log, exec, binding, eviction, ... */
  subresources: string[];
}

/** "deployments.apps" for grouped resources, "pods" for core: the store and client key. */
export function resourceKey(r: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export function apiVersionOf(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RO = ['get', 'list'];
const CREATE_ONLY = ['create'];

type Row = [resource: string, shortNames: string, groupVersion: string, namespaced: boolean, kind: string, verbs?: string[], categories?: string[], subresources?: string[]];

const ALL = ['all'];
// Columns as `kubectl api-resources -o wide` prints them for a v1.33 kubeadm cluster.
const BUILTINS: Row[] = [
  ['bindings', '', 'v1', true, 'Binding', CREATE_ONLY],
  ['componentstatuses', 'cs', 'v1', false, 'ComponentStatus', RO],
  ['configmaps', 'cm', 'v1', true, 'ConfigMap'],
  ['endpoints', 'ep', 'v1', true, 'Endpoints'],
  ['events', 'ev', 'v1', true, 'Event'],
  ['limitranges', 'limits', 'v1', true, 'LimitRange'],
  ['namespaces', 'ns', 'v1', false, 'Namespace', ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], [], ['status', 'finalize']],
  ['nodes', 'no', 'v1', false, 'Node', RW, [], ['status', 'proxy']],
  ['persistentvolumeclaims', 'pvc', 'v1', true, 'PersistentVolumeClaim', RW, [], ['status']],
  ['persistentvolumes', 'pv', 'v1', false, 'PersistentVolume', RW, [], ['status']],
  ['pods', 'po', 'v1', true, 'Pod', RW, ALL, ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers', 'resize']],
  ['podtemplates', '', 'v1', true, 'PodTemplate'],
  ['replicationcontrollers', 'rc', 'v1', true, 'ReplicationController', RW, ALL, ['status', 'scale']],
  ['resourcequotas', 'quota', 'v1', true, 'ResourceQuota', RW, [], ['status']],
  ['secrets', '', 'v1', true, 'Secret'],
  ['serviceaccounts', 'sa', 'v1', true, 'ServiceAccount', RW, [], ['token']],
  ['services', 'svc', 'v1', true, 'Service', ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], ALL, ['status', 'proxy']],
  ['mutatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'MutatingWebhookConfiguration', RW, ['api-extensions']],
  ['validatingadmissionpolicies', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicy', RW, ['api-extensions'], ['status']],
  ['validatingadmissionpolicybindings', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicyBinding', RW, ['api-extensions']],
  ['validatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingWebhookConfiguration', RW, ['api-extensions']],
  ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', false, 'CustomResourceDefinition', RW, ['api-extensions'], ['status']],
  ['apiservices', '', 'apiregistration.k8s.io/v1', false, 'APIService', RW, ['api-extensions'], ['status']],
  ['controllerrevisions', '', 'apps/v1', true, 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps/v1', true, 'DaemonSet', RW, ALL, ['status']],
  ['deployments', 'deploy', 'apps/v1', true, 'Deployment', RW, ALL, ['status', 'scale']],
  ['replicasets', 'rs', 'apps/v1', true, 'ReplicaSet', RW, ALL, ['status', 'scale']],
  ['statefulsets', 'sts', 'apps/v1', true, 'StatefulSet', RW, ALL, ['status', 'scale']],
  ['selfsubjectreviews', '', 'authentication.k8s.io/v1', false, 'SelfSubjectReview', CREATE_ONLY],
  ['tokenreviews', '', 'authentication.k8s.io/v1', false, 'TokenReview', CREATE_ONLY],
  ['localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true, 'LocalSubjectAccessReview', CREATE_ONLY],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectAccessReview', CREATE_ONLY],
  ['selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectRulesReview', CREATE_ONLY],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SubjectAccessReview', CREATE_ONLY],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', true, 'HorizontalPodAutoscaler', RW, ALL, ['status']],
  ['cronjobs', 'cj', 'batch/v1', true, 'CronJob', RW, ALL, ['status']],
  ['jobs', '', 'batch/v1', true, 'Job', RW, ALL, ['status']],
  ['certificatesigningrequests', 'csr', 'certificates.k8s.io/v1', false, 'CertificateSigningRequest', RW, [], ['status', 'approval']],
  ['leases', '', 'coordination.k8s.io/v1', true, 'Lease'],
  ['endpointslices', '', 'discovery.k8s.io/v1', true, 'EndpointSlice'],
  ['events', 'ev', 'events.k8s.io/v1', true, 'Event'],
  ['flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'FlowSchema', RW, [], ['status']],
  ['prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'PriorityLevelConfiguration', RW, [], ['status']],
  ['ingressclasses', '', 'networking.k8s.io/v1', false, 'IngressClass'],
  ['ingresses', 'ing', 'networking.k8s.io/v1', true, 'Ingress', RW, [], ['status']],
  ['ipaddresses', 'ip', 'networking.k8s.io/v1', false, 'IPAddress'],
  ['networkpolicies', 'netpol', 'networking.k8s.io/v1', true, 'NetworkPolicy'],
  ['servicecidrs', '', 'networking.k8s.io/v1', false, 'ServiceCIDR', RW, [], ['status']],
  ['runtimeclasses', '', 'node.k8s.io/v1', false, 'RuntimeClass'],
  ['poddisruptionbudgets', 'pdb', 'policy/v1', true, 'PodDisruptionBudget', RW, [], ['status']],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'],
  ['roles', '', 'rbac.authorization.k8s.io/v1', true, 'Role'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', false, 'PriorityClass'],
  ['csidrivers', '', 'storage.k8s.io/v1', false, 'CSIDriver'],
  ['csinodes', '', 'storage.k8s.io/v1', false, 'CSINode'],
  ['csistoragecapacities', '', 'storage.k8s.io/v1', true, 'CSIStorageCapacity'],
  ['storageclasses', 'sc', 'storage.k8s.io/v1', false, 'StorageClass'],
  ['volumeattachments', '', 'storage.k8s.io/v1', false, 'VolumeAttachment', RW, [], ['status']],
];

function fromRow([resource, shortNames, gv, namespaced, kind, verbs = RW, categories = [], subresources = []]: Row): ResourceInfo {
  const slash = gv.indexOf('/');
  return {
    group: slash < 0 ? '' : gv.slice(0, slash),
    version: slash < 0 ? gv : gv.slice(slash + 1),
    kind,
    resource,
    singular: kind.toLowerCase(),
    shortNames: shortNames ? shortNames.split(',') : [],
    namespaced,
    verbs,
    categories,
    subresources,
  };
}

export const BUILTIN_RESOURCES: readonly ResourceInfo[] = BUILTINS.map(fromRow);

/**
 * Group preference when a bare name is ambiguous (`events` is in core and events.k8s.io):
 * kubectl's priority RESTMapper prefers the legacy core group, then discovery order.
 */
export class ResourceRegistry {
  private readonly all: ResourceInfo[];
  private byKey = new Map<string, ResourceInfo>();

  constructor(resources: readonly ResourceInfo[] = BUILTIN_RESOURCES) {
    this.all = [...resources];
    this.reindex();
  }

  private reindex(): void {
    this.byKey = new Map(this.all.map((r) => [resourceKey(r), r]));
  }

  list(): readonly ResourceInfo[] {
    return this.all;
  }

  /** Adds or replaces a resource (CRDs). */
  add(info: ResourceInfo): void {
    const i = this.all.findIndex((r) => resourceKey(r) === resourceKey(info));
    if (i >= 0) this.all[i] = info;
    else this.all.push(info);
    this.reindex();
  }

  remove(key: string): void {
    const i = this.all.findIndex((r) => resourceKey(r) === key);
    if (i >= 0) this.all.splice(i, 1);
    this.reindex();
  }

  /** By exact store key ("deployments.apps", "pods"). */
  byResourceKey(key: string): ResourceInfo | undefined {
    return this.byKey.get(key);
  }

  /** By kind and apiVersion, as a manifest names it. */
  byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return this.all.find((r) => r.kind === kind && r.group === group && r.version === version);
  }

  /** By kind only (any group), core first: what `kubectl explain Deployment` resolves. */
  kindsNamed(kind: string): ResourceInfo[] {
    return this.all.filter((r) => r.kind.toLowerCase() === kind.toLowerCase());
  }

  /**
   * Resolves what a user typed: plural, singular, short name or kind (case-insensitive), each
   * optionally qualified by group (`deployments.apps`) or version and group
   * (`deployments.v1.apps`). Returns undefined when nothing matches.
   */
  resolve(typed: string): ResourceInfo | undefined {
    const name = typed.toLowerCase();
    const candidates = this.matchUnqualified(name);
    if (candidates.length > 0) return candidates[0];
    const dot = name.indexOf('.');
    if (dot < 0) return undefined;
    const base = name.slice(0, dot);
    const rest = name.slice(dot + 1);
    const qualified = this.matchUnqualified(base);
    return (
      qualified.find((r) => r.group === rest) ??
      qualified.find((r) => `${r.version}.${r.group}` === rest) ??
      qualified.find((r) => r.group.startsWith(rest + '.'))
    );
  }

  private matchUnqualified(name: string): ResourceInfo[] {
    const hits = this.all.filter(
      (r) => r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name),
    );
    // Core group first, then the order of discovery.
    return hits.sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1));
  }
}
