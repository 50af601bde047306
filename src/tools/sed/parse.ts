/**
 * The sed script parser (GNU sed 4.9): addresses (N, $, /re/flags, \cREc, first~step, addr,+N,
 * addr,~N, 0,/re/), `!`, blocks, labels, and every command with its arguments. Errors carry GNU's
 * wording and its "-e expression #N, char M" position.
 */
import { RegexSyntaxError, translate } from '../common/regex.js';

export class SedError extends Error {
  constructor(
    message: string,
    /** 1 for a bad script; GNU "panics" with 4 on a missing label. */
    readonly code = 1,
  ) {
    super(message);
  }
}

/** A compiled regex, or null for the empty regex (the last one used at run time). */
export type SedRegex = RegExp | null;

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: SedRegex }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };

export type Address2 = Address | { kind: 'plus'; n: number } | { kind: 'mult'; n: number };

export interface Replacement {
  parts: ReplPart[];
}
export type ReplPart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; mode: 'U' | 'L' | 'E' | 'u' | 'l' };

export interface Command {
  a1?: Address;
  a2?: Address2;
  negate: boolean;
  name: string;
  /** a, i, c text; label for b, t, T, :; file for r, R, w, W. */
  text?: string;
  /** q and Q exit code; l line length. */
  num?: number;
  /** s */
  re?: SedRegex;
  repl?: Replacement;
  global?: boolean;
  occurrence?: number;
  print?: number;
  evaluate?: boolean;
  wfile?: string;
  /** y */
  ymap?: Map<string, string>;
  /** For `{`: the index of its matching `}`. For b/t/T: the target index (-1 = end). */
  jump?: number;
  /** Range state: whether the range is active and where it ends (for +N and line ranges). */
  active?: boolean;
  rangeEnd?: number;
}

export interface ParseOptions {
  extended: boolean;
  /** sed -z: `$` and `^` still refer to the pattern space; only the line separator changes. */
  chunks: { start: number; label: string }[];
}

const EOF = '';

class Reader {
  pos = 0;
  constructor(
    readonly s: string,
    private readonly chunks: { start: number; label: string }[],
  ) {}
  peek(): string {
    return this.pos < this.s.length ? this.s[this.pos]! : EOF;
  }
  next(): string {
    if (this.pos >= this.s.length) return EOF;
    return this.s[this.pos++]!;
  }
  eof(): boolean {
    return this.pos >= this.s.length;
  }
  /** An error located where reading stands, as GNU reports it. */
  error(message: string, at = this.pos): SedError {
    let chunk = this.chunks[0]!;
    for (const c of this.chunks) if (c.start <= Math.max(at - 1, 0)) chunk = c;
    if (chunk.label.startsWith('file ')) {
      const line = this.s.slice(chunk.start, Math.max(at - 1, chunk.start)).split('\n').length;
      return new SedError(`${chunk.label.replace(/ line \d+$/, '')} line ${line}: ${message}`);
    }
    return new SedError(`${chunk.label}, char ${Math.max(at - chunk.start, 0)}: ${message}`);
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  skipWhitespace(): void {
    while (/^[ \t\n;]$/.test(this.peek())) this.pos++;
  }
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };

export class Parser {
  private readonly r: Reader;
  readonly commands: Command[] = [];
  private readonly blocks: number[] = [];

  constructor(
    script: string,
    private readonly opts: ParseOptions,
  ) {
    this.r = new Reader(script, opts.chunks);
  }

  parse(): Command[] {
    for (;;) {
      this.r.skipWhitespace();
      if (this.r.eof()) break;
      this.command();
    }
    if (this.blocks.length > 0) throw this.r.error("unmatched `{'", 0);
    this.resolveLabels();
    return this.commands;
  }

  private resolveLabels(): void {
    const labels = new Map<string, number>();
    this.commands.forEach((c, i) => {
      if (c.name === ':') labels.set(c.text!, i);
    });
    for (const c of this.commands) {
      if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') continue;
      if (c.text === '') c.jump = -1;
      else {
        const target = labels.get(c.text!);
        if (target === undefined) throw new SedError(`can't find label for jump to \`${c.text}'`, 4);
        c.jump = target;
      }
    }
  }

