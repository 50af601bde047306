/**
 * The exam outside React (STYLE §5): the Session, the scrollback, the input line, the screen's
 * state, the clock and the session file. Keys come in as raw chunks, become intents through the
 * pure router and reducers, and the model publishes an immutable view after every change; the
 * components only draw it. Every command is wrapped so that an error shows as a line of output
 * and never takes the screen down.
 */
import type { Bundle, BundleTask } from '../scenario/bundle.js';
import type { Report } from '../grading/grade.js';
import type { Session } from '../session/session-core.js';
import { saveSession, writeReports, type SessionFile, type SessionMode, type SessionRecorder } from '../session/persist.js';
import type { Sink } from '../shell/types.js';
import { decodeInput, type Key } from './keys.js';
import { emptyLine, reduceLine, searchPrompt, type LineAction, type LineState } from './line-editor.js';
import { routeKey, type Intent, type Phase } from './router.js';
import { initialUi, numbersWhere, reduceUi, type UiAction, type UiState } from './ui-state.js';
import { Scrollback } from './scrollback.js';
import { layoutInput, CONTINUATION_PROMPT } from './input-layout.js';
import { computeLayout, type Layout } from './layout.js';
import { complete, formatListing, type CompletionSource } from './completion/engine.js';
import { sessionCompletionSource } from './completion/session-source.js';
import { checkText, hintText, practiceWord, solutionText, PRACTICE_WORDS } from './practice.js';
import type { UiCommand } from './keymap.js';
import type { WallClock } from './clock.js';
import { reportLines, wrapReport, type ReportLine } from './report-lines.js';

export type Tone = 'info' | 'warn' | 'error';

export interface ClockView {
  /** Exam seconds used. */
  elapsed: number;
  /** Exam seconds left (timed exams only). */
  remaining?: number;
  /** The last warning threshold crossed, in minutes (30, 10, 5). */
  warning?: number;
}

export interface TerminalView {
  rows: string[];
  /** Cursor cell inside the pane, when the input line is visible and focused. */
  cursor?: { row: number; col: number };
  /** Rows hidden above (scroll indicator). */
  above: boolean;
  offset: number;
  /** The first row of the input line (rows.length when it is not on screen). */
  inputRow: number;
}

export interface ExamView {
  phase: Phase;
  mode: SessionMode;
  title: string;
  tasks: readonly BundleTask[];
  ui: UiState;
  line: LineState;
  notes: LineState;
  running: boolean;
  editing: boolean;
  clock: ClockView;
  context?: string;
  host: string;
  user: string;
  status?: { text: string; tone: Tone };
  layout: Layout;
  terminal: TerminalView;
  report?: Report;
  reportRows?: ReportLine[];
  reportPaths?: { text: string; json: string };
  gradeError?: string;
}

export interface ModelDeps {
  bundle: Bundle;
  mode: SessionMode;
  session: Session;
  recorder: SessionRecorder;
  clock: WallClock;
  file: SessionFile;
  /** Where sessions and reports are written; undefined writes nothing (tests). */
  home?: string;
  now?: () => Date;
  columns?: number;
  rows?: number;
  /** Completion candidates (default: from the live session). */
  completion?: (session: Session) => CompletionSource;
}

const WARN_MINUTES = [30, 10, 5];
const STATUS_MS = 8000;
const AUTOSAVE_MS = 15_000;
const CANDIDATE_KUBECONFIG = '/home/candidate/.kube/config';

export class ExamModel {
  readonly scrollback = new Scrollback();
  private readonly listeners = new Set<() => void>();
  private view: ExamView;
  private phase: Phase = 'exam';
  private ui: UiState;
  private line: LineState;
  private notes: LineState;
  private pending: string[] = [];
  private history: string[];
  private running = false;
  private editing = false;
  private controller?: AbortController;
  private interruptedAt?: number;
  private queue: Key[] = [];
  private lastWasTab = false;
  private warned = new Set<number>();
  private status?: { text: string; tone: Tone; until: number };
  private columns: number;
  private rows: number;
  private report?: Report;
  private reportSource?: ReportLine[];
  private wrappedReport?: { width: number; rows: ReportLine[] };
  private reportPaths?: { text: string; json: string };
  private gradeError?: string;
  private timers: NodeJS.Timeout[] = [];
  private lastSave = 0;
  private runDone: Promise<void> = Promise.resolve();
  private exitResolve?: () => void;
  private editorAck?: () => void;
  private finishing = false;
  /** The kubeconfig's current context, read again after every command. */
  private context?: string;
  /** Resolves when the user leaves the app (report closed, or quit to resume later). */
  readonly exited: Promise<void>;
  /** What building the session's clusters threw (the app has exited then). */
  buildError?: unknown;

