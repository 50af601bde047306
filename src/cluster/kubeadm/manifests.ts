/**
 * The static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests on the
 * control-plane node (v1.33 layout, flags in kubeadm's sorted order). A breakage edits these
 * files; the kubelet runs whatever they say.
 */
import type { KObject } from '../../api/types.js';
import { toYaml } from '../../util/yaml.js';

export interface ControlPlaneParams {
  nodeName: string;
  nodeIp: string;
  version: string;
  etcdVersion: string;
  podCidr: string;
  serviceCidr: string;
  clusterName: string;
  dnsDomain: string;
}

export const ETCD_VERSION = '3.5.21-0';

interface Mount {
  name: string;
  path: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly?: boolean;
}

function staticPod(component: string, command: string[], image: string, opts: { mounts: Mount[]; cpu: string; probeHost: string; probePort: number; scheme: 'HTTP' | 'HTTPS'; livezPath: string; readyPath?: string; annotations?: Record<string, string>; priorityClassName?: string }): KObject {
  const probe = (path: string, extra: Record<string, number>) => ({
    ...extra,
    httpGet: { host: opts.probeHost, path, port: opts.probePort, scheme: opts.scheme },
    timeoutSeconds: 15,
  });
  const container: Record<string, unknown> = {
    command,
    image,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: probe(opts.livezPath, { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
    name: component,
    resources: { requests: { cpu: opts.cpu } },
    startupProbe: probe(opts.livezPath, { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
    volumeMounts: opts.mounts.map((m) => ({ mountPath: m.path, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) })),
  };
  if (opts.readyPath) container['readinessProbe'] = probe(opts.readyPath, { failureThreshold: 3, periodSeconds: 1 });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
      creationTimestamp: null,
      labels: { component, tier: 'control-plane' },
      name: component,
      namespace: 'kube-system',
    },
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: opts.mounts.map((m) => ({ hostPath: { path: m.path, type: m.type }, name: m.name })),
    },
    status: {},
  };
}

const CA_MOUNTS: Mount[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

export function apiServerManifest(p: ControlPlaneParams): KObject {
  const command = [
    'kube-apiserver',
    `--advertise-address=${p.nodeIp}`,
    '--allow-privileged=true',
    '--authorization-mode=Node,RBAC',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    '--enable-admission-plugins=NodeRestriction',
    '--enable-bootstrap-token-auth=true',
    '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
    '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
    '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    '--etcd-servers=https://127.0.0.1:2379',
    '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
    '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    '--secure-port=6443',
    `--service-account-issuer=https://kubernetes.default.svc.${p.dnsDomain}`,
    '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
    '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
    `--service-cluster-ip-range=${p.serviceCidr}`,
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
    '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  ];
  return staticPod('kube-apiserver', command, `registry.k8s.io/kube-apiserver:${p.version}`, {
    mounts: CA_MOUNTS,
    cpu: '250m',
    probeHost: p.nodeIp,
    probePort: 6443,
    scheme: 'HTTPS',
    livezPath: '/livez',
    readyPath: '/readyz',
    annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${p.nodeIp}:6443` },
  });
}

export function controllerManagerManifest(p: ControlPlaneParams): KObject {
  const command = [
    'kube-controller-manager',
    '--allocate-node-cidrs=true',
    '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--bind-address=127.0.0.1',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    `--cluster-cidr=${p.podCidr}`,
    `--cluster-name=${p.clusterName}`,
    '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
    '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
    '--controllers=*,bootstrapsigner,tokencleaner',
    '--kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--leader-elect=true',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
    `--service-cluster-ip-range=${p.serviceCidr}`,
    '--use-service-account-credentials=true',
  ];
  return staticPod('kube-controller-manager', command, `registry.k8s.io/kube-controller-manager:${p.version}`, {
    mounts: [
      CA_MOUNTS[0]!,
      CA_MOUNTS[1]!,
      { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate' },
      CA_MOUNTS[2]!,
      { name: 'kubeconfig', path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true },
      CA_MOUNTS[3]!,
      CA_MOUNTS[4]!,
    ],
    cpu: '200m',
    probeHost: '127.0.0.1',
    probePort: 10257,
    scheme: 'HTTPS',
    livezPath: '/healthz',
  });
}

export function schedulerManifest(p: ControlPlaneParams): KObject {
  const command = [
    'kube-scheduler',
    '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
    '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
    '--bind-address=127.0.0.1',
    '--kubeconfig=/etc/kubernetes/scheduler.conf',
    '--leader-elect=true',
  ];
  return staticPod('kube-scheduler', command, `registry.k8s.io/kube-scheduler:${p.version}`, {
    mounts: [{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true }],
    cpu: '100m',
    probeHost: '127.0.0.1',
    probePort: 10259,
    scheme: 'HTTPS',
    livezPath: '/livez',
    readyPath: '/readyz',
  });
}

export function etcdManifest(p: ControlPlaneParams): KObject {
  const command = [
    'etcd',
    `--advertise-client-urls=https://${p.nodeIp}:2379`,
    '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
    '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd',
    '--experimental-initial-corrupt-check=true',
    '--experimental-watch-progress-notify-interval=5s',
    `--initial-advertise-peer-urls=https://${p.nodeIp}:2380`,
    `--initial-cluster=${p.nodeName}=https://${p.nodeIp}:2380`,
    '--key-file=/etc/kubernetes/pki/etcd/server.key',
    `--listen-client-urls=https://127.0.0.1:2379,https://${p.nodeIp}:2379`,
    '--listen-metrics-urls=http://127.0.0.1:2381',
    `--listen-peer-urls=https://${p.nodeIp}:2380`,
    `--name=${p.nodeName}`,
    '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
    '--peer-client-cert-auth=true',
    '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    '--snapshot-count=10000',
    '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  ];
  const pod = staticPod('etcd', command, `registry.k8s.io/etcd:${p.etcdVersion}`, {
    mounts: [
      { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' },
      { name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' },
    ],
    cpu: '100m',
    probeHost: '127.0.0.1',
    probePort: 2381,
    scheme: 'HTTP',
    livezPath: '/livez',
    readyPath: '/readyz',
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${p.nodeIp}:2379` },
  });
  const c = (pod['spec'] as { containers: Record<string, unknown>[] }).containers[0]!;
  c['resources'] = { requests: { cpu: '100m', memory: '100Mi' } };
  return pod;
}

/** The four manifests by file name. */
export function controlPlaneManifests(p: ControlPlaneParams): Record<string, string> {
  return {
    'etcd.yaml': toYaml(etcdManifest(p)),
    'kube-apiserver.yaml': toYaml(apiServerManifest(p)),
    'kube-controller-manager.yaml': toYaml(controllerManagerManifest(p)),
    'kube-scheduler.yaml': toYaml(schedulerManifest(p)),
  };
}
