/**
 * What a cluster is made of, before it boots: nodes, networks, versions. Scenarios fill this in;
 * the default is the kubeadm cluster the exams use: `controlplane`, `node01`, `node02`.
 */

export type NodeRole = 'control-plane' | 'worker';

export interface NodeSpec {
  name: string;
  role: NodeRole;
  /** Address on the node network; assigned in order when absent. */
  ip?: string;
  cpu?: number;
  /** Memory in MiB. */
  memoryMi?: number;
  maxPods?: number;
  /** Extra node labels (beyond the kubelet's well-known ones). */
  labels?: Record<string, string>;
}

export type CniPlugin = 'calico' | 'flannel' | 'weave' | 'cilium';

export interface ClusterSpec {
  name: string;
  /** Kubernetes version of every component, e.g. v1.33.2. */
  version: string;
  nodes: NodeSpec[];
  /** The node network: node IPs come from here in order (.2, .3, ...). */
  nodeCidr: string;
  podCidr: string;
  serviceCidr: string;
  dnsDomain: string;
  cni: CniPlugin;
  /** kubeconfig context name for the candidate's workstation. */
  context: string;
  /** Simulated seconds the cluster has been up when the session starts. */
  uptimeSeconds: number;
}

export const DEFAULT_VERSION = 'v1.33.2';

export function defaultClusterSpec(overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    name: 'kubernetes',
    version: DEFAULT_VERSION,
    nodes: [
      { name: 'controlplane', role: 'control-plane' },
      { name: 'node01', role: 'worker' },
      { name: 'node02', role: 'worker' },
    ],
    nodeCidr: '192.168.100.0/24',
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/12',
    dnsDomain: 'cluster.local',
    cni: 'calico',
    context: 'kubernetes-admin@kubernetes',
    uptimeSeconds: 0,
    ...overrides,
  };
}

/** Capacity defaults for a node: 2 CPUs, 4 GiB on workers and 2 CPUs, 4 GiB on the control plane. */
export function nodeCapacity(n: NodeSpec): { cpu: number; memoryMi: number; maxPods: number } {
  return { cpu: n.cpu ?? 2, memoryMi: n.memoryMi ?? 4096, maxPods: n.maxPods ?? 110 };
}
