/**
 * TUI benchmark (figures, not tests). Run: npx tsx bench/tui.bench.ts [runs] [--cold]
 *
 * 1. Cold start, as `npm start` does it: `node bin/kubedrill.js` (the bundle `npm run build`
 *    writes; the default practice exam, cka-practice, with its clusters) on a fresh
 *    pseudo-terminal of 120x35 (bench/first-prompt.py), timed from fork until the prompt
 *    `candidate@terminal:~$` is on the screen, with the process's resident memory then and the
 *    milestones the process records (KUBEDRILL_STARTUP_MARK). Also when the world is ready (every
 *    cluster booted and settled: the first command can run). Budgets (DESIGN.md): 500 ms to the
 *    first prompt, 150 MB RSS. A bare node process printing the prompt is the floor, printed, to read the figures against
 *    the machine's load. Needs python3 (its pty module); skipped with a message otherwise.
 * 2. Keystroke cost with 10,000 lines of scrollback: one key through the model, React and ink
 *    until the frame is written, against the same with 100 lines (both fill the pane).
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink';
import { App } from '../src/tui/components/app.js';
import { makeModel } from '../test/tui/helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
/** --cold: only the start-up figures. */
const COLD_ONLY = args.includes('--cold');
const KEYS = 300;
const PROMPT = 'candidate@terminal:~$';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

interface ColdRun {
  /** fork to the prompt on the screen (ms) */
  ms: number;
  /** resident memory at the prompt, and its peak so far (kB) */
  VmRSS: number;
  VmHWM: number;
  /** when the world was ready, its resident memory then (kB), if the process said so */
  readyMs?: number;
  readyRss?: number;
  marks: Record<string, number>;
}

/** The floor: a node process that prints the prompt and nothing else, timed the same way. */
function floorMs(): number {
  const runs = Array.from({ length: 5 }, () => {
    const r = spawnSync('python3', ['bench/first-prompt.py', '120', '35', PROMPT, '--', process.execPath, '-e', `process.stdout.write(${JSON.stringify(PROMPT)}); setTimeout(() => {}, 5000)`], { cwd: ROOT, encoding: 'utf8' });
    return (JSON.parse(r.stdout) as { ms: number }).ms;
  });
  return median(runs);
}

function coldRun(...args: string[]): ColdRun {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-bench-'));
  const mark = join(dir, 'mark');
  writeFileSync(mark, '');
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, KUBEDRILL_HOME: dir, KUBEDRILL_STARTUP_MARK: mark, FIRST_PROMPT_MARK_FILE: mark, TERM: 'xterm-256color' };
    delete env['CI'];
    const r = spawnSync('python3', ['bench/first-prompt.py', '120', '35', PROMPT, '--', process.execPath, 'bin/kubedrill.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the first prompt never showed: ${r.stderr}`);
    const run = JSON.parse(r.stdout) as ColdRun;
    // Mark lines: "<what> <ms since process start> <json>" (render, then ready).
    const marks: Record<string, number> = {};
    for (const line of readFileSync(mark, 'utf8').trim().split('\n').filter(Boolean)) Object.assign(marks, JSON.parse(line.slice(line.indexOf('{'))) as Record<string, number>);
    return { ...run, marks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function coldStart(): Promise<void> {
  if (spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status !== 0) {
    console.log('cold start: skipped (python3 with its pty module is needed to run the CLI on a pseudo-terminal)');
    return;
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const floor = floorMs();
  coldRun(); // the bundle's files into the page cache
  const runs = Array.from({ length: RUNS }, () => coldRun());
  const ms = runs.map((r) => r.ms);
  console.log(`cold start to the first prompt, npm start (cka-practice, pty 120x35, ${RUNS} runs): median ${median(ms).toFixed(0)} ms, min ${Math.min(...ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (budget 500 ms; a bare node printing the prompt: ${floor.toFixed(0)} ms here now)`);
  console.log(`  memory at the first prompt: RSS median ${mb(median(runs.map((r) => r.VmRSS)))}, peak ${mb(median(runs.map((r) => r.VmHWM)))} (budget 150 MB)`);
  const ready = runs.filter((r) => r.readyMs !== undefined);
  if (ready.length === runs.length) {
    console.log(`  world ready (every cluster booted and settled, the first command can run): median ${median(ready.map((r) => r.readyMs!)).toFixed(0)} ms after fork, RSS then ${mb(median(ready.map((r) => r.readyRss!)))}`);
  }
  const cpu = (what: string) => median(runs.map((r) => r.marks[`cpu@${what}`]!));
  console.log(`  CPU time (all threads), the load-independent figure: ${cpu('render').toFixed(0)} ms to the first prompt, ${cpu('ready').toFixed(0)} ms to the world ready`);
  // The largest shipped exam, for the memory budget (DESIGN.md: a 3-cluster exam under 150 MB).
  const mock = Array.from({ length: 3 }, () => coldRun('exam', 'cka-mock-1'));
  console.log(
    `  the 5-cluster exam cka-mock-1: first prompt median ${median(mock.map((r) => r.ms)).toFixed(0)} ms, world ready ${median(mock.map((r) => r.readyMs!)).toFixed(0)} ms, RSS then ${mb(median(mock.map((r) => r.readyRss!)))} (3 runs)`,
  );
  const names = Object.keys(runs[0]!.marks).filter((n) => !n.startsWith('cpu@')).sort((a, b) => runs[0]!.marks[a]! - runs[0]!.marks[b]!);
  const steps = names.map((n, i) => `${n} +${median(runs.map((r) => r.marks[n]! - (i === 0 ? 0 : r.marks[names[i - 1]!]!))).toFixed(0)}`);
  console.log(`  milestones, ms after the previous one (the first from process start): ${steps.join(', ')}`);
}

class FakeTty extends EventEmitter {
  columns = 120;
  rows = 35;
  isTTY = true;
  write(): boolean {
    return true;
  }
}

async function keystrokes(lines: number): Promise<{ frame: number[]; model: number[] }> {
  const { model } = makeModel({ columns: 120, rows: 35 });
  if (lines > 0) model.scrollback.write(Array.from({ length: lines }, (_, i) => `pod-${i}   1/1   Running   0   ${i}s`).join('\n') + '\n');
  let rendered: (() => void) | undefined;
  const instance = render(createElement(App, { model, theme: { color: true } }), {
    stdout: new FakeTty() as unknown as NodeJS.WriteStream,
    stdin: new EventEmitter() as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 10_000,
    onRender: () => rendered?.(),
  });
  const frame: number[] = [];
  const modelOnly: number[] = [];
  const keys = 'kubectl get pods -n kube-system ';
  for (let i = 0; i < KEYS; i++) {
    const key = i % 40 === 39 ? '\x15' : keys[i % keys.length]!;
    const done = new Promise<void>((r) => (rendered = r));
    const t0 = performance.now();
    model.input(key);
    const t1 = performance.now();
    await done;
    frame.push(performance.now() - t0);
    modelOnly.push(t1 - t0);
  }
  instance.unmount();
  return { frame: frame.slice(20), model: modelOnly.slice(20) };
}

await coldStart();
if (COLD_ONLY) process.exit(0);
await keystrokes(0); // warm up the JIT
for (const lines of [100, 10_000]) {
  const r = await keystrokes(lines);
  console.log(
    `keystroke with ${lines.toLocaleString('en')} lines of scrollback (120x35): model ${median(r.model).toFixed(2)} ms median, to the written frame ${median(r.frame).toFixed(2)} ms median, p95 ${pct(r.frame, 0.95).toFixed(2)} ms (${KEYS - 20} keys)`,
  );
}
