import { describe, expect, it } from 'vitest';
import { decodeInput, keyLabel, type Key } from '../../src/tui/keys.js';
import { keyId } from '../../src/tui/keymap.js';

const ids = (raw: string) => decodeInput(raw).map((k: Key) => (k.type === 'text' ? `text:${k.text}` : keyId(k)));

describe('decodeInput', () => {
  it.each([
    ['\x1b[A', 'up'],
    ['\x1bOB', 'down'],
    ['\x1b[C', 'right'],
    ['\x1b[D', 'left'],
    ['\x1b[H', 'home'],
    ['\x1b[1~', 'home'],
    ['\x1bOH', 'home'],
    ['\x1b[F', 'end'],
    ['\x1b[4~', 'end'],
    ['\x1b[3~', 'delete'],
    ['\x1b[5~', 'pageup'],
    ['\x1b[6~', 'pagedown'],
    ['\x1bOP', 'f1'],
    ['\x1b[12~', 'f2'],
    ['\x1b[[C', 'f3'],
    ['\x1b[15~', 'f5'],
    ['\x1b[21~', 'f10'],
    ['\x1b[23~', 'f11'],
    ['\x1b[1;5C', 'ctrl-right'],
    ['\x1b[1;2A', 'shift-up'],
    ['\x1b[5;2~', 'shift-pageup'],
    ['\x1b[Z', 'shift-tab'],
    ['\x7f', 'backspace'],
    ['\b', 'backspace'],
    ['\r', 'enter'],
    ['\t', 'tab'],
    ['\x1b', 'escape'],
    ['\x03', 'ctrl-c'],
    ['\x12', 'ctrl-r'],
    ['\x01', 'ctrl-a'],
    ['\x1bn', 'alt-n'],
    ['\x1b?', 'alt-?'],
    ['\x1b1', 'alt-1'],
    ['\x1b\x7f', 'alt-backspace'],
  ])('reads %j as %s, the way xterm, tmux and the Linux console send it', (raw, id) => {
    expect(ids(raw)).toEqual([id]);
  });

  it('keeps a paste together as text and splits it at its newlines', () => {
    expect(ids('ls -l\rpwd\r')).toEqual(['text:ls -l', 'enter', 'text:pwd', 'enter']);
  });

  it('separates typed text from the control keys that arrived in the same chunk', () => {
    expect(ids('ab\x7fc\x1b[Dd')).toEqual(['text:ab', 'backspace', 'text:c', 'left', 'text:d']);
  });

  it('keeps non-ASCII text intact', () => {
    expect(ids('échø 日本')).toEqual(['text:échø 日本']);
  });

  it('drops mouse reports instead of typing them', () => {
    expect(ids('\x1b[<64;10;5Mx')).toEqual(['text:x']);
  });

  it('labels keys for the help', () => {
    expect(decodeInput('\x1b[12~').map(keyLabel)).toEqual(['F2']);
    expect(decodeInput('\x1bn').map(keyLabel)).toEqual(['Alt-n']);
    expect(decodeInput('\x12').map(keyLabel)).toEqual(['Ctrl-R']);
  });
});
