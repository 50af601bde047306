/**
 * ls (coreutils 9.1) in C.UTF-8: names sort by code point.
 *
 * Output format: a program here cannot know whether its stdout is a terminal, so ls behaves as
 * GNU ls does when piped: one name per line, names printed literally. -C (columns, GNU's layout
 * with tab stops), -x and -m give the terminal layouts on request, at COLUMNS or 80 columns.
 * Long format (-l -n -g -o -h -i -s --full-time --time-style) follows GNU's alignment: link
 * counts and sizes right-aligned, owner and group left-aligned, "total" in 1K blocks.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { VfsError } from '../vfs/fs.js';
import { blocksK, fullIso, groupName, humanSize, joinPath, lsTime, modeString, userName } from './common/fileinfo.js';
import type { OptDef } from './common/getopt.js';
import { nowMs, parseArgs, progName, reasonOf } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a', long: 'all' },
  { short: 'A', long: 'almost-all' },
  { long: 'author' },
  { short: 'b', long: 'escape' },
  { long: 'block-size', arg: 'required' },
  { short: 'B', long: 'ignore-backups' },
  { short: 'c', key: 'ctime' },
  { short: 'C', key: 'columns' },
  { long: 'color', arg: 'optional' },
  { short: 'd', long: 'directory' },
  { short: 'D', long: 'dired' },
  { short: 'f', key: 'f' },
  { short: 'F', long: 'classify', arg: 'optional' },
  { long: 'file-type' },
  { long: 'format', arg: 'required' },
  { long: 'full-time' },
  { short: 'g', key: 'g' },
  { long: 'group-directories-first' },
  { short: 'G', long: 'no-group' },
  { short: 'h', long: 'human-readable' },
  { long: 'si' },
  { short: 'H', long: 'dereference-command-line' },
  { long: 'dereference-command-line-symlink-to-dir' },
  { long: 'hide', arg: 'required' },
  { long: 'hyperlink', arg: 'optional' },
  { long: 'indicator-style', arg: 'required' },
  { short: 'i', long: 'inode' },
  { short: 'I', long: 'ignore', arg: 'required' },
  { short: 'k', long: 'kibibytes' },
  { short: 'l', key: 'long' },
  { short: 'L', long: 'dereference' },
  { short: 'm', key: 'commas' },
  { short: 'n', long: 'numeric-uid-gid' },
  { short: 'N', long: 'literal' },
  { short: 'o', key: 'o' },
  { short: 'p', key: 'slash' },
  { short: 'q', long: 'hide-control-chars' },
  { long: 'show-control-chars' },
  { short: 'Q', long: 'quote-name' },
  { long: 'quoting-style', arg: 'required' },
  { short: 'r', long: 'reverse' },
  { short: 'R', long: 'recursive' },
  { short: 's', long: 'size' },
  { short: 'S', key: 'sort-size' },
  { long: 'sort', arg: 'required' },
  { long: 'time', arg: 'required' },
  { long: 'time-style', arg: 'required' },
  { short: 't', key: 'sort-time' },
  { short: 'T', long: 'tabsize', arg: 'required' },
  { short: 'u', key: 'atime' },
  { short: 'U', key: 'unsorted' },
  { short: 'v', key: 'natural' },
  { short: 'w', long: 'width', arg: 'required' },
  { short: 'x', key: 'across' },
  { short: 'X', key: 'sort-ext' },
  { short: 'Z', long: 'context' },
  { long: 'zero' },
  { short: '1', key: 'one' },
  { long: 'help' },
  { long: 'version' },
];

type Format = 'one' | 'long' | 'columns' | 'across' | 'commas';

interface LsOptions {
  all: boolean;
  almostAll: boolean;
  directory: boolean;
  format: Format;
  human: boolean;
  inode: boolean;
  size: boolean;
  numeric: boolean;
  showOwner: boolean;
  showGroup: boolean;
  recursive: boolean;
  reverse: boolean;
  sort: 'name' | 'time' | 'size' | 'none' | 'ext' | 'version';
  classify: 'none' | 'all' | 'slash';
  dereference: boolean;
  timeStyle: 'locale' | 'full-iso' | 'long-iso' | 'iso';
  width: number;
  tabsize: number;
  groupDirsFirst: boolean;
  ignore: RegExp[];
}

interface Entry {
  /** As shown: the operand as typed, or the name inside its directory. */
  name: string;
  path: string;
  st: Stat;
  /** The target's stat when the entry is a symlink (undefined when dangling). */
  target?: Stat;
  linkText?: string;
}

