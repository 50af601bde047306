/**
 * grep (GNU grep 3.8): BRE/ERE/fixed/Perl-ish patterns, -i -v -w -x, -c -l -L -o -q -s -m,
 * -n -b -H -h -Z --label, context (-A -B -C -NUM) with `--` group separators, -r/-R with
 * --include/--exclude/--exclude-dir, binary-file detection and --color=always. Exit status 0 when
 * a line is selected, 1 when none is, 2 on any error (unless -q found a match).
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef, ParsedOpt } from './common/getopt.js';
import { globToRegExp } from './common/glob.js';
import { VfsError } from '../vfs/fs.js';
import { parseArgs, progName, readOperand, reasonOf } from './common/io.js';
import { escapeLiteral, RegexSyntaxError, translate } from './common/regex.js';
import { GREP_HELP } from './help/grep.js';
import { gnuVersion } from './common/version.js';

const USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...\n';

const OPTIONS: OptDef[] = [
  { short: 'E', long: 'extended-regexp' },
  { short: 'F', long: 'fixed-strings' },
  { short: 'G', long: 'basic-regexp' },
  { short: 'P', long: 'perl-regexp' },
  { short: 'e', long: 'regexp', arg: 'required' },
  { short: 'f', long: 'file', arg: 'required' },
  { short: 'i', long: 'ignore-case' },
  { short: 'y' , key: 'ignore-case' },
  { long: 'no-ignore-case' },
  { short: 'w', long: 'word-regexp' },
  { short: 'x', long: 'line-regexp' },
  { short: 'z', long: 'null-data' },
  { short: 's', long: 'no-messages' },
  { short: 'v', long: 'invert-match' },
  { short: 'V', long: 'version' },
  { long: 'help' },
  { short: 'm', long: 'max-count', arg: 'required' },
  { short: 'b', long: 'byte-offset' },
  { short: 'n', long: 'line-number' },
  { long: 'line-buffered' },
  { short: 'H', long: 'with-filename' },
  { short: 'h', long: 'no-filename' },
  { long: 'label', arg: 'required' },
  { short: 'o', long: 'only-matching' },
  { short: 'q', long: 'quiet' },
  { long: 'silent', key: 'quiet' },
  { long: 'binary-files', arg: 'required' },
  { short: 'a', long: 'text' },
  { short: 'I', key: 'I' },
  { short: 'd', long: 'directories', arg: 'required' },
  { short: 'D', long: 'devices', arg: 'required' },
  { short: 'r', long: 'recursive' },
  { short: 'R', long: 'dereference-recursive' },
  { long: 'include', arg: 'required' },
  { long: 'exclude', arg: 'required' },
  { long: 'exclude-from', arg: 'required' },
  { long: 'exclude-dir', arg: 'required' },
  { short: 'L', long: 'files-without-match' },
  { short: 'l', long: 'files-with-matches' },
  { short: 'c', long: 'count' },
  { short: 'T', long: 'initial-tab' },
  { short: 'Z', long: 'null' },
  { short: 'B', long: 'before-context', arg: 'required' },
  { short: 'A', long: 'after-context', arg: 'required' },
  { short: 'C', long: 'context', arg: 'required' },
  { long: 'group-separator', arg: 'required' },
  { long: 'no-group-separator' },
  { long: 'color', arg: 'optional' },
  { long: 'colour', arg: 'optional', key: 'color' },
  { short: 'U', long: 'binary' },
  ...[...'0123456789'].map((d) => ({ short: d, key: 'digit' })),
];

const COLORS = { match: '01;31', file: '35', line: '32', byte: '32', sep: '36' };

interface GrepOptions {
  matcher: 'G' | 'E' | 'F' | 'P';
  patterns: string[] | undefined;
  ignoreCase: boolean;
  invert: boolean;
  word: boolean;
  wholeLine: boolean;
  nullData: boolean;
  noMessages: boolean;
  maxCount: number;
  byteOffset: boolean;
  lineNumber: boolean;
  withFilename: boolean | undefined;
  label: string;
  only: boolean;
  quiet: boolean;
  binary: 'binary' | 'text' | 'without-match';
  directories: 'read' | 'skip' | 'recurse';
  dereference: boolean;
  include: RegExp[];
  exclude: RegExp[];
  excludeDir: RegExp[];
  list: 'with' | 'without' | undefined;
  count: boolean;
  nullAfterName: boolean;
  before: number;
  after: number;
  contextGiven: boolean;
  groupSeparator: string | null;
  color: boolean;
}

type Outcome = GrepOptions | { exit: number };

function contextNumber(ctx: ProcessContext, value: string): number | undefined {
  if (!/^\d+$/.test(value)) {
    ctx.stderr.write(`${progName(ctx)}: ${value}: invalid context length argument\n`);
    return undefined;
  }
  return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
}

function buildOptions(ctx: ProcessContext, opts: ParsedOpt[]): Outcome {
  const o: GrepOptions = {
    matcher: 'G',
    patterns: undefined,
    ignoreCase: false,
    invert: false,
    word: false,
    wholeLine: false,
    nullData: false,
    noMessages: false,
    maxCount: Infinity,
    byteOffset: false,
    lineNumber: false,
    withFilename: undefined,
    label: '(standard input)',
    only: false,
    quiet: false,
    binary: 'binary',
    directories: 'read',
    dereference: false,
    include: [],
    exclude: [],
    excludeDir: [],
    list: undefined,
    count: false,
    nullAfterName: false,
    before: -1,
    after: -1,
    contextGiven: false,
    groupSeparator: '--',
    color: false,
  };
  const prog = progName(ctx);
  let matcherSet: string | undefined;
  for (const { key, value } of opts) {
    const v = value ?? '';
    switch (key) {
      case 'extended-regexp':
      case 'fixed-strings':
      case 'basic-regexp':
      case 'perl-regexp': {
        const m = ({ 'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'perl-regexp': 'P' } as const)[key];
        if (matcherSet && matcherSet !== m) {
          ctx.stderr.write(`${prog}: conflicting matchers specified\n`);
          return { exit: 2 };
        }
        matcherSet = m;
        o.matcher = m;
        break;
      }
      case 'regexp':
        (o.patterns ??= []).push(...v.split('\n'));
        break;
      case 'file': {
        const r = readOperand(ctx, v);
        if (!r.ok) {
          ctx.stderr.write(`${prog}: ${v}: ${reasonOf(r.error)}\n`);
          return { exit: 2 };
        }
        const text = r.text.endsWith('\n') ? r.text.slice(0, -1) : r.text;
        (o.patterns ??= []).push(...(r.text === '' ? [] : text.split('\n')));
        break;
      }
      case 'ignore-case':
        o.ignoreCase = true;
        break;
      case 'no-ignore-case':
        o.ignoreCase = false;
        break;
      case 'word-regexp':
        o.word = true;
        break;
      case 'line-regexp':
        o.wholeLine = true;
        break;
      case 'null-data':
        o.nullData = true;
        break;
      case 'no-messages':
        o.noMessages = true;
        break;
      case 'invert-match':
        o.invert = true;
        break;
      case 'version':
        ctx.stdout.write(gnuVersion('grep', 'GNU grep', '3.8', 'Written by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.'));
        return { exit: 0 };
      case 'help':
        ctx.stdout.write(GREP_HELP);
        return { exit: 0 };
      case 'max-count':
        if (!/^-?\d+$/.test(v)) {
          ctx.stderr.write(`${prog}: invalid max count\n`);
          return { exit: 2 };
        }
        o.maxCount = Number(v) < 0 ? Infinity : Number(v);
        break;
      case 'byte-offset':
        o.byteOffset = true;
        break;
      case 'line-number':
        o.lineNumber = true;
        break;
      case 'with-filename':
        o.withFilename = true;
        break;
      case 'no-filename':
        o.withFilename = false;
        break;
      case 'label':
        o.label = v;
        break;
      case 'only-matching':
        o.only = true;
        break;
      case 'quiet':
        o.quiet = true;
        break;
      case 'binary-files':
        if (v !== 'binary' && v !== 'text' && v !== 'without-match') {
          ctx.stderr.write(`${prog}: unknown binary-files type\n`);
          return { exit: 2 };
        }
        o.binary = v;
        break;
      case 'text':
        o.binary = 'text';
        break;
      case 'I':
        o.binary = 'without-match';
        break;
      case 'directories':
        if (v !== 'read' && v !== 'skip' && v !== 'recurse') {
          ctx.stderr.write(`${prog}: invalid argument ‘${v}’ for ‘--directories’\nValid arguments are:\n  - ‘read’\n  - ‘recurse’\n  - ‘skip’\n${USAGE}`);
          ctx.stderr.write(`Try '${prog} --help' for more information.\n`);
          return { exit: 2 };
        }
        o.directories = v;
        break;
      case 'devices':
        break;
      case 'recursive':
        o.directories = 'recurse';
        break;
      case 'dereference-recursive':
        o.directories = 'recurse';
        o.dereference = true;
        break;
      case 'include':
        o.include.push(globToRegExp(v));
        break;
      case 'exclude':
        o.exclude.push(globToRegExp(v));
        break;
      case 'exclude-from': {
        const r = readOperand(ctx, v);
        if (!r.ok) {
          ctx.stderr.write(`${prog}: ${v}: ${reasonOf(r.error)}\n`);
          return { exit: 2 };
        }
        for (const g of r.text.split('\n').filter(Boolean)) o.exclude.push(globToRegExp(g));
        break;
      }
      case 'exclude-dir':
        o.excludeDir.push(globToRegExp(v.replace(/\/+$/, '')));
        break;
      case 'files-without-match':
        o.list = 'without';
        break;
      case 'files-with-matches':
        o.list = 'with';
        break;
      case 'count':
        o.count = true;
        break;
      case 'null':
        o.nullAfterName = true;
        break;
      case 'before-context':
      case 'after-context':
      case 'context': {
        const n = contextNumber(ctx, v);
        if (n === undefined) return { exit: 2 };
        if (key !== 'after-context') o.before = n;
        if (key !== 'before-context') o.after = n;
        o.contextGiven = true;
        break;
      }
      case 'digit':
        break; // -NUM is read by digitContext
      case 'group-separator':
        o.groupSeparator = v;
        break;
      case 'no-group-separator':
        o.groupSeparator = null;
        break;
      case 'color':
        if (value === undefined || ['always', 'yes', 'force'].includes(v)) o.color = value !== undefined;
        else if (['never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(v)) o.color = false;
        else {
          ctx.stdout.write(GREP_HELP);
          return { exit: 2 };
        }
        break;
    }
  }
  return o;
}

/** -NUM (also inside a cluster, as -n5): a run of digit options is one context length. */
function digitContext(argv: readonly string[]): number | undefined {
  let n: number | undefined;
  for (const a of argv) {
    if (a === '--') break;
    if (!a.startsWith('-') || a.startsWith('--')) continue;
    const m = /^-[^efmABCdD\d]*(\d+)/.exec(a);
    if (m) n = Number(m[1]);
  }
  return n;
}

