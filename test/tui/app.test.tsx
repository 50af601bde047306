import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/tui/components/app.js';
import { textWidth } from '../../src/tui/text-width.js';
import { colorSupported } from '../../src/tui/theme.js';
import { ESC, makeModel } from './helpers.js';

afterEach(() => cleanup());

const settle = () => new Promise((r) => setTimeout(r, 30));

function mount(opts: Parameters<typeof makeModel>[0] & { columns?: number; rows?: number } = {}) {
  const columns = opts.columns ?? 80;
  const rows = opts.rows ?? 24;
  const t = makeModel({ ...opts, columns, rows });
  const ui = render(<App model={t.model} size={{ columns, rows }} theme={{ color: false }} />);
  const frame = () => ui.lastFrame() ?? '';
  const lines = () => frame().split('\n');
  return { ...t, ui, frame, lines };
}

describe('the exam screen at 80×24', () => {
  it('fills 23 rows (ink draws one less than the terminal) and never wider than 80 cells', () => {
    const { lines } = mount();
    expect(lines()).toHaveLength(23);
    for (const l of lines()) expect(textWidth(l)).toBeLessThanOrEqual(80);
  });

  it('draws the header: title, time, context, user@host', () => {
    const { lines } = mount();
    expect(lines()[0]).toMatch(/^ Pods stay Pending \(practice\) +00:00 used +ctx k8s-c1 +candidate@terminal *$/);
  });

  it('counts down in a timed exam', () => {
    const { lines } = mount({ mode: 'exam' });
    expect(lines()[0]).toContain(' 15:00 left ');
  });

  it('draws the task panel above the terminal: tabs, task text, context command', () => {
    const { lines } = mount({ name: 'cka-practice' });
    expect(lines()[1]).toMatch(/^Tasks \[1•\]/);
    expect(lines()[1]).toMatch(/ \d+% · Troubleshooting/);
    expect(lines()[2]).toBe('New Pods in shop stay Pending');
    expect(lines()[3]).toBe('The Deployment `web` in Namespace `shop` was scaled to 3 replicas, but the new');
    expect(lines()).toContainEqual(expect.stringMatching(/^\$ kubectl config use-context k8s-c1 *$/));
    expect(lines()).toContainEqual('─'.repeat(80));
  });

  it('shows the prompt exactly like the exam, and what is typed after it', async () => {
    const { lines, ui } = mount();
    const promptRow = lines().findIndex((l) => l.startsWith('candidate@terminal:~$'));
    expect(promptRow).toBeGreaterThan(0);
    ui.stdin.write('echo hi');
    await settle();
    expect(lines()[promptRow]).toMatch(/^candidate@terminal:~\$ echo hi *$/);
  });

  it('ends with the one-line key help', () => {
    const { lines } = mount();
    expect(lines()[22]).toMatch(/^ F1 help +F2 prev +F3 next +F4 flag/);
  });

  it('marks a flagged task in the tabs', async () => {
    const { lines, ui } = mount();
    ui.stdin.write(ESC.f4);
    await settle();
    expect(lines()[1]).toMatch(/^Tasks \[1⚑\]/);
  });

  it('asks before ending the exam, in the bottom row', async () => {
    const { lines, ui } = mount();
    ui.stdin.write(ESC.f10);
    await settle();
    expect(lines()[22]).toContain('End the exam and grade it?  y: grade now');
  });

  it('opens the full task view and the notes pad', async () => {
    const { lines, ui, frame } = mount();
    ui.stdin.write(ESC.f6);
    await settle();
    expect(frame()).toContain('In the end all 3');
    expect(frame()).not.toContain('candidate@terminal:~$');
    ui.stdin.write('\x1b');
    await settle();
    ui.stdin.write(ESC.f7);
    await settle();
    ui.stdin.write('my note');
    await settle();
    expect(lines()[2]).toContain('Notes — F7/Esc back to the terminal');
    expect(lines()[3]).toMatch(/^my note/);
  });

  it('shows the help with every key and its alternative', async () => {
    const { frame, ui } = mount();
    ui.stdin.write('\x1bOP');
    await settle();
    expect(frame()).toContain('F2 / Alt-p');
    expect(frame()).toContain('Ctrl-R search');
  });

  it('shows the report screen after grading: score, verdict, checks, solution', async () => {
    const { frame, lines, ui, model } = mount();
    ui.stdin.write(ESC.f10);
    await settle();
    ui.stdin.write('y');
    for (let i = 0; i < 100 && model.getView().phase !== 'report'; i++) await settle();
    await settle();
    expect(lines()[0]).toBe('Pods stay Pending — practice report');
    expect(lines()[1]).toMatch(/^Score 0\.0 % — pass mark 66 % — FAIL/);
    expect(frame()).toContain('✗ the kube-scheduler static Pod is Running and Ready (weight 2)');
    expect(frame()).toContain('expected:');
    expect(lines()[22]).toMatch(/^ rows 1-22 of \d+ +↑\/↓ PgUp\/PgDn/);
    ui.stdin.write(ESC.pageDown);
    await settle();
    expect(frame()).toContain('Reference solution:');
  });
});

describe('larger terminals', () => {
  it('puts the task list beside the terminal at 120×35', () => {
    const { lines } = mount({ columns: 120, rows: 35 });
    expect(lines()).toHaveLength(34);
    expect(lines()[1]).toMatch(/^Tasks +│candidate@terminal:~\$ *$/);
    expect(lines()[2]).toMatch(/^▸ 1 • New Pods in shop stay Pending +100%│/);
  });
});

describe('colours', () => {
  it('are off with NO_COLOR, on a dumb terminal, and when the terminal has none', () => {
    expect(colorSupported({ NO_COLOR: '1' }, { isTTY: true, hasColors: () => true })).toBe(false);
    expect(colorSupported({ TERM: 'dumb' }, { isTTY: true })).toBe(false);
    expect(colorSupported({}, { isTTY: true, hasColors: () => false })).toBe(false);
    expect(colorSupported({}, { isTTY: true, hasColors: () => true })).toBe(true);
    expect(colorSupported({ NO_COLOR: '' }, { isTTY: true, hasColors: () => true })).toBe(true);
  });
});

describe('blank rows', () => {
  it('keep their place between differently styled rows (the wide task panel)', () => {
    const { lines } = mount({ columns: 120, rows: 35 });
    const ctx = lines().findIndex((l) => l.startsWith('$ kubectl config use-context k8s-c1'));
    expect(lines()[ctx + 1]).toMatch(/^ +│/);
    expect(lines()[ctx + 2]).toMatch(/^Task 1 of 1 · 100% · Troubleshooting/);
  });
});
