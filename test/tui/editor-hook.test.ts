import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editorCommand, TerminalEditor, type Spawn } from '../../src/tui/editor-hook.js';
import type { EditRequest } from '../../src/shell/types.js';

function fakeScreen() {
  const events: string[] = [];
  return { events, screen: { suspend: async () => void events.push('suspend'), resume: () => void events.push('resume') } };
}

const request = (over: Partial<EditRequest> = {}): EditRequest => ({ path: '/etc/kubernetes/manifests/kube-scheduler.yaml', content: 'command: kube-schedulerr\n', process: {} as never, ...over });

/** Parses `EDITOR "FILE"` the way the hook builds it and edits FILE like the user would. */
function editingSpawn(seen: string[], edit: (text: string) => string, status = 0): Spawn {
  return (command) => {
    seen.push(command);
    const file = /"([^"]+)"$/.exec(command)![1]!;
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return { status, error: undefined, signal: null };
  };
}

describe('the TUI editor hook', () => {
  it("opens the user's $EDITOR on a temporary copy, with the screen suspended, and returns the edit", async () => {
    const { events, screen } = fakeScreen();
    const seen: string[] = [];
    const hook = new TerminalEditor(screen, { EDITOR: 'vim -u NONE' }, editingSpawn(seen, (t) => { events.push('edit'); return t.replace('schedulerr', 'scheduler'); }));
    const result = await hook.edit(request());
    expect(result).toEqual({ ok: true, content: 'command: kube-scheduler\n' });
    expect(events).toEqual(['suspend', 'edit', 'resume']);
    expect(seen[0]).toMatch(/^vim -u NONE ".*kubedrill-edit-.*\/kube-scheduler\.yaml"$/);
    expect(existsSync(/"([^"]+)"$/.exec(seen[0]!)![1]!)).toBe(false);
  });

  it('uses vi when no editor is set, and KUBE_EDITOR first for kubectl edit', () => {
    expect(editorCommand(undefined, {})).toBe('vi');
    expect(editorCommand(undefined, { VISUAL: 'nano' })).toBe('nano');
    expect(editorCommand(['KUBE_EDITOR', 'EDITOR'], { EDITOR: 'vim', KUBE_EDITOR: 'nano' })).toBe('nano');
    expect(editorCommand(['KUBE_EDITOR', 'EDITOR'], { EDITOR: 'vim', KUBE_EDITOR: ' ' })).toBe('vim');
  });

  it('never takes the editor from the simulated environment', async () => {
    const seen: string[] = [];
    const hook = new TerminalEditor(fakeScreen().screen, {}, editingSpawn(seen, (t) => t));
    const virtualEnv = new Map([['EDITOR', 'rm -rf ~']]);
    await hook.edit(request({ process: { env: virtualEnv } as never }));
    expect(seen[0]).toMatch(/^vi "/);
  });

  it('reports an editor that fails, and still resumes the screen', async () => {
    const { events, screen } = fakeScreen();
    const hook = new TerminalEditor(screen, { EDITOR: 'false' }, editingSpawn([], (t) => t, 1));
    expect(await hook.edit(request())).toEqual({ ok: false, error: "the editor `false' exited with status 1" });
    expect(events).toEqual(['suspend', 'resume']);
  });

  it('runs a real editor command through the shell (sed as $EDITOR)', async () => {
    const hook = new TerminalEditor(fakeScreen().screen, { EDITOR: "sed -i 's/schedulerr/scheduler/'" });
    expect(await hook.edit(request())).toEqual({ ok: true, content: 'command: kube-scheduler\n' });
  });
});
