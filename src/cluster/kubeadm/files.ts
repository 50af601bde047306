/**
 * Node files `kubeadm init`/`join` and the packages leave behind, besides PKI and manifests:
 * the kubelet's config and systemd drop-in, containerd's config, the CNI config and plugin
 * binaries. The kubelet and the container runtime read these; a breakage edits them.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import type { CniPlugin } from '../spec.js';

export const KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';
export const KUBELET_DROPIN_PATH = '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf';
export const KUBELET_FLAGS_ENV_PATH = '/var/lib/kubelet/kubeadm-flags.env';
export const KUBELET_UNIT_PATH = '/usr/lib/systemd/system/kubelet.service';
export const CONTAINERD_UNIT_PATH = '/usr/lib/systemd/system/containerd.service';
export const WANTS_DIR = '/etc/systemd/system/multi-user.target.wants';

export function kubeletConfig(clusterDns: string, clusterDomain: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${clusterDns}
clusterDomain: ${clusterDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

export const KUBELET_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

export const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

export const CONTAINERD_UNIT = `[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target dbus.service

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

export function kubeletFlagsEnv(nodeIp: string): string {
  return `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --node-ip=${nodeIp}"\n`;
}

/** The CNI conflist each plugin installs, IPAM range from the pod network. */
export function cniConfig(cni: CniPlugin, podCidr: string): { file: string; content: string } {
  switch (cni) {
    case 'flannel':
      return {
        file: '10-flannel.conflist',
        content: JSON.stringify(
          {
            name: 'cbr0',
            cniVersion: '0.3.1',
            plugins: [
              { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
              { type: 'portmap', capabilities: { portMappings: true } },
            ],
          },
          null,
          2,
        ) + '\n',
      };
    case 'weave':
      return {
        file: '10-weave.conflist',
        content: JSON.stringify({ cniVersion: '0.3.0', name: 'weave', plugins: [{ name: 'weave', type: 'weave-net', hairpinMode: true }, { type: 'portmap', capabilities: { portMappings: true }, snat: true }] }, null, 4) + '\n',
      };
    case 'cilium':
      return { file: '05-cilium.conflist', content: JSON.stringify({ cniVersion: '0.3.1', name: 'cilium', plugins: [{ type: 'cilium-cni', enable_debug: false, 'log-file': '/var/run/cilium/cilium-cni.log' }] }, null, 2) + '\n' };
    case 'calico':
      return {
        file: '10-calico.conflist',
        content: JSON.stringify(
          {
            name: 'k8s-pod-network',
            cniVersion: '0.3.1',
            plugins: [
              {
                type: 'calico',
                log_level: 'info',
                log_file_path: '/var/log/calico/cni/cni.log',
                datastore_type: 'kubernetes',
                nodename: '__KUBERNETES_NODE_NAME__',
                mtu: 0,
                ipam: { type: 'calico-ipam', assign_ipv4: 'true', ipv4_pools: [podCidr] },
                policy: { type: 'k8s' },
                kubernetes: { kubeconfig: '/etc/cni/net.d/calico-kubeconfig' },
              },
              { type: 'portmap', snat: true, capabilities: { portMappings: true } },
              { type: 'bandwidth', capabilities: { bandwidth: true } },
            ],
          },
          null,
          2,
        ) + '\n',
      };
  }
}

export const CNI_BINARIES: Record<CniPlugin, string[]> = {
  calico: ['bandwidth', 'bridge', 'calico', 'calico-ipam', 'host-local', 'loopback', 'portmap'],
  flannel: ['bandwidth', 'bridge', 'flannel', 'host-local', 'loopback', 'portmap'],
  weave: ['bridge', 'host-local', 'loopback', 'portmap', 'weave-ipam', 'weave-net'],
  cilium: ['bridge', 'cilium-cni', 'host-local', 'loopback', 'portmap'],
};

/** Base services of an Ubuntu node besides containerd and the kubelet: name, description, binary. */
const BASE_UNITS: [string, string, string][] = [
  ['ssh', 'OpenBSD Secure Shell server', '/usr/sbin/sshd -D'],
  ['cron', 'Regular background program processing daemon', '/usr/sbin/cron -f -P'],
  ['rsyslog', 'System Logging Service', '/usr/sbin/rsyslogd -n -iNONE'],
  ['systemd-resolved', 'Network Name Resolution', '/usr/lib/systemd/systemd-resolved'],
  ['systemd-timesyncd', 'Network Time Synchronization', '/usr/lib/systemd/systemd-timesyncd'],
];

export const CONTAINERD_CONFIG = `version = 2

[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "registry.k8s.io/pause:3.10"
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/opt/cni/bin"
      conf_dir = "/etc/cni/net.d"
    [plugins."io.containerd.grpc.v1.cri".containerd]
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            SystemdCgroup = true
`;

const STUB_RESOLV = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients to the
# internal DNS stub resolver of systemd-resolved. This file lists all
# configured search domains.
#
# Run "resolvectl status" to see details about the uplink DNS servers
# currently in use.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.

nameserver 127.0.0.53
options edns0 trust-ad
search .
`;

export interface NodeFileParams {
  nodeName: string;
  nodeIp: string;
  clusterDns: string;
  clusterDomain: string;
  cni: CniPlugin;
  podCidr: string;
  /** This node's pod CIDR (its /24 of the pod network). */
  nodePodCidr: string;
}

/** Writes the kubelet, containerd, systemd and CNI files of one node. */
export function writeNodeFiles(fs: VirtualFS, opts: NodeFileParams): void {
  if (!fs.exists('/lib')) fs.symlink('usr/lib', '/lib');
  fs.writeFile(KUBELET_CONFIG_PATH, kubeletConfig(opts.clusterDns, opts.clusterDomain), { parents: true });
  fs.writeFile(KUBELET_FLAGS_ENV_PATH, kubeletFlagsEnv(opts.nodeIp), { parents: true });
  fs.writeFile(KUBELET_DROPIN_PATH, KUBELET_DROPIN, { parents: true });
  fs.writeFile(KUBELET_UNIT_PATH, KUBELET_UNIT, { parents: true });
  fs.writeFile(CONTAINERD_UNIT_PATH, CONTAINERD_UNIT, { parents: true });
  fs.mkdir(WANTS_DIR, { recursive: true });
  fs.symlink(KUBELET_UNIT_PATH, `${WANTS_DIR}/kubelet.service`);
  fs.symlink(CONTAINERD_UNIT_PATH, `${WANTS_DIR}/containerd.service`);
  for (const [name, description, exec] of BASE_UNITS) {
    const path = `/usr/lib/systemd/system/${name}.service`;
    fs.writeFile(path, `[Unit]\nDescription=${description}\n\n[Service]\nExecStart=${exec}\n\n[Install]\nWantedBy=multi-user.target\n`, { parents: true });
    fs.writeFile(exec.split(' ')[0]!, `\u007fELF simulated ${name}\n`, { parents: true, mode: 0o755 });
    fs.symlink(path, `${WANTS_DIR}/${name}.service`);
  }
  fs.writeFile('/etc/containerd/config.toml', CONTAINERD_CONFIG, { parents: true });
  fs.writeFile('/etc/crictl.yaml', 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\ndebug: false\n');
  fs.writeFile('/run/systemd/resolve/stub-resolv.conf', STUB_RESOLV, { parents: true });
  fs.writeFile('/run/systemd/resolve/resolv.conf', '# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n\nnameserver 192.168.100.1\nsearch .\n');
  fs.writeFile('/etc/resolv.conf', STUB_RESOLV);
  fs.writeFile('/proc/swaps', 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n', { parents: true });
  fs.mkdir('/etc/kubernetes/manifests', { recursive: true });
  fs.mkdir('/var/lib/kubelet/pki', { recursive: true });
  fs.mkdir('/var/log/pods', { recursive: true });
  fs.mkdir('/var/log/containers', { recursive: true });
  const cni = cniConfig(opts.cni, opts.podCidr);
  fs.writeFile(`/etc/cni/net.d/${cni.file}`, cni.content, { parents: true });
  for (const bin of CNI_BINARIES[opts.cni]) fs.writeFile(`/opt/cni/bin/${bin}`, `\u007fELF simulated ${bin} plugin\n`, { parents: true, mode: 0o755 });
  // State the CNI's node agent left behind when it last started (it rewrites it on every start).
  if (opts.cni === 'calico') fs.writeFile('/var/lib/calico/nodename', opts.nodeName, { parents: true });
  if (opts.cni === 'flannel') fs.writeFile('/run/flannel/subnet.env', flannelSubnetEnv(opts.podCidr, opts.nodePodCidr), { parents: true });
  for (const bin of ['kubelet', 'kubeadm', 'kubectl', 'containerd', 'crictl', 'ctr', 'runc']) {
    fs.writeFile(`/usr/bin/${bin}`, `\u007fELF simulated ${bin}\n`, { parents: true, mode: 0o755 });
  }
}

/** flanneld's /run/flannel/subnet.env for a node. */
export function flannelSubnetEnv(network: string, nodePodCidr: string): string {
  const gw = nodePodCidr.replace(/\.0\/(\d+)$/, '.1/$1');
  return `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${gw}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`;
}
