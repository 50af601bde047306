/**
 * The TUI's EditorHook: vi, vim, nano and `kubectl edit` open the user's real editor on a
 * temporary copy of the virtual file (DESIGN principle 8's one deliberate exception). The
 * screen is suspended around it as STACK.md's verified recipe says: input hooks inactive so
 * ink releases the terminal, alternate screen left, `spawnSync($EDITOR file)` with the terminal
 * inherited, then the screen comes back and the file is read back and deleted.
 *
 * The editor command comes from the real environment only ($KUBE_EDITOR/$EDITOR for
 * `kubectl edit`, $EDITOR/$VISUAL otherwise, vi when none is set): a scenario cannot choose a
 * program to run on the user's machine.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditorHook, EditRequest, EditResult } from '../shell/types.js';

export interface Suspender {
  /** Releases the terminal (resolves once the UI no longer reads it). */
  suspend(): Promise<void>;
  /** Takes the terminal back and redraws. */
  resume(): void;
}

export type Spawn = (command: string) => Pick<SpawnSyncReturns<Buffer>, 'status' | 'error' | 'signal'>;

const realSpawn: Spawn = (command) => spawnSync(command, { stdio: 'inherit', shell: true });

export function editorCommand(variables: readonly string[] | undefined, env: NodeJS.ProcessEnv): string {
  for (const v of variables ?? ['EDITOR', 'VISUAL']) {
    const value = env[v];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return 'vi';
}

/** A file name that keeps the extension (editors pick syntax highlighting from it). */
function copyName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9._-]/g, '_');
  return base === '' || base === '.' || base === '..' ? 'file' : base;
}

export class TerminalEditor implements EditorHook {
  constructor(
    private readonly screen: Suspender,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly spawn: Spawn = realSpawn,
  ) {}

  async edit(request: EditRequest): Promise<EditResult> {
    const command = editorCommand(request.variables, this.env);
    let dir: string;
    let file: string;
    try {
      dir = mkdtempSync(join(tmpdir(), 'kubedrill-edit-'));
      file = join(dir, copyName(request.path));
      writeFileSync(file, request.content, { mode: 0o600 });
    } catch (e) {
      return { ok: false, error: `cannot write a temporary copy for the editor: ${(e as Error).message}` };
    }
    await this.screen.suspend();
    try {
      const r = this.spawn(`${command} "${file}"`);
      if (r.error) return { ok: false, error: `cannot start the editor \`${command}': ${r.error.message}` };
      if (r.status !== 0) return { ok: false, error: `the editor \`${command}' exited with status ${r.status ?? r.signal}` };
      return { ok: true, content: readFileSync(file, 'utf8') };
    } catch (e) {
      return { ok: false, error: `cannot read the edited file back: ${(e as Error).message}` };
    } finally {
      this.screen.resume();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