export function ls(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS, 2);
  if (typeof parsed === 'number') return parsed;
  const o = buildOptions(ctx, parsed.opts);
  if (typeof o === 'number') return o;
  return new Lister(ctx, o).run(parsed.operands);
}

function buildOptions(ctx: ProcessContext, opts: { key: string; value?: string }[]): LsOptions | number {
  const columns = Number(ctx.env.get('COLUMNS'));
  const o: LsOptions = {
    all: false,
    almostAll: false,
    directory: false,
    format: 'one',
    human: false,
    inode: false,
    size: false,
    numeric: false,
    showOwner: true,
    showGroup: true,
    recursive: false,
    reverse: false,
    sort: 'name',
    classify: 'none',
    dereference: false,
    timeStyle: 'locale',
    width: Number.isInteger(columns) && columns > 0 ? columns : 80,
    tabsize: 8,
    groupDirsFirst: false,
    ignore: [],
  };
  for (const { key, value } of opts) {
    switch (key) {
      case 'all':
        o.all = true;
        break;
      case 'almost-all':
        o.almostAll = true;
        break;
      case 'directory':
        o.directory = true;
        break;
      case 'f':
        o.all = true;
        o.sort = 'none';
        break;
      case 'classify':
        o.classify = 'all';
        break;
      case 'slash':
      case 'file-type':
        o.classify = 'slash';
        break;
      case 'full-time':
        o.format = 'long';
        o.timeStyle = 'full-iso';
        break;
      case 'time-style': {
        const v = (value ?? '').replace(/^posix-/, '');
        if (v === 'full-iso' || v === 'long-iso' || v === 'iso' || v === 'locale') o.timeStyle = v;
        break;
      }
      case 'g':
        o.format = 'long';
        o.showOwner = false;
        break;
      case 'o':
        o.format = 'long';
        o.showGroup = false;
        break;
      case 'no-group':
        o.showGroup = false;
        break;
      case 'human-readable':
      case 'si':
        o.human = true;
        break;
      case 'inode':
        o.inode = true;
        break;
      case 'ignore':
      case 'hide':
        o.ignore.push(globRegExp(value!));
        break;
      case 'long':
        o.format = 'long';
        break;
      case 'numeric-uid-gid':
        o.format = 'long';
        o.numeric = true;
        break;
      case 'dereference':
        o.dereference = true;
        break;
      case 'commas':
        o.format = 'commas';
        break;
      case 'columns':
        o.format = 'columns';
        break;
      case 'across':
        o.format = 'across';
        break;
      case 'one':
        if (o.format !== 'long') o.format = 'one';
        break;
      case 'format': {
        const map: Record<string, Format> = { long: 'long', verbose: 'long', commas: 'commas', horizontal: 'across', across: 'across', vertical: 'columns', 'single-column': 'one' };
        if (map[value!]) o.format = map[value!]!;
        break;
      }
      case 'recursive':
        o.recursive = true;
        break;
      case 'reverse':
        o.reverse = true;
        break;
      case 'size':
        o.size = true;
        break;
      case 'sort-size':
        o.sort = 'size';
        break;
      case 'sort-time':
        o.sort = 'time';
        break;
      case 'unsorted':
        o.sort = 'none';
        break;
      case 'sort-ext':
        o.sort = 'ext';
        break;
      case 'natural':
        o.sort = 'version';
        break;
      case 'sort': {
        const map: Record<string, LsOptions['sort']> = { none: 'none', time: 'time', size: 'size', extension: 'ext', version: 'version', name: 'name' };
        if (map[value!]) o.sort = map[value!]!;
        break;
      }
      case 'width': {
        const w = Number(value);
        if (!/^\d+$/.test(value!)) {
          ctx.stderr.write(`${progName(ctx)}: invalid line width: ${quoteaf(value!)}\n`);
          return 2;
        }
        o.width = w === 0 ? Infinity : w;
        break;
      }
      case 'tabsize':
        o.tabsize = Number(value) || 0;
        break;
      case 'group-directories-first':
        o.groupDirsFirst = true;
        break;
    }
  }
  return o;
}