interface Match {
  start: number;
  end: number;
}

/** Compiled patterns: a line is selected when any pattern matches it. */
class Matcher {
  private readonly regexes: RegExp[];

  constructor(o: GrepOptions, patterns: string[], warn: (w: string) => void) {
    const flags = `gs${o.ignoreCase ? 'i' : ''}${o.matcher === 'P' ? '' : 'u'}`;
    this.regexes = patterns.map((p) => {
      let src: string;
      if (o.matcher === 'F') src = escapeLiteral(p);
      else if (o.matcher === 'P') src = p;
      else {
        const t = translate(p, o.matcher === 'E' ? 'ere' : 'bre');
        t.warnings.forEach(warn);
        src = t.source;
      }
      if (o.wholeLine) src = `^(?:${src})$`;
      else if (o.word) src = `(?<![\\p{L}\\p{N}_])(?:${src})(?![\\p{L}\\p{N}_])`;
      try {
        return new RegExp(src, o.word && o.matcher === 'P' ? `${flags}u` : flags);
      } catch (e) {
        throw new RegexSyntaxError(o.matcher === 'P' ? (e as Error).message : 'Invalid regular expression');
      }
    });
  }

  test(line: string): boolean {
    return this.regexes.some((re) => {
      re.lastIndex = 0;
      return re.test(line);
    });
  }