  private command(): void {
    const r = this.r;
    const cmd: Command = { negate: false, name: '' };
    const a1 = this.address();
    if (a1) {
      cmd.a1 = a1;
      r.skipSpaces();
      if (r.peek() === ',') {
        r.next();
        r.skipSpaces();
        const a2 = this.address2();
        if (!a2) {
          r.next();
          throw r.error("unexpected `,'");
        }
        cmd.a2 = a2;
      }
    }
    r.skipSpaces();
    while (r.peek() === '!') {
      r.next();
      if (cmd.negate) throw r.error("multiple `!'s");
      cmd.negate = true;
      r.skipSpaces();
    }
    const name = r.next();
    if (name === EOF) throw r.error('missing command');
    cmd.name = name;
    if (cmd.a1?.kind === 'zero' && cmd.a2?.kind !== 're') throw r.error('invalid usage of line address 0');
    this.commandBody(cmd);
    this.commands.push(cmd);
  }

  private commandBody(cmd: Command): void {
    const r = this.r;
    const oneAddress = (): void => {
      if (cmd.a2) throw r.error('command only uses one address');
    };
    switch (cmd.name) {
      case '{':
        this.blocks.push(this.commands.length);
        return;
      case '}': {
        if (cmd.a1) throw r.error('} doesn\'t want any addresses');
        const open = this.blocks.pop();
        if (open === undefined) throw r.error("unexpected `}'");
        this.commands[open]!.jump = this.commands.length;
        this.endOfCommand();
        return;
      }
      case '#':
        if (cmd.a1) throw r.error("comments don't accept any addresses");
        while (!r.eof() && r.peek() !== '\n') r.next();
        return;
      case ':': {
        if (cmd.a1) throw r.error(": doesn't want any addresses");
        r.skipSpaces();
        const label = this.readLabel(true);
        if (label === '') throw r.error('":" lacks a label');
        cmd.text = label;
        return;
      }
      case 'a':
      case 'i':
      case 'c':
        cmd.text = this.readText();
        return;
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        this.endOfCommand();
        return;
      case 'q':
      case 'Q':
      case 'l':
      case 'L': {
        if (cmd.name !== 'l') oneAddress();
        r.skipSpaces();
        let digits = '';
        while (/^\d$/.test(r.peek())) digits += r.next();
        if (digits) cmd.num = Number(digits);
        this.endOfCommand();
        return;
      }
      case 'b':
      case 't':
      case 'T':
        r.skipSpaces();
        cmd.text = this.readLabel(false);
        return;
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.text = this.readFilename();
        return;
      case 's':
        this.substitute(cmd);
        return;
      case 'y':
        this.transliterate(cmd);
        this.endOfCommand();
        return;
      case 'e':
      case 'v':
        r.skipSpaces();
        while (!r.eof() && r.peek() !== '\n' && r.peek() !== ';') r.next();
        return;
      default:
        throw r.error(`unknown command: \`${cmd.name}'`);
    }
  }

  /** After a command: spaces, then `;`, newline, `}`, `#` or the end. */
  private endOfCommand(): void {
    const r = this.r;
    r.skipSpaces();
    const c = r.peek();
    if (c === EOF || c === '\n' || c === ';') {
      r.next();
      return;
    }
    if (c === '}' || c === '#') return;
    r.next();
    throw r.error('extra characters after command');
  }

  /** A label ends at whitespace or `;` (and, for a jump, at the `}` closing its block). */
  private readLabel(colon: boolean): string {
    const r = this.r;
    let label = '';
    while (!r.eof() && !/^[\s;]$/.test(r.peek()) && (colon || r.peek() !== '}')) label += r.next();
    r.skipSpaces();
    if (r.peek() === '\n' || r.peek() === ';') r.next();
    return label;
  }

  private readFilename(): string {
    const r = this.r;
    r.skipSpaces();
    let name = '';
    while (!r.eof() && r.peek() !== '\n') name += r.next();
    if (r.peek() === '\n') r.next();
    if (name === '') throw r.error('missing filename in r/R/w/W commands');
    return name;
  }

  /** Text of a, i, c: GNU one-liner (`a foo`) or classic (`a\` newline `foo`). */
  private readText(): string {
    const r = this.r;
    r.skipSpaces();
    if (r.eof()) throw r.error("expected \\ after `a', `c' or `i'");
    if (r.peek() === '\\') {
      r.next();
      if (r.peek() === '\n') r.next();
      else r.skipSpaces();
    }
    let text = '';
    while (!r.eof()) {
      const c = r.next();
      if (c === '\\') {
        const n = r.next();
        if (n === EOF) break;
        text += n;
        continue;
      }
      if (c === '\n') break;
      text += c;
    }
    return text;
  }

