/**
 * The awk lexer. Newlines are tokens (they end statements); a backslash before a newline joins
 * lines; `/` is division after an operand and a regex otherwise, which the parser decides by
 * asking for `regex()` when it expects an operand.
 */

export type TokKind = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'nl' | 'eof' | 'op';

export interface Token {
  kind: TokKind;
  text: string;
  num?: number;
  line: number;
  /** Offset of the token's first character, for re-reading a `/` as a regex. */
  pos: number;
  /** Follows an extra `}`: mawk reports a syntax error at this token. */
  poison?: boolean;
}

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue',
  'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf',
]);

export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2',
  'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush',
]);

const OPS = [
  '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '>>', '!~',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=',
];

const STRING_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '\\/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07',
};

/** awk string-literal escapes (also for -v values); unknown escapes keep their backslash, as mawk. */
export function unescapeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
      continue;
    }
    const e = STRING_ESCAPES[n];
    out += e ?? `\\${n}`;
    i++;
  }
  return out;
}

export class Lexer {
  private pos = 0;
  line = 1;
  /** mawk counts braces while scanning and reports "extra '}'" and "missing }" itself. */
  private depth = 0;
  private poisoned = false;
  private sentFinalNewline = false;
  /** Diagnostics in order, each "line N: text". */
  readonly messages: string[] = [];

  constructor(private readonly src: string) {}

  next(): Token {
    for (;;) {
      const t = this.scan();
      if (t.kind === 'op' && t.text === '{') this.depth++;
      if (t.kind === 'op' && t.text === '}') {
        if (this.depth === 0) {
          this.messages.push(`line ${t.line}: extra '}'`);
          this.poisoned = true;
          continue;
        }
        this.depth--;
      }
      if (t.kind === 'eof' && this.depth > 0) {
        this.messages.push(`line ${t.line}: missing } near end of file`);
        this.depth = 0;
      }
      if (this.poisoned) {
        t.poison = true;
        this.poisoned = false;
      }
      return t;
    }
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '\\' && this.src[this.pos + 1] === '\r' && this.src[this.pos + 2] === '\n') {
        this.pos += 3;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private scan(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    if (this.pos >= this.src.length) {
      // The program text ends with an implicit newline, as mawk reads it.
      if (!this.sentFinalNewline && !this.src.endsWith('\n')) {
        this.sentFinalNewline = true;
        this.line++;
        return { kind: 'nl', text: 'end of line', line, pos: start };
      }
      return { kind: 'eof', text: 'end of file', line, pos: start };
    }
    const c = this.src[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { kind: 'nl', text: 'end of line', line, pos: start };
    }
    if (/[0-9.]/.test(c) && /^(\d|\.\d)/.test(this.src.slice(this.pos, this.pos + 2))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      return { kind: 'num', text: m[0], num: Number(m[0]), line, pos: start };
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      const word = m[0];
      if (KEYWORDS.has(word)) return { kind: 'kw', text: word === 'func' ? 'function' : word, line, pos: start };
      if (BUILTINS.has(word)) return { kind: 'builtin', text: word, line, pos: start };
      if (this.src[this.pos] === '(') return { kind: 'funcname', text: word, line, pos: start };
      return { kind: 'name', text: word, line, pos: start };
    }
    if (c === '"') return this.string(start, line);
    for (const op of OPS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', text: op, line, pos: start };
      }
    }
    this.pos++;
    throw new AwkSyntaxError(line, `syntax error at or near ${c}`);
  }

  private string(start: number, line: number): Token {
    let raw = '';
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === '\n') throw new AwkSyntaxError(line, 'runaway string constant "' + raw.slice(0, 10) + ' ...');
      this.pos++;
      if (c === '"') break;
      if (c === '\\' && this.src[this.pos] === '\n') {
        this.pos++;
        this.line++;
        continue;
      }
      raw += c;
      if (c === '\\' && this.pos < this.src.length) raw += this.src[this.pos++];
    }
    return { kind: 'str', text: unescapeString(raw), line, pos: start };
  }

  startsWithAt(pos: number, re: RegExp): boolean {
    return re.test(this.src.slice(pos));
  }

  /** Re-reads from a `/` token as a regex literal; returns its source for the ERE translator. */
  regex(tok: Token): Token {
    this.pos = tok.pos + 1;
    this.line = tok.line;
    let src = '';
    let inBracket = false;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === '\n') throw new AwkSyntaxError(tok.line, `runaway regular expression /${src.slice(0, 10)} ...`);
      this.pos++;
      if (c === '\\' && this.pos < this.src.length) {
        const n = this.src[this.pos++]!;
        src += n === '/' ? '/' : `\\${n}`;
        continue;
      }
      if (c === '[' && !inBracket) {
        inBracket = true;
        src += c;
        if (this.src[this.pos] === '^') src += this.src[this.pos++];
        if (this.src[this.pos] === ']') src += this.src[this.pos++];
        continue;
      }
      if (c === ']' && inBracket) inBracket = false;
      if (c === '/' && !inBracket) break;
      src += c;
    }
    return { kind: 'ere', text: src, line: tok.line, pos: tok.pos };
  }
}
