/**
 * Tokens of the container shell: words (with their quoting and expansions kept apart so that
 * field splitting can follow POSIX), control operators and redirections.
 */
import { ShellSyntaxError, type Word, type WordPart } from './ast.js';

export type Token =
  | { type: 'word'; word: Word; raw: string }
  | { type: 'op'; op: string }
  | { type: 'redir'; fd: number; op: '>' | '>>' | '<' | '>&' | '<&' | '&>' }
  | { type: 'eof' };

const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n']);
const SPECIAL_VARS = new Set(['?', '$', '#', '@', '*', '!', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ type: 'op', op: '\n' });
      i++;
      continue;
    }
    const redir = readRedirect(src, i);
    if (redir) {
      out.push(redir.token);
      i = redir.end;
      continue;
    }
    if (OP_CHARS.has(c)) {
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        out.push({ type: 'op', op: two });
        i += 2;
      } else {
        out.push({ type: 'op', op: c });
        i++;
      }
      continue;
    }
    const w = readWord(src, i);
    out.push({ type: 'word', word: w.word, raw: src.slice(i, w.end) });
    i = w.end;
  }
  out.push({ type: 'eof' });
  return out;
}

function readRedirect(src: string, i: number): { token: Token; end: number } | undefined {
  let j = i;
  let fd: number | undefined;
  while (j < src.length && /\d/.test(src[j]!)) j++;
  if (j > i) fd = Number(src.slice(i, j));
  const rest = src.slice(j, j + 2);
  if (fd === undefined && rest === '&>') return { token: { type: 'redir', fd: 1, op: '&>' }, end: j + 2 };
  if (rest === '>>') return { token: { type: 'redir', fd: fd ?? 1, op: '>>' }, end: j + 2 };
  if (rest === '>&') return { token: { type: 'redir', fd: fd ?? 1, op: '>&' }, end: j + 2 };
  if (rest === '<&') return { token: { type: 'redir', fd: fd ?? 0, op: '<&' }, end: j + 2 };
  if (rest.startsWith('>') && rest !== '>|') return { token: { type: 'redir', fd: fd ?? 1, op: '>' }, end: j + 1 };
  if (rest === '>|') return { token: { type: 'redir', fd: fd ?? 1, op: '>' }, end: j + 2 };
  if (rest.startsWith('<') && rest[1] !== '<') return { token: { type: 'redir', fd: fd ?? 0, op: '<' }, end: j + 1 };
  return undefined;
}

/** Reads one word starting at i; returns its parts and the index after it. */
export function readWord(src: string, i: number, stopAt?: (c: string) => boolean): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let lit = '';
  const flush = (quoted: boolean) => {
    if (lit) parts.push({ kind: 'lit', text: lit, quoted });
    lit = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (stopAt ? stopAt(c) : c === ' ' || c === '\t' || c === '\r' || OP_CHARS.has(c)) break;
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      flush(false);
      if (i + 1 < src.length) parts.push({ kind: 'lit', text: src[i + 1]!, quoted: true });
      i += 2;
      continue;
    }
    if (c === "'") {
      flush(false);
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unterminated quoted string");
      parts.push({ kind: 'lit', text: src.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      flush(false);
      i = readDoubleQuoted(src, i + 1, parts);
      continue;
    }
    if (c === '$' || c === '`') {
      const exp = readExpansion(src, i, false);
      if (exp) {
        flush(false);
        parts.push(exp.part);
        i = exp.end;
        continue;
      }
    }
    lit += c;
    i++;
  }
  flush(false);
  if (parts.length === 0) parts.push({ kind: 'lit', text: '', quoted: false });
  return { word: parts, end: i };
}

function readDoubleQuoted(src: string, i: number, parts: WordPart[]): number {
  let lit = '';
  const flush = () => {
    parts.push({ kind: 'lit', text: lit, quoted: true });
    lit = '';
  };
  let sawAny = false;
  while (i < src.length && src[i] !== '"') {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1]!)) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' || c === '`') {
      const exp = readExpansion(src, i, true);
      if (exp) {
        if (lit || !sawAny) flush();
        sawAny = true;
        parts.push(exp.part);
        i = exp.end;
        continue;
      }
    }
    lit += c;
    i++;
  }
  if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string');
  if (lit || !sawAny) flush();
  return i + 1;
}

function readExpansion(src: string, i: number, quoted: boolean): { part: WordPart; end: number } | undefined {
  if (src[i] === '`') {
    const end = src.indexOf('`', i + 1);
    if (end < 0) throw new ShellSyntaxError('unterminated backquote');
    return { part: { kind: 'cmd', script: src.slice(i + 1, end), quoted }, end: end + 1 };
  }
  const next = src[i + 1];
  if (next === '(' && src[i + 2] === '(') {
    const end = matchClose(src, i + 3, '(', ')');
    if (src[end + 1] !== ')') throw new ShellSyntaxError('missing ))');
    return { part: { kind: 'arith', expr: src.slice(i + 3, end), quoted }, end: end + 2 };
  }
  if (next === '(') {
    const end = matchClose(src, i + 2, '(', ')');
    return { part: { kind: 'cmd', script: src.slice(i + 2, end), quoted }, end: end + 1 };
  }
  if (next === '{') {
    const end = matchClose(src, i + 2, '{', '}');
    return { part: parseBraced(src.slice(i + 2, end), quoted), end: end + 1 };
  }
  if (next !== undefined && SPECIAL_VARS.has(next)) return { part: { kind: 'var', name: next, quoted }, end: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (m) return { part: { kind: 'var', name: m[0], quoted }, end: i + 1 + m[0].length };
  return undefined;
}

/** Index of the closing bracket matching an opening one just before `i`, skipping quotes. */
function matchClose(src: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const e = src.indexOf("'", i + 1);
      i = e < 0 ? src.length : e + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
    i++;
  }
  throw new ShellSyntaxError(`missing ${close}`);
}

function parseBraced(body: string, quoted: boolean): WordPart {
  if (body.startsWith('#') && body.length > 1) return { kind: 'var', name: body.slice(1), op: 'length', quoted };
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*!0-9])(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%)?([\s\S]*)$/.exec(body);
  if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
  if (!m[2]) {
    if (m[3]) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    return { kind: 'var', name: m[1]!, quoted };
  }
  const arg = readWord(m[3]!, 0, () => false).word;
  return { kind: 'var', name: m[1]!, op: m[2], arg, quoted };
}
