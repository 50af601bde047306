/**
 * PKI start-up cost: writing the full kubeadm PKI of a 3-node cluster (one control plane, two
 * workers) into fresh VirtualFS instances.
 *
 *   npx tsx bench/pki.bench.ts [runs]
 *
 * Prints: cold in this process (first call, module import included, TypeScript compiled by tsx),
 * cold in a fresh `node` process running an esbuild bundle (what a bundled CLI pays), and the warm
 * median. Budget: the whole cluster start must fit in 500 ms; the PKI share should stay near 60 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.argv[2] ?? 20);
const src = (p: string) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

async function coldInProcess(): Promise<{ importMs: number; firstMs: number; write: () => void }> {
  const t0 = performance.now();
  const [{ writeControlPlanePki, writeWorkerPki }, { VirtualFS }, { VirtualClock }, { Rng }] = await Promise.all([
    import('../src/pki/kubeadm.js'),
    import('../src/vfs/fs.js'),
    import('../src/util/clock.js'),
    import('../src/util/rng.js'),
  ]);
  const t1 = performance.now();
  let seed = 1;
  const write = () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const rng = new Rng(seed++);
    const pki = writeControlPlanePki(new VirtualFS(clock), { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
    for (const [i, name] of ['node01', 'node02'].entries()) {
      writeWorkerPki(new VirtualFS(clock), { nodeName: name, nodeIp: `172.30.1.${3 + i}`, clock, rng: rng.fork(name), keys: pki.keys, ca: pki.ca, server: pki.server });
    }
  };
  write();
  const t2 = performance.now();
  return { importMs: t1 - t0, firstMs: t2 - t1, write };
}

/** Bundles an entry with esbuild and times import + first write in fresh node processes. */
function coldBundled(runs: number): { importMs: number; firstMs: number; totalMs: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-pki-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { writeControlPlanePki, writeWorkerPki } from ${JSON.stringify(src('pki/kubeadm.ts'))};
import { VirtualFS } from ${JSON.stringify(src('vfs/fs.ts'))};
import { VirtualClock } from ${JSON.stringify(src('util/clock.ts'))};
import { Rng } from ${JSON.stringify(src('util/rng.ts'))};
export function run() {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const rng = new Rng(1);
  const pki = writeControlPlanePki(new VirtualFS(clock), { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  for (const [i, name] of ['node01', 'node02'].entries()) {
    writeWorkerPki(new VirtualFS(clock), { nodeName: name, nodeIp: '172.30.1.' + (3 + i), clock, rng: rng.fork(name), keys: pki.keys, ca: pki.ca, server: pki.server });
  }
}
`,
  );
  const bundle = join(dir, 'pki.bundle.mjs');
  const esbuild = fileURLToPath(new URL('../node_modules/.bin/esbuild', import.meta.url));
  execFileSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=warning', '--banner:js=import{createRequire}from"module";const require=createRequire(import.meta.url);']);
  const probe = join(dir, 'probe.mjs');
  writeFileSync(
    probe,
    `const t0 = performance.now();
const m = await import(${JSON.stringify(bundle)});
const t1 = performance.now();
m.run();
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, totalMs: t2 }));
`,
  );
  try {
    return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const cold = await coldInProcess();
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  cold.write();
  warm.push(performance.now() - t);
}
const bundled = coldBundled(Math.min(RUNS, 9));

console.log(`PKI of a 3-node cluster: 23 certificates + 2 CSRs signed, 24 keys drawn from the pool (22 RSA-2048, 2 P-256), none generated`);
console.log(`  cold, this process (tsx):  import ${ms(cold.importMs)} + first write ${ms(cold.firstMs)} = ${ms(cold.importMs + cold.firstMs)}`);
console.log(
  `  cold, bundled, fresh node: import ${ms(median(bundled.map((b) => b.importMs)))} + first write ${ms(median(bundled.map((b) => b.firstMs)))} = ${ms(median(bundled.map((b) => b.importMs + b.firstMs)))} (median of ${bundled.length}; process start to done ${ms(median(bundled.map((b) => b.totalMs)))})`,
);
console.log(`  warm: median ${ms(median(warm))}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))} (${RUNS} runs)`);
