/**
 * One candidate session: the world built from a bundle, the candidate's shell on the
 * workstation, the transcript, and grading. The TUI and the headless commands (run, grade,
 * selftest) all drive this class, so what works on screen works headless and the other way
 * round. Time: headless runs step the virtual clock after every line; the TUI moves it with
 * the wall clock (`tick`). What builds and grades is the engine (engine-slot.ts): this module
 * stays small enough for the exam screen's first frame.
 */
import { ShellSession } from '../shell/session.js';
import type { RunIo } from '../shell/session.js';
import { BufferSink, type EditorHook } from '../shell/types.js';
import type { Waiter } from '../shell/waiter.js';
import type { BuiltWorld } from '../scenario/build.js';
import { createWorld } from '../scenario/create-world.js';
import type { World } from '../cluster/world.js';
import type { Bundle } from '../scenario/bundle.js';
import type { Report } from '../grading/grade.js';
import type { CommandResult, GradingContext } from '../grading/context.js';
import { COMMAND_STEP_SECONDS, CANDIDATE } from '../cluster/world.js';
import { engine, loadEngine } from './engine-slot.js';

export interface TranscriptEntry {
  line: string;
  /** Virtual ms since the session started, when the line was entered. */
  at: number;
  status: number;
}

export interface SessionOptions {
  seed?: number;
  /** 'virtual': every line advances the clock by a fixed step (headless); 'wall': the caller ticks. */
  time?: 'virtual' | 'wall';
  editor?: EditorHook;
  /** How `sleep` spends time (default: the virtual clock jumps). The TUI waits on the wall clock. */
  waiter?: Waiter;
  /** Build without breakages (the healthy baseline). */
  healthy?: boolean;
  /**
   * Build the clusters later (the TUI: the screen draws first): by `ready()`, step by step with
   * the event loop free between steps, or at once by whatever needs them first. The result is the
   * same world either way.
   */
  deferBuild?: boolean;
}

export class Session {
  readonly world: World;
  private candidateShell!: ShellSession;
  readonly transcript: TranscriptEntry[] = [];
  private startedAtMs?: number;
  private readonly time: 'virtual' | 'wall';
  private builtWorld?: BuiltWorld;
  /** The build's steps, made when the first one runs (the engine is loaded by then). */
  private steps?: Generator<string, BuiltWorld>;
  private building?: Promise<void>;
  /** What a build step threw: every later use of the world throws it again. */
  private failure?: { error: unknown };

  constructor(
    readonly bundle: Bundle,
    readonly options: SessionOptions = {},
  ) {
    this.time = options.time ?? 'virtual';
    this.world = createWorld(bundle.scenarios, { seed: options.seed });
    // A session built later shows a prompt at once from a provisional shell; the candidate's own
    // shell is made once the clusters and the workstation's files exist, as when built at once.
    if (options.deferBuild) this.candidateShell = this.makeShell();
    else this.buildNow();
  }

  /** The candidate's terminal on the workstation. */
  get shell(): ShellSession {
    return this.candidateShell;
  }

  private makeShell(): ShellSession {
    const world = this.world;
    return new ShellSession({
      host: world.workstation,
      account: CANDIDATE.name,
      hosts: { resolve: (name) => world.resolveHost(name) },
      waiter: this.options.waiter ?? { sleep: async (seconds) => world.loop.advance(seconds) },
      editor: this.options.editor,
      afterCommand: () => world.loop.settle(),
      env: { KUBECONFIG: `${CANDIDATE.home}/.kube/config` },
      // The TUI (wall time) is a terminal; headless runs have none, as kubectl sees a pipe.
      terminal: this.time === 'wall',
    });
  }

  /** The clusters, built now if they are not yet. */
  get built(): BuiltWorld {
    return this.buildNow();
  }

  /** Whether the clusters are built (always, unless deferBuild). */
  get isReady(): boolean {
    return this.builtWorld !== undefined;
  }

  /** Loads the engine, then builds the clusters step by step, letting the event loop run before each step. */
  ready(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    this.building ??= (async () => {
      await loadEngine();
      do await new Promise((resolve) => setImmediate(resolve));
      while (!this.step());
    })();
    return this.building;
  }

