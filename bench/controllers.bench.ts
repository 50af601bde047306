/**
 * Controller-manager benchmarks (run with `npx tsx bench/controllers.bench.ts`):
 *   1. scale a Deployment from 0 to 1,000 replicas on 50 nodes, a fake kubelet marking pods
 *      Running and Ready after each settle, until status.availableReplicas = 1000;
 *   2. reconcile cost with 100 / 1,000 / 10,000 pods: a no-op ReplicaSet and Deployment
 *      reconcile, and one pod status change dispatched and settled through every controller.
 */
import { performance } from 'node:perf_hooks';
import { ApiServer } from '../src/api/server.js';
import { ApiClient } from '../src/api/client.js';
import { SYSTEM_USERS } from '../src/api/auth.js';
import type { KindStrategy } from '../src/api/strategy.js';
import { clone, type KObject } from '../src/api/types.js';
import { RunLoop, type Reconciler } from '../src/cluster/runloop.js';
import { VirtualClock } from '../src/util/clock.js';
import { Rng } from '../src/util/rng.js';
import { ControllerContext, controllerManagerReconcilers } from '../src/controllers/index.js';

const workload: KindStrategy = { generation: true, statusSubresource: true };
const STRATEGIES: Record<string, KindStrategy> = { 'deployments.apps': workload, 'replicasets.apps': workload, pods: { statusSubresource: true } };

function cluster(nodes: number) {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const api = new ApiServer({ clock, rng: new Rng(1), strategies: STRATEGIES });
  const admin = new ApiClient(api, SYSTEM_USERS.superAdmin);
  const ctx = new ControllerContext({ client: new ApiClient(api, SYSTEM_USERS.controllerManager), clock, rng: new Rng(2) });
  const loop = new RunLoop(clock);
  loop.attach(api.store);
  const reconcilers = controllerManagerReconcilers(ctx);
  loop.add({ name: 'kube-controller-manager', active: () => true, reconcilers });
  admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const nodeNames: string[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `node${String(i).padStart(2, '0')}`;
    nodeNames.push(name);
    admin.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: clock.iso(), lastTransitionTime: clock.iso() }] } });
  }
  loop.settle();
  return { clock, api, admin, loop, reconcilers, nodeNames };
}

type Cluster = ReturnType<typeof cluster>;

function deployment(replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], restartPolicy: 'Always' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

/** The fake kubelet: binds and starts every pending pod. Returns how many it touched. */
function kubeletStep(c: Cluster): number {
  const now = c.clock.iso();
  let n = 0;
  for (const p of c.api.store.list('pods', 'default')) {
    const status = (p['status'] ?? {}) as { phase?: string };
    if (status.phase === 'Running' || p.metadata.deletionTimestamp) continue;
    const spec = clone(p['spec'] as Record<string, unknown>);
    spec['nodeName'] ??= c.nodeNames[n % c.nodeNames.length];
    const bound = c.admin.update('pods', { ...clone(p), spec });
    c.admin.updateStatus('pods', {
      ...clone(bound),
      status: { phase: 'Running', podIP: `10.244.${n % 250}.${(n >> 8) % 250}`, startTime: now, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
    });
    n++;
  }
  return n;
}

function available(c: Cluster): number {
  return ((c.api.store.get('deployments.apps', 'default', 'web')?.['status'] ?? {}) as { availableReplicas?: number }).availableReplicas ?? 0;
}

function scaleTo1000(): void {
  const c = cluster(50);
  c.admin.create('deployments.apps', deployment(0));
  c.loop.settle();
  const t0 = performance.now();
  let kubelet = 0;
  c.admin.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 1000 } });
  let rounds = 0;
  while (available(c) < 1000 && rounds < 100) {
    c.loop.settle();
    const k0 = performance.now();
    kubeletStep(c);
    kubelet += performance.now() - k0;
    c.loop.settle();
    rounds++;
  }
  const ms = performance.now() - t0;
  console.log(
    `scale 0 -> 1,000 replicas on 50 nodes: availableReplicas=${available(c)} after ${rounds} kubelet step(s) in ${ms.toFixed(0)} ms ` +
      `(fake kubelet writes ${kubelet.toFixed(0)} ms, controllers and their API writes ${(ms - kubelet).toFixed(0)} ms; whole-cluster budget 200 ms)`,
  );
}

function time(fn: () => void, reps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

function reconcileCost(pods: number): void {
  const c = cluster(50);
  c.admin.create('deployments.apps', deployment(pods));
  for (let i = 0; i < 40 && available(c) < pods; i++) {
    c.loop.settle();
    kubeletStep(c);
    c.loop.settle();
  }
  const rsName = c.api.store.list('replicasets.apps', 'default')[0]!.metadata.name;
  const rs = c.reconcilers.find((r) => r.name === 'replicaset-controller') as Reconciler;
  const dc = c.reconcilers.find((r) => r.name === 'deployment-controller') as Reconciler;
  const reps = pods >= 10_000 ? 5 : 50;
  const rsMs = time(() => rs.reconcile(`default/${rsName}`), reps);
  const dMs = time(() => dc.reconcile('default/web'), reps);
  const target = c.api.store.list('pods', 'default')[0]!;
  let flip = false;
  const eventMs = time(() => {
    flip = !flip;
    const p = c.api.store.get('pods', 'default', target.metadata.name)!;
    const st = clone(p['status'] as { conditions: { type: string; status: string }[] });
    st.conditions[0]!.status = flip ? 'False' : 'True';
    c.admin.updateStatus('pods', { ...clone(p), status: st });
    c.loop.settle();
  }, reps);
  console.log(`${String(pods).padStart(6)} pods (available ${available(c)}): ReplicaSet reconcile ${rsMs.toFixed(2)} ms, Deployment reconcile ${dMs.toFixed(2)} ms, one pod readiness change settled ${eventMs.toFixed(2)} ms`);
}

scaleTo1000(); // warm-up: the first run pays for JIT compilation
scaleTo1000();
for (const n of [100, 1_000, 10_000]) reconcileCost(n);
