import { describe, expect, it } from 'vitest';
import { emptyLine, reduceLine, searchPrompt, type LineAction, type LineState } from '../../src/tui/line-editor.js';

function run(state: LineState, ...actions: (LineAction | string)[]): LineState {
  return actions.reduce<LineState>((s, a) => reduceLine(s, typeof a === 'string' ? ({ type: a } as LineAction) : a), state);
}
const type = (text: string): LineAction => ({ type: 'insert', text });
const typed = (text: string, history: string[] = []) => reduceLine(emptyLine(history), type(text));
const show = (s: LineState) => s.text.slice(0, s.cursor) + '|' + s.text.slice(s.cursor);

describe('the input line (readline emacs bindings)', () => {
  it('inserts at the cursor after moving left', () => {
    expect(show(run(typed('kubectl get po'), 'left', 'left', type('x')))).toBe('kubectl get x|po');
  });

  it('goes to the start and end with Home/End (Ctrl-A/E)', () => {
    expect(show(run(typed('abc'), 'home'))).toBe('|abc');
    expect(show(run(typed('abc'), 'home', 'end'))).toBe('abc|');
  });

  it('deletes before the cursor with Backspace and under it with Delete', () => {
    expect(show(run(typed('abcd'), 'left', 'backspace'))).toBe('ab|d');
    expect(show(run(typed('abcd'), 'left', 'left', 'delete'))).toBe('ab|d');
    expect(show(run(typed('ab'), 'home', 'backspace'))).toBe('|ab');
  });

  it('kills to the start (Ctrl-U) and to the end (Ctrl-K), and yanks it back (Ctrl-Y)', () => {
    const s = run(typed('kubectl get pods'), 'wordLeft', 'killStart');
    expect(show(s)).toBe('|pods');
    expect(show(run(s, 'end', 'yank'))).toBe('podskubectl get |');
    expect(show(run(typed('kubectl get pods'), 'home', 'wordRight', 'killEnd'))).toBe('kubectl|');
  });

  it('kills the previous whitespace-delimited word with Ctrl-W', () => {
    expect(show(run(typed('kubectl -n kube-system get'), 'killWordBack'))).toBe('kubectl -n kube-system |');
    expect(show(run(typed('kubectl -n kube-system '), 'killWordBack'))).toBe('kubectl -n |');
  });

  it('kills an alphanumeric word with Alt-Backspace, stopping at punctuation', () => {
    expect(show(run(typed('cat /etc/kubernetes'), 'killWordBackAlnum'))).toBe('cat /etc/|');
  });

  it('moves by words with Alt-B / Alt-F', () => {
    expect(show(run(typed('ssh cluster1-node1'), 'wordLeft'))).toBe('ssh cluster1-|node1');
    expect(show(run(typed('ssh cluster1-node1'), 'home', 'wordRight', 'wordRight'))).toBe('ssh cluster1|-node1');
  });

  it('transposes characters with Ctrl-T', () => {
    expect(show(run(typed('sl'), 'transpose'))).toBe('ls|');
  });

  it('moves over a surrogate pair as one character', () => {
    expect(show(run(typed('a😀'), 'left'))).toBe('a|😀');
    expect(run(typed('a😀'), 'backspace').text).toBe('a');
  });

  it('recalls history with ↑ and comes back to the draft with ↓', () => {
    const s = typed('draft', ['first', 'second']);
    expect(run(s, 'up').text).toBe('second');
    expect(run(s, 'up', 'up').text).toBe('first');
    expect(run(s, 'up', 'up', 'up').text).toBe('first');
    expect(run(s, 'up', 'up', 'down', 'down').text).toBe('draft');
  });

  it('finds older lines with Ctrl-R and accepts the match', () => {
    const history = ['kubectl get pods', 'ssh node01', 'kubectl get nodes'];
    let s = run(emptyLine(history), 'searchStart', type('kubectl'));
    expect(s.text).toBe('kubectl get nodes');
    expect(searchPrompt(s.search!)).toBe("(reverse-i-search)`kubectl': ");
    s = run(s, 'searchStart');
    expect(s.text).toBe('kubectl get pods');
    s = run(s, 'searchAccept');
    expect(s.search).toBeUndefined();
    expect(s.text).toBe('kubectl get pods');
  });

  it('says failed when nothing matches, and Ctrl-G restores the line', () => {
    const s = run(typed('orig', ['abc']), 'searchStart', type('zzz'));
    expect(searchPrompt(s.search!)).toBe("(failed reverse-i-search)`zzz': ");
    expect(run(s, 'searchCancel').text).toBe('orig');
  });

  it('ends the search on the match when an editing key is pressed', () => {
    const s = run(emptyLine(['echo hello']), 'searchStart', type('hel'), 'end', type('!'));
    expect(s.search).toBeUndefined();
    expect(s.text).toBe('echo hello!');
  });

  it('in the notes pad, ↑/↓ and Home/End work within lines', () => {
    let s = reduceLine(emptyLine([], true), type('first line\nsecond'));
    s = run(s, 'up');
    expect(show(s)).toBe('first |line\nsecond');
    s = run(s, 'end');
    expect(show(s)).toBe('first line|\nsecond');
    s = run(s, 'down', 'home');
    expect(show(s)).toBe('first line\n|second');
  });
});
