/**
 * Starting an exam screen: a new session or a resumed one, wired together (wall clock, real
 * editor, recorder, session file), then the screen itself. ink is imported only from here, and
 * only after the session is built, so headless commands never load it.
 */
import type { Bundle } from '../scenario/bundle.js';
import {
  kubedrillHome,
  newSessionId,
  resumeSession,
  saveSession,
  SessionRecorder,
  SESSION_FILE_VERSION,
  type SessionFile,
  type SessionMode,
} from '../session/persist.js';
import type { Session } from '../session/session-core.js';
import { TuiWaiter, WallClock } from './clock.js';
import { TerminalEditor, type Suspender } from './editor-hook.js';
import { ExamModel } from './model.js';
import { colorSupported } from './color.js';

export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: { write(s: string): unknown };
}

export interface LaunchOptions {
  bundle: Bundle;
  mode: SessionMode;
  /** Extra scenario directories, remembered for resume. */
  dirs: string[];
  seed?: number;
  /** Continue this saved session instead of starting a new one. */
  resume?: SessionFile;
  terminal: Terminal;
  env?: NodeJS.ProcessEnv;
  /** Start-up milestones (ms since the process started), for KUBEDRILL_STARTUP_MARK. */
  marks?: Record<string, number>;
}

/** The model's editor suspends the screen it is drawn on; the two are created apart. */
class LateSuspender implements Suspender {
  model?: ExamModel;
  screen?: { suspend(): void; resume(): void };

  async suspend(): Promise<void> {
    await this.model?.suspendForEditor();
    this.screen?.suspend();
  }

  resume(): void {
    this.screen?.resume();
    this.model?.resumeFromEditor();
  }
}

export interface Prepared {
  model: ExamModel;
  suspender: LateSuspender;
  home: string;
  file: SessionFile;
}

/** Builds (or replays) the session and the model, without any screen. */
export async function prepare(opts: Omit<LaunchOptions, 'terminal'> & { columns?: number; rows?: number }): Promise<Prepared> {
  const env = opts.env ?? process.env;
  const home = kubedrillHome(env);
  const clock = new WallClock();
  const suspender = new LateSuspender();
  const editor = new TerminalEditor(suspender, env);
  const waiter = new TuiWaiter(clock);
  let session: Session;
  let recorder: SessionRecorder;
  let file: SessionFile;
  const replayed: string[] = [];
  if (opts.resume) {
    file = opts.resume;
    ({ session, recorder } = await resumeSession(file, opts.bundle, {
      editor,
      waiter,
      out: (entry, prompt, output) => replayed.push(prompt + entry.line.replace(/\n/g, '\n> ') + '\n' + output),
    }));
  } else {
    const now = new Date();
    const seed = opts.seed ?? Math.floor(Math.random() * 0x7fffffff);
    file = {
      version: SESSION_FILE_VERSION,
      id: newSessionId(opts.bundle.name, now),
      bundle: opts.bundle.name,
      title: opts.bundle.title,
      seed,
      mode: opts.mode,
      dirs: opts.dirs,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      transcript: [],
      elapsedMs: 0,
      ui: { current: 1, visited: [1], flagged: [], hints: [], notes: '' },
      done: false,
    };
    recorder = new SessionRecorder(editor, waiter);
    // The clusters are built once the screen is up (ExamModel.start): the first prompt does not wait for them.
    session = recorder.createSession(opts.bundle, { seed, time: 'wall', deferBuild: true });
    recorder.goLive();
  }
  const model = new ExamModel({ bundle: opts.bundle, mode: file.mode, session, recorder, clock, file, home, columns: opts.columns, rows: opts.rows });
  suspender.model = model;
  if (replayed.length > 0) {
    model.scrollback.write(replayed.join(''));
    model.scrollback.write(`── session resumed: ${replayed.length} command${replayed.length === 1 ? '' : 's'} replayed ──\n`);
  }
  saveSession(home, model.sessionFile(false));
  return { model, suspender, home, file };
}

/**
 * ink's layout engine (yoga-layout, WebAssembly) instantiates at import and, when a global
 * fetch exists, fetches its embedded data: URI through it, which loads Node's whole fetch
 * implementation (undici) first; without fetch it decodes the same bytes directly.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!fetch?.configurable) return load();
  delete (globalThis as { fetch?: unknown }).fetch;
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetch);
  }
}

/** Runs the exam screen until the user leaves it; prints where things were saved. Exit code. */
export async function launch(opts: LaunchOptions): Promise<number> {
  const env = opts.env ?? process.env;
  const { stdout, stdin, stderr } = opts.terminal;
  const marks = { ...opts.marks };
  const prepared = await prepare({ ...opts, columns: stdout.columns, rows: stdout.rows });
  marks['session'] = performance.now();
  // ink decides once, at import, whether it runs in CI (and then draws nothing until exit).
  // A TUI command on a real terminal is interactive whatever CI says.
  const ci = { CI: env['CI'], CONTINUOUS_INTEGRATION: env['CONTINUOUS_INTEGRATION'] };
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  const { runScreen } = await importWithoutFetch(() => import('./run.js'));
  for (const [k, v] of Object.entries(ci)) if (v !== undefined) env[k] = v;
  marks['ink'] = performance.now();
  const theme = { color: colorSupported(env, stdout) };
  const startup = env['KUBEDRILL_STARTUP_MARK'] ? { file: env['KUBEDRILL_STARTUP_MARK'], marks } : undefined;
  await runScreen(prepared.model, prepared.suspender, { stdin, stdout }, theme, startup);
  const view = prepared.model.getView();
  if (view.report) {
    stdout.write(`${view.report.title}: ${view.report.score.toFixed(1)} % — ${view.report.passed ? 'PASS' : 'FAIL'} (pass mark ${view.report.passMark} %)\n`);
    if (view.reportPaths) stdout.write(`Report: ${view.reportPaths.text}\n        ${view.reportPaths.json}\n`);
  } else if (view.gradeError) {
    stderr.write(`kubedrill: grading failed: ${view.gradeError}\n`);
    return 1;
  } else {
    stdout.write(`Session saved. \`kubedrill resume\` continues it.\n`);
  }
  return 0;
}