  constructor(private readonly deps: ModelDeps) {
    this.exited = new Promise((resolve) => (this.exitResolve = resolve));
    this.columns = deps.columns ?? 80;
    this.rows = deps.rows ?? 24;
    const saved = deps.file.ui;
    this.ui = initialUi(deps.bundle.tasks.length, saved);
    this.history = [...deps.session.shell.history];
    this.line = emptyLine(this.history);
    this.notes = { ...emptyLine([], true), text: saved.notes ?? '', cursor: (saved.notes ?? '').length };
    this.scrollback.subscribe(() => this.emit());
    // Until the clusters are built the kubeconfig is not written: show the context it will have.
    this.context = deps.session.isReady ? this.currentContext() : deps.bundle.tasks[0]?.context;
    this.view = this.buildView();
  }

  // ---- subscription (useSyncExternalStore) ----------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): ExamView => this.view;

  private emit(): void {
    this.view = this.buildView();
    for (const l of this.listeners) l();
  }

  get session(): Session {
    return this.deps.session;
  }

  get isPractice(): boolean {
    return this.deps.mode === 'practice';
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /**
   * Builds the session's clusters if they are not yet (a new session: the screen is up
   * meanwhile, and a line typed before they are waits for them), then starts the wall clock: a
   * tick every second, an autosave now and then. Exam time starts when the clusters are up.
   */
  start(): void {
    this.timers.push(setInterval(() => this.tick(), 1000));
    this.deps.session.ready().then(
      () => {
        this.deps.clock.bind(this.deps.session);
        const context = this.currentContext();
        if (context === this.context) return;
        this.context = context;
        this.emit();
      },
      (error: unknown) => {
        this.buildError = error;
        this.stop();
        this.exitResolve?.();
      },
    );
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  setSize(columns: number, rows: number): void {
    if (columns === this.columns && rows === this.rows) return;
    this.columns = columns;
    this.rows = rows;
    this.emit();
  }

  /** Wall time passes: move the virtual clock, warn, end a timed exam at zero. */
  tick(): void {
    // Until the clusters are up exam time stands still: nothing on screen changes.
    if (this.phase !== 'exam' || this.editing || !this.deps.session.isReady) return;
    this.deps.clock.sync();
    const clock = this.clockView();
    if (clock.remaining !== undefined) {
      for (const m of WARN_MINUTES) {
        if (clock.remaining <= m * 60 && !this.warned.has(m)) {
          this.warned.add(m);
          if (this.deps.bundle.durationSeconds > m * 60) this.say(`⚠ ${m} minutes left`, 'warn');
        }
      }
      if (clock.remaining <= 0) {
        void this.finish('time');
        return;
      }
    }
    if (this.status && Date.now() > this.status.until) this.status = undefined;
    if (Date.now() - this.lastSave > AUTOSAVE_MS && !this.running) this.save();
    this.emit();
  }

  private say(text: string, tone: Tone = 'info'): void {
    this.status = { text, tone, until: Date.now() + STATUS_MS };
  }

  // ---- input ----------------------------------------------------------------------------

  /** A raw chunk from the terminal. */
  input(raw: string): void {
    for (const k of decodeInput(raw)) this.key(k);
  }

  key(k: Key): void {
    if (this.editing) return;
    const intent = routeKey(k, {
      phase: this.phase,
      focus: this.ui.focus,
      overlay: this.ui.overlay,
      practice: this.isPractice,
      running: this.running,
      lineEmpty: this.line.text === '' && this.pending.length === 0,
      searching: this.line.search !== undefined,
      page: this.page(),
    });
    if (intent.type === 'queue') {
      this.queue.push(k);
      return;
    }
    if (intent.type === 'complete' && !this.deps.session.isReady) {
      // Completion reads the clusters and their programs: the key waits until they are built.
      this.queue.push(k);
      void this.busy(() => this.deps.session.ready());
      return;
    }
    const wasTab = intent.type === 'complete';
    this.apply(intent);
    if (!wasTab) this.lastWasTab = false;
  }

  private page(): number {
    const l = this.layout();
    if (this.phase === 'report') return Math.max(1, l.rows - 2);
    if (this.ui.focus === 'task') return Math.max(1, l.panel.height - 2);
    return Math.max(1, l.terminal.height - 1);
  }

  private apply(intent: Intent): void {
    switch (intent.type) {
      case 'ui':
        return this.applyUi(intent.action);
      case 'command':
        return this.command(intent.command);
      case 'line':
        return this.editLine(intent.action);
      case 'notes':
        this.notes = reduceLine(this.notes, intent.action);
        return this.emit();
      case 'submit':
        return void this.submit();
      case 'complete':
        return this.complete();
      case 'interrupt':
        return this.interrupt();
      case 'clear':
        this.scrollback.clearScreen();
        return this.applyUi({ type: 'scrollTo', offset: 0 });
      case 'eof':
        return this.eof();
      case 'confirmEnd':
        this.ui = reduceUi(this.ui, { type: 'closeOverlay' });
        return void this.finish('user');
      case 'quit':
        return this.quit();
      case 'queue':
      case 'ignore':
        return;
    }
  }

  private applyUi(action: UiAction): void {
    const before = this.ui;
    this.ui = reduceUi(this.ui, action);
    if (action.type === 'scroll') this.ui = { ...this.ui, scroll: this.clampScroll(this.ui.scroll) };
    if (action.type === 'reportScroll' || action.type === 'reportScrollTo') this.ui = { ...this.ui, reportScroll: this.clampReport(this.ui.reportScroll) };
    if (action.type === 'taskScroll') this.ui = { ...this.ui, taskScroll: Math.min(this.ui.taskScroll, 10_000) };
    if (before.current !== this.ui.current || before.flagged !== this.ui.flagged || before.focus !== this.ui.focus) this.save();
    this.emit();
  }

  private clampScroll(offset: number): number {
    const l = this.layout();
    return this.scrollback.view(l.terminal.width, Math.max(1, l.terminal.height), offset, this.inputRows(l.terminal.width).rows).offset;
  }

  private clampReport(row: number): number {
    const total = this.reportRows()?.length ?? 0;
    return Math.max(0, Math.min(row, total - (this.layout().rows - 1)));
  }

  private editLine(action: LineAction): void {
    this.line = reduceLine(this.line, action);
    if (this.ui.scroll !== 0) this.ui = { ...this.ui, scroll: 0 };
    this.emit();
  }

  private command(command: UiCommand): void {
    switch (command) {
      case 'help':
        return this.applyUi({ type: 'showHelp' });
      case 'prevTask':
        return this.applyUi({ type: 'prevTask' });
      case 'nextTask':
        return this.applyUi({ type: 'nextTask' });
      case 'flag':
        return this.applyUi({ type: 'toggleFlag' });
      case 'taskView':
        return this.applyUi({ type: 'toggleTaskView' });
      case 'notes':
        return this.applyUi({ type: 'toggleNotes' });
      case 'end':
        return this.applyUi({ type: 'askEnd' });
      case 'insertContext': {
        const task = this.currentTask();
        if (!task || this.running) return;
        const text = `kubectl config use-context ${task.context}`;
        this.line = this.line.text === '' ? reduceLine(this.line, { type: 'set', text }) : reduceLine(this.line, { type: 'insert', text });
        this.ui = { ...this.ui, focus: 'terminal' };
        return this.emit();
      }
      case 'check':
      case 'hint':
      case 'solution':
        if (this.running) return;
        return void this.practice(command, true);
    }
  }

  // ---- the terminal ---------------------------------------------------------------------

  /** The prompt the input line shows now. */
  prompt(): string {
    if (this.line.search) return searchPrompt(this.line.search);
    return this.pending.length > 0 ? CONTINUATION_PROMPT : this.deps.session.shell.prompt();
  }

  private inputRows(width: number): { rows: string[]; cursorRow: number; cursorCol: number } {
    const partial = this.scrollback.partial;
    if (this.running || this.phase !== 'exam') return { rows: partial ? [partial] : [], cursorRow: -1, cursorCol: 0 };
    return layoutInput(partial + this.prompt(), this.line.text, this.line.cursor, width);
  }

  /** The echo of an entered line in the scrollback: prompt, text, continuation prompts. */
  private echo(text: string, suffix = ''): void {
    const shown = this.pending.length > 0 ? CONTINUATION_PROMPT : this.deps.session.shell.prompt();
    this.scrollback.write(shown + text.replace(/\n/g, `\n${CONTINUATION_PROMPT}`) + suffix + '\n');
  }

  private async submit(): Promise<void> {
    if (this.line.search) this.line = reduceLine(this.line, { type: 'searchAccept' });
    const text = this.line.text;
    const full = [...this.pending, text].join('\n');
    this.echo(text);
    this.ui = { ...this.ui, scroll: 0 };
    if (!this.deps.session.shell.isComplete(full)) {
      this.pending.push(text);
      this.line = reduceLine(this.line, { type: 'reset' });
      return this.emit();
    }
    this.pending = [];
    if (full.trim() === '') {
      this.line = reduceLine(this.line, { type: 'reset' });
      return this.emit();
    }
    const word = this.isPractice ? practiceWord(full) : undefined;
    if (word) {
      this.history.push(full);
      this.line = emptyLine(this.history);
      return this.practice(word, false);
    }
    await this.runLine(full);
  }

  private sink(): Sink {
    return { write: (chunk: string) => this.scrollback.write(chunk) };
  }

  /**
   * Runs work that owns the terminal (a command line, a check): typing queues meanwhile, and
   * once it is done the queued keys are replayed. Errors become a line of output.
   */
  private async busy(work: () => Promise<void>, after?: () => void): Promise<void> {
    this.running = true;
    this.emit();
    let done!: () => void;
    this.runDone = new Promise((resolve) => (done = resolve));
    try {
      this.deps.clock.sync();
      await work();
    } catch (e) {
      this.scrollback.write(`kubedrill: ${e instanceof Error ? e.message : String(e)}\n`);
    } finally {
      this.running = false;
      after?.();
      done();
      this.emit();
      this.drain();
    }
  }

  private async runLine(line: string): Promise<void> {
    this.controller = new AbortController();
    this.interruptedAt = undefined;
    this.line = reduceLine(this.line, { type: 'reset' });
    const signal = this.controller.signal;
    await this.busy(
      async () => {
        const out = this.sink();
        await this.deps.recorder.run(line, { stdout: out, stderr: out, signal }, () => this.interruptedAt);
      },
      () => {
        this.controller = undefined;
        this.history = [...this.deps.session.shell.history];
        this.line = emptyLine(this.history);
        this.context = this.currentContext();
        this.save();
      },
    );
  }

  /** Resolves once nothing runs and no typed-ahead key waits (tests, benchmarks). */
  async idle(): Promise<void> {
    for (;;) {
      await this.runDone;
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.running && (this.queue.length === 0 || this.phase !== 'exam')) return;
    }
  }

  /** Typeahead: keys that arrived while the command ran, in order, until one runs a command. */
  private drain(): void {
    while (this.queue.length > 0 && !this.running && this.phase === 'exam') this.key(this.queue.shift()!);
    if (this.phase !== 'exam') this.queue = [];
  }

  private interrupt(): void {
    if (this.running) {
      this.deps.clock.sync();
      this.interruptedAt = this.deps.session.elapsed();
      this.queue = [];
      this.scrollback.write('^C');
      this.controller?.abort();
      return;
    }
    if (this.line.search) this.line = reduceLine(this.line, { type: 'searchCancel' });
    this.echo(this.line.text, '^C');
    this.pending = [];
    this.line = reduceLine(this.line, { type: 'reset' });
    this.ui = { ...this.ui, scroll: 0 };
    this.emit();
  }

  /** Ctrl-D on an empty line: `exit` from a login shell; the terminal itself stays open. */
  private eof(): void {
    if (this.deps.session.shell.depth <= 1) {
      this.say('The terminal stays open: F10 ends the exam.');
      return this.emit();
    }
    this.echo('');
    void this.runLine('exit');
  }

  private complete(): void {
    if (this.running) return;
    const source = (this.deps.completion ?? ((s: Session) => sessionCompletionSource(s, this.isPractice ? PRACTICE_WORDS : [])))(this.deps.session);
    let result;
    try {
      result = complete(this.line.text, this.line.cursor, source);
    } catch {
      return;
    }
    if (result.changed) {
      this.line = reduceLine(this.line, { type: 'set', text: result.text, cursor: result.cursor });
      this.lastWasTab = false;
      return this.emit();
    }
    if (result.candidates.length > 1 && this.lastWasTab) {
      // Second Tab: list the candidates under the line, then show the line again.
      this.echo(this.line.text);
      const l = this.layout();
      this.scrollback.write(formatListing(result.candidates, l.terminal.width).join('\n') + '\n');
      this.lastWasTab = false;
      return;
    }
    this.lastWasTab = true;
  }

  // ---- practice helpers -----------------------------------------------------------------

  private async practice(word: 'check' | 'hint' | 'solution', fromKey: boolean): Promise<void> {
    const task = this.currentTask();
    if (fromKey) this.echo(word);
    if (word === 'check') {
      // Grade now, without the grading delay or the end: the session goes on.
      return this.busy(async () => {
        const report = await this.deps.session.check();
        this.scrollback.write(checkText(report));
      });
    }
    if (!task) return;
    if (word === 'hint') {
      const { text } = hintText(task, this.ui.hints[this.ui.current] ?? 0);
      this.scrollback.write(text);
      this.ui = reduceUi(this.ui, { type: 'hintShown' });
      this.save();
    } else {
      this.scrollback.write(solutionText(task));
    }
    this.emit();
  }

  currentTask(): BundleTask | undefined {
    return this.deps.bundle.tasks[this.ui.current];
  }

  // ---- the editor (suspend and resume) ----------------------------------------------------

  /**
   * Before $EDITOR runs: every input hook goes inactive (ink releases raw mode and stdin);
   * resolves once the screen has committed that, or after a short grace period.
   */
  async suspendForEditor(): Promise<void> {
    this.editing = true;
    this.emit();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 250);
      this.editorAck = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.editorAck = undefined;
  }