  private number(): number {
    let digits = '';
    while (/^\d$/.test(this.r.peek())) digits += this.r.next();
    return Number(digits);
  }

  private address(): Address | undefined {
    const r = this.r;
    const c = r.peek();
    if (/^\d$/.test(c)) {
      const n = this.number();
      r.skipSpaces();
      if (r.peek() === '~') {
        r.next();
        r.skipSpaces();
        const step = /^\d$/.test(r.peek()) ? this.number() : 0;
        return { kind: 'step', first: n, step };
      }
      return n === 0 ? { kind: 'zero' } : { kind: 'line', n };
    }
    if (c === '$') {
      r.next();
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      r.next();
      let delim = '/';
      if (c === '\\') delim = r.next();
      const body = this.delimited(delim, 'unterminated address regex');
      let flags = '';
      for (;;) {
        const f = r.peek();
        if (f === 'I') flags += 'i';
        else if (f === 'M') flags += 'm';
        else break;
        r.next();
      }
      return { kind: 're', re: this.compileRegex(body, flags) };
    }
    return undefined;
  }

  private address2(): Address2 | undefined {
    const r = this.r;
    if (r.peek() === '+' || r.peek() === '~') {
      const kind = r.next() === '+' ? 'plus' : 'mult';
      if (!/^\d$/.test(r.peek())) throw r.error("expected newer version of sed");
      return { kind, n: this.number() };
    }
    const a = this.address();
    if (a?.kind === 'zero') throw r.error('invalid usage of line address 0');
    if (a?.kind === 'step') return { kind: 'line', n: a.first };
    return a;
  }

  /**
   * Reads up to an unescaped delimiter. `\delim` becomes the delimiter itself and `\n` a newline;
   * other escapes are kept for the regex translator. Newlines inside are an error for s and y.
   */
  private delimited(delim: string, unterminated: string, keepEscapes = true): string {
    const r = this.r;
    let out = '';
    for (;;) {
      const c = r.next();
      if (c === EOF) throw r.error(unterminated);
      if (c === delim) return out;
      if (c === '\\') {
        const n = r.next();
        if (n === EOF) throw r.error(unterminated);
        if (n === delim) out += delim === '&' && !keepEscapes ? '\\&' : delim;
        else if (n === 'n' && keepEscapes) out += '\\n';
        else if (n === '\n') out += keepEscapes ? '\\n' : '\n';
        else out += `\\${n}`;
        continue;
      }
      if (c === '\n' && keepEscapes) throw r.error(unterminated);
      if (c === '[' && keepEscapes) {
        out += c + this.bracketBody(unterminated);
        continue;
      }
      out += c;
    }
  }

  /** Inside a regex bracket the delimiter is an ordinary character. */
  private bracketBody(unterminated: string): string {
    const r = this.r;
    let out = '';
    if (r.peek() === '^') out += r.next();
    if (r.peek() === ']') out += r.next();
    for (;;) {
      const c = r.next();
      if (c === EOF || c === '\n') throw r.error(unterminated);
      out += c;
      if (c === '[' && /^[:.=]$/.test(r.peek())) {
        const kind = r.next();
        out += kind;
        for (;;) {
          const d = r.next();
          if (d === EOF) throw r.error(unterminated);
          out += d;
          if (d === kind && r.peek() === ']') {
            out += r.next();
            break;
          }
        }
        continue;
      }
      if (c === ']') return out;
    }
  }

  private compileRegex(body: string, flags: string): SedRegex {
    if (body === '') return null;
    try {
      const { source } = translate(body, this.opts.extended ? 'ere' : 'bre', { cEscapes: true });
      return new RegExp(source, `us${flags}`);
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw this.r.error(e.message);
      throw this.r.error('Invalid regular expression');
    }
  }

