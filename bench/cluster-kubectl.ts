/**
 * `kubectl get pods -A` on a 50-node cluster of 1,000 replicas (1,109 pods with the system ones),
 * for bench/cluster.bench.ts: run bundled as shipped in a child process that holds just this
 * cluster, so the p99 is the command's and not the collection of other benchmarks' garbage.
 */
import { performance } from 'node:perf_hooks';
import { CANDIDATE, type World } from '../src/cluster/world.js';
import { kubectlProgram } from '../src/kubectl/index.js';
import { BufferSink, type ProcessContext } from '../src/shell/types.js';
import type { Cluster } from '../src/cluster/cluster.js';
import { cluster, deployment } from './cluster-scale.js';

async function kubectlBench(world: World, c: Cluster): Promise<void> {
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
  for (let i = 0; i < 30; i++) await run(['get', 'pods', '-A']);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await run(['get', 'pods', '-A']);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`kubectl get pods -A on ${c.api.store.count('pods')} pods: min ${times[0]!.toFixed(2)} ms, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms  [budget p99 5 ms]`);
}

async function run(): Promise<void> {
  const { world, cluster: c } = cluster(50);
  c.admin().create('deployments.apps', deployment(1000));
  world.loop.advance(10);
  await kubectlBench(world, c);
}

if (process.argv[2] === 'kubectl') await run();
