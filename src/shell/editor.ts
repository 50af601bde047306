/**
 * The headless EditorHook: vi, vim, nano (and later `kubectl edit`) run the command in $EDITOR
 * (or $VISUAL) on a temporary copy in /tmp of the same host, then read it back, e.g.
 * `EDITOR="sed -i 's/a/b/'"`. This is how a transcript or a test edits a file without a screen.
 */
import { basename, ROOT } from '../vfs/fs.js';
import { singleQuote } from './interpreter/quote.js';
import type { EditorHook, EditRequest, EditResult } from './types.js';

export const NO_EDITOR = 'no editor available in a headless run: set EDITOR to a command, e.g. EDITOR="sed -i s/a/b/"';

export class HeadlessEditor implements EditorHook {
  private copies = 0;

  async edit(request: EditRequest): Promise<EditResult> {
    const p = request.process;
    const command = (request.variables ?? ['EDITOR', 'VISUAL']).map((v) => p.env.get(v)).find((v) => v !== undefined && v.trim() !== '');
    if (command === undefined) return { ok: false, error: NO_EDITOR };
    const fs = p.host.fs;
    const copy = `/tmp/kubedrill-edit-${++this.copies}-${basename(request.path)}`;
    try {
      if (!fs.exists('/tmp')) fs.mkdir('/tmp', { mode: 0o1777 }, ROOT);
      fs.writeFile(copy, request.content, { mode: 0o600, uid: p.cred.uid, gid: p.cred.gid }, ROOT);
    } catch (e) {
      return { ok: false, error: `cannot create a temporary copy in /tmp: ${(e as Error).message}` };
    }
    try {
      const status = await p.spawn(['bash', '-c', `${command} ${singleQuote(copy)}`], { stdin: '', env: p.env });
      if (status !== 0) return { ok: false, error: `the editor command \`${command}' exited with status ${status}` };
      return { ok: true, content: fs.readFile(copy, ROOT) };
    } catch (e) {
      return { ok: false, error: `the editor command \`${command}' failed: ${(e as Error).message}` };
    } finally {
      if (fs.exists(copy)) fs.unlink(copy, ROOT);
    }
  }
}