  /** Builds whatever is left of the clusters now, at once. */
  buildNow(): BuiltWorld {
    while (!this.step());
    return this.builtWorld!;
  }

  /** Runs one build step; true once the world is built. */
  private step(): boolean {
    if (this.builtWorld) return true;
    if (this.failure) throw this.failure.error;
    let r: IteratorResult<string, BuiltWorld>;
    try {
      this.steps ??= engine().buildSteps(this.world, this.bundle.scenarios, engine().buildOptions(this.options.healthy));
      r = this.steps.next();
    } catch (error) {
      this.failure = { error };
      throw error;
    }
    if (!r.done) return false;
    this.steps = undefined;
    this.builtWorld = r.value;
    for (const m of this.world.machines()) engine().installPrograms(m, r.value);
    this.candidateShell = this.makeShell();
    this.startedAtMs = this.world.clock.now();
    const firstContext = this.bundle.tasks[0]?.context;
    if (firstContext) this.useContext(firstContext);
    return true;
  }

  /** Virtual ms of the session's start (when its clusters were up). */
  get startedAt(): number {
    return this.startedAtMs ?? this.world.clock.now();
  }

  /** Virtual ms since the session started. */
  elapsed(): number {
    return this.world.clock.now() - this.startedAt;
  }

  /** Runs one line as the candidate typed it; output goes to the sinks. */
  async run(line: string, io: RunIo): Promise<number> {
    if (!this.isReady) await this.ready();
    const at = this.elapsed();
    const status = await this.shell.run(line, io);
    this.transcript.push({ line, at, status });
    this.world.loop.settle();
    if (this.time === 'virtual') this.world.loop.advance(COMMAND_STEP_SECONDS);
    return status;
  }

  /** Runs a line and returns its output (tests, graders, solutions). */
  async capture(line: string): Promise<CommandResult> {
    const stdout = new BufferSink();
    const stderr = new BufferSink();
    const status = await this.run(line, { stdout, stderr });
    return { stdout: stdout.text(), stderr: stderr.text(), status };
  }

  /** TUI: moves virtual time to follow the wall clock. */
  tick(seconds: number): void {
    this.buildNow();
    if (seconds > 0) this.world.loop.advance(seconds);
  }

  /** Moves virtual time to `elapsedMs` since the start (replay of a saved session). */
  advanceTo(elapsedMs: number): void {
    this.buildNow();
    const delta = elapsedMs - this.elapsed();
    if (delta > 0) this.world.loop.advance(delta / 1000);
  }

  /** Sets the kubeconfig's current context directly (what `kubectl config use-context` does). */
  private useContext(context: string): void {
    const path = `${CANDIDATE.home}/.kube/config`;
    const fs = this.world.workstation.fs;
    const text = fs.readFileIfExists(path);
    if (!text) return;
    fs.writeFile(path, text.replace(/^current-context: .*$/m, `current-context: ${context}`));
  }

  /** A grading context whose commands run in a separate root shell, not the candidate's. */
  gradingContext(): GradingContext {
    const world = this.world;
    return engine().makeContext(world, this.built.clusters, async (host, user, line) => {
      const target = world.resolveHost(host) ?? world.workstation;
      const shell = new ShellSession({
        host: target,
        account: user,
        hosts: { resolve: (name) => world.resolveHost(name) },
        waiter: { sleep: async (seconds) => world.loop.advance(seconds) },
        afterCommand: () => world.loop.settle(),
        env: { KUBECONFIG: `${CANDIDATE.home}/.kube/config` },
        loadRc: false,
      });
      const stdout = new BufferSink();
      const stderr = new BufferSink();
      const status = await shell.run(line, { stdout, stderr });
      return { stdout: stdout.text(), stderr: stderr.text(), status };
    });
  }

  /** Grades the final state, a fixed delay after the last command (GRADE_DELAY_SECONDS). */
  async grade(passMark?: number): Promise<Report> {
    if (!this.isReady) await this.ready();
    this.world.loop.advance(engine().gradeDelaySeconds);
    return engine().gradeBundle(this.bundle, this.gradingContext(), passMark);
  }

  /** Grades the state as it is now, without the grading delay (practice mode's `check`). */
  async check(): Promise<Report> {
    if (!this.isReady) await this.ready();
    return engine().gradeBundle(this.bundle, this.gradingContext());
  }
}
