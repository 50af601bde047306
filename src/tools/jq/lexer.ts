/** The jq lexer: tokens with their offsets (jq's messages point at them). */
import { JqSyntaxError } from './ast.js';

export type Tok = ({ t: 'num'; v: number } | { t: 'str'; parts: (string | Tok[])[] } | { t: 'ident'; v: string } | { t: 'field'; v: string } | { t: 'var'; v: string } | { t: 'format'; v: string } | { t: 'op'; v: string } | { t: 'eof' }) & { pos?: number };

const OPS = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', 'and', 'or', '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '(', ')', '{', '}', ':', ';', '?'];

export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const r = lexString(src, i);
      toks.push({ ...r.tok, pos: i });
      i = r.end;
      continue;
    }
    let m = /^\d+(\.\d*)?([eE][-+]?\d+)?|^\.\d+([eE][-+]?\d+)?/.exec(src.slice(i));
    if (m && !(c === '.' && toks.length && isOperandEnd(toks[toks.length - 1]!))) {
      toks.push({ t: 'num', v: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (m) {
      toks.push({ t: 'field', v: m[1]!, pos: i });
      i += m[0].length;
      continue;
    }
    m = /^\$(__loc__|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (m) {
      toks.push({ t: 'var', v: m[1]!, pos: i });
      i += m[0].length;
      continue;
    }
    m = /^@([A-Za-z0-9]+)/.exec(src.slice(i));
    if (m) {
      toks.push({ t: 'format', v: m[1]!, pos: i });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (m) {
      toks.push(m[0] === 'and' || m[0] === 'or' ? { t: 'op', v: m[0], pos: i } : { t: 'ident', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i) && !/^[a-z]/.test(o));
    if (!op) throw new JqSyntaxError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`, i);
    toks.push({ t: 'op', v: op, pos: i });
    i += op.length;
  }
  // The end of input is reported at the start of the last token.
  toks.push({ t: 'eof', pos: toks[toks.length - 1]?.pos ?? 0 });
  return toks;
}

function isOperandEnd(t: Tok): boolean {
  return t.t === 'num' || t.t === 'str' || t.t === 'field' || t.t === 'var' || t.t === 'ident' || (t.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '}' || t.v === '.' || t.v === '?'));
}

function lexString(src: string, start: number): { tok: Tok; end: number } {
  const parts: (string | Tok[])[] = [];
  let buf = '';
  let i = start + 1;
  const esc: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      if (buf || parts.length === 0) parts.push(buf);
      return { tok: { t: 'str', parts }, end: i + 1 };
    }
    if (c === '\\') {
      const n = src[i + 1];
      if (n === '(') {
        // Interpolation: find the matching parenthesis.
        let depth = 1;
        let j = i + 2;
        while (j < src.length && depth > 0) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')') depth--;
          else if (src[j] === '"') j = lexString(src, j).end - 1;
          j++;
        }
        if (buf) parts.push(buf);
        buf = '';
        parts.push(lex(src.slice(i + 2, j - 1)));
        i = j;
        continue;
      }
      if (n === 'u') {
        buf += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (n !== undefined && esc[n] !== undefined) {
        buf += esc[n];
        i += 2;
        continue;
      }
      throw new JqSyntaxError('syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)');
    }
    buf += c;
    i++;
  }
  throw new JqSyntaxError('syntax error, unexpected $end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?)');
}

