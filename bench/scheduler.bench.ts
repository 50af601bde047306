/**
 * Scheduler benchmark: one scheduleAll() placing 1,000 pending pods with requests on 50 nodes
 * (target: well under 100 ms). Run: npx tsx bench/scheduler.bench.ts
 */
import { performance } from 'node:perf_hooks';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { Scheduler, type SchedulerPodCondition, type SchedulerPort } from '../src/scheduler/scheduler.js';

const NODES = 50;
const PODS = 1000;
const RUNS = Number(process.env.RUNS ?? 7);

function makeNodes(): Node[] {
  return Array.from({ length: NODES }, (_, i) => {
    const name = `node${String(i + 1).padStart(2, '0')}`;
    return {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
      spec: {},
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
    };
  });
}

type Case = 'standalone' | 'owned' | 'template';

/**
 * Standalone pods, or pods of one ReplicaSet (so default topology spreading applies) with
 * requests varying from pod to pod, or replicas of one template as the API leaves them (equal
 * specs but for the name of each pod's service-account token volume).
 */
function makePods(kind: Case): Pod[] {
  const owned = kind !== 'standalone';
  return Array.from({ length: PODS }, (_, i) => ({
    metadata: {
      name: `web-${i}`,
      namespace: 'default',
      uid: `uid-${i}`,
      labels: { app: 'web' },
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(owned ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs', controller: true }] } : {}),
    },
    spec:
      kind === 'template'
        ? {
            schedulerName: 'default-scheduler',
            containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } }, volumeMounts: [{ name: `kube-api-access-${i}`, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }],
            volumes: [{ name: `kube-api-access-${i}`, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
          }
        : {
            schedulerName: 'default-scheduler',
            containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: `${100 + (i % 5) * 50}m`, memory: `${128 + (i % 3) * 64}Mi` } } }],
          },
    status: { phase: 'Pending' },
  }));
}

const rs: ReplicaSet = { metadata: { name: 'web-5d8f', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };

class BenchPort implements SchedulerPort {
  bound = 0;
  constructor(
    private readonly nodes: Node[],
    private readonly pods: Pod[],
    private readonly owned: boolean,
  ) {}
  listNodes = (): Node[] => this.nodes;
  listPods = (): Pod[] => this.pods;
  listReplicaSets = (): ReplicaSet[] => (this.owned ? [rs] : []);
  bind(): void {
    this.bound++;
  }
  recordEvent(): void {}
  setPodCondition(_pod: Pod, _c: SchedulerPodCondition): void {}
}

function run(kind: Case): { ms: number[]; bound: number } {
  const ms: number[] = [];
  let bound = 0;
  for (let r = 0; r < RUNS; r++) {
    const port = new BenchPort(makeNodes(), makePods(kind), kind !== 'standalone');
    const t0 = performance.now();
    new Scheduler(port, { rng: r + 1 }).scheduleAll();
    ms.push(performance.now() - t0);
    bound = port.bound;
  }
  return { ms, bound };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

run('standalone'); // warm up the JIT
for (const [label, kind] of [
  ['standalone pods', 'standalone'],
  ['ReplicaSet pods (default spreading)', 'owned'],
  ['replicas of one template', 'template'],
] as const) {
  const { ms, bound } = run(kind);
  console.log(
    `scheduleAll: ${PODS} pods on ${NODES} nodes, ${label}: median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (${RUNS} runs, ${bound} bound, ${(median(ms) / PODS * 1000).toFixed(0)} µs/pod)`,
  );
}
