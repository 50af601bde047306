/**
 * Cluster budgets (DESIGN.md): scale a Deployment to 1,000 replicas on a 50-node cluster until
 * every pod is Running (< 200 ms); `kubectl get pods -A` on 1,000 pods (p99 < 5 ms in process);
 * reconcile cost at 100, 1,000 and 10,000 pods. Run: npx tsx bench/cluster.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { World } from '../src/cluster/world.js';
import { bootCluster } from '../src/cluster/boot.js';
import { defaultClusterSpec, type NodeSpec } from '../src/cluster/spec.js';
import { defaultBootHooks } from '../src/cluster/assemble.js';
import { kubectlProgram } from '../src/kubectl/index.js';
import { BufferSink, type ProcessContext } from '../src/shell/types.js';
import { CANDIDATE } from '../src/cluster/world.js';
import type { Cluster } from '../src/cluster/cluster.js';

function cluster(workers: number): { world: World; cluster: Cluster } {
  const nodes: NodeSpec[] = [{ name: 'controlplane', role: 'control-plane' }, ...Array.from({ length: workers }, (_, i) => ({ name: `node${String(i + 1).padStart(2, '0')}`, role: 'worker' as const, cpu: 16, memoryMi: 65536 }))];
  const world = new World({ seed: 1 });
  const c = bootCluster(world, defaultClusterSpec({ nodes, nodeCidr: '192.168.0.0/16' }), defaultBootHooks());
  return { world, cluster: c };
}

function deployment(replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } },
  };
}

function running(c: Cluster): number {
  return c.api.store.list('pods', 'default').filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
}

function scaleBench(): void {
  const { world, cluster: c } = cluster(50);
  const admin = c.admin();
  admin.create('deployments.apps', deployment(0));
  world.loop.advance(5);
  const t0 = performance.now();
  admin.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 1000 } });
  let simulated = 0;
  while (running(c) < 1000 && simulated < 120) {
    world.loop.advance(1);
    simulated++;
  }
  const ms = performance.now() - t0;
  console.log(`scale 0 -> 1,000 replicas on 50 nodes until Running: ${ms.toFixed(0)} ms wall (${simulated} s simulated, ${running(c)} running)  [budget 200 ms]`);
  kubectlBench(world, c);
}

function kubectlBench(world: World, c: Cluster): void {
  const kubectl = kubectlProgram(world);
  const ws = world.workstation;
  const account = ws.account(CANDIDATE.name)!;
  const run = async (argv: string[]) => {
    const out = new BufferSink();
    const ctx: ProcessContext = {
      argv: ['kubectl', ...argv],
      stdin: '',
      stdout: out,
      stderr: out,
      env: new Map([['KUBECONFIG', `${CANDIDATE.home}/.kube/config`]]),
      cwd: CANDIDATE.home,
      account,
      cred: { uid: account.uid, gid: account.gid },
      host: ws,
      signal: new AbortController().signal,
      sleep: async () => {},
      editor: { edit: async () => ({ ok: false, error: 'none' }) },
      spawn: async () => 127,
      resolve: (p) => (p.startsWith('/') ? p : `${CANDIDATE.home}/${p}`),
    };
    await kubectl(ctx);
    return out.text();
  };
  void c;
  const times: number[] = [];
  return void (async () => {
    for (let i = 0; i < 5; i++) await run(['get', 'pods', '-A']);
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await run(['get', 'pods', '-A']);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    console.log(`kubectl get pods -A on ${c.api.store.count('pods')} pods: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms  [budget p99 5 ms]`);
    reconcileCost();
  })();
}

function reconcileCost(): void {
  for (const n of [100, 1000, 10000]) {
    const { world, cluster: c } = cluster(n >= 10000 ? 100 : 50);
    const admin = c.admin();
    admin.create('deployments.apps', deployment(n));
    let s = 0;
    while (running(c) < n && s < 300) {
      world.loop.advance(5);
      s += 5;
    }
    const t = performance.now();
    world.loop.advance(10);
    const idle = performance.now() - t;
    const t2 = performance.now();
    admin.patch('deployments.apps', 'default', 'web', 'merge', { spec: { template: { metadata: { annotations: { bump: '1' } } } } });
    world.loop.settle();
    const bump = performance.now() - t2;
    console.log(`${String(n).padStart(6)} pods: 10 s of idle cluster ${idle.toFixed(1)} ms; settle after a template change ${bump.toFixed(1)} ms`);
  }
}

scaleBench();
