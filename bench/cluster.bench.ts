/**
 * Cluster budgets (DESIGN.md, issue "The simulated cluster"), printed as figures:
 * - scale a Deployment to 1,000 replicas on a 50-node cluster until every pod is Running (< 200 ms;
 *   bench/cluster-scale.ts, bundled as shipped and through tsx);
 * - `kubectl get pods -A` on 1,000 pods (p99 < 5 ms in process; bench/cluster-kubectl.ts, bundled);
 * - reconcile cost at 100, 1,000 and 10,000 pods (roughly linear: cost per pod printed);
 * - RSS after a 3-node cluster, three of them (an exam, < 150 MB) and the 1,000-pod scale.
 * Times are wall and CPU: on a shared 2-core machine the CPU figure is the steadier one (it also
 * counts the garbage collector's helper threads, so it can exceed wall time).
 * Run: npx tsx bench/cluster.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cluster, deployment, fmt, running, scaleBench, start, stop } from './cluster-scale.js';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;


/**
 * Reconcile cost at n pods: bringing the Deployment up, 10 s of an idle cluster, and settling a
 * template change (a rolling update's first wave). The 10,000-pod cluster has room for the wave's
 * surge (100 workers of 250 pods), so the figure is reconciling, not preemption.
 */
function reconcileCost(): void {
  for (const n of [100, 1000, 10000]) {
    const { world, cluster: c } = n >= 10000 ? cluster(100, 250) : cluster(50);
    const admin = c.admin();
    const tUp = start();
    admin.create('deployments.apps', deployment(n));
    let s = 0;
    while (running(c) < n && s < 300) {
      world.loop.advance(5);
      s += 5;
    }
    const up = stop(tUp);
    const tIdle = start();
    world.loop.advance(10);
    const idle = stop(tIdle);
    const tBump = start();
    admin.patch('deployments.apps', 'default', 'web', 'merge', { spec: { template: { metadata: { annotations: { bump: '1' } } } } });
    world.loop.settle();
    const bump = stop(tBump);
    const per = (x: { cpu: number }) => `${((x.cpu * 1000) / n).toFixed(0)} us/pod`;
    console.log(
      `${String(n).padStart(6)} pods: up ${fmt(up)} (${per(up)}); 10 s idle ${idle.cpu.toFixed(1)} ms cpu (${per(idle)}); settle after a template change ${fmt(bump)} (${per(bump)})`,
    );
  }
}

/**
 * Runs a bench module bundled as scripts/build.mjs bundles kubedrill, in a child process told
 * which figure to make (its label), and prints what it prints: the shipped code's figures (this process runs the sources through tsx,
 * which costs ~70 MB itself and wraps every nested function to keep its name).
 */
async function runBundled(entry: string, label: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-bench-'));
  try {
    const out = join(dir, 'bench.mjs');
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), entry)],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    const r = spawnSync(process.execPath, [out, label], { encoding: 'utf8' });
    process.stdout.write(r.stdout);
    if (r.status !== 0) console.log(`${label} (bundled): child failed: ${r.stderr.trim().split('\n').pop()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runBundled('cluster-scale.ts', 'scale');
scaleBench('tsx');
console.log(`rss of this process (tsx) after the scale runs: ${mb(process.memoryUsage().rss)}`);
await runBundled('cluster-kubectl.ts', 'kubectl');
await runBundled('cluster-rss.ts', 'rss');
reconcileCost();
