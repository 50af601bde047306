/**
 * Read-side kubectl benchmark on a booted default cluster: the first `kubectl explain` (reads
 * and parses the kubernetes-types declarations), later ones, `explain pod --recursive`,
 * `api-resources`, `auth can-i --list`, `top pod -A`, `kubectl exec` of a command and one line
 * of an interactive container shell. Prints the median of a few runs (first explain once).
 * Run: npx tsx bench/kubectl-read.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { Session } from '../src/session/session.js';
import { defaultBundle } from '../src/session/default-bundle.js';

const RUNS = 7;

const POD = `apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  containers: [{name: bb, image: busybox:1.36, command: [sh, -c, 'sleep 3600']}]
`;

async function time(label: string, session: Session, line: string, runs = RUNS): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await session.capture(line);
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${samples[Math.floor(samples.length / 2)]!.toFixed(1).padStart(8)} ms`);
}

const session = new Session(defaultBundle(), { time: 'wall' });
session.world.workstation.fs.writeFile('/home/candidate/pod.yaml', POD);
await session.capture('kubectl apply -f pod.yaml');
session.tick(10);

await time('explain (first: parse kubernetes-types)', session, 'kubectl explain deploy.spec', 1);
await time('explain deploy.spec', session, 'kubectl explain deploy.spec');
await time('explain pod --recursive', session, 'kubectl explain pod --recursive');
await time('api-resources -o wide', session, 'kubectl api-resources -o wide');
await time('auth can-i --list', session, 'kubectl auth can-i --list');
await time('exec bb -- cat /etc/hostname', session, 'kubectl exec bb -- cat /etc/hostname');
await time('exec -it bb -- sh (attach)', session, 'kubectl exec -it bb -- sh', 1);
await time('one interactive line (ls /)', session, 'ls /');
