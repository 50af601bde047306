/**
 * Node benchmark (prints figures; not a timed test): 1,000 pods pre-bound to 50 workers from
 * creation to Running, the cost of a status sync pass over all of them, and of idle virtual
 * time. Run with `npx tsx bench/node.bench.ts`.
 */
import { World } from '../src/cluster/world.js';
import { bootCluster } from '../src/cluster/boot.js';
import { defaultBootHooks } from '../src/cluster/assemble.js';
import { defaultClusterSpec, type NodeSpec } from '../src/cluster/spec.js';

const WORKERS = 50;
const PODS = 1000;

/** Wall time and CPU time since a mark (the CPU figure is steadier on a shared machine). */
function mark(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function since(m: { wall: number; cpu: NodeJS.CpuUsage }): string {
  const c = process.cpuUsage(m.cpu);
  return `${(performance.now() - m.wall).toFixed(1)} ms wall, ${((c.user + c.system) / 1000).toFixed(1)} ms cpu`;
}

function ms(t0: { wall: number; cpu: NodeJS.CpuUsage }): string {
  return since(t0);
}

const nodes: NodeSpec[] = [{ name: 'controlplane', role: 'control-plane' }, ...Array.from({ length: WORKERS }, (_, i) => ({ name: `node${String(i + 1).padStart(2, '0')}`, role: 'worker' as const }))];
const world = new World({ seed: 1 });
let t0 = mark();
const cluster = bootCluster(world, defaultClusterSpec({ nodes, nodeCidr: '192.168.0.0/16' }), defaultBootHooks());
console.log(`boot of ${nodes.length} nodes: ${ms(t0)}`);
const admin = cluster.admin();
// The ServiceAccount admission plugin needs `default`, which the controller-manager creates.
world.loop.advanceUntil(() => admin.list('serviceaccounts', 'default').some((sa) => sa.metadata.name === 'default'), 60);

t0 = mark();
for (let i = 0; i < PODS; i++) {
  admin.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: nodes[1 + (i % WORKERS)]!.name, restartPolicy: 'Always', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  });
}
const created = since(t0);
const running = () => admin.list('pods', 'default').every((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running');
const t1 = mark();
const ok = world.loop.advanceUntil(running, 120);
console.log(`${PODS} pods on ${WORKERS} nodes: create ${created}; to Running ${ms(t1)} (${ok ? 'all Running' : 'NOT all running'}; virtual ${(world.clock.now() - Date.parse('2026-01-01T09:00:00Z')) / 1000}s since start)`);

// A status sync pass: every pod worker re-syncs and finds nothing to write.
t0 = mark();
const rounds = 5;
for (let r = 0; r < rounds; r++) {
  for (const node of cluster.nodes.values()) for (const w of node.kubelet.podWorkers()) world.loop.enqueue(node.kubelet.reconcilers[1]!, w.key);
  world.loop.settle();
}
const pass = process.cpuUsage(t0.cpu);
console.log(`status sync pass over ${PODS} pods: ${((performance.now() - t0.wall) / rounds).toFixed(1)} ms wall, ${((pass.user + pass.system) / 1000 / rounds).toFixed(1)} ms cpu`);

t0 = mark();
world.loop.advance(600);
console.log(`10 idle virtual minutes (heartbeats, leases): ${ms(t0)}`);

const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 1048576).toFixed(0)} MB, rss ${(mem.rss / 1048576).toFixed(0)} MB`);
console.log(`reconcile errors: ${world.loop.errors.length}`);