  /** The screen calls this once its input is inactive while editing. */
  editorReady(): void {
    this.editorAck?.();
  }

  resumeFromEditor(): void {
    this.editing = false;
    this.emit();
  }

  // ---- the end ---------------------------------------------------------------------------

  /** Time up or "end exam": stop what runs, grade, write the reports, show them. */
  async finish(reason: 'time' | 'user'): Promise<void> {
    if (this.finishing || this.phase !== 'exam') return;
    this.finishing = true;
    if (this.running) {
      this.controller?.abort();
      await this.runDone;
    }
    this.phase = 'grading';
    this.ui = { ...this.ui, overlay: undefined, focus: 'terminal' };
    this.say(reason === 'time' ? 'Time is up: grading…' : 'Grading…', 'warn');
    this.emit();
    try {
      this.deps.clock.sync();
      this.report = await this.deps.session.grade();
      this.reportPaths = this.deps.home ? writeReports(this.deps.home, this.report, this.deps.bundle.name, this.now()) : undefined;
      this.reportSource = reportLines(this.report, { practice: this.isPractice, reason, paths: this.reportPaths });
    } catch (e) {
      this.gradeError = e instanceof Error ? e.message : String(e);
      this.reportSource = [{ text: `Grading failed: ${this.gradeError}`, tone: 'bad' }];
    }
    this.status = undefined;
    this.phase = 'report';
    this.save(true);
    this.emit();
  }

