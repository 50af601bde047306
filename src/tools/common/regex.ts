/**
 * POSIX regular expressions (GNU flavour) translated to JavaScript RegExp source.
 *
 * - BRE (grep, sed): `\( \) \{ \} \| \+ \?` are operators; `* + ? ( ) { } |` alone are literal;
 *   `*` at the start of an expression (or after `\(`, `\|`, `^`) is literal; `^` anchors only at
 *   the start (or after `\(` `\|`), `$` only at the end (or before `\)` `\|`).
 * - ERE (grep -E, sed -E): the usual operators; a `{` that does not open a valid interval is
 *   literal, as is a `)` without its `(`.
 * - awk: ERE where a backslash also escapes inside brackets and `\/`, `\"`, `\n`, `\t` ... work.
 * - GNU extensions everywhere: `\w \W \s \S \b \B \< \> \` \'` and back-references.
 * - Bracket expressions: POSIX classes (`[:alpha:]` ...), `]` first is literal, and a backslash is
 *   literal except in awk.
 *
 * Known difference: POSIX picks the leftmost-longest match among alternatives; JavaScript picks the
 * first alternative that matches (`ab\|abcd` on "abcd" matches "ab" here, "abcd" in GNU grep).
 */

export type Dialect = 'bre' | 'ere' | 'awk';

export class RegexSyntaxError extends Error {}

export interface Translation {
  source: string;
  /** Number of capture groups. */
  groups: number;
  /** grep's "warning: * at start of expression" and the like. */
  warnings: string[];
}

export interface TranslateOptions {
  /** sed understands `\n`, `\t` and friends in regexes; grep treats `\t` as `t`. */
  cEscapes?: boolean;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~\\u00a0-\\uffff',
  graph: '!-~\\u00a1-\\uffff',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };

