/**
 * The ClusterRoles and ClusterRoleBindings a v1.33 kube-apiserver creates at start
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, default feature gates).
 * admin, edit and view are empty shells with aggregation rules; the aggregation controller
 * fills them from the system:aggregate-to-* roles (and anything else labelled to aggregate).
 */
import type { PolicyRule } from '../rbac/rules.js';
import {
  APPS, AUTHN, AUTHZ, AUTOSCALING, BATCH, CERTIFICATES, COORDINATION, DISCOVERY, EVENTS, EXTENSIONS,
  LEGACY, NETWORKING, POLICY, RBAC, READ, READ_WRITE, STORAGE, WRITE, rule, urls,
} from './rules.js';

export interface RoleDef {
  name: string;
  rules: PolicyRule[];
  labels?: Record<string, string>;
  /** Label selectors of an aggregated role (matchLabels only). */
  aggregate?: Record<string, string>[];
}

export interface SubjectDef {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

export interface BindingDef {
  name: string;
  role: string;
  roleKind?: 'Role' | 'ClusterRole';
  subjects: SubjectDef[];
}

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

const group = (name: string): SubjectDef => ({ kind: 'Group', name });
const user = (name: string): SubjectDef => ({ kind: 'User', name });
export const sa = (namespace: string, name: string): SubjectDef => ({ kind: 'ServiceAccount', name, namespace });

/** NodeRules(): what the Node authorizer grants every node beyond its graph checks. */
export function nodeRules(): PolicyRule[] {
  return [
    rule(['create'], [AUTHN], ['tokenreviews']),
    rule(['create'], [AUTHZ], ['subjectaccessreviews', 'localsubjectaccessreviews']),
    rule(READ, [LEGACY], ['services']),
    rule(['create', 'get', 'list', 'watch'], [LEGACY], ['nodes']),
    rule(['update', 'patch'], [LEGACY], ['nodes/status']),
    rule(['update', 'patch'], [LEGACY], ['nodes']),
    rule(['create', 'update', 'patch'], [LEGACY], ['events']),
    rule(READ, [LEGACY], ['pods']),
    rule(['create', 'delete'], [LEGACY], ['pods']),
    rule(['update', 'patch'], [LEGACY], ['pods/status']),
    rule(['create'], [LEGACY], ['pods/eviction']),
    rule(READ, [LEGACY], ['secrets', 'configmaps']),
    rule(['get'], [LEGACY], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['get'], [LEGACY], ['endpoints']),
    rule(['create', 'get', 'list', 'watch'], [CERTIFICATES], ['certificatesigningrequests']),
    rule(['get', 'create', 'update', 'patch', 'delete'], [COORDINATION], ['leases']),
    rule(['get'], [STORAGE], ['volumeattachments']),
    rule(['create'], [LEGACY], ['serviceaccounts/token']),
    rule(['get', 'update', 'patch'], [LEGACY], ['persistentvolumeclaims/status']),
    rule(READ, [STORAGE], ['csidrivers']),
    rule(['get', 'create', 'update', 'patch', 'delete'], [STORAGE], ['csinodes']),
    rule(READ, ['node.k8s.io'], ['runtimeclasses']),
  ];
}

function signerApprover(signer: string): RoleDef {
  return { name: `system:certificates.k8s.io:${signer.replace('kubernetes.io/', '')}-approver`, rules: [rule(['approve'], [CERTIFICATES], ['signers'], [signer])] };
}

export function clusterRoles(): RoleDef[] {
  return [
    { name: 'admin', rules: [], aggregate: [{ [AGGREGATE_TO_ADMIN]: 'true' }] },
    { name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])] },
    { name: 'edit', rules: [], aggregate: [{ [AGGREGATE_TO_EDIT]: 'true' }], labels: { [AGGREGATE_TO_ADMIN]: 'true' } },
    {
      name: 'system:aggregate-to-admin',
      labels: { [AGGREGATE_TO_ADMIN]: 'true' },
      rules: [rule(['create'], [AUTHZ], ['localsubjectaccessreviews']), rule(READ_WRITE, [RBAC], ['roles', 'rolebindings'])],
    },
    {
      name: 'system:aggregate-to-edit',
      labels: { [AGGREGATE_TO_EDIT]: 'true' },
      rules: [
        rule(READ, [LEGACY], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
        rule(['impersonate'], [LEGACY], ['serviceaccounts']),
        rule(WRITE, [LEGACY], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
        rule(['create'], [LEGACY], ['pods/eviction']),
        rule(WRITE, [LEGACY], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
        rule(['create'], [LEGACY], ['serviceaccounts/token']),
        rule(WRITE, [APPS], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
        rule(WRITE, [AUTOSCALING], ['horizontalpodautoscalers']),
        rule(WRITE, [BATCH], ['jobs', 'cronjobs']),
        rule(WRITE, [EXTENSIONS], ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies']),
        rule(WRITE, [POLICY], ['poddisruptionbudgets']),
        rule(WRITE, [NETWORKING], ['ingresses', 'networkpolicies']),
        rule(READ_WRITE, [COORDINATION], ['leases']),
      ],
    },
    {
      name: 'system:aggregate-to-view',
      labels: { [AGGREGATE_TO_VIEW]: 'true' },
      rules: [
        rule(READ, [LEGACY], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
        rule(READ, [LEGACY], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']),
        rule(READ, [LEGACY], ['namespaces']),
        rule(READ, [DISCOVERY], ['endpointslices']),
        rule(READ, [APPS], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
        rule(READ, [AUTOSCALING], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
        rule(READ, [BATCH], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
        rule(READ, [EXTENSIONS], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies']),
        rule(READ, [POLICY], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
        rule(READ, [NETWORKING], ['ingresses', 'ingresses/status', 'networkpolicies']),
      ],
    },
    { name: 'system:auth-delegator', rules: [rule(['create'], [AUTHN], ['tokenreviews']), rule(['create'], [AUTHZ], ['subjectaccessreviews'])] },
    {
      name: 'system:basic-user',
      rules: [rule(['create'], [AUTHZ], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], [AUTHN], ['selfsubjectreviews'])],
    },
    { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: [rule(['create'], [CERTIFICATES], ['certificatesigningrequests/nodeclient'])] },
    { name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', rules: [rule(['create'], [CERTIFICATES], ['certificatesigningrequests/selfnodeclient'])] },
    signerApprover('kubernetes.io/kube-apiserver-client'),
    signerApprover('kubernetes.io/kube-apiserver-client-kubelet'),
    signerApprover('kubernetes.io/kubelet-serving'),
    signerApprover('kubernetes.io/legacy-unknown'),
    { name: 'system:discovery', rules: [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*'])] },
    { name: 'system:heapster', rules: [rule(READ, [LEGACY], ['events', 'pods', 'nodes', 'namespaces']), rule(READ, [EXTENSIONS], ['deployments'])] },
    { name: 'system:kube-aggregator', rules: [rule(READ, [LEGACY], ['services', 'endpoints'])] },
    {
      name: 'system:kube-controller-manager',
      rules: [
        rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']),
        rule(['create'], [COORDINATION], ['leases']),
        rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-controller-manager']),
        rule(['create'], [LEGACY], ['secrets', 'serviceaccounts']),
        rule(['delete'], [LEGACY], ['secrets']),
        rule(['get'], [LEGACY], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
        rule(['update'], [LEGACY], ['secrets', 'serviceaccounts']),
        rule(['create'], [AUTHN], ['tokenreviews']),
        rule(['create'], [AUTHZ], ['subjectaccessreviews']),
        rule(['list', 'watch'], ['*'], ['*']),
        rule(['create'], [LEGACY], ['serviceaccounts/token']),
      ],
    },
    { name: 'system:kube-dns', rules: [rule(['list', 'watch'], [LEGACY], ['endpoints', 'services'])] },
    {
      name: 'system:kube-scheduler',
      rules: [
        rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']),
        rule(['create'], [COORDINATION], ['leases']),
        rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-scheduler']),
        rule(READ, [LEGACY], ['nodes']),
        rule(['get', 'list', 'watch', 'delete'], [LEGACY], ['pods']),
        rule(['create'], [LEGACY], ['pods/binding', 'bindings']),
        rule(['patch', 'update'], [LEGACY], ['pods/status']),
        rule(READ, [LEGACY], ['replicationcontrollers', 'services']),
        rule(READ, [APPS, EXTENSIONS], ['replicasets']),
        rule(READ, [APPS], ['statefulsets']),
        rule(READ, [POLICY], ['poddisruptionbudgets']),
        rule(READ, [LEGACY], ['persistentvolumeclaims', 'persistentvolumes']),
        rule(['create'], [AUTHN], ['tokenreviews']),
        rule(['create'], [AUTHZ], ['subjectaccessreviews']),
        rule(READ, [STORAGE], ['csinodes']),
        rule(READ, [LEGACY], ['namespaces']),
        rule(READ, [STORAGE], ['csidrivers']),
        rule(READ, [STORAGE], ['csistoragecapacities']),
      ],
    },
    {
      name: 'system:kubelet-api-admin',
      rules: [rule(READ, [LEGACY], ['nodes']), rule(['proxy'], [LEGACY], ['nodes']), rule(['*'], [LEGACY], ['nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log'])],
    },
    { name: 'system:monitoring', rules: [urls(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])] },
    { name: 'system:node', rules: nodeRules() },
    { name: 'system:node-bootstrapper', rules: [rule(['create', 'get', 'list', 'watch'], [CERTIFICATES], ['certificatesigningrequests'])] },
    {
      name: 'system:node-problem-detector',
      rules: [rule(['get'], [LEGACY], ['nodes']), rule(['patch'], [LEGACY], ['nodes/status']), rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events'])],
    },
    {
      name: 'system:node-proxier',
      rules: [
        rule(['list', 'watch'], [LEGACY], ['services', 'endpoints']),
        rule(READ, [LEGACY], ['nodes']),
        rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']),
        rule(['list', 'watch'], [DISCOVERY], ['endpointslices']),
      ],
    },
    {
      name: 'system:persistent-volume-provisioner',
      rules: [
        rule(['get', 'list', 'watch', 'create', 'delete'], [LEGACY], ['persistentvolumes']),
        rule(['get', 'list', 'watch', 'update'], [LEGACY], ['persistentvolumeclaims']),
        rule(READ, [STORAGE], ['storageclasses']),
        rule(['watch'], [LEGACY], ['events']),
        rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']),
      ],
    },
    { name: 'system:public-info-viewer', rules: [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])] },
    { name: 'system:service-account-issuer-discovery', rules: [urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])] },
    {
      name: 'system:volume-scheduler',
      rules: [
        rule(['get', 'list', 'watch', 'patch', 'update'], [LEGACY], ['persistentvolumes']),
        rule(READ, [STORAGE], ['storageclasses']),
        rule(['get', 'list', 'watch', 'patch', 'update'], [LEGACY], ['persistentvolumeclaims']),
      ],
    },
    { name: 'view', rules: [], aggregate: [{ [AGGREGATE_TO_VIEW]: 'true' }], labels: { [AGGREGATE_TO_EDIT]: 'true' } },
  ];
}

export function clusterRoleBindings(): BindingDef[] {
  return [
    { name: 'cluster-admin', role: 'cluster-admin', subjects: [group('system:masters')] },
    { name: 'system:monitoring', role: 'system:monitoring', subjects: [group('system:monitoring')] },
    { name: 'system:discovery', role: 'system:discovery', subjects: [group('system:authenticated')] },
    { name: 'system:basic-user', role: 'system:basic-user', subjects: [group('system:authenticated')] },
    { name: 'system:public-info-viewer', role: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] },
    { name: 'system:node-proxier', role: 'system:node-proxier', subjects: [user('system:kube-proxy')] },
    { name: 'system:kube-controller-manager', role: 'system:kube-controller-manager', subjects: [user('system:kube-controller-manager')] },
    { name: 'system:kube-dns', role: 'system:kube-dns', subjects: [sa('kube-system', 'kube-dns')] },
    { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: [user('system:kube-scheduler')] },
    { name: 'system:volume-scheduler', role: 'system:volume-scheduler', subjects: [user('system:kube-scheduler')] },
    // Kept with no subjects since the Node authorizer replaced it (v1.8).
    { name: 'system:node', role: 'system:node', subjects: [] },
    { name: 'system:service-account-issuer-discovery', role: 'system:service-account-issuer-discovery', subjects: [group('system:serviceaccounts')] },
  ];
}