  /** Leaves the app: from the report, or "quit and resume later" (the session stays open). */
  quit(): void {
    this.save();
    this.stop();
    this.exitResolve?.();
  }

  // ---- persistence ------------------------------------------------------------------------

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The session file as it stands now. */
  sessionFile(done = this.phase === 'report'): SessionFile {
    const f = this.deps.file;
    return {
      ...f,
      updatedAt: this.now().toISOString(),
      transcript: [...this.deps.recorder.entries],
      elapsedMs: Math.round(this.deps.session.elapsed()),
      ui: { current: this.ui.current + 1, visited: numbersWhere(this.ui.visited), flagged: numbersWhere(this.ui.flagged), hints: [...this.ui.hints], notes: this.notes.text },
      done,
      report: this.report && this.reportPaths ? { ...this.reportPaths, score: this.report.score, passed: this.report.passed } : f.report,
    };
  }

  /** Writes the session file now (on a signal, before the process ends). */
  persist(): void {
    this.save();
  }

  private save(done?: boolean): void {
    this.lastSave = Date.now();
    if (!this.deps.home) return;
    try {
      saveSession(this.deps.home, this.sessionFile(done));
    } catch (e) {
      this.say(`could not save the session: ${(e as Error).message}`, 'error');
    }
  }

  // ---- the view ---------------------------------------------------------------------------

