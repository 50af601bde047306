/**
 * text/template's lexer (parse/lex.go): text between actions, and inside `{{ }}` fields,
 * variables, identifiers, strings, numbers, pipes, parentheses, `:=`/`=`, with `{{-`/`-}}`
 * trimming and comments (slash-star inside the braces).
 */

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'assign' | 'declare' | 'eof' | 'field' | 'identifier'
  | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen' | 'space' | 'string'
  | 'text' | 'variable' | 'dot' | 'nil' | 'keyword';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const LEFT = '{{';
const RIGHT = '}}';
const TRIM = ' -';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let insideAction = false;

  const emit = (type: ItemType, val = input.slice(start, pos)): void => {
    items.push({ type, pos: start, val, line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const next = (): string => {
    if (pos >= input.length) return '';
    const ch = String.fromCodePoint(input.codePointAt(pos)!);
    pos += ch.length;
    if (ch === '\n') line++;
    return ch;
  };
  const backup = (ch: string): void => {
    pos -= ch.length;
    if (ch === '\n') line--;
  };
  const peek = (): string => (pos >= input.length ? '' : String.fromCodePoint(input.codePointAt(pos)!));
  const fail = (msg: string): Item[] => {
    items.push({ type: 'error', pos: start, val: msg, line: startLine });
    return items;
  };

  const rightTrimLength = (s: string): number => s.length - s.replace(/[ \t\r\n]+$/, '').length;
  const leftTrimLength = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, '').length;
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith(TRIM + RIGHT, pos)) return { delim: true, trim: true };
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };

  for (;;) {
    if (!insideAction) {
      // lexText
      const x = input.indexOf(LEFT, pos);
      if (x >= 0) {
        pos = x;
        let trimLength = 0;
        const delimEnd = pos + LEFT.length;
        if (hasLeftTrimMarker(delimEnd)) trimLength = rightTrimLength(input.slice(start, pos));
        pos -= trimLength;
        line += countNewlines(input.slice(start, pos));
        if (pos > start) items.push({ type: 'text', pos: start, val: input.slice(start, pos), line: startLine });
        pos += trimLength;
        start = pos;
        startLine = line;
        // lexLeftDelim
        pos += LEFT.length;
        const afterMarker = hasLeftTrimMarker(pos) ? 2 : 0;
        if (input.startsWith('/*', pos + afterMarker)) {
          // lexComment
          pos += afterMarker;
          ignore();
          pos += 2;
          const end = input.indexOf('*/', pos);
          if (end < 0) return fail('unclosed comment');
          pos = end + 2;
          const r = atRightDelim();
          if (!r.delim) return fail('comment ends before closing delimiter');
          const tail = r.trim ? TRIM.length + RIGHT.length : RIGHT.length;
          pos += tail;
          if (r.trim) pos += leftTrimLength(input.slice(pos));
          ignore();
          continue;
        }
        emit('leftDelim');
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        insideAction = true;
        continue;
      }
      pos = input.length;
      line += countNewlines(input.slice(start, pos));
      if (pos > start) items.push({ type: 'text', pos: start, val: input.slice(start, pos), line: startLine });
      items.push({ type: 'eof', pos, val: '', line });
      return items;
    }

    // lexInsideAction
    const r = atRightDelim();
    if (r.delim && parenDepth > 0) return fail('unclosed left paren');
    if (r.delim) {
      if (r.trim) {
        pos += TRIM.length;
        ignore();
      }
      pos += RIGHT.length;
      emit('rightDelim');
      if (r.trim) {
        pos += leftTrimLength(input.slice(pos));
        ignore();
      }
      insideAction = false;
      continue;
    }
    const c = next();
    if (c === '') return fail('unclosed action');
    if (isSpace(c)) {
      backup(c);
      // lexSpace
      let numSpaces = 0;
      for (;;) {
        const s = peek();
        if (s === '' || !isSpace(s)) break;
        next();
        numSpaces++;
      }
      if (input.startsWith(TRIM + RIGHT, pos - 1) && numSpaces > 0) {
        backup(' ');
        if (numSpaces === 1) continue;
      }
      emit('space');
      continue;
    }
    if (c === '=') {
      emit('assign');
      continue;
    }
    if (c === ':') {
      if (next() !== '=') return fail('expected :=');
      emit('declare');
      continue;
    }
    if (c === '|') {
      emit('pipe');
      continue;
    }
    if (c === '"') {
      for (;;) {
        const d = next();
        if (d === '\\') {
          const e = next();
          if (e !== '' && e !== '\n') continue;
          return fail('unterminated quoted string');
        }
        if (d === '' || d === '\n') return fail('unterminated quoted string');
        if (d === '"') break;
      }
      emit('string');
      continue;
    }
    if (c === '`') {
      const end = input.indexOf('`', pos);
      if (end < 0) return fail('unterminated raw quoted string');
      line += countNewlines(input.slice(pos, end + 1));
      pos = end + 1;
      emit('rawString');
      continue;
    }
    if (c === '$') {
      lexVariable('variable');
      continue;
    }
    if (c === "'") {
      for (;;) {
        const d = next();
        if (d === '\\') {
          const e = next();
          if (e !== '' && e !== '\n') continue;
          return fail('unterminated character constant');
        }
        if (d === '' || d === '\n') return fail('unterminated character constant');
        if (d === "'") break;
      }
      emit('charConstant');
      continue;
    }
    if (c === '.') {
      if (pos < input.length) {
        const d = input[pos]!;
        if (d < '0' || d > '9') {
          lexVariable('field');
          continue;
        }
      }
      backup(c);
      if (!lexNumber()) return fail(`bad number syntax: "${input.slice(start, pos)}"`);
      continue;
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      backup(c);
      if (!lexNumber()) return fail(`bad number syntax: "${input.slice(start, pos)}"`);
      continue;
    }
    if (isAlphaNumeric(c)) {
      for (;;) {
        const d = next();
        if (d !== '' && isAlphaNumeric(d)) continue;
        if (d !== '') backup(d);
        const word = input.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${goQuoteRune(peek())}`);
        if (KEYWORDS.has(word) && word !== 'nil') emit('keyword');
        else if (word === 'nil') emit('nil');
        else if (word === 'true' || word === 'false') emit('bool');
        else if (word[0] === '.') emit('field');
        else emit('identifier');
        break;
      }
      continue;
    }
    if (c === '(') {
      emit('leftParen');
      parenDepth++;
      continue;
    }
    if (c === ')') {
      parenDepth--;
      if (parenDepth < 0) return fail('unexpected right paren');
      emit('rightParen');
      continue;
    }
    if (c.codePointAt(0)! <= 0x7f && /[!-~]/.test(c)) {
      emit('char');
      continue;
    }
    return fail(`unrecognized character in action: ${goQuoteRune(c)}`);
  }

  function hasLeftTrimMarker(at: number): boolean {
    return input[at] === '-' && at + 1 < input.length && isSpace(input[at + 1]!);
  }

  function atTerminator(): boolean {
    const r = peek();
    if (r === '' || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return input.startsWith(RIGHT, pos);
  }

  function lexVariable(type: 'variable' | 'field'): void {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return;
    }
    for (;;) {
      const d = next();
      if (d !== '' && isAlphaNumeric(d)) continue;
      if (d !== '') backup(d);
      break;
    }
    emit(type);
  }

  function lexNumber(): boolean {
    const m = /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(input.slice(pos));
    const len = m ? m[0].length : 0;
    pos += len;
    const after = peek();
    if (len === 0 || (after !== '' && isAlphaNumeric(after))) {
      if (after !== '') next();
      return false;
    }
    emit('number');
    return true;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

/** Go's %#q-ish quoting of a rune in lexer errors: 'x'. */
export function goQuoteRune(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '') return "'\\x00'";
  return `'${c}'`;
}
