/**
 * API objects `kubeadm init` creates once the apiserver answers (uploaded configuration,
 * CoreDNS, kube-proxy) and the CNI the administrator installs afterwards. They are created as
 * cluster-admin and then run like any workload: CoreDNS pods exist because its Deployment does.
 */
import type { KObject } from '../../api/types.js';
import type { ClusterSpec } from '../spec.js';
import { dnsServiceIp } from '../../api/allocators.js';
import { toYaml } from '../../util/yaml.js';

export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

const CRITICAL_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];

function meta(name: string, namespace?: string, labels?: Record<string, string>, annotations?: Record<string, string>) {
  return { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
}

export function clusterConfiguration(spec: ClusterSpec, controlPlaneIp: string): string {
  return toYaml({
    apiServer: {},
    apiVersion: 'kubeadm.k8s.io/v1beta4',
    caCertificateValidityPeriod: '87600h0m0s',
    certificateValidityPeriod: '8760h0m0s',
    certificatesDir: '/etc/kubernetes/pki',
    clusterName: spec.name === 'kubernetes' ? 'kubernetes' : spec.name,
    controlPlaneEndpoint: `${controlPlaneIp}:6443`,
    controllerManager: {},
    dns: {},
    encryptionAlgorithm: 'RSA-2048',
    etcd: { local: { dataDir: '/var/lib/etcd' } },
    imageRepository: 'registry.k8s.io',
    kind: 'ClusterConfiguration',
    kubernetesVersion: spec.version,
    networking: { dnsDomain: spec.dnsDomain, podSubnet: spec.podCidr, serviceSubnet: spec.serviceCidr },
    proxy: {},
    scheduler: {},
  });
}

export function kubeadmObjects(spec: ClusterSpec, controlPlaneIp: string, kubeletConfigText: string): KObject[] {
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kubeadm-config', 'kube-system'), data: { ClusterConfiguration: clusterConfiguration(spec, controlPlaneIp) } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kubelet-config', 'kube-system', undefined, { 'kubeadm.kubernetes.io/component-config.hash': 'sha256:5f0b6f7b1c1f2b8d8e1c4a9b8f7d6e5c4b3a29180f7e6d5c4b3a29180f7e6d5c' }), data: { kubelet: kubeletConfigText } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cluster-info', 'kube-public'), data: { kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${controlPlaneIp}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n` } },
    ...kubeProxy(spec, controlPlaneIp),
    ...coreDns(spec),
  ];
}

function kubeProxy(spec: ClusterSpec, controlPlaneIp: string): KObject[] {
  const config = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clusterCIDR: ${spec.podCidr}
kind: KubeProxyConfiguration
mode: ""
`;
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${controlPlaneIp}:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('kube-proxy', 'kube-system') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-proxy', 'kube-system', { app: 'kube-proxy' }), data: { 'config.conf': config, 'kubeconfig.conf': kubeconfig } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta('kube-proxy', 'kube-system', { 'k8s-app': 'kube-proxy' }),
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                name: 'kube-proxy',
                image: `registry.k8s.io/kube-proxy:${spec.version}`,
                command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
                env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                  { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                ],
              },
            ],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
              { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
            ],
          },
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      },
    },
  ];
}

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

function coreDns(spec: ClusterSpec): KObject[] {
  const labels = { 'k8s-app': 'kube-dns' };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('coredns', 'kube-system') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('coredns', 'kube-system'), data: { Corefile: COREFILE.replace('cluster.local', spec.dnsDomain) } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('coredns', 'kube-system', labels),
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels },
          spec: {
            affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 }] } },
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                args: ['-conf', '/etc/coredns/Corefile'],
                livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
                volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
              },
            ],
            dnsPolicy: 'Default',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: CRITICAL_TOLERATIONS,
            volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' }),
      spec: {
        clusterIP: dnsServiceIp(spec.serviceCidr),
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: labels,
      },
    },
  ];
}

/** Images the CNI's manifests run (pulled onto every node when it was installed). */
export function cniImages(spec: ClusterSpec): string[] {
  if (spec.cni === 'flannel') return ['ghcr.io/flannel-io/flannel:v0.26.7', 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1'];
  if (spec.cni === 'weave') return ['docker.io/weaveworks/weave-kube:2.8.1'];
  if (spec.cni === 'cilium') return ['quay.io/cilium/cilium:v1.17.4'];
  return ['docker.io/calico/node:v3.29.3', 'docker.io/calico/cni:v3.29.3', 'docker.io/calico/kube-controllers:v3.29.3'];
}

/** The CNI the administrator applied after kubeadm init (calico by default). */
export function cniObjects(spec: ClusterSpec): KObject[] {
  if (spec.cni === 'flannel') {
    const labels = { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' };
    return [
      { apiVersion: 'v1', kind: 'Namespace', metadata: meta('kube-flannel', undefined, { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' }) },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('flannel', 'kube-flannel', { 'k8s-app': 'flannel' }) },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-flannel-cfg', 'kube-flannel', labels), data: { 'net-conf.json': JSON.stringify({ Network: spec.podCidr, EnableNFTables: false, Backend: { Type: 'vxlan' } }, null, 2) + '\n' } },
      daemonSet('kube-flannel-ds', 'kube-flannel', labels, 'ghcr.io/flannel-io/flannel:v0.26.7', 'flannel', ['/opt/bin/flanneld'], ['--ip-masq', '--kube-subnet-mgr']),
    ];
  }
  const labels = { 'k8s-app': 'calico-node' };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('calico-node', 'kube-system') },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('calico-kube-controllers', 'kube-system') },
    daemonSet('calico-node', 'kube-system', labels, 'docker.io/calico/node:v3.29.3', 'calico-node', undefined, undefined),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('calico-kube-controllers', 'kube-system', { 'k8s-app': 'calico-kube-controllers' }),
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels: { 'k8s-app': 'calico-kube-controllers' }, name: 'calico-kube-controllers', namespace: 'kube-system' },
          spec: {
            containers: [{ name: 'calico-kube-controllers', image: 'docker.io/calico/kube-controllers:v3.29.3', env: [{ name: 'ENABLED_CONTROLLERS', value: 'node' }, { name: 'DATASTORE_TYPE', value: 'kubernetes' }] }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'calico-kube-controllers',
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
          },
        },
      },
    },
  ];
}

function daemonSet(name: string, namespace: string, labels: Record<string, string>, image: string, sa: string, command?: string[], args?: string[]): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(name, namespace, labels),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: sa === 'flannel' ? 'kube-flannel' : name, image, ...(command ? { command } : {}), ...(args ? { args } : {}), securityContext: { privileged: true } }],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: sa,
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    },
  };
}