function globRegExp(glob: string): RegExp {
  const src = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'))).join('');
  return new RegExp(`^${src}$`, 's');
}

class Lister {
  private status = 0;
  private readonly now: number;
  private wroteSection = false;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: LsOptions,
  ) {
    this.now = nowMs(ctx);
  }

  private fail(code: number, message: string): void {
    this.ctx.stderr.write(`${progName(this.ctx)}: ${message}\n`);
    this.status = Math.max(this.status, code);
  }

  run(operands: string[]): number {
    const o = this.o;
    const fs = this.ctx.host.fs;
    const names = operands.length ? operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const name of names) {
      const path = this.ctx.resolve(name);
      let st: Stat;
      try {
        // A trailing slash makes the path name a directory, so ls follows a link to one.
        st = fs.lstat(path, this.ctx.cred);
        if (name.endsWith('/') && st.type !== 'dir') {
          const real = fs.stat(path, this.ctx.cred);
          if (real.type !== 'dir') throw new VfsError('ENOTDIR', name);
        }
      } catch (e) {
        this.fail(2, `cannot access ${quoteaf(name)}: ${reasonOf(e)}`);
        continue;
      }
      const entry = this.entry(name, path, st);
      const followLink = st.type === 'symlink' && (o.dereference || (!o.directory && o.format !== 'long' && o.classify === 'none') || name.endsWith('/'));
      if (followLink && entry.target) {
        entry.st = entry.target;
        if (o.dereference) entry.target = undefined;
      }
      if (!o.directory && entry.st.type === 'dir') dirs.push(entry);
      else files.push(entry);
    }
    this.sortEntries(files);
    if (files.length) {
      this.print(files);
      this.wroteSection = true;
    }
    this.sortEntries(dirs);
    const header = operands.length > 1 || o.recursive || files.length > 0;
    for (const d of dirs) this.listDir(d.name, d.path, header, 2);
    return this.status;
  }

  private entry(name: string, path: string, st: Stat): Entry {
    const e: Entry = { name, path, st };
    if (st.type === 'symlink') {
      const fs = this.ctx.host.fs;
      try {
        e.linkText = fs.readlink(path, this.ctx.cred);
      } catch {
        e.linkText = '';
      }
      try {
        e.target = fs.stat(path, this.ctx.cred);
      } catch {
        e.target = undefined;
      }
      if (this.o.dereference && e.target) {
        e.st = e.target;
        e.target = undefined;
      }
    }
    return e;
  }

  private listDir(shown: string, path: string, header: boolean, failCode: number): void {
    const fs = this.ctx.host.fs;
    const o = this.o;
    let names: string[];
    try {
      names = fs.readdir(path, this.ctx.cred);
    } catch (e) {
      this.fail(failCode, `cannot open directory ${quoteaf(shown)}: ${reasonOf(e)}`);
      return;
    }
    if (this.wroteSection) this.ctx.stdout.write('\n');
    if (header) this.ctx.stdout.write(`${shown}:\n`);
    this.wroteSection = true;
    const visible = names.filter((n) => (o.all || o.almostAll || !n.startsWith('.')) && !o.ignore.some((re) => re.test(n)));
    const entries: Entry[] = [];
    if (o.all) {
      for (const dot of ['.', '..']) {
        const p = dot === '.' ? path : joinPath(path, '..');
        try {
          entries.push({ name: dot, path: p, st: fs.stat(p, this.ctx.cred) });
        } catch {
          // unreachable parent: skip
        }
      }
    }
    for (const n of visible) {
      const p = joinPath(path, n);
      try {
        entries.push(this.entry(n, p, fs.lstat(p, this.ctx.cred)));
      } catch (e) {
        this.fail(1, `cannot access ${quoteaf(joinPath(shown, n))}: ${reasonOf(e)}`);
      }
    }
    this.sortEntries(entries);
    if (o.format === 'long' || o.size) this.ctx.stdout.write(`total ${this.blocksText(entries.reduce((n, e) => n + blocksK(e.st), 0))}\n`);
    this.print(entries);
    if (o.recursive) {
      for (const e of entries) {
        if (e.st.type === 'dir' && e.name !== '.' && e.name !== '..') {
          this.listDir(joinPath(shown, e.name), e.path, true, 1);
        }
      }
    }
  }

  private blocksText(k: number): string {
    return this.o.human ? humanSize(k * 1024) : String(k);
  }

  private sortEntries(entries: Entry[]): void {
    const o = this.o;
    if (o.sort === 'none') return;
    const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const ext = (n: string): string => {
      const i = n.lastIndexOf('.');
      return i > 0 ? n.slice(i) : '';
    };
    const cmp: Record<LsOptions['sort'], (a: Entry, b: Entry) => number> = {
      name: byName,
      none: () => 0,
      time: (a, b) => b.st.mtimeMs - a.st.mtimeMs || byName(a, b),
      size: (a, b) => b.st.size - a.st.size || byName(a, b),
      ext: (a, b) => (ext(a.name) < ext(b.name) ? -1 : ext(a.name) > ext(b.name) ? 1 : byName(a, b)),
      version: (a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }) || byName(a, b),
    };
    const f = cmp[o.sort];
    entries.sort((a, b) => (o.reverse ? -f(a, b) : f(a, b)));
    if (o.groupDirsFirst) {
      const isDir = (e: Entry): number => ((e.target ?? e.st).type === 'dir' ? 0 : 1);
      entries.sort((a, b) => isDir(a) - isDir(b));
    }
  }

  private indicator(e: Entry): string {
    const o = this.o;
    if (o.classify === 'none') return '';
    const st = e.st;
    if (st.type === 'dir') return '/';
    if (o.classify === 'slash') return '';
    if (st.type === 'symlink') return o.format === 'long' ? '' : '@';
    if (st.mode & 0o111) return '*';
    return '';
  }

  private print(entries: Entry[]): void {
    if (entries.length === 0) return;
    const o = this.o;
    if (o.format === 'long') return this.printLong(entries);
    const inoWidth = Math.max(...entries.map((e) => String(e.st.ino).length));
    const blkWidth = Math.max(...entries.map((e) => this.blocksText(blocksK(e.st)).length));
    const cells = entries.map((e) => {
      let prefix = '';
      if (o.inode) prefix += `${String(e.st.ino).padStart(o.format === 'one' ? 0 : inoWidth)} `;
      if (o.size) prefix += `${this.blocksText(blocksK(e.st)).padStart(o.format === 'one' ? 0 : blkWidth)} `;
      return prefix + e.name + this.indicator(e);
    });
    const out = this.ctx.stdout;
    if (o.format === 'one') out.write(cells.map((c) => `${c}\n`).join(''));
    else if (o.format === 'commas') out.write(commas(cells, o.width));
    else out.write(columns(cells, o.width, o.tabsize, o.format === 'columns'));
  }

  private printLong(entries: Entry[]): void {
    const o = this.o;
    const host = this.ctx.host;
    const rows = entries.map((e) => {
      const st = e.st;
      return {
        ino: String(st.ino),
        blocks: this.blocksText(blocksK(st)),
        mode: modeString(st),
        links: String(st.nlink),
        owner: o.numeric ? String(st.uid) : userName(host, st.uid),
        group: o.numeric ? String(st.gid) : groupName(host, st.gid),
        size: o.human ? humanSize(st.size) : String(st.size),
        time: this.timeText(st.mtimeMs),
        name: e.name + (st.type === 'symlink' ? ` -> ${e.linkText}${o.classify === 'all' && e.target ? this.targetIndicator(e.target) : ''}` : this.indicator(e)),
      };
    });
    const w = (k: keyof (typeof rows)[number]): number => Math.max(...rows.map((r) => r[k].length));
    const widths = { ino: w('ino'), blocks: w('blocks'), links: w('links'), owner: w('owner'), group: w('group'), size: w('size') };
    let out = '';
    for (const r of rows) {
      let line = '';
      if (o.inode) line += `${r.ino.padStart(widths.ino)} `;
      if (o.size) line += `${r.blocks.padStart(widths.blocks)} `;
      line += `${r.mode} ${r.links.padStart(widths.links)} `;
      if (o.showOwner) line += `${r.owner.padEnd(widths.owner)} `;
      if (o.showGroup) line += `${r.group.padEnd(widths.group)} `;
      line += `${r.size.padStart(widths.size)} ${r.time} ${r.name}\n`;
      out += line;
    }
    this.ctx.stdout.write(out);
  }

  private targetIndicator(t: Stat): string {
    if (t.type === 'dir') return '/';
    if (t.mode & 0o111) return '*';
    return '';
  }

  private timeText(ms: number): string {
    const iso = fullIso(ms);
    switch (this.o.timeStyle) {
      case 'full-iso':
        return iso;
      case 'long-iso':
        return iso.slice(0, 16);
      case 'iso': {
        const recent = ms <= this.now && this.now - ms < 15778476000;
        return recent ? iso.slice(5, 16) : `${iso.slice(0, 10)} `;
      }
      default:
        return lsTime(ms, this.now);
    }
  }
}

