/**
 * Never lose work: a session is saved after every command as the bundle, the seed and the
 * transcript (each line with the virtual time it was entered, the edits made in a real editor
 * during it, and where Ctrl-C stopped it), plus the screen's flags, notes and visited tasks.
 * Resuming replays the transcript into a fresh Session with the same seed: the same world
 * comes back deterministically, including the editor's results, without opening any editor.
 *
 * Files: $KUBEDRILL_HOME (default ~/.kubedrill)/sessions/<id>.json, written atomically
 * (temporary file + rename); reports go to reports/<timestamp>-<bundle>.{txt,json}.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '../scenario/bundle.js';
import type { Report } from '../grading/grade.js';
import { textReport } from '../grading/report/text.js';
import { jsonReport } from '../grading/report/json.js';
import { BufferSink, type EditorHook, type EditRequest, type EditResult, type Sink } from '../shell/types.js';
import type { Waiter } from '../shell/waiter.js';
import { Session, type SessionOptions, type TranscriptEntry } from './session-core.js';
import { loadEngine } from './engine-slot.js';

export const SESSION_FILE_VERSION = 1;

export type SessionMode = 'exam' | 'practice';

export interface SavedEntry extends TranscriptEntry {
  /** Virtual ms since the start when Ctrl-C stopped the line. */
  interruptedAt?: number;
  /** What the real editor returned, in order, for vi/vim/nano/kubectl edit during this line. */
  edits?: EditResult[];
}

export interface SavedUi {
  current: number;
  visited: number[];
  flagged: number[];
  hints: number[];
  notes: string;
}

export interface SessionFile {
  version: typeof SESSION_FILE_VERSION;
  id: string;
  bundle: string;
  title: string;
  seed: number;
  mode: SessionMode;
  /** Extra scenario directories (--dir) the bundle was loaded with. */
  dirs: string[];
  createdAt: string;
  updatedAt: string;
  transcript: SavedEntry[];
  /** Virtual ms since the start when the file was written: the exam clock. */
  elapsedMs: number;
  ui: SavedUi;
  done: boolean;
  report?: { text: string; json: string; score: number; passed: boolean };
}

// ---- places ------------------------------------------------------------------------------

export function kubedrillHome(env: NodeJS.ProcessEnv = process.env): string {
  return env['KUBEDRILL_HOME'] || join(homedir(), '.kubedrill');
}

export const sessionsDir = (home: string) => join(home, 'sessions');
export const reportsDir = (home: string) => join(home, 'reports');
export const sessionPath = (home: string, id: string) => join(sessionsDir(home), `${id}.json`);

/** 20260101-093000: local time, sortable, safe in file names. */
export function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export function newSessionId(bundle: string, date: Date, random = Math.random): string {
  return `${stamp(date)}-${bundle.replace(/[^A-Za-z0-9._-]/g, '_')}-${Math.floor(random() * 0xffff).toString(16).padStart(4, '0')}`;
}