  private substitute(cmd: Command): void {
    const r = this.r;
    const delim = r.next();
    if (delim === EOF || delim === '\n' || delim === '\\') throw r.error("unterminated `s' command");
    const pattern = this.delimited(delim, "unterminated `s' command");
    const replacementText = this.rawReplacement(delim);
    let flags = '';
    cmd.global = false;
    for (;;) {
      const f = r.peek();
      if (f === 'g') {
        r.next();
        if (cmd.global) throw r.error("multiple `g' options to `s' command");
        cmd.global = true;
      } else if (f === 'p') {
        r.next();
        if (cmd.print) throw r.error("multiple `p' options to `s' command");
        cmd.print = 1;
      } else if (/^\d$/.test(f)) {
        if (cmd.occurrence !== undefined) {
          r.next();
          throw r.error("multiple number options to `s' command");
        }
        const n = this.number();
        if (n === 0) throw r.error("number option to `s' command may not be zero");
        cmd.occurrence = n;
      } else if (f === 'i' || f === 'I') {
        r.next();
        flags += 'i';
      } else if (f === 'm' || f === 'M') {
        r.next();
        flags += 'm';
      } else if (f === 'e') {
        r.next();
        cmd.evaluate = true;
      } else if (f === 'w') {
        r.next();
        cmd.wfile = this.readFilename();
        break;
      } else {
        this.endOfSubstitute();
        break;
      }
    }
    cmd.re = this.compileRegex(pattern, flags);
    const groups = cmd.re ? countGroups(cmd.re) : 9;
    cmd.repl = this.parseReplacement(replacementText, groups);
  }

  private endOfSubstitute(): void {
    const r = this.r;
    r.skipSpaces();
    const c = r.peek();
    if (c === EOF || c === '\n' || c === ';') {
      r.next();
      return;
    }
    if (c === '}' || c === '#') return;
    r.next();
    throw r.error("unknown option to `s'");
  }

  /** The replacement as written, up to the delimiter (escapes kept, `\` newline a newline). */
  private rawReplacement(delim: string): string {
    const r = this.r;
    let out = '';
    for (;;) {
      const c = r.next();
      if (c === EOF) throw r.error("unterminated `s' command");
      if (c === delim) return out;
      if (c === '\\') {
        const n = r.next();
        if (n === EOF) throw r.error("unterminated `s' command");
        if (n === delim && delim !== '&') out += delim === '\\' ? '\\\\' : delim;
        else out += `\\${n}`;
        continue;
      }
      if (c === '\n') throw r.error("unterminated `s' command");
      out += c;
    }
  }

  private parseReplacement(text: string, groups: number): Replacement {
    const parts: ReplPart[] = [];
    let buf = '';
    const flush = (): void => {
      if (buf) parts.push({ kind: 'text', text: buf });
      buf = '';
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '&') {
        flush();
        parts.push({ kind: 'group', n: 0 });
        continue;
      }
      if (c !== '\\' || i + 1 >= text.length) {
        buf += c;
        continue;
      }
      const n = text[++i]!;
      if (/^\d$/.test(n)) {
        if (Number(n) > groups) throw this.r.error(`invalid reference \\${n} on \`s' command's RHS`);
        flush();
        parts.push({ kind: 'group', n: Number(n) });
      } else if (/^[LUElu]$/.test(n)) {
        flush();
        parts.push({ kind: 'case', mode: n as 'L' | 'U' | 'E' | 'l' | 'u' });
      } else if (n === '\n') buf += '\n';
      else if (C_ESCAPES[n]) buf += C_ESCAPES[n];
      else buf += n;
    }
    flush();
    return { parts };
  }

  private transliterate(cmd: Command): void {
    const r = this.r;
    const delim = r.next();
    if (delim === EOF || delim === '\n' || delim === '\\') throw r.error("unterminated `y' command");
    const src = this.yString(delim);
    const dst = this.yString(delim);
    if ([...src].length !== [...dst].length) throw r.error("strings for `y' command are different lengths");
    const map = new Map<string, string>();
    const d = [...dst];
    [...src].forEach((c, i) => map.set(c, d[i]!));
    cmd.ymap = map;
  }

  private yString(delim: string): string {
    const r = this.r;
    let out = '';
    for (;;) {
      const c = r.next();
      if (c === EOF) throw r.error("unterminated `y' command");
      if (c === delim) return out;
      if (c === '\\') {
        const n = r.next();
        if (n === delim) out += delim;
        else if (n === '\\') out += '\\';
        else if (n === 'n') out += '\n';
        else if (C_ESCAPES[n]) out += C_ESCAPES[n];
        else if (n === '\n') out += '\n';
        else throw r.error("unknown option to `s'");
        continue;
      }
      out += c;
    }
  }
}

function countGroups(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1;
}

export function parseScript(script: string, opts: ParseOptions): Command[] {
  return new Parser(script, opts).parse();
}