/** Escapes one literal character for a JS regex with the `u` flag. */
function lit(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Escapes one literal character inside a JS character class with the `u` flag. */
function classLit(c: string): string {
  if (/[\\\]\[^-]/.test(c)) return `\\${c}`;
  if (c === '\n') return '\\n';
  return c;
}

class Translator {
  private out = '';
  private i = 0;
  /** Where the last quantifiable atom starts in `out`, or -1 when there is none. */
  private atomStart = -1;
  private lastWasQuantifier = false;
  private readonly openGroups: number[] = [];
  private closedGroups = 0;
  private groupCount = 0;
  readonly warnings: string[] = [];

  constructor(
    private readonly p: string,
    private readonly dialect: Dialect,
    private readonly opts: TranslateOptions,
  ) {}

  run(): Translation {
    while (this.i < this.p.length) this.step();
    if (this.openGroups.length > 0) throw new RegexSyntaxError('Unmatched ( or \\(');
    return { source: this.out, groups: this.groupCount, warnings: this.warnings };
  }

  private get bre(): boolean {
    return this.dialect === 'bre';
  }

  /** At the start of an expression or branch, where a BRE `^` anchors. */
  private branchStart = true;

  private emitAtom(s: string): void {
    this.branchStart = false;
    this.atomStart = this.out.length;
    this.out += s;
    this.lastWasQuantifier = false;
  }

  private emitNonAtom(s: string): void {
    this.branchStart = s === '(' || s === '|';
    this.out += s;
    this.atomStart = -1;
    this.lastWasQuantifier = false;
  }

  private emitQuantifier(q: string): void {
    if (this.lastWasQuantifier) {
      // POSIX allows a** and a*\{2\}; JavaScript needs the first one grouped.
      this.out = `${this.out.slice(0, this.atomStart)}(?:${this.out.slice(this.atomStart)})`;
    }
    this.out += q;
    this.branchStart = false;
    this.lastWasQuantifier = true;
  }

  private step(): void {
    const c = this.p[this.i]!;
    this.i++;
    if (c === '\\') return this.escape();
    if (c === '[') return this.emitAtom(this.bracket());
    if (c === '.') return this.emitAtom('.');
    if (c === '*') return this.star();
    if (c === '^') return this.caret();
    if (c === '$') return this.dollar();
    if (!this.bre) {
      if (c === '(') return this.openGroup();
      if (c === ')') return this.openGroups.length > 0 ? this.closeGroup() : this.emitAtom('\\)');
      if (c === '|') return this.emitNonAtom('|');
      if (c === '+' || c === '?') return this.ereQuantifier(c);
      if (c === '{') return this.ereBrace();
    }
    this.emitAtom(lit(c));
  }

  private star(): void {
    if (this.atomStart < 0) {
      if (!this.bre) this.warnings.push('* at start of expression');
      return this.emitAtom('\\*');
    }
    this.emitQuantifier('*');
  }

  private ereQuantifier(c: string): void {
    if (this.atomStart < 0) {
      this.warnings.push(`${c} at start of expression`);
      return this.emitAtom(lit(c));
    }
    this.emitQuantifier(c);
  }

  private caret(): void {
    if (!this.bre || this.branchStart) return this.emitNonAtom('^');
    this.emitAtom('\\^');
  }

  private dollar(): void {
    if (!this.bre) return this.emitNonAtom('$');
    const rest = this.p.slice(this.i);
    if (rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) return this.emitNonAtom('$');
    this.emitAtom('\\$');
  }

  private openGroup(): void {
    this.openGroups.push(this.out.length);
    this.groupCount++;
    this.emitNonAtom('(');
  }

  private closeGroup(): void {
    const start = this.openGroups.pop();
    if (start === undefined) throw new RegexSyntaxError('Unmatched ) or \\)');
    this.closedGroups++;
    this.branchStart = false;
    this.out += ')';
    this.atomStart = start;
    this.lastWasQuantifier = false;
  }

  private ereBrace(): void {
    const m = /^(\d*)(,(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m || (m[1] === '' && m[2] === undefined) || this.atomStart < 0) return this.emitAtom('\\{');
    this.i += m[0].length;
    this.interval(m[1]!, m[2] !== undefined, m[3] ?? '');
  }

  private interval(min: string, comma: boolean, max: string): void {
    const lo = min === '' ? 0 : Number(min);
    if (comma && max !== '' && Number(max) < lo) throw new RegexSyntaxError('Invalid content of \\{\\}');
    if (lo > 32767 || Number(max) > 32767) throw new RegexSyntaxError('Regular expression too big');
    this.emitQuantifier(comma ? `{${lo},${max}}` : `{${lo}}`);
  }

  private breInterval(): void {
    const end = this.p.indexOf('\\}', this.i);
    if (end < 0) throw new RegexSyntaxError('Unmatched \\{');
    const body = this.p.slice(this.i, end);
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === '' && m[2] === undefined)) throw new RegexSyntaxError('Invalid content of \\{\\}');
    this.i = end + 2;
    if (this.atomStart < 0) throw new RegexSyntaxError('Invalid preceding regular expression');
    this.interval(m[1]!, m[2] !== undefined, m[3] ?? '');
  }

  private escape(): void {
    if (this.i >= this.p.length) throw new RegexSyntaxError('Trailing backslash');
    const c = this.p[this.i]!;
    this.i++;
    if (this.bre) {
      if (c === '(') return this.openGroup();
      if (c === ')') return this.closeGroup();
      if (c === '|') return this.emitNonAtom('|');
      if (c === '{') return this.breInterval();
      if (c === '+' || c === '?') return this.atomStart < 0 ? this.emitAtom(lit(c)) : this.emitQuantifier(c);
    }
    if (/[1-9]/.test(c) && this.dialect !== 'awk') {
      if (Number(c) > this.closedGroups) throw new RegexSyntaxError('Invalid back reference');
      return this.emitAtom(`\\${c}`);
    }
    switch (c) {
      case 'w':
      case 'W':
      case 's':
      case 'S':
        if (this.dialect !== 'awk') return this.emitAtom(`\\${c}`);
        break;
      case 'b':
      case 'B':
        if (this.dialect !== 'awk') return this.emitNonAtom(`\\${c}`);
        break;
      case '<':
        return this.emitNonAtom('\\b(?=\\w)');
      case '>':
        return this.emitNonAtom('\\b(?<=\\w)');
      case '`':
        return this.emitNonAtom('(?<![\\s\\S])');
      case "'":
        return this.emitNonAtom('(?![\\s\\S])');
    }
    if ((this.opts.cEscapes || this.dialect === 'awk') && C_ESCAPES[c]) return this.emitAtom(lit(C_ESCAPES[c]!));
    if (this.dialect === 'awk' && c === 'b') return this.emitAtom('\\x08');
    this.emitAtom(lit(c));
  }

  /** Parses a bracket expression after its `[` and returns a JS character class. */
  private bracket(): string {
    const p = this.p;
    let j = this.i;
    let negate = false;
    if (p[j] === '^') {
      negate = true;
      j++;
    }
    const items: string[] = [];
    let first = true;
    const unmatched = (): never => {
      throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
    };
    const readElement = (): string | null => {
      // One collating element: a char, [.x.] or [=x=]; null for a class (pushed directly).
      const ch = p[j];
      if (ch === undefined) unmatched();
      if (ch === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
        const kind = p[j + 1]!;
        const close = p.indexOf(`${kind}]`, j + 2);
        if (close < 0) unmatched();
        const name = p.slice(j + 2, close);
        j = close + 2;
        if (kind === ':') {
          const cls = CLASSES[name];
          if (cls === undefined) throw new RegexSyntaxError('Invalid character class name');
          items.push(cls);
          return null;
        }
        return name;
      }
      if (ch === '\\' && this.dialect === 'awk' && j + 1 < p.length) {
        const n = p[j + 1]!;
        j += 2;
        return C_ESCAPES[n] ?? n;
      }
      j++;
      return ch!;
    };
    for (;;) {
      if (j >= p.length) unmatched();
      if (p[j] === ']' && !first) break;
      first = false;
      const start = readElement();
      if (start === null) continue;
      if (p[j] === '-' && p[j + 1] !== undefined && p[j + 1] !== ']') {
        j++;
        const end = readElement();
        if (end === null) throw new RegexSyntaxError('Invalid range end');
        if (start.codePointAt(0)! > end.codePointAt(0)!) throw new RegexSyntaxError('Invalid range end');
        items.push(`${classLit(start)}-${classLit(end)}`);
      } else {
        items.push([...start].map(classLit).join(''));
      }
    }
    const body = p.slice(this.i, j);
    if (!negate && /^:.*:$/.test(body)) {
      throw new RegexSyntaxError('character class syntax is [[:space:]], not [:space:]');
    }
    this.i = j + 1;
    if (items.length === 0) return negate ? '[^]' : '[]';
    return `[${negate ? '^' : ''}${items.join('')}]`;
  }
}

export function translate(pattern: string, dialect: Dialect, opts: TranslateOptions = {}): Translation {
  return new Translator(pattern, dialect, opts).run();
}

/**
 * Compiles a POSIX pattern to a RegExp (flags: `u` and `s` always; `g`, `i`, `m` on demand).
 * Throws RegexSyntaxError with GNU's message.
 */
export function compile(pattern: string, dialect: Dialect, flags = '', opts: TranslateOptions = {}): RegExp {
  const { source } = translate(pattern, dialect, opts);
  try {
    return new RegExp(source, `us${flags}`);
  } catch {
    throw new RegexSyntaxError('Invalid regular expression');
  }
}

/** A literal string as a RegExp source (grep -F). */
export function escapeLiteral(s: string): string {
  return [...s].map(lit).join('');
}