/** Writes a file so that a crash leaves either the old or the new content, never half of one. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, path);
}

export function saveSession(home: string, file: SessionFile): string {
  mkdirSync(sessionsDir(home), { recursive: true, mode: 0o700 });
  const path = sessionPath(home, file.id);
  writeAtomic(path, JSON.stringify(file, null, 1) + '\n');
  return path;
}

export class SessionFileError extends Error {}

export function loadSession(path: string): SessionFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SessionFileError(`${path}: not a session file (${(e as Error).message})`);
  }
  const f = data as Partial<SessionFile>;
  if (f.version !== SESSION_FILE_VERSION || typeof f.bundle !== 'string' || !Array.isArray(f.transcript) || typeof f.seed !== 'number') {
    throw new SessionFileError(`${path}: not a kubedrill session file of version ${SESSION_FILE_VERSION}`);
  }
  return { dirs: [], done: false, elapsedMs: 0, ui: { current: 1, visited: [], flagged: [], hints: [], notes: '' }, ...f } as SessionFile;
}

/** Every readable session file, most recently updated first; broken files are skipped. */
export function listSessions(home: string): { path: string; file: SessionFile }[] {
  let names: string[];
  try {
    names = readdirSync(sessionsDir(home)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: { path: string; file: SessionFile }[] = [];
  for (const n of names) {
    const path = join(sessionsDir(home), n);
    try {
      out.push({ path, file: loadSession(path) });
    } catch {
      // A foreign or damaged file is not a session to offer.
    }
  }
  return out.sort((a, b) => (a.file.updatedAt < b.file.updatedAt ? 1 : a.file.updatedAt > b.file.updatedAt ? -1 : 0));
}

/** The session `kubedrill resume` continues: the newest one not yet graded. */
export function latestUnfinished(home: string): { path: string; file: SessionFile } | undefined {
  return listSessions(home).find((s) => !s.file.done);
}

/** Writes the text and JSON reports; returns their paths. */
export function writeReports(home: string, report: Report, bundle: string, date: Date): { text: string; json: string } {
  const dir = reportsDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const base = join(dir, `${stamp(date)}-${bundle.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  const paths = { text: `${base}.txt`, json: `${base}.json` };
  writeAtomic(paths.text, textReport(report));
  writeAtomic(paths.json, jsonReport(report));
  return paths;
}

// ---- recording and replay ----------------------------------------------------------------

/** Receives each replayed line: the prompt it was typed at and its output (stdout and stderr). */
export type ReplayOutput = (entry: SavedEntry, prompt: string, output: string) => void;

/**
 * Sits between the Session and the TUI's editor and waiter. Live, it passes calls through and
 * records each editor result; during a replay it serves the recorded results and jumps the
 * virtual clock instead of waiting, stopping a line where Ctrl-C stopped it.
 */
export class SessionRecorder {
  readonly entries: SavedEntry[] = [];
  private session?: Session;
  private live = false;
  private edits: EditResult[] = [];
  private replayEdits: EditResult[] = [];
  private deadline?: { at: number; controller: AbortController };

  constructor(
    private readonly liveEditor: EditorHook | undefined,
    private readonly liveWaiter: Waiter | undefined,
  ) {}

  readonly editor: EditorHook = {
    edit: async (request: EditRequest): Promise<EditResult> => {
      if (!this.live) return this.replayEdits.shift() ?? { ok: false, error: 'no recorded edit to replay' };
      const result = this.liveEditor ? await this.liveEditor.edit(request) : { ok: false as const, error: 'no editor' };
      this.edits.push(result);
      return result;
    },
  };

  readonly waiter: Waiter = {
    sleep: async (seconds: number, signal: AbortSignal): Promise<void> => {
      if (this.live && this.liveWaiter) return this.liveWaiter.sleep(seconds, signal);
      const session = this.session;
      if (!session) return;
      const target = session.elapsed() + seconds * 1000;
      if (this.deadline && target >= this.deadline.at) {
        session.advanceTo(this.deadline.at);
        this.deadline.controller.abort();
        return;
      }
      session.advanceTo(target);
    },
  };

  /**
   * Creates the session this recorder serves. Built at once unless `deferBuild`, which needs the
   * session engine loaded (session.js imported, or loadEngine awaited).
   */
  createSession(bundle: Bundle, options: Omit<SessionOptions, 'editor' | 'waiter'>): Session {
    this.session = new Session(bundle, { ...options, editor: this.editor, waiter: this.waiter });
    return this.session;
  }

  /** From now on calls go to the real editor and waiter. */
  goLive(): void {
    this.live = true;
  }

  /** Runs one line live, recording it. */
  async run(line: string, io: { stdout: Sink; stderr: Sink; signal?: AbortSignal }, interruptedAt?: () => number | undefined): Promise<SavedEntry> {
    const session = this.requireSession();
    this.edits = [];
    await session.run(line, io);
    const last = session.transcript[session.transcript.length - 1]!;
    const entry: SavedEntry = { ...last };
    const stoppedAt = interruptedAt?.();
    if (stoppedAt !== undefined) entry.interruptedAt = stoppedAt;
    if (this.edits.length) entry.edits = this.edits;
    this.entries.push(entry);
    return entry;
  }

  /** Replays saved lines: the clock to each line's instant, then the line, output to `out`. */
  async replay(entries: readonly SavedEntry[], out?: ReplayOutput): Promise<void> {
    const session = this.requireSession();
    const wasLive = this.live;
    this.live = false;
    try {
      for (const e of entries) {
        session.advanceTo(e.at);
        this.replayEdits = [...(e.edits ?? [])];
        const controller = new AbortController();
        this.deadline = e.interruptedAt !== undefined ? { at: e.interruptedAt, controller } : undefined;
        const prompt = session.shell.prompt();
        const output = new BufferSink();
        await session.run(e.line, { stdout: output, stderr: output, signal: controller.signal });
        this.entries.push({ ...e });
        out?.(e, prompt, output.text());
      }
    } finally {
      this.deadline = undefined;
      this.replayEdits = [];
      this.live = wasLive;
    }
  }

  private requireSession(): Session {
    if (!this.session) throw new Error('SessionRecorder: createSession first');
    return this.session;
  }
}

/**
 * Rebuilds a saved session: same bundle and seed, every line replayed at its instant, then the
 * clock moved to where the exam stood. The recorder is live afterwards.
 */
export async function resumeSession(
  saved: SessionFile,
  bundle: Bundle,
  live: { editor?: EditorHook; waiter?: Waiter; out?: ReplayOutput } = {},
): Promise<{ session: Session; recorder: SessionRecorder }> {
  await loadEngine();
  const recorder = new SessionRecorder(live.editor, live.waiter);
  const session = recorder.createSession(bundle, { seed: saved.seed, time: 'wall' });
  await recorder.replay(saved.transcript, live.out);
  session.advanceTo(saved.elapsedMs);
  recorder.goLive();
  return { session, recorder };
}
