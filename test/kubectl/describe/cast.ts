/**
 * A cluster's worth of objects for describe tests: every describer's kind in a realistic state,
 * with events. Times are counted back from the base instant in whole minutes plus 30 seconds,
 * so that kubectl (reading the real clock a moment later) prints the same ages.
 */

import { execFileSync } from 'node:child_process';
import type { KObject } from '../../../src/api/types.js';
import { ago, condition, deployment, event, meta, node, pod, running, service, terminated, waiting } from '../fixtures.js';

type Obj = Record<string, any>;
const k = (o: Obj): KObject => o as KObject;
const owner = (kind: string, name: string, apiVersion = 'apps/v1'): Obj => ({ apiVersion, kind, name, uid: `uid-default-${name}`, controller: true, blockOwnerDeletion: true });
const ref = (o: KObject, fieldPath?: string): Obj => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: o.apiVersion, ...(fieldPath ? { fieldPath } : {}) });

/** A PEM certificate request made by openssl (undefined when openssl is missing). */
function csrPem(): string | undefined {
  try {
    return execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=jane/O=dev/O=ops/OU=team', '-addext', 'subjectAltName=DNS:jane.example.com,IP:10.0.0.7,email:jane@example.com'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

export function buildCast(): KObject[] {
  const webDeploy = deployment('web');
  webDeploy.metadata.creationTimestamp = ago(3600 * 30 + 30);
  const template = (webDeploy.spec as Obj).template;
  const rsNew = k({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-7d4b9c8f6d', 'default', { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' }, annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '2' }, ownerReferences: [owner('Deployment', 'web')], creationTimestamp: ago(3600 * 2 + 30) }),
    spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, spec: template.spec } },
    status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  });
  const rsOld = k({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-5f6c7b8d9e', 'default', { labels: { app: 'web', 'pod-template-hash': '5f6c7b8d9e' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [owner('Deployment', 'web')], creationTimestamp: ago(3600 * 30 + 30) }),
    spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5f6c7b8d9e' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5f6c7b8d9e' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.24', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } } },
    status: { replicas: 0, observedGeneration: 2 },
  });
  const webPods = ['abcde', 'fghij', 'klmno'].map((s, i) =>
    pod(`web-7d4b9c8f6d-${s}`, {
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      meta: { ownerReferences: [owner('ReplicaSet', 'web-7d4b9c8f6d')], creationTimestamp: ago(3600 * 2 + 30) },
      spec: { nodeName: i === 2 ? 'node02' : 'node01', containers: [{ name: 'nginx', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } }] },
      status: i === 2 ? { phase: 'Pending', containerStatuses: [waiting('nginx', 'ContainerCreating')] } : { phase: 'Running', containerStatuses: [running('nginx')] },
    }),
  );
  const nodes = [
    node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], ip: '192.168.1.10' }),
    node('node01', { ip: '192.168.1.11' }),
    node('node02', { ready: 'False', unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: ago(1830) }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: ago(1830) }], ip: '192.168.1.12' }),
  ];
  const lease = k({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('node01', 'kube-node-lease', { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node01', uid: 'uid-cluster-node01' }] }), spec: { holderIdentity: 'node01', leaseDurationSeconds: 40, renewTime: '2026-03-01T11:59:58.123456Z' } });
  const systemPods = [
    pod('kube-proxy-x7k2p', { ns: 'kube-system', labels: { 'k8s-app': 'kube-proxy' }, spec: { nodeName: 'node01', containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.33.0' }] }, status: { containerStatuses: [running('kube-proxy')] } }),
    pod('calico-node-abcd1', { ns: 'kube-system', labels: { 'k8s-app': 'calico-node' }, spec: { nodeName: 'node01', initContainers: [{ name: 'install-cni', image: 'calico/cni', resources: { requests: { cpu: '300m' } } }], containers: [{ name: 'calico-node', image: 'calico/node', resources: { requests: { cpu: '250m' } } }] }, status: { containerStatuses: [running('calico-node')] } }),
    pod('done-job-xyz', { ns: 'default', spec: { nodeName: 'node01' }, status: { phase: 'Succeeded' } }),
  ];
  const svc = service('web', 'default', { type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 'metrics', nodePort: 31090, protocol: 'TCP' }] });
  const slice = k({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta('web-x8z2k', 'default', { labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-default-web', controller: true, blockOwnerDeletion: true }] }),
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node01', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f6d-abcde', uid: 'u' } },
      { addresses: ['10.244.1.6'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node01', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f6d-fghij', uid: 'u' } },
      { addresses: ['10.244.2.9'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node02', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f6d-klmno', uid: 'u' } },
    ],
  });
  const endpoints = k({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('web', 'default', { labels: { app: 'web' } }),
    subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }], notReadyAddresses: [{ ip: '10.244.2.9' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }] }],
  });
  const ingress = k({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web', 'default', { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: '/metrics', pathType: 'Exact', backend: { service: { name: 'web', port: { name: 'metrics' } } } }, { path: '/missing', pathType: 'Prefix', backend: { service: { name: 'nope', port: { number: 80 } } } }] } },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.168.1.200' }] } },
  });
  const ingressClass = k({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('nginx', undefined, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } });
  const netpol = k({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('db-allow', 'default'),
    spec: {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }] },
      ],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }, { port: 8000, endPort: 9000 }] }],
    },
  });
  const denyAll = k({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny-all', 'default'), spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  const quota = k({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('compute', 'shop'), spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.memory': '4Gi', pods: '10' } }, status: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.memory': '4Gi', pods: '10' }, used: { 'requests.cpu': '350m', 'requests.memory': '192Mi', 'limits.memory': '0', pods: '3' } } });
  const limits = k({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta('defaults', 'shop'), spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '1' }, min: { cpu: '100m' } }] } });
  const shop = k({ apiVersion: 'v1', kind: 'Namespace', metadata: meta('shop', undefined, { labels: { 'kubernetes.io/metadata.name': 'shop', team: 'a' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  const emptyNs = k({ apiVersion: 'v1', kind: 'Namespace', metadata: meta('empty', undefined, { labels: { 'kubernetes.io/metadata.name': 'empty' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  const cm = k({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('app-config', 'default'), data: { 'app.properties': 'mode=prod\nlevel=info\n' } });
  const secret = k({ apiVersion: 'v1', kind: 'Secret', metadata: meta('db', 'default'), type: 'Opaque', data: { password: Buffer.from('s3cr3t!').toString('base64') } });
  const sa = k({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('deployer', 'default'), secrets: [{ name: 'deployer-token' }, { name: 'ghost' }], imagePullSecrets: [{ name: 'regcred' }] });
  const saToken = k({ apiVersion: 'v1', kind: 'Secret', metadata: meta('deployer-token', 'default', { annotations: { 'kubernetes.io/service-account.name': 'deployer', 'kubernetes.io/service-account.uid': 'uid-default-deployer' } }), type: 'kubernetes.io/service-account-token', data: { 'ca.crt': Buffer.from('ca').toString('base64') } });
  const regcred = k({ apiVersion: 'v1', kind: 'Secret', metadata: meta('regcred', 'default'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{}').toString('base64') } });
  const pv = k({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('pv-data', undefined, { finalizers: ['kubernetes.io/pv-protection'], annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', volumeMode: 'Filesystem', hostPath: { path: '/mnt/data', type: '' }, claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data-pvc', uid: 'uid-default-data-pvc' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node01'] }] }] } } }, status: { phase: 'Bound' } });
  const pvc = k({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data-pvc', 'default', { finalizers: ['kubernetes.io/pvc-protection'], annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Mi' } }, storageClassName: 'manual', volumeMode: 'Filesystem', volumeName: 'pv-data' }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } });
  const pvcPending = k({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('waiting', 'default', { finalizers: ['kubernetes.io/pvc-protection'] }), spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'fast', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  const usesPvc = pod('data-user', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-pvc' } }] } });
  const sc = k({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('local-path', undefined, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', parameters: { pathPattern: '{{ .PVC.Namespace }}' }, allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] }] });
  const role = k({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('pod-reader', 'default'),
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web', 'api'], verbs: ['get', 'patch'] },
      { apiGroups: ['apps', 'batch'], resources: ['deployments/scale', 'jobs'], verbs: ['update'] },
    ],
  });
  const clusterRole = k({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('node-viewer', undefined, { labels: { 'rbac.example.com/aggregate': 'true' } }), rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }, { nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] }, { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
  const binding = k({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('read-pods', 'default'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'deployer', namespace: 'default' }, { kind: 'Group', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }] });
  const clusterBinding = k({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('view-nodes', undefined), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-viewer' }, subjects: [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }] });
  const ds = k({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('log-agent', 'kube-system', { labels: { app: 'log-agent' }, annotations: { 'deprecated.daemonset.template.generation': '1' } }),
    spec: { selector: { matchLabels: { app: 'log-agent' } }, template: { metadata: { labels: { app: 'log-agent' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }] }], volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: '' } }] } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
    status: { currentNumberScheduled: 3, desiredNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, updatedNumberScheduled: 3, numberUnavailable: 1, observedGeneration: 1 },
  });
  const sts = k({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db', 'default', { labels: { app: 'db' }, generation: 1 }),
    spec: {
      replicas: 2,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:16', env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }], volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }] } },
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', labels: { app: 'db' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      podManagementPolicy: 'OrderedReady',
    },
    status: { replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1 },
  });
  const job = k({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('backup-29012345', 'default', { labels: { 'batch.kubernetes.io/controller-uid': 'j1', 'batch.kubernetes.io/job-name': 'backup-29012345', 'controller-uid': 'j1', 'job-name': 'backup-29012345' }, ownerReferences: [owner('CronJob', 'backup', 'batch/v1')] }),
    spec: { parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j1' } }, template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'j1', 'batch.kubernetes.io/job-name': 'backup-29012345', 'controller-uid': 'j1', 'job-name': 'backup-29012345' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'busybox', command: ['sh', '-c', 'echo backing up && sleep 5'] }] } } },
    status: { startTime: ago(3630), completionTime: ago(3570), succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [condition('SuccessCriteriaMet', 'True'), condition('Complete', 'True')] },
  });
  const cronJob = k({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('backup', 'default'),
    spec: { schedule: '*/30 * * * *', concurrencyPolicy: 'Forbid', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { metadata: {}, spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'busybox', args: ['date'] }] } } } } },
    status: { lastScheduleTime: ago(630), active: [{ kind: 'Job', namespace: 'default', name: 'backup-29012345', uid: 'j1', apiVersion: 'batch/v1' }] },
  });
  const hpa = k({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web', 'default'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }, { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }], behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } } },
    status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '12m' } } }], conditions: [condition('AbleToScale', 'True', { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }), condition('ScalingActive', 'True', { reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' })] },
  });
  const pdb = k({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web-pdb', 'default'), spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, status: { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 } });
  const pc = k({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('high', undefined), value: 1000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'For critical workloads' });
  const events: KObject[] = [
    event('web.1', ref(webDeploy), { reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d4b9c8f6d from 0 to 3', component: 'deployment-controller', first: 7230, last: 7230 }),
    event('web.2', ref(webDeploy), { reason: 'ScalingReplicaSet', message: 'Scaled down replica set web-5f6c7b8d9e from 3 to 0', component: 'deployment-controller', first: 6630, last: 6630 }),
    event('node02.1', { kind: 'Node', name: 'node02', uid: 'node02', apiVersion: 'v1' }, { ns: 'default', reason: 'NodeNotReady', message: 'Node node02 status is now: NodeNotReady', component: 'node-controller', first: 1830, last: 1830 }),
    event('node02.2', { kind: 'Node', name: 'node02', uid: 'uid-cluster-node02' }, { ns: 'default', type: 'Normal', reason: 'NodeNotSchedulable', message: 'Node node02 status is now: NodeNotSchedulable', component: 'kubelet', host: 'node02', count: 2, first: 1890, last: 1770 }),
    event('klmno.1', ref(webPods[2]!), { type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable.', component: 'default-scheduler', count: 4, first: 3630, last: 630 }),
    event('svc.1', ref(svc), { reason: 'Type', message: 'ClusterIP -> NodePort', component: 'service-controller', first: 86430, last: 86430 }),
    event('job.1', ref(job), { reason: 'SuccessfulCreate', message: 'Created pod: backup-29012345-xk2pq', component: 'job-controller', first: 3630, last: 3630 }),
    event('job.2', ref(job), { reason: 'Completed', message: 'Job completed', component: 'job-controller', first: 3570, last: 3570 }),
    event('hpa.1', ref(hpa), { type: 'Warning', reason: 'FailedGetResourceMetric', message: 'failed to get memory utilization: unable to get metrics for resource memory', component: 'horizontal-pod-autoscaler', count: 12, first: 7230, last: 1230 }),
    event('pvc.1', ref(pvcPending), { reason: 'ExternalProvisioning', message: "Waiting for a volume to be created either by the external provisioner 'fast' or manually by the system administrator.", component: 'persistentvolume-controller', count: 41, first: 5430, last: 630 }),
  ];
  const pem = csrPem();
  const csr = pem
    ? [
        k({
          apiVersion: 'certificates.k8s.io/v1',
          kind: 'CertificateSigningRequest',
          metadata: meta('jane', undefined, { labels: { team: 'dev' } }),
          spec: { request: Buffer.from(pem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'], username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
          status: { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', lastUpdateTime: ago(630), lastTransitionTime: ago(630) }] },
        }),
      ]
    : [];
  const crd = k({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: meta('my-crontab', 'default', { labels: { app: 'cron' }, generation: 1 }), spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 3, enabled: true, ratio: 0.5, tags: ['a', 'b'], containers: [{ name: 'c1', image: 'x' }, { name: 'c2' }] }, status: { lastRunTime: null } });
  return [
    webDeploy, rsNew, rsOld, ...webPods, ...nodes, lease, ...systemPods, svc, slice, endpoints, ingress, ingressClass, netpol, denyAll, quota, limits, shop, emptyNs, cm, secret, sa, saToken, regcred,
    pv, pvc, pvcPending, usesPvc, sc, role, clusterRole, binding, clusterBinding, ds, sts, job, cronJob, hpa, pdb, pc, ...events, ...csr, crd,
  ];
}

export { terminated };

/** Every describe case: resource as typed on the command line, name, namespace. */
export const DESCRIBE_CASES: [string, string, string | undefined][] = [
  ['pod', 'web-7d4b9c8f6d-abcde', 'default'],
  ['pod', 'web-7d4b9c8f6d-klmno', 'default'],
  ['pod', 'calico-node-abcd1', 'kube-system'],
  ['deployment', 'web', 'default'],
  ['replicaset', 'web-7d4b9c8f6d', 'default'],
  ['replicaset', 'web-5f6c7b8d9e', 'default'],
  ['daemonset', 'log-agent', 'kube-system'],
  ['statefulset', 'db', 'default'],
  ['job', 'backup-29012345', 'default'],
  ['cronjob', 'backup', 'default'],
  ['service', 'web', 'default'],
  ['endpoints', 'web', 'default'],
  ['endpointslice', 'web-x8z2k', 'default'],
  ['ingress', 'web', 'default'],
  ['ingressclass', 'nginx', undefined],
  ['networkpolicy', 'db-allow', 'default'],
  ['networkpolicy', 'deny-all', 'default'],
  ['node', 'node01', undefined],
  ['node', 'node02', undefined],
  ['node', 'controlplane', undefined],
  ['namespace', 'shop', undefined],
  ['namespace', 'empty', undefined],
  ['resourcequota', 'compute', 'shop'],
  ['limitrange', 'defaults', 'shop'],
  ['configmap', 'app-config', 'default'],
  ['secret', 'db', 'default'],
  ['serviceaccount', 'deployer', 'default'],
  ['pv', 'pv-data', undefined],
  ['pvc', 'data-pvc', 'default'],
  ['pvc', 'waiting', 'default'],
  ['storageclass', 'local-path', undefined],
  ['role', 'pod-reader', 'default'],
  ['clusterrole', 'node-viewer', undefined],
  ['rolebinding', 'read-pods', 'default'],
  ['clusterrolebinding', 'view-nodes', undefined],
  ['hpa', 'web', 'default'],
  ['pdb', 'web-pdb', 'default'],
  ['priorityclass', 'high', undefined],
  ['csr', 'jane', undefined],
  ['lease', 'node01', 'kube-node-lease'],
  ['crontab', 'my-crontab', 'default'],
];


/** The kind each resource word names, to find the object in the cast. */
export const DESCRIBE_KINDS: Record<string, string> = {
  pod: 'Pod', deployment: 'Deployment', replicaset: 'ReplicaSet', daemonset: 'DaemonSet', statefulset: 'StatefulSet', job: 'Job', cronjob: 'CronJob',
  service: 'Service', endpoints: 'Endpoints', endpointslice: 'EndpointSlice', ingress: 'Ingress', ingressclass: 'IngressClass', networkpolicy: 'NetworkPolicy',
  node: 'Node', namespace: 'Namespace', resourcequota: 'ResourceQuota', limitrange: 'LimitRange', configmap: 'ConfigMap', secret: 'Secret',
  serviceaccount: 'ServiceAccount', pv: 'PersistentVolume', pvc: 'PersistentVolumeClaim', storageclass: 'StorageClass', role: 'Role', clusterrole: 'ClusterRole',
  rolebinding: 'RoleBinding', clusterrolebinding: 'ClusterRoleBinding', hpa: 'HorizontalPodAutoscaler', pdb: 'PodDisruptionBudget', priorityclass: 'PriorityClass',
  csr: 'CertificateSigningRequest', lease: 'Lease', crontab: 'CronTab',
};

/** The cast object a case describes (undefined for the CSR when openssl is missing). */
export function findCase(cast: KObject[], resource: string, name: string, ns: string | undefined): KObject | undefined {
  return cast.find((o) => o.kind === DESCRIBE_KINDS[resource] && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns));
}
