/**
 * Raw terminal input to key events. ink's own `useInput` flattens function keys away, and a
 * paste or fast typing arrives as one chunk ("ls\rpwd\r"), so the TUI reads the raw chunks and
 * decodes them here: printable runs stay together as text, every control character and escape
 * sequence becomes one key. Pure, so every sequence a terminal sends is tested without one.
 */

export type Key =
  | { type: 'text'; text: string }
  | { type: 'key'; name: string; ctrl: boolean; alt: boolean; shift: boolean };

const ESC = '\x1b';

function key(name: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {}): Key {
  return { type: 'key', name, ctrl: mods.ctrl ?? false, alt: mods.alt ?? false, shift: mods.shift ?? false };
}

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function modifiers(param: string | undefined): { ctrl: boolean; alt: boolean; shift: boolean } {
  const m = Math.max(0, Number(param ?? '1') - 1);
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0 || (m & 8) !== 0, ctrl: (m & 4) !== 0 };
}

const TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8', '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};

const LETTER: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', E: 'clear', P: 'f1', Q: 'f2', R: 'f3', S: 'f4', Z: 'tab',
};

/** One control character (0x00-0x1f, 0x7f) as a key. */
function controlKey(ch: string): Key {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return key('enter');
  if (ch === '\t') return key('tab');
  if (code === 0x7f || code === 0x08) return key('backspace');
  if (code === 0) return key('space', { ctrl: true });
  if (code <= 0x1a) return key(String.fromCharCode(code + 96), { ctrl: true });
  return key(String.fromCharCode(code + 64), { ctrl: true });
}

interface Parsed {
  key: Key | undefined;
  next: number;
}

/** A CSI sequence starting at `i` (ESC [ ...): parameters, then one final byte. */
function parseCsi(s: string, i: number, alt: boolean): Parsed {
  let j = i + 2;
  if (s[j] === '[') {
    // Linux console F1-F5: ESC [ [ A..E
    const f = 'ABCDE'.indexOf(s[j + 1] ?? '');
    return { key: f >= 0 ? key(`f${f + 1}`, { alt }) : undefined, next: Math.min(s.length, j + 2) };
  }
  if (s[j] === '<' || s[j] === 'M') return skipMouse(s, j);
  while (j < s.length && /[0-9;:?]/.test(s[j]!)) j++;
  const params = s.slice(i + 2, j).split(';');
  const final = s[j];
  if (final === undefined) return { key: undefined, next: s.length };
  const next = j + 1;
  const mods = modifiers(params[1]);
  if (alt) mods.alt = true;
  if (final === '~') {
    const name = TILDE[params[0] ?? ''];
    return { key: name ? key(name, mods) : undefined, next };
  }
  if (final === 'Z') return { key: key('tab', { ...mods, shift: true }), next };
  const name = LETTER[final];
  return { key: name ? key(name, mods) : undefined, next };
}

/** Mouse reports are never enabled, but a terminal may still send them: skip them whole. */
function skipMouse(s: string, j: number): Parsed {
  if (s[j] === 'M') return { key: undefined, next: Math.min(s.length, j + 4) };
  let k = j + 1;
  while (k < s.length && !/[Mm]/.test(s[k]!)) k++;
  return { key: undefined, next: Math.min(s.length, k + 1) };
}

/** ESC O x: application-mode arrows, Home/End and F1-F4. */
function parseSs3(s: string, i: number, alt: boolean): Parsed {
  const final = s[i + 2];
  if (final === undefined) return { key: key('o', { alt: true }), next: s.length };
  const name = LETTER[final];
  return { key: name ? key(name, { alt }) : undefined, next: i + 3 };
}

function parseEscape(s: string, i: number): Parsed {
  const next = s[i + 1];
  if (next === undefined) return { key: key('escape'), next: i + 1 };
  if (next === '[') return parseCsi(s, i, false);
  if (next === 'O' && i + 2 < s.length) return parseSs3(s, i, false);
  if (next === ESC) {
    // ESC ESC [ A: Alt + a sequence (some terminals send Alt this way).
    if (s[i + 2] === '[') return parseCsi(s, i + 1, true);
    if (s[i + 2] === 'O' && i + 3 < s.length) return parseSs3(s, i + 1, true);
    return { key: key('escape', { alt: true }), next: i + 2 };
  }
  const code = next.codePointAt(0)!;
  const width = code > 0xffff ? 2 : 1;
  if (code < 0x20 || code === 0x7f) {
    const k = controlKey(next);
    if (k.type === 'key') k.alt = true;
    return { key: k, next: i + 2 };
  }
  return { key: key(next.length === 1 && /[A-Z]/.test(next) ? next : String.fromCodePoint(code), { alt: true, shift: /[A-Z]/.test(next) }), next: i + 1 + width };
}

/** Decodes one chunk of raw terminal input into keys and text runs, in order. */
export function decodeInput(raw: string): Key[] {
  const out: Key[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    const code = ch.charCodeAt(0);
    if (ch === ESC) {
      flush();
      const p = parseEscape(raw, i);
      if (p.key) out.push(p.key);
      i = p.next;
    } else if (code < 0x20 || code === 0x7f) {
      flush();
      out.push(controlKey(ch));
      i++;
    } else {
      text += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** A short label for a key, for help text and tests: "F2", "Alt-n", "Ctrl-R", "PgUp". */
export function keyLabel(k: Key): string {
  if (k.type === 'text') return JSON.stringify(k.text);
  const names: Record<string, string> = { pageup: 'PgUp', pagedown: 'PgDn', enter: 'Enter', escape: 'Esc', tab: 'Tab', backspace: 'Backspace', delete: 'Del', home: 'Home', end: 'End', up: '↑', down: '↓', left: '←', right: '→' };
  const base = /^f\d+$/.test(k.name) ? k.name.toUpperCase() : (names[k.name] ?? (k.ctrl ? k.name.toUpperCase() : k.name));
  return `${k.ctrl ? 'Ctrl-' : ''}${k.alt ? 'Alt-' : ''}${k.shift && k.name.length > 1 ? 'Shift-' : ''}${base}`;
}