/** GNU's indent(): tabs to each tab stop that fits, then spaces. */
function indent(from: number, to: number, tabsize: number): string {
  let s = '';
  let pos = from;
  while (pos < to) {
    if (tabsize > 0 && Math.floor(to / tabsize) > Math.floor((pos + 1) / tabsize)) {
      s += '\t';
      pos += tabsize - (pos % tabsize);
    } else {
      s += ' ';
      pos++;
    }
  }
  return s;
}

/** ls -C and -x: the most columns that fit in `width`, as GNU's calculate_columns chooses. */
function columns(cells: string[], width: number, tabsize: number, byColumns: boolean): string {
  const n = cells.length;
  const lens = cells.map((c) => [...c].length);
  const maxIdx = Math.max(1, Math.floor(Math.min(width, 1e6) / 3));
  const maxCols = Math.min(maxIdx, n);
  let best = 1;
  let bestWidths: number[] = [Math.max(...lens)];
  for (let cols = 1; cols <= maxCols; cols++) {
    const widths = new Array<number>(cols).fill(3);
    let lineLen = cols * 3;
    let valid = true;
    for (let i = 0; i < n && valid; i++) {
      const idx = byColumns ? Math.floor(i / Math.floor((n + cols - 1) / cols)) : i % cols;
      const real = lens[i]! + (idx === cols - 1 ? 0 : 2);
      if (widths[idx]! < real) {
        lineLen += real - widths[idx]!;
        widths[idx] = real;
        valid = lineLen < width;
      }
    }
    if (valid) {
      best = cols;
      bestWidths = widths;
    }
  }
  const cols = best;
  let out = '';
  if (byColumns) {
    const rows = Math.ceil(n / cols);
    for (let r = 0; r < rows; r++) {
      let pos = 0;
      let col = 0;
      for (let i = r; ; ) {
        out += cells[i];
        const w = bestWidths[col++]!;
        i += rows;
        if (i >= n) break;
        out += indent(pos + lens[i - rows]!, pos + w, tabsize);
        pos += w;
      }
      out += '\n';
    }
    return out;
  }
  let pos = 0;
  out += cells[0];
  let nameLen = lens[0]!;
  let maxLen = bestWidths[0]!;
  for (let i = 1; i < n; i++) {
    const col = i % cols;
    if (col === 0) {
      out += '\n';
      pos = 0;
    } else {
      out += indent(pos + nameLen, pos + maxLen, tabsize);
      pos += maxLen;
    }
    out += cells[i];
    nameLen = lens[i]!;
    maxLen = bestWidths[col]!;
  }
  return `${out}\n`;
}

function commas(cells: string[], width: number): string {
  let out = '';
  let pos = 0;
  cells.forEach((c, i) => {
    const len = [...c].length;
    if (i > 0) {
      if (pos + len + 2 < width) {
        out += ', ';
        pos += 2;
      } else {
        out += ',\n';
        pos = 0;
      }
    }
    out += c;
    pos += len;
  });
  return `${out}\n`;
}
