/**
 * The system:controller:* ClusterRoles, each bound to the kube-system ServiceAccount its
 * controller runs as when kube-controller-manager has --use-service-account-credentials
 * (bootstrappolicy/controller_policy.go, v1.33 default feature gates), and the Roles the
 * apiserver creates in kube-system and kube-public (namespace_policy.go).
 */
import type { PolicyRule } from '../rbac/rules.js';
import {
  ADMISSION_REGISTRATION, APPS, AUTHZ, AUTOSCALING, BATCH, CERTIFICATES, COORDINATION, DISCOVERY, EXTENSIONS,
  LEGACY, NETWORKING, POLICY, RBAC, READ, STORAGE, eventsRule, rule,
} from './rules.js';
import { sa, type BindingDef, type RoleDef } from './cluster-roles.js';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';

const CONTROLLERS: [string, PolicyRule[]][] = [
  ['attachdetach-controller', [
    rule(['list', 'watch'], [LEGACY], ['persistentvolumes', 'persistentvolumeclaims']),
    rule(READ, [LEGACY], ['nodes']),
    rule(['patch', 'update'], [LEGACY], ['nodes/status']),
    rule(['list', 'watch'], [LEGACY], ['pods']),
    eventsRule(),
    rule(['get', 'create', 'delete', 'list', 'watch'], [STORAGE], ['volumeattachments']),
    rule(READ, [STORAGE], ['csidrivers']),
    rule(READ, [STORAGE], ['csinodes']),
  ]],
  ['clusterrole-aggregation-controller', [rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], [RBAC], ['clusterroles'])]],
  ['cronjob-controller', [
    rule(['get', 'list', 'watch', 'update'], [BATCH], ['cronjobs']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], [BATCH], ['jobs']),
    rule(['update'], [BATCH], ['cronjobs/status']),
    rule(['update'], [BATCH], ['cronjobs/finalizers']),
    rule(['list', 'watch', 'delete'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['daemon-set-controller', [
    rule(READ, [EXTENSIONS, APPS], ['daemonsets']),
    rule(['update'], [EXTENSIONS, APPS], ['daemonsets/status']),
    rule(['update'], [EXTENSIONS, APPS], ['daemonsets/finalizers']),
    rule(['list', 'watch'], [LEGACY], ['nodes']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [LEGACY], ['pods']),
    rule(['create'], [LEGACY], ['pods/binding']),
    rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], [APPS], ['controllerrevisions']),
    eventsRule(),
  ]],
  ['deployment-controller', [
    rule(['get', 'list', 'watch', 'update'], [EXTENSIONS, APPS], ['deployments']),
    rule(['update'], [EXTENSIONS, APPS], ['deployments/status']),
    rule(['update'], [EXTENSIONS, APPS], ['deployments/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [APPS, EXTENSIONS], ['replicasets']),
    rule(['get', 'list', 'watch', 'update'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['disruption-controller', [
    rule(READ, [EXTENSIONS, APPS], ['deployments']),
    rule(READ, [APPS, EXTENSIONS], ['replicasets']),
    rule(READ, [LEGACY], ['replicationcontrollers']),
    rule(READ, [POLICY], ['poddisruptionbudgets']),
    rule(READ, [APPS], ['statefulsets']),
    rule(['update'], [POLICY], ['poddisruptionbudgets/status']),
    rule(['patch', 'update'], [LEGACY], ['pods/status']),
    rule(['get'], ['*'], ['*/scale']),
    eventsRule(),
  ]],
  ['endpoint-controller', [
    rule(READ, [LEGACY], ['services', 'pods']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [LEGACY], ['endpoints']),
    rule(['create'], [LEGACY], ['endpoints/restricted']),
    eventsRule(),
  ]],
  ['endpointslice-controller', [
    rule(READ, [LEGACY], ['services', 'pods', 'nodes']),
    rule(['update'], [LEGACY], ['services/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [DISCOVERY], ['endpointslices']),
    eventsRule(),
  ]],
  ['endpointslicemirroring-controller', [
    rule(READ, [LEGACY], ['services', 'endpoints']),
    rule(['update'], [LEGACY], ['services/finalizers']),
    rule(['update'], [LEGACY], ['endpoints/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [DISCOVERY], ['endpointslices']),
    eventsRule(),
  ]],
  ['expand-controller', [
    rule(['get', 'list', 'watch', 'update', 'patch'], [LEGACY], ['persistentvolumes']),
    rule(['update', 'patch'], [LEGACY], ['persistentvolumeclaims/status']),
    rule(READ, [LEGACY], ['persistentvolumeclaims']),
    eventsRule(),
    rule(['get'], [LEGACY], ['services']),
  ]],
  ['ephemeral-volume-controller', [
    rule(READ, [LEGACY], ['pods']),
    rule(['update'], [LEGACY], ['pods/finalizers']),
    rule(['get', 'list', 'watch', 'create'], [LEGACY], ['persistentvolumeclaims']),
    eventsRule(),
  ]],
  ['generic-garbage-collector', [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']), eventsRule()]],
  ['horizontal-pod-autoscaler', [
    rule(READ, [AUTOSCALING], ['horizontalpodautoscalers']),
    rule(['update'], [AUTOSCALING], ['horizontalpodautoscalers/status']),
    rule(['get', 'update'], ['*'], ['*/scale']),
    rule(['list', 'watch'], [LEGACY], ['pods']),
    rule(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
    rule(READ, ['custom.metrics.k8s.io'], ['*']),
    rule(READ, ['external.metrics.k8s.io'], ['*']),
    eventsRule(),
  ]],
  ['job-controller', [
    rule(['get', 'list', 'watch', 'update', 'patch'], [BATCH], ['jobs']),
    rule(['update'], [BATCH], ['jobs/status']),
    rule(['update'], [BATCH], ['jobs/finalizers']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['namespace-controller', [
    rule(['get', 'list', 'watch', 'delete'], [LEGACY], ['namespaces']),
    rule(['update'], [LEGACY], ['namespaces/finalize', 'namespaces/status']),
    rule(['get', 'list', 'watch', 'delete', 'deletecollection'], ['*'], ['*']),
  ]],
  ['node-controller', [
    rule(['get', 'list', 'watch', 'update', 'delete', 'patch'], [LEGACY], ['nodes']),
    rule(['patch', 'update'], [LEGACY], ['nodes/status']),
    rule(['patch', 'update'], [LEGACY], ['pods/status']),
    rule(['list', 'watch', 'get', 'delete'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['persistent-volume-binder', [
    rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [LEGACY], ['persistentvolumes']),
    rule(['update'], [LEGACY], ['persistentvolumes/status']),
    rule(['get', 'list', 'watch', 'update'], [LEGACY], ['persistentvolumeclaims']),
    rule(['update'], [LEGACY], ['persistentvolumeclaims/status']),
    rule(['list', 'watch', 'get', 'create', 'delete'], [LEGACY], ['pods']),
    rule(READ, [STORAGE], ['storageclasses']),
    rule(['list', 'watch'], [LEGACY], ['nodes']),
    eventsRule(),
    rule(['watch'], [LEGACY], ['events']),
    rule(['get'], [LEGACY], ['services']),
  ]],
  ['pod-garbage-collector', [
    rule(['list', 'watch', 'delete'], [LEGACY], ['pods']),
    rule(READ, [LEGACY], ['nodes']),
    rule(['patch'], [LEGACY], ['pods/status']),
  ]],
  ['replicaset-controller', [
    rule(['get', 'list', 'watch', 'update'], [APPS, EXTENSIONS], ['replicasets']),
    rule(['update'], [APPS, EXTENSIONS], ['replicasets/status']),
    rule(['update'], [APPS, EXTENSIONS], ['replicasets/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['replication-controller', [
    rule(['get', 'list', 'watch', 'update'], [LEGACY], ['replicationcontrollers']),
    rule(['update'], [LEGACY], ['replicationcontrollers/status']),
    rule(['update'], [LEGACY], ['replicationcontrollers/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [LEGACY], ['pods']),
    eventsRule(),
  ]],
  ['resourcequota-controller', [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [LEGACY], ['resourcequotas/status']), eventsRule()]],
  ['route-controller', [rule(['list', 'watch'], [LEGACY], ['nodes']), rule(['patch'], [LEGACY], ['nodes/status']), eventsRule()]],
  ['service-account-controller', [rule(['create'], [LEGACY], ['serviceaccounts']), eventsRule()]],
  ['service-controller', [
    rule(READ, [LEGACY], ['services']),
    rule(['patch', 'update'], [LEGACY], ['services/status']),
    rule(['list', 'watch'], [LEGACY], ['nodes']),
    eventsRule(),
  ]],
  ['service-cidrs-controller', [
    rule(['get', 'list', 'watch', 'patch', 'update'], [NETWORKING], ['servicecidrs']),
    rule(['patch', 'update'], [NETWORKING], ['servicecidrs/finalizers']),
    rule(['patch', 'update'], [NETWORKING], ['servicecidrs/status']),
    rule(READ, [NETWORKING], ['ipaddresses']),
    eventsRule(),
  ]],
  ['statefulset-controller', [
    rule(['list', 'watch'], [LEGACY], ['pods']),
    rule(READ, [APPS], ['statefulsets']),
    rule(['update'], [APPS], ['statefulsets/status']),
    rule(['update'], [APPS], ['statefulsets/finalizers']),
    rule(['get', 'create', 'delete', 'update', 'patch'], [LEGACY], ['pods']),
    rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [APPS], ['controllerrevisions']),
    rule(['get', 'create', 'list', 'watch'], [LEGACY], ['persistentvolumeclaims']),
    rule(['update', 'delete'], [LEGACY], ['persistentvolumeclaims']),
    rule(['update'], [LEGACY], ['pods/finalizers']),
    eventsRule(),
  ]],
  ['ttl-controller', [rule(['update', 'patch', 'list', 'watch'], [LEGACY], ['nodes']), eventsRule()]],
  ['certificate-controller', [
    rule(['get', 'list', 'watch', 'delete'], [CERTIFICATES], ['certificatesigningrequests']),
    rule(['update'], [CERTIFICATES], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
    rule(['approve'], [CERTIFICATES], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    rule(['sign'], [CERTIFICATES], ['signers'], ['kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving']),
    rule(['create'], [AUTHZ], ['subjectaccessreviews']),
    eventsRule(),
  ]],
  ['pvc-protection-controller', [rule(['get', 'list', 'watch', 'update'], [LEGACY], ['persistentvolumeclaims']), rule(['list', 'watch', 'get'], [LEGACY], ['pods']), eventsRule()]],
  ['pv-protection-controller', [rule(['get', 'list', 'watch', 'update'], [LEGACY], ['persistentvolumes']), eventsRule()]],
  ['ttl-after-finished-controller', [rule(['get', 'list', 'watch', 'delete'], [BATCH], ['jobs']), eventsRule()]],
  ['root-ca-cert-publisher', [rule(['create', 'update'], [LEGACY], ['configmaps']), eventsRule()]],
  ['validatingadmissionpolicy-status-controller', [
    rule(READ, [ADMISSION_REGISTRATION], ['validatingadmissionpolicies']),
    rule(['get', 'patch', 'update'], [ADMISSION_REGISTRATION], ['validatingadmissionpolicies/status']),
    eventsRule(),
  ]],
  ['legacy-service-account-token-cleaner', [
    rule(['get'], [LEGACY], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']),
    rule(['patch', 'delete'], [LEGACY], ['secrets']),
  ]],
];

export function controllerRoles(): RoleDef[] {
  return CONTROLLERS.map(([name, rules]) => ({ name: CONTROLLER_ROLE_PREFIX + name, rules }));
}

/** Each controller role bound to kube-system's ServiceAccount of the same name. */
export function controllerRoleBindings(): BindingDef[] {
  return CONTROLLERS.map(([name]) => ({ name: CONTROLLER_ROLE_PREFIX + name, role: CONTROLLER_ROLE_PREFIX + name, subjects: [sa('kube-system', name)] }));
}

/** The controller names (ServiceAccounts in kube-system) that have a bootstrap role. */
export const CONTROLLER_SERVICE_ACCOUNTS: readonly string[] = CONTROLLERS.map(([name]) => name);

export interface NamespacedRoleDef extends RoleDef {
  namespace: string;
}

export interface NamespacedBindingDef extends BindingDef {
  namespace: string;
}

export function namespaceRoles(): NamespacedRoleDef[] {
  const ks = 'kube-system';
  return [
    { namespace: ks, name: 'extension-apiserver-authentication-reader', rules: [rule(READ, [LEGACY], ['configmaps'], ['extension-apiserver-authentication'])] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`, rules: [rule(READ, [LEGACY], ['secrets'])] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}cloud-provider`, rules: [rule(['create', 'get', 'list', 'watch'], [LEGACY], ['configmaps'])] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}token-cleaner`, rules: [rule(['get', 'list', 'watch', 'delete'], [LEGACY], ['secrets']), eventsRule()] },
    {
      namespace: ks,
      name: 'system::leader-locking-kube-controller-manager',
      rules: [rule(['watch'], [LEGACY], ['configmaps']), rule(['get', 'update'], [LEGACY], ['configmaps'], ['kube-controller-manager']), rule(['get', 'watch', 'list', 'create', 'update'], [COORDINATION], ['leases'])],
    },
    { namespace: ks, name: 'system::leader-locking-kube-scheduler', rules: [rule(['watch'], [LEGACY], ['configmaps']), rule(['get', 'update'], [LEGACY], ['configmaps'], ['kube-scheduler'])] },
    {
      namespace: 'kube-public',
      name: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`,
      rules: [rule(READ, [LEGACY], ['configmaps']), rule(['update'], [LEGACY], ['configmaps'], ['cluster-info']), eventsRule()],
    },
  ];
}

export function namespaceRoleBindings(): NamespacedBindingDef[] {
  const ks = 'kube-system';
  const user = (name: string) => ({ kind: 'User' as const, name });
  return [
    { namespace: ks, name: 'system::extension-apiserver-authentication-reader', role: 'extension-apiserver-authentication-reader', roleKind: 'Role', subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler')] },
    {
      namespace: ks,
      name: 'system::leader-locking-kube-controller-manager',
      role: 'system::leader-locking-kube-controller-manager',
      roleKind: 'Role',
      subjects: [user('system:kube-controller-manager'), sa(ks, 'kube-controller-manager'), sa(ks, 'leader-election-controller')],
    },
    { namespace: ks, name: 'system::leader-locking-kube-scheduler', role: 'system::leader-locking-kube-scheduler', roleKind: 'Role', subjects: [user('system:kube-scheduler'), sa(ks, 'kube-scheduler')] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`, role: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`, roleKind: 'Role', subjects: [sa(ks, 'bootstrap-signer')] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}cloud-provider`, role: `${CONTROLLER_ROLE_PREFIX}cloud-provider`, roleKind: 'Role', subjects: [sa(ks, 'cloud-provider')] },
    { namespace: ks, name: `${CONTROLLER_ROLE_PREFIX}token-cleaner`, role: `${CONTROLLER_ROLE_PREFIX}token-cleaner`, roleKind: 'Role', subjects: [sa(ks, 'token-cleaner')] },
    { namespace: 'kube-public', name: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`, role: `${CONTROLLER_ROLE_PREFIX}bootstrap-signer`, roleKind: 'Role', subjects: [sa(ks, 'bootstrap-signer')] },
  ];
}
