import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/tui/launch.js';
import { latestUnfinished } from '../../src/session/persist.js';
import { bundle, typeLine } from './helpers.js';

describe('starting and resuming the exam screen (without a terminal)', () => {
  it('saves a new session at once, then resumes it with its output, flags and notes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kubedrill-launch-'));
    const env = { KUBEDRILL_HOME: home };
    const first = await prepare({ bundle: bundle(), mode: 'exam', dirs: [], seed: 3, env });
    expect(latestUnfinished(home)?.file.id).toBe(first.file.id);
    await typeLine(first.model, 'echo first > /tmp/f');
    first.model.input('\x1b[14~\x1b[18~remember this\x1b');
    first.model.quit();

    const saved = latestUnfinished(home)!.file;
    expect(saved.ui).toMatchObject({ flagged: [1], notes: 'remember this' });
    const second = await prepare({ bundle: bundle(), mode: 'exam', dirs: [], resume: saved, env });
    const view = second.model.getView();
    expect(second.model.scrollback.text()).toContain('candidate@terminal:~$ echo first > /tmp/f\n');
    expect(second.model.scrollback.text()).toContain('── session resumed: 1 command replayed ──');
    expect(view.ui.flagged).toEqual([true]);
    expect(view.notes.text).toBe('remember this');
    expect(view.mode).toBe('exam');
    expect(second.model.session.world.workstation.fs.readFile('/tmp/f')).toBe('first\n');
    expect(Math.round(second.model.session.elapsed())).toBe(saved.elapsedMs);
  });
});