  private layout(): Layout {
    return computeLayout(this.columns, this.rows, this.ui.focus === 'task' && this.phase === 'exam');
  }

  /** The report wrapped to the screen's width (cached per width). */
  private reportRows(): ReportLine[] | undefined {
    if (!this.reportSource) return undefined;
    const width = this.layout().columns;
    if (this.wrappedReport?.width !== width) this.wrappedReport = { width, rows: wrapReport(this.reportSource, width) };
    return this.wrappedReport.rows;
  }

  private clockView(): ClockView {
    const elapsed = Math.max(0, this.deps.session.elapsed() / 1000);
    if (this.isPractice) return { elapsed };
    const remaining = Math.max(0, this.deps.bundle.durationSeconds - elapsed);
    const warning = WARN_MINUTES.filter((m) => remaining <= m * 60 && this.deps.bundle.durationSeconds > m * 60).pop();
    return { elapsed, remaining, warning };
  }

  private currentContext(): string | undefined {
    const text = this.deps.session.world.workstation.fs.readFileIfExists(CANDIDATE_KUBECONFIG);
    const m = text ? /^current-context:\s*"?([^"\n]*)"?\s*$/m.exec(text) : null;
    return m?.[1] || undefined;
  }

  private terminalView(l: Layout): TerminalView {
    const height = l.terminal.height;
    if (height <= 0) return { rows: [], above: false, offset: 0, inputRow: 0 };
    const input = this.inputRows(l.terminal.width);
    const v = this.scrollback.view(l.terminal.width, height, this.ui.scroll, input.rows);
    let cursor: TerminalView['cursor'];
    // The input rows are the last rows of the document; top-aligned when the screen is not full.
    const inputRow = v.offset === 0 ? Math.max(0, height - v.padding - input.rows.length) : height;
    if (v.offset === 0 && input.cursorRow >= 0 && this.ui.focus === 'terminal') {
      const row = inputRow + input.cursorRow;
      if (row >= 0 && row < height) cursor = { row, col: input.cursorCol };
    }
    return { rows: v.rows, cursor, above: v.above, offset: v.offset, inputRow };
  }

  private buildView(): ExamView {
    const shell = this.deps.session.shell;
    const l = this.layout();
    return {
      phase: this.phase,
      mode: this.deps.mode,
      title: this.deps.bundle.title,
      tasks: this.deps.bundle.tasks,
      ui: this.ui,
      line: this.line,
      notes: this.notes,
      running: this.running,
      editing: this.editing,
      clock: this.clockView(),
      context: this.context,
      host: shell.host.hostname.split('.')[0]!,
      user: shell.user.name,
      status: this.status ? { text: this.status.text, tone: this.status.tone } : undefined,
      layout: l,
      terminal: this.terminalView(l),
      report: this.report,
      reportRows: this.reportRows(),
      reportPaths: this.reportPaths,
      gradeError: this.gradeError,
    };
  }
}
