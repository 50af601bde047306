/**
 * kubedrill in a real terminal: the built CLI runs in tmux (its own server socket), keys are
 * sent one at a time, the screen is read with capture-pane. Covers what only a real terminal
 * shows: raw mode, the alternate screen, the real editor (vim) suspending the UI, and the
 * terminal being restored at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const HAS_TMUX = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const HAS_VIM = spawnSync('vim', ['--version'], { stdio: 'ignore' }).status === 0;
const SOCKET = `kubedrill-test-${process.pid}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const screen = (target: string) => tmux('capture-pane', '-p', '-t', target);

/** Types text one key at a time, as a person would. */
function type(target: string, text: string): void {
  // tmux reads a lone ";" argument as its command separator.
  for (const ch of text) tmux('send-keys', '-t', target, '-l', ch === ';' ? '\\;' : ch);
}

function press(target: string, ...keys: string[]): void {
  for (const k of keys) tmux('send-keys', '-t', target, k);
}

async function waitFor(target: string, what: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen(target);
    if (typeof what === 'string' ? last.includes(what) : what.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(what)}; the screen shows:\n${last}`);
}

function start(name: string, home: string, args: string): string {
  const env = `env -u CI KUBEDRILL_HOME=${home} HOME=${home} EDITOR=vim TERM=xterm-256color`;
  tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '35', '-c', ROOT, `sh -c '${env} node bin/kubedrill.js ${args}; echo EXIT=$?; sleep 600'`);
  return name;
}

describe.skipIf(!HAS_TMUX || !HAS_VIM)(`kubedrill in a real terminal (tmux)${HAS_TMUX ? '' : ' — skipped: tmux is not installed'}${HAS_VIM ? '' : ' — skipped: vim is not installed'}`, () => {
  let home: string;

  beforeAll(() => {
    // The tests drive the bundle bin/kubedrill.js loads: build it fresh.
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    home = mkdtempSync(join(tmpdir(), 'kubedrill-e2e-'));
  }, 60_000);

  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('fixes the dead scheduler over ssh with sudo vim, checks, ends the exam and reads the score', async () => {
    const t = start('fix', home, 'practice dead-scheduler');
    await waitFor(t, 'candidate@terminal:~$');
    expect(screen(t)).toContain('New Pods in shop stay Pending');

    type(t, 'ssh cluster1-controlplane1');
    press(t, 'Enter');
    await waitFor(t, 'candidate@cluster1-controlplane1:~$');

    type(t, 'sudo vim /etc/kubernetes/manifests/kube-scheduler.yaml');
    press(t, 'Enter');
    // The real vim, on the normal screen, with the virtual file's content.
    await waitFor(t, /^ +- kube-schedulerr$/m);
    type(t, ':%s/- kube-schedulerr$/- kube-scheduler/');
    press(t, 'Enter');
    type(t, ':wq');
    press(t, 'Enter');
    // Back in kubedrill: a fresh, empty prompt after the vim line.
    await waitFor(t, /│candidate@cluster1-controlplane1:~\$ ?$/m);

    type(t, 'exit');
    press(t, 'Enter');
    await waitFor(t, 'Connection to cluster1-controlplane1 closed.');

    // check (F8) grades without ending; the kubelet restarts the scheduler within seconds.
    let checked = '';
    for (let i = 0; i < 15 && !checked.includes('✓ the kube-scheduler static Pod is Running and Ready'); i++) {
      press(t, 'F8');
      await new Promise((r) => setTimeout(r, 1000));
      checked = screen(t);
    }
    expect(checked).toContain('✓ the kube-scheduler static Pod is Running and Ready');

    press(t, 'F10');
    await waitFor(t, 'End the exam and grade it?');
    type(t, 'y');
    const report = await waitFor(t, /Score \d+\.\d % — pass mark 66 %/);
    expect(report).toContain('Pods stay Pending — practice report');
    expect(report).toContain('✓ the kube-scheduler static Pod is Running and Ready (weight 2)');
    const score = Number(/Score (\d+\.\d) %/.exec(report)![1]);
    expect(score).toBeGreaterThanOrEqual(40);

    type(t, 'q');
    const after = await waitFor(t, 'EXIT=0');
    // Back on the normal screen: the summary and where the report went.
    expect(after).toMatch(new RegExp(`Pods stay Pending: ${score.toFixed(1)} % — (PASS|FAIL)`));
    const reports = readdirSync(join(home, 'reports'));
    expect(reports.filter((f) => f.endsWith('-dead-scheduler.txt'))).toHaveLength(1);
    expect(after).toContain(join(home, 'reports'));
  }, 120_000);

  it('quits to resume later, and `kubedrill resume` brings the session back', async () => {
    const resumeHome = mkdtempSync(join(tmpdir(), 'kubedrill-e2e-'));
    try {
      const t = start('first', resumeHome, 'practice dead-scheduler');
      await waitFor(t, 'candidate@terminal:~$');
      type(t, 'echo kept > /tmp/greeting');
      press(t, 'Enter');
      await waitFor(t, /greeting[\s\S]*│candidate@terminal:~\$ ?$/m);
      press(t, 'F4');
      press(t, 'F10');
      await waitFor(t, 'End the exam and grade it?');
      type(t, 'q');
      await waitFor(t, '`kubedrill resume` continues it');

      const r = start('second', resumeHome, 'resume');
      await waitFor(r, 'session resumed: 1 command replayed');
      expect(screen(r)).toContain('candidate@terminal:~$ echo kept > /tmp/greeting');
      expect(screen(r)).toContain('▸ 1 ⚑');
      type(r, 'read l < /tmp/greeting; echo got:$l');
      press(r, 'Enter');
      await waitFor(r, 'got:kept');
      expect(existsSync(join(resumeHome, 'sessions'))).toBe(true);
    } finally {
      rmSync(resumeHome, { recursive: true, force: true });
    }
  }, 120_000);
});