  /** Non-overlapping matches, leftmost first (longest on ties), skipping empty ones as -o does. */
  matches(line: string): Match[] {
    const out: Match[] = [];
    let pos = 0;
    while (pos <= line.length) {
      let best: Match | undefined;
      for (const re of this.regexes) {
        re.lastIndex = pos;
        const m = re.exec(line);
        if (!m) continue;
        const cand = { start: m.index, end: m.index + m[0].length };
        if (!best || cand.start < best.start || (cand.start === best.start && cand.end > best.end)) best = cand;
      }
      if (!best) break;
      if (best.end === best.start) {
        pos = best.end + 1;
        continue;
      }
      out.push(best);
      pos = best.end;
    }
    return out;
  }
}

/** State shared across files: whether anything was printed (for `--`), and the exit status. */
interface RunState {
  printedSomething: boolean;
  selectedAny: boolean;
  error: boolean;
  quitNow: boolean;
}

class Grep {
  readonly state: RunState = { printedSomething: false, selectedAny: false, error: false, quitNow: false };

  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: GrepOptions,
    private readonly matcher: Matcher,
  ) {}

  private paint(code: string, text: string): string {
    return this.o.color ? `\x1b[${code}m\x1b[K${text}\x1b[m\x1b[K` : text;
  }

  private prefix(name: string | undefined, lineNo: number, offset: number, sep: string): string {
    let p = '';
    if (name !== undefined) p += this.o.nullAfterName ? `${this.paint(COLORS.file, name)}\0` : this.paint(COLORS.file, name) + this.paint(COLORS.sep, sep);
    if (this.o.lineNumber) p += this.paint(COLORS.line, String(lineNo)) + this.paint(COLORS.sep, sep);
    if (this.o.byteOffset) p += this.paint(COLORS.byte, String(offset)) + this.paint(COLORS.sep, sep);
    return p;
  }

  private colorLine(line: string): string {
    if (!this.o.color) return line;
    let out = '';
    let pos = 0;
    for (const m of this.matcher.matches(line)) {
      out += line.slice(pos, m.start) + this.paint(COLORS.match, line.slice(m.start, m.end));
      pos = m.end;
    }
    return out + line.slice(pos);
  }

  /** Searches one text; `name` is undefined when no file name prefix is wanted. */
  search(shown: string, text: string, name: string | undefined): void {
    const o = this.o;
    const eol = o.nullData ? '\0' : '\n';
    const body = text.endsWith(eol) ? text.slice(0, -1) : text;
    const lines = text === '' ? [] : body.split(eol);
    const isBinary = o.binary !== 'text' && !o.nullData && text.includes('\0');
    if (isBinary && o.binary === 'without-match') return;
    const silentLines = o.quiet || o.list !== undefined || o.count || isBinary;
    const before = o.contextGiven ? Math.max(o.before, 0) : 0;
    const after = o.contextGiven ? Math.max(o.after, 0) : 0;
    const out = this.ctx.stdout;
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const offsets: number[] = [];
    let off = 0;
    for (const l of lines) {
      offsets.push(off);
      off += Buffer.byteLength(l) + 1;
    }
    const printLine = (i: number, selected: boolean): void => {
      const sep = selected ? ':' : '-';
      if (o.contextGiven && o.groupSeparator !== null && this.state.printedSomething && i !== lastPrinted + 1) {
        out.write(this.paint(COLORS.sep, o.groupSeparator) + '\n');
      }
      const line = lines[i]!;
      if (o.only) {
        if (selected && !o.invert) {
          for (const m of this.matcher.matches(line)) {
            const offset = offsets[i]! + Buffer.byteLength(line.slice(0, m.start));
            out.write(this.prefix(name, i + 1, offset, sep) + this.paint(COLORS.match, line.slice(m.start, m.end)) + eol);
          }
        }
      } else {
        out.write(this.prefix(name, i + 1, offsets[i]!, sep) + this.colorLine(line) + eol);
      }
      lastPrinted = i;
      this.state.printedSomething = true;
    };
    for (let i = 0; i < lines.length; i++) {
      if (count >= o.maxCount && afterLeft === 0) break;
      const selected = this.matcher.test(lines[i]!) !== o.invert;
      if (selected && count < o.maxCount) {
        count++;
        this.state.selectedAny = true;
        if (o.quiet) {
          this.state.quitNow = true;
          return;
        }
        if (o.list !== undefined) break;
        if (silentLines) continue;
        for (let j = Math.max(i - before, lastPrinted + 1); j < i; j++) printLine(j, false);
        printLine(i, true);
        afterLeft = after;
      } else if (afterLeft > 0 && !silentLines) {
        printLine(i, false);
        afterLeft--;
      }
    }
    this.finishFile(shown, count, name, isBinary);
  }

  private finishFile(shown: string, count: number, name: string | undefined, isBinary: boolean): void {
    const o = this.o;
    const out = this.ctx.stdout;
    const nameEnd = o.nullAfterName ? '\0' : '\n';
    if (o.count) {
      const countPrefix = name === undefined ? '' : o.nullAfterName ? `${this.paint(COLORS.file, name)}\0` : this.paint(COLORS.file, name) + this.paint(COLORS.sep, ':');
      if (o.list === undefined || (o.list === 'with' && count === 0) || (o.list === 'without' && count > 0)) out.write(`${countPrefix}${count}\n`);
    }
    if (o.list === 'with' && count > 0) out.write(this.paint(COLORS.file, shown) + nameEnd);
    if (o.list === 'without' && count === 0) {
      out.write(this.paint(COLORS.file, shown) + nameEnd);
      this.state.selectedAny = true;
    }
    if (isBinary && count > 0 && !o.count && o.list === undefined && !o.quiet) {
      this.ctx.stderr.write(`${progName(this.ctx)}: ${shown}: binary file matches\n`);
    }
  }

  warnFile(shown: string, e: unknown): void {
    this.state.error = true;
    if (!this.o.noMessages) this.ctx.stderr.write(`${progName(this.ctx)}: ${shown}: ${reasonOf(e)}\n`);
  }
}

