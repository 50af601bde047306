/**
 * Small object builders for printer and describe tests: a realistic kubeadm-cluster cast
 * (pods in many states, a deployment with its replica sets, a service, nodes, events).
 */

import type { KObject } from '../../src/api/types.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');

let base = NOW;

/** Moves the instant `ago` counts from (oracle tests against kubectl use the real clock). */
export function setBase(t: number): void {
  base = Math.floor(t / 1000) * 1000;
}

/** An RFC 3339 instant `seconds` before the base instant (NOW unless moved). */
export const ago = (seconds: number, now = base): string => new Date(now - seconds * 1000).toISOString().replace('.000Z', 'Z');

type Obj = Record<string, any>;

export function meta(name: string, namespace: string | undefined, extra: Obj = {}): Obj {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: `uid-${namespace ?? 'cluster'}-${name}`,
    resourceVersion: '1234',
    creationTimestamp: ago(3600 * 26),
    labels: {},
    ...extra,
  };
}

export function pod(name: string, opts: { ns?: string; labels?: Record<string, string>; spec?: Obj; status?: Obj; meta?: Obj } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, opts.ns ?? 'default', { labels: opts.labels ?? { app: 'web' }, ...opts.meta }),
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], nodeName: 'node01', ...opts.spec },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], ...opts.status },
  } as KObject;
}

export const running = (name: string, restarts = 0, extra: Obj = {}): Obj => ({
  name,
  ready: true,
  started: true,
  restartCount: restarts,
  image: 'nginx:1.25',
  imageID: 'docker.io/library/nginx@sha256:abc',
  containerID: 'containerd://0123',
  state: { running: { startedAt: ago(3600) } },
  ...(restarts > 0 ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(400), finishedAt: ago(95) } } } : {}),
  ...extra,
});

export const waiting = (name: string, reason: string, restarts = 0, message?: string): Obj => ({
  name,
  ready: false,
  started: false,
  restartCount: restarts,
  image: 'nginx:1.25',
  imageID: '',
  state: { waiting: { reason, ...(message ? { message } : {}) } },
  ...(restarts > 0 ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(300), finishedAt: ago(250) } } } : {}),
});

export const terminated = (name: string, exitCode: number, reason?: string): Obj => ({
  name,
  ready: false,
  started: false,
  restartCount: 0,
  image: 'busybox',
  imageID: 'docker.io/library/busybox@sha256:def',
  containerID: 'containerd://4567',
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), startedAt: ago(600), finishedAt: ago(590) } },
});

export const condition = (type: string, status: string, extra: Obj = {}): Obj => ({ type, status, lastProbeTime: null, lastTransitionTime: ago(3600), ...extra });

export function deployment(name: string, ns = 'default', extra: Obj = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, ns, { labels: { app: name }, annotations: { 'deployment.kubernetes.io/revision': '2' }, generation: 2 }),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
      ...extra.spec,
    },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
      conditions: [
        condition('Available', 'False', { reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: ago(3600) }),
        condition('Progressing', 'True', { reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-7d4b9c8f6d" has successfully progressed.`, lastUpdateTime: ago(3600) }),
      ],
      ...extra.status,
    },
  } as KObject;
}

export function service(name: string, ns = 'default', spec: Obj = {}, status: Obj = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, ns, { labels: { app: name } }),
    spec: { type: 'ClusterIP', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], selector: { app: name }, sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', ...spec },
    status: { loadBalancer: {}, ...status },
  } as KObject;
}

export function node(name: string, opts: { labels?: Record<string, string>; ready?: string; unschedulable?: boolean; taints?: Obj[]; ip?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, {
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', ...opts.labels },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock' },
    }),
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], ...(opts.unschedulable ? { unschedulable: true } : {}), ...(opts.taints ? { taints: opts.taints } : {}) },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-2Mi': '0', memory: '4005036Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '18556039957', 'hugepages-2Mi': '0', memory: '3902636Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(30), lastTransitionTime: ago(3600 * 26), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(30), lastTransitionTime: ago(3600 * 26), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(30), lastTransitionTime: ago(3600 * 26), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: opts.ready ?? 'True', lastHeartbeatTime: ago(30), lastTransitionTime: ago(3600 * 25), reason: opts.ready === 'False' ? 'KubeletNotReady' : 'KubeletReady', message: opts.ready === 'False' ? 'container runtime network not ready' : 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: opts.ip ?? '192.168.1.11' },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '2f0e5b8f3d2a4c0e9b1a7c6d5e4f3a2b',
        systemUUID: '2f0e5b8f-3d2a-4c0e-9b1a-7c6d5e4f3a2b',
        bootID: 'a1b2c3d4-e5f6-4789-abcd-ef0123456789',
        kernelVersion: '5.15.0-91-generic',
        osImage: 'Ubuntu 22.04.3 LTS',
        containerRuntimeVersion: 'containerd://1.7.13',
        kubeletVersion: 'v1.33.0',
        kubeProxyVersion: 'v1.33.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  } as KObject;
}

export function event(name: string, involved: Obj, opts: { type?: string; reason: string; message: string; count?: number; first: number; last: number; component?: string; host?: string; ns?: string }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta(name, opts.ns ?? involved.namespace ?? 'default', { creationTimestamp: ago(opts.first), labels: undefined }),
    involvedObject: involved,
    reason: opts.reason,
    message: opts.message,
    source: { component: opts.component ?? 'kubelet', ...(opts.host ? { host: opts.host } : {}) },
    firstTimestamp: ago(opts.first),
    lastTimestamp: ago(opts.last),
    count: opts.count ?? 1,
    type: opts.type ?? 'Normal',
    eventTime: null,
    reportingComponent: opts.component ?? 'kubelet',
    reportingInstance: opts.host ?? '',
  } as unknown as KObject;
}
