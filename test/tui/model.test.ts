import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../src/session/persist.js';
import { ESC, makeModel, typeLine } from './helpers.js';

const screenText = (m: ReturnType<typeof makeModel>['model']) => m.getView().terminal.rows.join('\n');

describe('the exam model: a terminal that behaves like the exam', () => {
  it('shows the exam prompt and runs a typed line, echoing it above its output', async () => {
    const { model } = makeModel();
    expect(model.getView().terminal.rows[0]).toBe('candidate@terminal:~$ ');
    await typeLine(model, 'echo hello');
    expect(model.scrollback.text()).toContain('candidate@terminal:~$ echo hello\n');
    expect(model.scrollback.text()).toContain('hello\n');
    expect(model.getView().terminal.cursor).toEqual({ row: expect.any(Number), col: 'candidate@terminal:~$ '.length });
  });

  it('follows ssh: prompt, host and user come from the shell', async () => {
    const { model } = makeModel();
    await typeLine(model, 'ssh root@cluster1-controlplane1');
    expect(model.prompt()).toBe('root@cluster1-controlplane1:~# ');
    expect([model.getView().user, model.getView().host]).toEqual(['root', 'cluster1-controlplane1']);
    await typeLine(model, 'exit');
    expect(model.prompt()).toBe('candidate@terminal:~$ ');
    expect(model.scrollback.text()).toContain('Connection to cluster1-controlplane1 closed.');
  });

  it("reads the header's context from the candidate's kubeconfig after each command", async () => {
    const { model } = makeModel();
    expect(model.getView().context).toBe('k8s-c1');
    await typeLine(model, "printf 'current-context: k8s-c9\\n' > ~/.kube/config");
    expect(model.getView().context).toBe('k8s-c9');
  });

  it('asks for more with "> " while the input is incomplete, then runs it whole', async () => {
    const { model } = makeModel();
    model.input('echo "one\r');
    await model.idle();
    expect(model.prompt()).toBe('> ');
    await typeLine(model, 'two"');
    expect(model.scrollback.text()).toContain('candidate@terminal:~$ echo "one\n> two"\n');
    expect(model.scrollback.text()).toMatch(/\none\ntwo\n$/);
    expect(model.prompt()).toBe('candidate@terminal:~$ ');
  });

  it('runs each line of a paste in order, typing queued while a line runs', async () => {
    const { model } = makeModel();
    model.input('echo one\recho two\recho three\r');
    await model.idle();
    const text = model.scrollback.text();
    expect(text.indexOf('one\n')).toBeLessThan(text.indexOf('two\n'));
    expect(text.indexOf('two\n')).toBeLessThan(text.indexOf('three\n'));
    expect(model.session.transcript.map((e) => e.line)).toEqual(['echo one', 'echo two', 'echo three']);
  });

  it('recalls history with ↑ and finds lines with Ctrl-R', async () => {
    const { model } = makeModel();
    await typeLine(model, 'echo first');
    await typeLine(model, 'echo second');
    model.input(ESC.up);
    expect(model.getView().line.text).toBe('echo second');
    model.input(ESC.up + ESC.down + ESC.down);
    expect(model.getView().line.text).toBe('');
    model.input(ESC.ctrlR + 'fir');
    expect(model.prompt()).toBe("(reverse-i-search)`fir': ");
    expect(model.getView().line.text).toBe('echo first');
    await typeLine(model, '');
    expect(model.scrollback.text()).toMatch(/echo first\nfirst\n$/);
  });

  it('cancels the line with Ctrl-C, as bash prints it', () => {
    const { model } = makeModel();
    model.input('half typed' + ESC.ctrlC);
    expect(model.scrollback.text()).toBe('candidate@terminal:~$ half typed^C\n');
    expect(model.getView().line.text).toBe('');
  });

  it('interrupts a running sleep with Ctrl-C: status 130, the prompt comes back', async () => {
    const { model, wall, time } = makeModel();
    model.input('sleep 100; echo after\r');
    await new Promise((r) => setImmediate(r));
    expect(model.getView().running).toBe(true);
    expect(wall.started).toBe(1);
    time.pass(2);
    model.input(ESC.ctrlC);
    await model.idle();
    expect(model.session.transcript[0]!.status).toBe(130);
    expect(model.scrollback.text()).not.toMatch(/^after$/m);
    expect(model.getView().running).toBe(false);
  });

  it('lets sleep take wall time: the virtual clock moves second by second with it', async () => {
    const { model, wall } = makeModel();
    const before = model.session.elapsed();
    model.input('sleep 3\r');
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      wall.release();
    }
    await model.idle();
    expect(model.session.elapsed() - before).toBe(3000);
  });

  it('moves the virtual clock with the wall clock on every tick', () => {
    const { model, time } = makeModel();
    const before = model.session.elapsed();
    time.pass(5);
    model.tick();
    expect(model.session.elapsed() - before).toBe(5000);
  });

  it('completes with Tab from the current host’s files', async () => {
    const { model } = makeModel();
    await typeLine(model, 'ssh root@cluster1-controlplane1');
    model.input('echo /etc/kubernetes/mani' + ESC.tab);
    expect(model.getView().line.text).toBe('echo /etc/kubernetes/manifests/');
    model.input('kube-' + ESC.tab);
    expect(model.getView().line.text).toBe('echo /etc/kubernetes/manifests/kube-');
    model.input(ESC.tab);
    expect(model.scrollback.text()).toContain('kube-apiserver.yaml');
  });

  it('clears the screen with Ctrl-L, keeping the old output above', async () => {
    const { model } = makeModel();
    await typeLine(model, 'echo old');
    model.input(ESC.ctrlL);
    expect(model.getView().terminal.rows[0]).toBe('candidate@terminal:~$ ');
    model.input(ESC.pageUp);
    expect(screenText(model)).toContain('old');
  });

  it('scrolls back with PgUp and returns to the prompt when typing', async () => {
    const { model } = makeModel();
    await typeLine(model, 'for i in $(seq 1 5); do :; done; i=0; while [ $i -lt 40 ]; do echo row$i; i=$((i+1)); done');
    expect(screenText(model)).toContain('row39');
    model.input(ESC.pageUp);
    expect(model.getView().terminal.offset).toBeGreaterThan(0);
    expect(screenText(model)).not.toContain('row39');
    model.input('x');
    expect(model.getView().terminal.offset).toBe(0);
  });

  it('moves between tasks, flags one, and keeps notes', () => {
    const { model } = makeModel({ name: 'cka-practice' });
    model.input(ESC.f4);
    expect(model.getView().ui.flagged[0]).toBe(true);
    model.input(ESC.f7 + 'check the scheduler\rlater' + '\x1b');
    expect(model.getView().notes.text).toBe('check the scheduler\nlater');
    expect(model.getView().ui.focus).toBe('terminal');
  });

  it('types the task context command with F5', () => {
    const { model } = makeModel();
    model.input(ESC.f5);
    expect(model.getView().line.text).toBe('kubectl config use-context k8s-c1');
  });

  it('gives hints and the solution in practice, typed or by key', async () => {
    const { model } = makeModel();
    await typeLine(model, 'hint');
    expect(model.scrollback.text()).toContain('hint 1/');
    model.input(ESC.f9);
    expect(model.scrollback.text()).toContain('hint 2/');
    await typeLine(model, 'solution');
    expect(model.scrollback.text()).toContain("sudo sed -i 's/- kube-schedulerr$/- kube-scheduler/'");
    expect(model.session.transcript).toEqual([]);
  });

  it('checks without ending the practice session', async () => {
    const { model } = makeModel();
    await typeLine(model, 'check');
    expect(model.scrollback.text()).toMatch(/check: 0\.0 % so far/);
    expect(model.scrollback.text()).toContain('✗ the kube-scheduler static Pod is Running and Ready');
    expect(model.getView().phase).toBe('exam');
  });

  it('treats check as an ordinary command in a timed exam', async () => {
    const { model } = makeModel({ mode: 'exam' });
    await typeLine(model, 'check');
    expect(model.scrollback.text()).toContain('bash: check: command not found');
  });

  it('never crashes on a command error: the error is a line of output', async () => {
    const { model, recorder } = makeModel();
    recorder.run = () => Promise.reject(new Error('simulated failure'));
    await typeLine(model, 'echo x');
    expect(model.scrollback.text()).toContain('kubedrill: simulated failure');
    expect(model.getView().running).toBe(false);
  });

  it('counts down a timed exam, warns at 30, 10 and 5 minutes, and grades at zero', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kubedrill-test-'));
    const { model, time } = makeModel({ name: 'cka-practice', mode: 'exam', home });
    expect(model.getView().clock.remaining).toBe(3600);
    time.pass(31 * 60);
    model.tick();
    expect(model.getView().clock.warning).toBe(30);
    expect(model.getView().status?.text).toBe('⚠ 30 minutes left');
    time.pass(29 * 60);
    model.tick();
    await model.idle();
    await new Promise((r) => setTimeout(r, 0));
    await waitFor(() => model.getView().phase === 'report');
    const view = model.getView();
    expect(view.reportRows?.[1]?.text).toBe('Time is up.');
    expect(existsSync(view.reportPaths!.text)).toBe(true);
    expect(readFileSync(view.reportPaths!.json, 'utf8')).toContain('"reportVersion": 1');
    const saved = loadSession(join(home, 'sessions', readdirSync(join(home, 'sessions'))[0]!));
    expect(saved.done).toBe(true);
  });

  it('ends the exam on request after asking, and shows the report', async () => {
    const { model } = makeModel();
    model.input(ESC.f10);
    expect(model.getView().ui.overlay).toBe('confirm-end');
    model.input('n');
    expect(model.getView().ui.overlay).toBeUndefined();
    model.input(ESC.f10 + 'y');
    await waitFor(() => model.getView().phase === 'report');
    expect(model.getView().reportRows?.map((r) => r.text)).toContain('Score 0.0 % — pass mark 66 % — FAIL');
  });

  it('saves the session file after every command (atomically: no temporary file left)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kubedrill-test-'));
    const { model } = makeModel({ home });
    await typeLine(model, 'echo saved');
    const dir = join(home, 'sessions');
    expect(readdirSync(dir)).toEqual(['test-dead-scheduler.json']);
    const saved = loadSession(join(dir, 'test-dead-scheduler.json'));
    expect(saved.transcript.map((e) => e.line)).toEqual(['echo saved']);
    expect(saved.done).toBe(false);
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}
