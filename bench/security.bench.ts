/**
 * Security costs: booting a 3-node cluster with the full kubeadm PKI, Node+RBAC authorization and
 * the bootstrap policy (budget: well under 100 ms warm), what a kubectl connection costs (TLS
 * verification, client-certificate authentication), and an RBAC-authorized request.
 *
 * First, the budget of issue 5: a 3-node cluster with the full kubeadm PKI ready, cold, in a fresh
 * `node` process running an esbuild bundle (what the CLI pays): import, boot, and the PKI's share.
 *
 *   npx tsx bench/security.bench.ts [runs]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { World } from '../src/cluster/world.js';
import { bootCluster } from '../src/cluster/boot.js';
import { defaultClusterSpec } from '../src/cluster/spec.js';
import { defaultBootHooks } from '../src/cluster/assemble.js';
import { connect, parseKubeconfig } from '../src/cluster/connect.js';
import { writeClusterPki } from '../src/cluster/credentials.js';
import type { Cluster } from '../src/cluster/cluster.js';

const RUNS = Number(process.argv[2] ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

/** Boots one cluster in fresh node processes (esbuild bundle); medians of import, boot, PKI. */
function coldBoots(runs: number): { importMs: number; bootMs: number; pkiMs: number }[] {
  const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../src/${p}`, import.meta.url)));
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-boot-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { World } from ${src('cluster/world.ts')};
import { bootCluster } from ${src('cluster/boot.ts')};
import { defaultClusterSpec } from ${src('cluster/spec.ts')};
import { defaultBootHooks } from ${src('cluster/assemble.ts')};
import { writeClusterPki } from ${src('cluster/credentials.ts')};
export function run(seed) {
  let pkiMs = 0;
  const hooks = { ...defaultBootHooks(), writeCredentials: (c) => { const t = performance.now(); writeClusterPki(c); pkiMs = performance.now() - t; } };
  const t = performance.now();
  const cluster = bootCluster(new World({ seed }), defaultClusterSpec(), hooks);
  if (!cluster.apiAvailable()) throw new Error('the apiserver is not up');
  return { bootMs: performance.now() - t, pkiMs };
}
`,
  );
  const bundle = join(dir, 'boot.bundle.mjs');
  const esbuild = fileURLToPath(new URL('../node_modules/.bin/esbuild', import.meta.url));
  execFileSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=error', '--define:process.env.NODE_ENV="production"', '--banner:js=import{createRequire as __cr}from"module";const require=__cr(import.meta.url);']);
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, `const t0 = performance.now();\nconst m = await import(${JSON.stringify(bundle)});\nconst importMs = performance.now() - t0;\nconsole.log(JSON.stringify({ importMs, ...m.run(1) }));\n`);
  try {
    return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cold = coldBoots(Math.min(RUNS, 7));
const pick = (k: 'importMs' | 'bootMs' | 'pkiMs') => median(cold.map((c) => c[k]));
console.log(
  `3-node cluster with the full kubeadm PKI ready, cold (fresh node, bundled, ${cold.length} runs): boot median ${ms(pick('bootMs'))} (+ import ${ms(pick('importMs'))}), of which the PKI ${ms(pick('pkiMs'))} (budget 500 ms)`,
);

let pkiMs = 0;
const hooks = { ...defaultBootHooks(), writeCredentials: (c: Cluster) => (pkiMs = time(() => writeClusterPki(c))[1]) };

const boots: number[] = [];
const pkis: number[] = [];
let cluster!: Cluster;
for (let i = 0; i < RUNS + 2; i++) {
  const [c, t] = time(() => bootCluster(new World({ seed: i + 1 }), defaultClusterSpec(), hooks));
  cluster = c;
  if (i >= 2) {
    boots.push(t);
    pkis.push(pkiMs);
  }
}
console.log(`3-node cluster boot incl. kubeadm PKI, Node+RBAC and the bootstrap policy: median ${ms(median(boots))}, min ${ms(Math.min(...boots))}, max ${ms(Math.max(...boots))} (${RUNS} warm runs)`);
console.log(`  of which writing the PKI: median ${ms(median(pkis))}`);

const ws = cluster.world.workstation;
const config = parseKubeconfig(ws.fs.readFile('/home/candidate/.kube/config'));
const conns: number[] = [];
for (let i = 0; i < 200; i++) conns.push(time(() => connect(cluster.world.network, ws.ip, ws.fs, config))[1]);
console.log(`kubectl connection (kubeconfig credentials, serving-certificate check, x509 authentication): median ${ms(median(conns.slice(1)))}, first ${ms(conns[0]!)}`);

const conn = connect(cluster.world.network, ws.ip, ws.fs, config);
if (!conn.ok) throw new Error(conn.error);
const jane = { username: 'jane', groups: ['dev', 'system:authenticated'] };
const reqs: number[] = [];
for (let i = 0; i < 500; i++) reqs.push(time(() => cluster.api.can({ user: jane, verb: 'list', resourceRequest: true, group: '', resource: 'pods', namespace: 'default' }))[1]);
console.log(`RBAC decision for a user without bindings (visits every binding): median ${ms(median(reqs))}`);
const lists: number[] = [];
for (let i = 0; i < 500; i++) lists.push(time(() => conn.client.list('pods', 'kube-system'))[1]);
console.log(`list pods in kube-system as kubernetes-admin (RBAC via kubeadm:cluster-admins): median ${ms(median(lists))}`);
