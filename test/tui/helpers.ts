/** Builders for TUI tests: the real dead-scheduler bundle, a model on a fake wall clock. */
import { openCatalog } from '../../src/cli/catalog.js';
import { resolveBundle, type Bundle } from '../../src/scenario/bundle.js';
import { SessionRecorder, SESSION_FILE_VERSION, type SessionFile, type SessionMode } from '../../src/session/persist.js';
import type { EditorHook } from '../../src/shell/types.js';
import type { Waiter } from '../../src/shell/waiter.js';
import { TuiWaiter, WallClock } from '../../src/tui/clock.js';
import { ExamModel } from '../../src/tui/model.js';
// Sessions built at once need the session engine (the screen itself loads it after its first frame).
import '../../src/session/session.js';

let catalog: ReturnType<typeof openCatalog>['catalog'] | undefined;

export function bundle(name = 'dead-scheduler'): Bundle {
  catalog ??= openCatalog({ dirs: [], builtin: true }).catalog;
  return resolveBundle(catalog, name);
}

/** A wall clock the test moves by hand. */
export class FakeTime {
  ms = 0;
  readonly clock = new WallClock(() => this.ms);
  pass(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** A wall-time wait that ends only when aborted or released by the test. */
export class HeldWaiter implements Waiter {
  private releases: (() => void)[] = [];
  started = 0;
  sleep(_seconds: number, signal: AbortSignal): Promise<void> {
    this.started++;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve());
      this.releases.push(resolve);
    });
  }
  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
}

export function sessionFile(b: Bundle, mode: SessionMode, seed = 7): SessionFile {
  return {
    version: SESSION_FILE_VERSION,
    id: `test-${b.name}`,
    bundle: b.name,
    title: b.title,
    seed,
    mode,
    dirs: [],
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    transcript: [],
    elapsedMs: 0,
    ui: { current: 1, visited: [1], flagged: [], hints: [], notes: '' },
    done: false,
  };
}

export interface TestModel {
  model: ExamModel;
  time: FakeTime;
  recorder: SessionRecorder;
  wall: HeldWaiter;
}

export function makeModel(opts: { name?: string; mode?: SessionMode; home?: string; editor?: EditorHook; columns?: number; rows?: number; seed?: number } = {}): TestModel {
  const b = bundle(opts.name);
  const time = new FakeTime();
  const wall = new HeldWaiter();
  const recorder = new SessionRecorder(opts.editor, new TuiWaiter(time.clock, wall));
  const session = recorder.createSession(b, { seed: opts.seed ?? 7, time: 'wall' });
  recorder.goLive();
  time.clock.bind(session);
  const mode = opts.mode ?? 'practice';
  const model = new ExamModel({
    bundle: b,
    mode,
    session,
    recorder,
    clock: time.clock,
    file: sessionFile(b, mode, opts.seed ?? 7),
    home: opts.home,
    columns: opts.columns ?? 80,
    rows: opts.rows ?? 24,
    now: () => new Date('2026-01-01T10:00:00Z'),
  });
  return { model, time, recorder, wall };
}

/** Types a line and Enter, then waits until it has run. */
export async function typeLine(model: ExamModel, line: string): Promise<void> {
  model.input(line + '\r');
  await model.idle();
}

export const ESC = {
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  f2: '\x1b[12~',
  f3: '\x1b[13~',
  f4: '\x1b[14~',
  f5: '\x1b[15~',
  f6: '\x1b[17~',
  f7: '\x1b[18~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  f10: '\x1b[21~',
  ctrlC: '\x03',
  ctrlL: '\x0c',
  ctrlR: '\x12',
  tab: '\t',
};
