/**
 * The Node object a kubelet registers and the status it posts: capacity, allocatable,
 * conditions, addresses and nodeInfo, as a v1.33 kubelet on Ubuntu with containerd reports.
 */
import type { KObject, Stored } from '../../api/types.js';
import { toRfc3339 } from '../../util/clock.js';

export interface NodeFacts {
  role: 'control-plane' | 'worker';
  cpu: number;
  memoryMi: number;
  maxPods: number;
  kubeletVersion: string;
  podCidr: string;
  labels: Record<string, string>;
  machineId: string;
  bootId: string;
  systemUuid: string;
}

const KERNEL = '6.8.0-1029-aws';
const OS_IMAGE = 'Ubuntu 24.04.2 LTS';
const RUNTIME = 'containerd://1.7.27';
/** ephemeral-storage as a 20 GB disk reports it. */
const DISK_KI = 20134592;

function capacity(f: NodeFacts): Record<string, string> {
  return {
    cpu: String(f.cpu),
    'ephemeral-storage': `${DISK_KI}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${f.memoryMi * 1024 - 1800}Ki`,
    pods: String(f.maxPods),
  };
}

function allocatable(f: NodeFacts): Record<string, string> {
  return {
    cpu: String(f.cpu),
    'ephemeral-storage': String(Math.floor(DISK_KI * 1024 * 0.9)),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${f.memoryMi * 1024 - 1800 - 102400}Ki`,
    pods: String(f.maxPods),
  };
}

/** Why the node is not ready ('' when it is). */
export type Readiness = string;

function conditions(now: number, notReady: Readiness, previous?: { type: string; status: string; lastTransitionTime?: string }[]) {
  const ts = toRfc3339(now);
  const since = (type: string, status: string) => {
    const p = previous?.find((c) => c.type === type);
    return p && p.status === status && p.lastTransitionTime ? p.lastTransitionTime : ts;
  };
  const ready = !notReady ? { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' } : { status: 'False', reason: 'KubeletNotReady', message: notReady };
  return [
    { lastHeartbeatTime: ts, lastTransitionTime: since('MemoryPressure', 'False'), message: 'kubelet has sufficient memory available', reason: 'KubeletHasSufficientMemory', status: 'False', type: 'MemoryPressure' },
    { lastHeartbeatTime: ts, lastTransitionTime: since('DiskPressure', 'False'), message: 'kubelet has no disk pressure', reason: 'KubeletHasNoDiskPressure', status: 'False', type: 'DiskPressure' },
    { lastHeartbeatTime: ts, lastTransitionTime: since('PIDPressure', 'False'), message: 'kubelet has sufficient PID available', reason: 'KubeletHasSufficientPID', status: 'False', type: 'PIDPressure' },
    { lastHeartbeatTime: ts, lastTransitionTime: since('Ready', ready.status), message: ready.message, reason: ready.reason, status: ready.status, type: 'Ready' },
  ];
}

function nodeInfo(f: NodeFacts) {
  return {
    architecture: 'amd64',
    bootID: f.bootId,
    containerRuntimeVersion: RUNTIME,
    kernelVersion: KERNEL,
    kubeProxyVersion: '',
    kubeletVersion: f.kubeletVersion,
    machineID: f.machineId,
    operatingSystem: 'linux',
    osImage: OS_IMAGE,
    systemUUID: f.systemUuid,
  };
}

export interface NodeExtras {
  kubeletPort: number;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  images: { names: string[]; sizeBytes: number }[];
}

export function buildNode(name: string, ip: string, f: NodeFacts, now: number, notReady: Readiness, extras: NodeExtras): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...f.labels,
        ...extras.labels,
      },
    },
    spec: extras.taints.length ? { taints: extras.taints } : {},
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      allocatable: allocatable(f),
      capacity: capacity(f),
      conditions: conditions(now, notReady),
      daemonEndpoints: { kubeletEndpoint: { Port: extras.kubeletPort } },
      images: extras.images,
      nodeInfo: nodeInfo(f),
    },
  };
}

/** How often a kubelet posts an unchanged status (nodeStatusReportFrequency); the Lease is the heartbeat. */
const REPORT_SECONDS = 300;

/** The status patch of a heartbeat, or undefined when nothing changed and no report is due. */
export function nodeStatusPatch(node: Stored, ip: string, f: NodeFacts, now: number, notReady: Readiness, extras: NodeExtras, reportSeconds = REPORT_SECONDS): Record<string, unknown> | undefined {
  const status = (node['status'] ?? {}) as { conditions?: { type: string; status: string; message?: string; lastTransitionTime?: string; lastHeartbeatTime?: string }[]; images?: unknown; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  const wantReady = notReady ? 'False' : 'True';
  const last = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : 0;
  const posted = (status.images ?? []) as { names: string[] }[];
  const sameImages = posted.length === extras.images.length && posted.every((img, i) => img.names[1] === extras.images[i]!.names[1]);
  const samePort = status.daemonEndpoints?.kubeletEndpoint?.Port === extras.kubeletPort;
  if (ready?.status === wantReady && (ready.message ?? '') === (notReady || 'kubelet is posting ready status') && sameImages && samePort && now - last < reportSeconds * 1000) return undefined;
  return {
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: node.metadata.name, type: 'Hostname' },
      ],
      allocatable: allocatable(f),
      capacity: capacity(f),
      conditions: conditions(now, notReady, status.conditions),
      daemonEndpoints: { kubeletEndpoint: { Port: extras.kubeletPort } },
      images: extras.images,
      nodeInfo: nodeInfo(f),
    },
  };
}