function included(o: GrepOptions, base: string): boolean {
  if (o.include.length > 0 && !o.include.some((g) => g.test(base))) return false;
  return !o.exclude.some((g) => g.test(base));
}

function baseName(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}

async function searchOperand(ctx: ProcessContext, g: Grep, o: GrepOptions, operand: string, many: boolean, implicitDot: boolean): Promise<void> {
  const fs = ctx.host.fs;
  if (operand === '-') {
    g.search(o.label, ctx.stdin, o.withFilename ?? many ? o.label : undefined);
    return;
  }
  const path = ctx.resolve(operand);
  let isDir = false;
  try {
    isDir = fs.stat(path, ctx.cred).type === 'dir';
  } catch (e) {
    // A dangling symlink or missing file.
    g.warnFile(operand, e);
    return;
  }
  if (isDir) {
    if (o.directories === 'skip') return;
    if (o.directories === 'read') {
      g.warnFile(operand, new VfsError('EISDIR', path));
      return;
    }
    if (o.excludeDir.some((re) => re.test(baseName(operand))) && !implicitDot) return;
    const prefix = implicitDot ? '' : operand.endsWith('/') ? operand : `${operand}/`;
    recurse(ctx, g, o, path, prefix);
    return;
  }
  if (!included(o, baseName(operand))) return;
  const r = readOperand(ctx, operand);
  if (!r.ok) return g.warnFile(operand, r.error);
  g.search(operand, r.text, o.withFilename ?? many ? operand : undefined);
}

