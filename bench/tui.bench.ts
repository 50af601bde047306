/**
 * TUI benchmark (figures, not tests). Run: npx tsx bench/tui.bench.ts
 *
 * 1. Cold start: `node bin/kubedrill.js practice dead-scheduler` in a real terminal (tmux, 120x35)
 *    until the first prompt is drawn (KUBEDRILL_STARTUP_MARK), with the milestones the process
 *    records. Needs tmux; builds the bundle first. Budget: 500 ms (DESIGN.md).
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
const RUNS = 5;
const KEYS = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function coldStart(): Promise<void> {
  if (spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status !== 0) {
    console.log('cold start: skipped (tmux is not installed)');
    return;
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const socket = `kubedrill-bench-${process.pid}`;
  const totals: number[] = [];
  const phases: Record<string, number>[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'kubedrill-bench-'));
      const mark = join(dir, 'mark');
      writeFileSync(mark, '');
      const start = Date.now();
      spawnSync('tmux', ['-L', socket, 'new-session', '-d', '-x', '120', '-y', '35', '-c', ROOT, `env -u CI KUBEDRILL_HOME=${dir} KUBEDRILL_STARTUP_MARK=${mark} node bin/kubedrill.js practice dead-scheduler`]);
      let text = '';
      for (let w = 0; w < 600 && !(text = readFileSync(mark, 'utf8')); w++) await sleep(10);
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
      if (!text) throw new Error('the screen never drew its first prompt');
      const [at, json] = text.trim().split(' ');
      totals.push(Number(at) - start);
      phases.push(JSON.parse(json!) as Record<string, number>);
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  }
  console.log(`cold start to the first prompt (tmux 120x35, ${RUNS} runs): median ${median(totals)} ms, min ${Math.min(...totals)} ms, max ${Math.max(...totals)} ms (budget 500 ms)`);
  const names = Object.keys(phases[0]!);
  const steps = names.map((n, i) => {
    const ms = median(phases.map((p) => p[n]! - (i === 0 ? 0 : p[names[i - 1]!]!)));
    return `${n} +${ms.toFixed(0)}`;
  });
  console.log(`  milestones, ms after the previous one (process start first): ${steps.join(', ')}`);
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
await keystrokes(0); // warm up the JIT
for (const lines of [100, 10_000]) {
  const r = await keystrokes(lines);
  console.log(
    `keystroke with ${lines.toLocaleString('en')} lines of scrollback (120x35): model ${median(r.model).toFixed(2)} ms median, to the written frame ${median(r.frame).toFixed(2)} ms median, p95 ${pct(r.frame, 0.95).toFixed(2)} ms (${KEYS - 20} keys)`,
  );
}
