/** Small builders for scheduler tests: nodes and pods as the API would hold them. */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { Rng } from '../../src/util/rng.js';
import { buildSnapshot, type ClusterSnapshot, type SnapshotInput } from '../../src/scheduler/snapshot.js';
import { CycleState, type CycleContext } from '../../src/scheduler/framework.js';
import { podInfo } from '../../src/scheduler/snapshot.js';
import { scheduleOne, type ScheduleResult } from '../../src/scheduler/schedule.js';

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function node(name: string, o: NodeOptions = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...o.labels },
    },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: o.pods ?? '110', 'ephemeral-storage': '20Gi' },
      ...(o.images ? { images: o.images } : {}),
    },
  };
}

export function nodeWithTaints(name: string, ...taints: Taint[]): Node {
  return node(name, { taints });
}

export const controlPlaneTaint: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** controlplane (tainted), node01, node02: 2 cpu, 4Gi, 110 pods each, as kubeadm leaves them. */
export function kubeadmNodes(): Node[] {
  return [
    node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }, taints: [controlPlaneTaint] }),
    node('node01'),
    node('node02'),
  ];
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: NonNullable<Pod['spec']>['affinity'];
  priority?: number;
  preemptionPolicy?: string;
  hostPort?: number;
  image?: string;
  created?: string;
  owner?: { kind: string; name: string; apiVersion?: string };
  volumes?: NonNullable<Pod['spec']>['volumes'];
  topologySpreadConstraints?: NonNullable<Pod['spec']>['topologySpreadConstraints'];
  schedulerName?: string;
  phase?: string;
  startTime?: string;
}

export function pod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const ns = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `uid-${ns}-${name}`,
      creationTimestamp: o.created ?? '2026-01-01T00:00:00Z',
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner
        ? { ownerReferences: [{ apiVersion: o.owner.apiVersion ?? 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: `uid-${o.owner.name}`, controller: true }] }
        : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: o.image ?? 'nginx',
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort, protocol: 'TCP' }] } : {}),
        },
      ],
      schedulerName: o.schedulerName ?? 'default-scheduler',
      priority: o.priority ?? 0,
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.volumes ? { volumes: o.volumes } : {}),
      ...(o.topologySpreadConstraints ? { topologySpreadConstraints: o.topologySpreadConstraints } : {}),
    },
    status: { phase: o.phase ?? 'Pending', ...(o.startTime ? { startTime: o.startTime } : {}) },
  };
}

export function podRequesting(cpu: string, memory: string, o: PodOptions & { name?: string } = {}): Pod {
  return pod(o.name ?? 'web', { ...o, cpu, memory });
}

/** A pod already running on a node. */
export function running(name: string, nodeName: string, o: PodOptions = {}): Pod {
  return pod(name, { ...o, nodeName, phase: 'Running', startTime: o.startTime ?? '2026-01-01T00:00:00Z' });
}

export function snapshotOf(nodes: Node[], pods: Pod[] = [], extra: Partial<SnapshotInput> = {}): ClusterSnapshot {
  return buildSnapshot({ nodes, pods, ...extra });
}

/** A cycle context for calling one plugin directly. */
export function cycle(p: Pod, snapshot: ClusterSnapshot): CycleContext {
  return { pod: podInfo(p), snapshot, state: new CycleState() };
}

export function schedule(p: Pod, nodes: Node[], pods: Pod[] = [], extra: Partial<SnapshotInput> = {}, seed = 1): ScheduleResult {
  return scheduleOne(p, snapshotOf(nodes, pods, extra), { rng: new Rng(seed) });
}

/** Where the pod goes, or its FailedScheduling message. */
export function placement(r: ScheduleResult): string {
  return 'nodeName' in r ? r.nodeName : r.message;
}
