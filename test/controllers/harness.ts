/**
 * A small cluster for controller tests: a real ApiServer with minimal per-kind strategies (the
 * kinds helper's defaulting is not on main yet), the controller-manager's reconcilers in a run
 * loop, and helpers that play kubelet and scheduler by writing pod and node status.
 */
import { ApiServer } from '../../src/api/server.js';
import { ApiClient } from '../../src/api/client.js';
import { SYSTEM_USERS } from '../../src/api/auth.js';
import type { KindStrategy } from '../../src/api/strategy.js';
import { clone, type KObject, type Stored } from '../../src/api/types.js';
import { selectorMatches, type LabelSelector } from '../../src/api/labels.js';
import { RunLoop } from '../../src/cluster/runloop.js';
import { toRfc3339Micro, VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';
import { targetNodeName } from '../../src/controllers/util/pods.js';
import { ControllerContext, controllerManagerReconcilers, externalProvisioners, type ControllerManagerSettings, type MetricsSource } from '../../src/controllers/index.js';

const workload: KindStrategy = { generation: true, statusSubresource: true };

export const TEST_STRATEGIES: Record<string, KindStrategy> = {
  'deployments.apps': workload,
  'replicasets.apps': workload,
  'daemonsets.apps': workload,
  'statefulsets.apps': workload,
  'jobs.batch': {
    ...workload,
    // generateSelectorIfNeeded: the apiserver labels the template and selects by controller-uid.
    prepareForCreate(obj) {
      const spec = obj['spec'] as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
      if (spec.manualSelector || spec.selector) return;
      const uid = obj.metadata.uid!;
      const name = obj.metadata.name!;
      spec.template ??= {};
      spec.template.metadata ??= {};
      spec.template.metadata.labels = { ...(spec.template.metadata.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
      spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    },
  },
  'cronjobs.batch': workload,
  'horizontalpodautoscalers.autoscaling': workload,
  pods: { statusSubresource: true },
  persistentvolumeclaims: { statusSubresource: true },
  persistentvolumes: { statusSubresource: true },
  resourcequotas: { statusSubresource: true },
  namespaces: {
    statusSubresource: true,
    prepareForCreate(obj) {
      obj['status'] = { phase: 'Active' };
      obj['spec'] = { finalizers: ['kubernetes'] };
    },
  },
};

export interface HarnessOptions {
  settings?: Partial<ControllerManagerSettings>;
  metrics?: MetricsSource;
  start?: string;
  seed?: number;
  /** Namespaces to create first (default: ["default"]). */
  namespaces?: string[];
}

export type Obj = Stored<KObject>;

export function harness(opts: HarnessOptions = {}) {
  const clock = new VirtualClock(opts.start ?? '2026-01-01T00:00:00Z');
  const rng = new Rng(opts.seed ?? 42);
  const api = new ApiServer({ clock, rng: rng.fork('apiserver'), strategies: TEST_STRATEGIES });
  const admin = new ApiClient(api, SYSTEM_USERS.superAdmin);
  const ctx = new ControllerContext({ client: new ApiClient(api, SYSTEM_USERS.controllerManager), clock, rng: rng.fork('kcm'), settings: opts.settings, metrics: opts.metrics });
  const loop = new RunLoop(clock);
  loop.attach(api.store);
  for (const ns of opts.namespaces ?? ['default']) admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  let running = true;
  const reconcilers = controllerManagerReconcilers(ctx);
  loop.add({ name: 'kube-controller-manager', active: () => running, reconcilers });
  loop.add({ name: 'local-path-provisioner', active: () => true, reconcilers: externalProvisioners(ctx) });
  // A minimal kubelet heartbeat: renews the node's Lease every 10 s for nodes started with h.kubelet().
  const heartbeats = new Set<string>();
  const heartbeat = {
    name: 'kubelet-heartbeat',
    resyncKeys: () => [...heartbeats],
    reconcile(node: string) {
      if (!heartbeats.has(node)) return;
      const renewTime = toRfc3339Micro(clock.now());
      const lease = admin.find('leases.coordination.k8s.io', 'kube-node-lease', node);
      if (!lease) admin.create('leases.coordination.k8s.io', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: node, namespace: 'kube-node-lease' }, spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime } });
      else admin.patch('leases.coordination.k8s.io', 'kube-node-lease', node, 'merge', { spec: { renewTime } });
      return { requeueAfter: 10 };
    },
  };
  loop.add({ name: 'kubelets', active: () => true, reconcilers: [heartbeat] });
  loop.settle();

  const h = {
    clock,
    api,
    admin,
    ctx,
    loop,
    settle: () => loop.settle(),
    advance: (seconds: number) => loop.advance(seconds),
    /** Starts a node's kubelet heartbeat (Lease renewals every 10 s). */
    kubelet(node: string) {
      heartbeats.add(node);
      loop.enqueue(heartbeat, node);
      loop.settle();
    },
    /** Stops or restarts the controller-manager process. */
    setRunning(on: boolean) {
      running = on;
      loop.settle();
    },
    create<T extends KObject>(resource: string, obj: T): Stored<T> {
      const out = admin.create(resource, obj);
      loop.settle();
      return out as Stored<T>;
    },
    get(resource: string, namespace: string, name: string): Obj | undefined {
      return admin.find(resource, namespace, name);
    },
    list(resource: string, namespace?: string): Obj[] {
      return admin.list(resource, namespace);
    },
    patch(resource: string, namespace: string, name: string, patch: unknown, subresource?: string): Obj {
      const out = admin.patch(resource, namespace, name, 'merge', patch, subresource ? { subresource } : {});
      loop.settle();
      return out;
    },
    delete(resource: string, namespace: string, name: string, policy?: 'Foreground' | 'Background' | 'Orphan'): void {
      admin.delete(resource, namespace, name, policy ? { propagationPolicy: policy } : {});
      loop.settle();
    },
    pods(namespace = 'default', selector?: Record<string, string>): Obj[] {
      return admin.list('pods', namespace).filter((p) => !selector || selectorMatches({ matchLabels: selector } as LabelSelector, p.metadata.labels));
    },
    podNames(namespace = 'default', selector?: Record<string, string>): string[] {
      return h.pods(namespace, selector).map((p) => p.metadata.name);
    },
    /** Event messages ("Reason: message"), optionally of one object only, oldest first. */
    events(involvedName?: string, namespace?: string): string[] {
      return admin
        .list('events', namespace)
        .filter((e) => !involvedName || (e['involvedObject'] as { name: string }).name === involvedName)
        .sort((a, b) => String(a['firstTimestamp']).localeCompare(String(b['firstTimestamp'])) || a.metadata.name.localeCompare(b.metadata.name))
        .map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
    },
    node(name: string, extra: { labels?: Record<string, string>; taints?: unknown[]; ready?: boolean; unschedulable?: boolean } = {}): Obj {
      const now = clock.iso();
      return h.create('nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(extra.labels ?? {}) } },
        spec: { ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}) },
        status: {
          conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
          addresses: [{ type: 'InternalIP', address: '192.168.100.2' }],
        },
      });
    },
    /**
     * Plays scheduler and kubelet: binds matching pending pods to `node` (round robin over
     * `nodes`), marks them Running and, unless `ready` is false, Ready now.
     */
    markPodsRunning(opts: { namespace?: string; selector?: Record<string, string>; nodes?: string[]; ready?: boolean; names?: string[] } = {}): number {
      const nodes = opts.nodes ?? ['node01'];
      let n = 0;
      let i = 0;
      for (const p of h.pods(opts.namespace ?? 'default', opts.selector)) {
        if (p.metadata.deletionTimestamp) continue;
        if (opts.names && !opts.names.includes(p.metadata.name)) continue;
        const status = (p['status'] ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] };
        const ready = opts.ready !== false;
        const isReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
        if (status.phase === 'Running' && isReady === ready) continue;
        const spec = p['spec'] as { nodeName?: string };
        if (!spec.nodeName) {
          const target = targetNodeName(p as never) ?? nodes[i++ % nodes.length];
          admin.patch('pods', p.metadata.namespace ?? '', p.metadata.name, 'merge', { spec: { nodeName: target } });
        }
        setPodStatus(p.metadata.namespace ?? '', p.metadata.name, 'Running', ready, 10 + (n % 200));
        n++;
      }
      loop.settle();
      return n;
    },
    /** The kubelet finishing a pod: phase Succeeded or Failed, containers terminated now. */
    finishPod(namespace: string, name: string, phase: 'Succeeded' | 'Failed', exitCode = phase === 'Succeeded' ? 0 : 1): void {
      const p = admin.get('pods', namespace, name);
      const spec = p['spec'] as { nodeName?: string; containers?: { name: string }[] };
      if (!spec.nodeName) admin.patch('pods', namespace, name, 'merge', { spec: { nodeName: 'node01' } });
      const now = clock.iso();
      admin.patch(
        'pods',
        namespace,
        name,
        'merge',
        {
          status: {
            phase,
            conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: now }],
            containerStatuses: (spec.containers ?? [{ name: 'c' }]).map((c) => ({ name: c.name, ready: false, restartCount: 0, state: { terminated: { exitCode, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: now, finishedAt: now } } })),
          },
        },
        { subresource: 'status' },
      );
      loop.settle();
    },
    /** The kubelet confirming terminations: pods being deleted go away (grace 0). */
    finishTerminating(namespace?: string): number {
      let n = 0;
      for (const p of admin.list('pods', namespace)) {
        if (!p.metadata.deletionTimestamp) continue;
        admin.delete('pods', p.metadata.namespace ?? '', p.metadata.name, { gracePeriodSeconds: 0 });
        n++;
      }
      loop.settle();
      return n;
    },
  };

  function setPodStatus(namespace: string, name: string, phase: string, ready: boolean, ipSuffix: number): void {
    const now = clock.iso();
    const p = admin.get('pods', namespace, name);
    const spec = p['spec'] as { containers?: { name: string; image?: string }[] };
    const status = clone((p['status'] ?? {}) as Record<string, unknown>);
    const old = (status['conditions'] as { type: string; status: string; lastTransitionTime?: string }[] | undefined) ?? [];
    const cond = (type: string, s: boolean) => {
      const prev = old.find((c) => c.type === type);
      const v = s ? 'True' : 'False';
      return { type, status: v, lastProbeTime: null, lastTransitionTime: prev && prev.status === v ? prev.lastTransitionTime : now };
    };
    admin.updateStatus('pods', {
      ...p,
      status: {
        ...status,
        phase,
        podIP: (status['podIP'] as string | undefined) ?? `10.244.1.${ipSuffix}`,
        podIPs: [{ ip: (status['podIP'] as string | undefined) ?? `10.244.1.${ipSuffix}` }],
        startTime: (status['startTime'] as string | undefined) ?? now,
        conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
        containerStatuses: (spec.containers ?? []).map((c) => ({ name: c.name, image: c.image, ready, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
      },
    });
  }

  return h;
}

export type Harness = ReturnType<typeof harness>;

/** A pod template with one container, labels as given. */
export function podTemplate(labels: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    metadata: { labels },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      ...extra,
    },
  };
}

/** A Deployment as the apiserver would store it after defaulting. */
export function deployment(name: string, replicas: number, opts: { labels?: Record<string, string>; strategy?: unknown; minReadySeconds?: number; progressDeadlineSeconds?: number; revisionHistoryLimit?: number; annotations?: Record<string, string>; image?: string; paused?: boolean } = {}) {
  const labels = opts.labels ?? { app: name };
  const template = podTemplate(labels);
  if (opts.image) template.spec.containers[0]!.image = opts.image;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template,
      strategy: opts.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: opts.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: opts.progressDeadlineSeconds ?? 600,
      ...(opts.minReadySeconds ? { minReadySeconds: opts.minReadySeconds } : {}),
      ...(opts.paused ? { paused: true } : {}),
    },
  };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }, minReadySeconds?: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels), ...(minReadySeconds ? { minReadySeconds } : {}) },
  };
}

export function bareP(name: string, labels: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: podTemplate(labels).spec };
}

export function statusOf<T = Record<string, unknown>>(obj: Obj | undefined): T {
  return ((obj?.['status'] ?? {}) as T);
}

export function specOf<T = Record<string, unknown>>(obj: Obj | undefined): T {
  return ((obj?.['spec'] ?? {}) as T);
}