function recurse(ctx: ProcessContext, g: Grep, o: GrepOptions, dirPath: string, shownPrefix: string): void {
  const fs = ctx.host.fs;
  let names: string[];
  try {
    names = fs.readdir(dirPath, ctx.cred);
  } catch (e) {
    g.warnFile(shownPrefix.replace(/\/$/, '') || '.', e);
    return;
  }
  for (const name of names) {
    if (g.state.quitNow) return;
    const full = dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
    const shown = shownPrefix + name;
    let st;
    try {
      st = fs.lstat(full, ctx.cred);
      if (st.type === 'symlink') {
        if (!o.dereference) continue;
        st = fs.stat(full, ctx.cred);
      }
    } catch (e) {
      g.warnFile(shown, e);
      continue;
    }
    if (st.type === 'dir') {
      if (o.excludeDir.some((re) => re.test(name))) continue;
      recurse(ctx, g, o, full, `${shown}/`);
      continue;
    }
    if (!included(o, name)) continue;
    let text: string;
    try {
      text = fs.readFile(full, ctx.cred);
    } catch (e) {
      g.warnFile(shown, e);
      continue;
    }
    g.search(shown, text, o.withFilename === false ? undefined : shown);
  }
}

export async function grep(ctx: ProcessContext): Promise<number> {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS, 2, { usageLine: USAGE });
  if (typeof parsed === 'number') return parsed;
  const built = buildOptions(ctx, parsed.opts);
  if ('exit' in built) return built.exit;
  const o = built;
  const num = digitContext(ctx.argv.slice(1));
  if (num !== undefined && !parsed.opts.some((p) => p.key === 'context' || p.key === 'after-context' || p.key === 'before-context')) {
    o.before = o.after = num;
    o.contextGiven = true;
  }
  if (prog.endsWith('egrep') && o.matcher === 'G') o.matcher = 'E';
  if (prog.endsWith('fgrep') && o.matcher === 'G') o.matcher = 'F';
  const operands = [...parsed.operands];
  if (o.patterns === undefined) {
    const first = operands.shift();
    if (first === undefined) {
      ctx.stderr.write(USAGE);
      ctx.stderr.write(`Try '${prog} --help' for more information.\n`);
      return 2;
    }
    o.patterns = first.split('\n');
  }
  // GNU's shortcut: when no line can be selected (-m 0, or -v with one empty pattern), grep
  // exits 1 at once, printing nothing, not even -c's counts.
  if (o.patterns.length === 0) {
    o.patterns = [''];
    o.invert = !o.invert;
    o.word = o.wholeLine = false;
  }
  const keyless = o.patterns.length === 1 && o.patterns[0] === '';
  if ((o.maxCount === 0 || (keyless && o.invert && !o.wholeLine && !o.word)) && o.list !== 'without') return 1;
  let matcher: Matcher;
  try {
    matcher = new Matcher(o, o.patterns, (w) => ctx.stderr.write(`${prog}: warning: ${w}\n`));
  } catch (e) {
    ctx.stderr.write(`${prog}: ${(e as Error).message}\n`);
    return 2;
  }
  const g = new Grep(ctx, o, matcher);
  const implicitDot = operands.length === 0 && o.directories === 'recurse';
  if (operands.length === 0) operands.push(implicitDot ? '.' : '-');
  const many = operands.length > 1;
  for (const operand of operands) {
    if (g.state.quitNow) break;
    await searchOperand(ctx, g, o, operand, many, implicitDot);
  }
  if (o.quiet && g.state.selectedAny) return 0;
  if (g.state.error) return 2;
  return g.state.selectedAny ? 0 : 1;
}
