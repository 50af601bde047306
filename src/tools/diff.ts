/**
 * diff (GNU diffutils 3.8): normal format by default, unified with -u / -U N, -q, -s, -i, -w, -b,
 * -B, -N, -r for directories, `-` for stdin. Line matching comes from the `diff` package (Myers,
 * as GNU), so ambiguous changes may occasionally be split differently. Exit 0 when the inputs
 * are the same, 1 when they differ, 2 on trouble.
 */
import { diffArrays, structuredPatch } from 'diff';
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { fullIso, joinPath } from './common/fileinfo.js';
import type { OptDef } from './common/getopt.js';
import { getopt } from './common/getopt.js';
import { nowMs, progName, reasonOf } from './common/io.js';

const OPTIONS: OptDef[] = [
  { short: 'u', key: 'unified-default' },
  { short: 'U', long: 'unified', arg: 'optional' },
  { short: 'c', key: 'context-default' },
  { short: 'C', long: 'context', arg: 'optional' },
  { short: 'q', long: 'brief' },
  { short: 's', long: 'report-identical-files' },
  { short: 'i', long: 'ignore-case' },
  { short: 'w', long: 'ignore-all-space' },
  { short: 'b', long: 'ignore-space-change' },
  { short: 'B', long: 'ignore-blank-lines' },
  { short: 'E', long: 'ignore-tab-expansion' },
  { short: 'Z', long: 'ignore-trailing-space' },
  { short: 'a', long: 'text' },
  { short: 'N', long: 'new-file' },
  { short: 'r', long: 'recursive' },
  { short: 'y', long: 'side-by-side' },
  { short: 'p', long: 'show-c-function' },
  { short: 't', long: 'expand-tabs' },
  { short: 'T', long: 'initial-tab' },
  { long: 'color', arg: 'optional' },
  { long: 'label', arg: 'required' },
  { long: 'strip-trailing-cr' },
  { long: 'no-dereference' },
  { long: 'help' },
  { short: 'v', long: 'version' },
];

interface DiffOptions {
  unified: number | undefined;
  brief: boolean;
  reportSame: boolean;
  ignoreCase: boolean;
  ignoreAllSpace: boolean;
  ignoreSpaceChange: boolean;
  ignoreBlank: boolean;
  newFile: boolean;
  recursive: boolean;
  labels: string[];
}

interface Input {
  name: string;
  text: string;
  mtimeMs: number;
}

function lines(text: string): { items: string[]; noEol: boolean } {
  if (text === '') return { items: [], noEol: false };
  const noEol = !text.endsWith('\n');
  const items = (noEol ? text : text.slice(0, -1)).split('\n');
  return { items, noEol };
}

function normalizer(o: DiffOptions): (l: string) => string {
  return (l) => {
    let s = l;
    if (o.ignoreAllSpace) s = s.replace(/[ \t]+/g, '');
    else if (o.ignoreSpaceChange) s = s.replace(/[ \t]+/g, ' ').replace(/ $/, '');
    if (o.ignoreCase) s = s.toLowerCase();
    return s;
  };
}

const range = (start: number, count: number): string => (count <= 1 ? String(start) : `${start},${start + count - 1}`);

/** GNU's normal format: `2c2`, `4a5`, `3,4d2` with < and > lines. */
function normalFormat(a: Input, b: Input, o: DiffOptions): string {
  const la = lines(a.text);
  const lb = lines(b.text);
  // A last line without newline differs from the same text with one.
  const keyA = la.items.map((l, i) => (la.noEol && i === la.items.length - 1 ? `${l}\0` : l));
  const keyB = lb.items.map((l, i) => (lb.noEol && i === lb.items.length - 1 ? `${l}\0` : l));
  const norm = normalizer(o);
  const parts = diffArrays(keyA, keyB, { comparator: (x: string, y: string) => norm(x.replace(/\0$/, '')) === norm(y.replace(/\0$/, '')) && (x.endsWith('\0') === y.endsWith('\0') || o.ignoreAllSpace) });
  let out = '';
  let ia = 0;
  let ib = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (!part.added && !part.removed) {
      ia += part.count ?? part.value.length;
      ib += part.count ?? part.value.length;
      continue;
    }
    let removed = 0;
    let added = 0;
    while (p < parts.length && (parts[p]!.added || parts[p]!.removed)) {
      if (parts[p]!.removed) removed += parts[p]!.value.length;
      else added += parts[p]!.value.length;
      p++;
    }
    p--;
    const removedLines = la.items.slice(ia, ia + removed);
    const addedLines = lb.items.slice(ib, ib + added);
    if (o.ignoreBlank && [...removedLines, ...addedLines].every((l) => l.trim() === '')) {
      ia += removed;
      ib += added;
      continue;
    }
    const header = removed && added ? `${range(ia + 1, removed)}c${range(ib + 1, added)}` : removed ? `${range(ia + 1, removed)}d${ib}` : `${ia}a${range(ib + 1, added)}`;
    out += `${header}\n`;
    removedLines.forEach((l, k) => {
      out += `< ${l}\n`;
      if (la.noEol && ia + k === la.items.length - 1) out += '\\ No newline at end of file\n';
    });
    if (removed && added) out += '---\n';
    addedLines.forEach((l, k) => {
      out += `> ${l}\n`;
      if (lb.noEol && ib + k === lb.items.length - 1) out += '\\ No newline at end of file\n';
    });
    ia += removed;
    ib += added;
  }
  return out;
}

function unifiedFormat(a: Input, b: Input, o: DiffOptions): string {
  const norm = normalizer(o);
  const patch = structuredPatch(a.name, b.name, a.text, b.text, '', '', {
    context: o.unified ?? 3,
    ignoreWhitespace: o.ignoreAllSpace,
    ...(o.ignoreCase || o.ignoreSpaceChange ? { comparator: (x: string, y: string) => norm(x) === norm(y) } : {}),
  } as Parameters<typeof structuredPatch>[6] & object);
  if (patch.hunks.length === 0) return '';
  const labelA = o.labels[0] ?? `${a.name}\t${fullIso(a.mtimeMs)}`;
  const labelB = o.labels[1] ?? `${b.name}\t${fullIso(b.mtimeMs)}`;
  let out = `--- ${labelA}\n+++ ${labelB}\n`;
  const r = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start : start},${count}`);
  for (const h of patch.hunks) {
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out += `@@ -${r(Math.max(oldStart, 0), h.oldLines)} +${r(Math.max(newStart, 0), h.newLines)} @@\n`;
    for (const l of h.lines) out += `${l}\n`;
  }
  return out;
}

class Differ {
  status = 0;
  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: DiffOptions,
  ) {}

  private trouble(msg: string): void {
    this.ctx.stderr.write(`${progName(this.ctx)}: ${msg}\n`);
    this.status = 2;
  }

  read(name: string, allowMissing: boolean): { input?: Input; st?: Stat } {
    const ctx = this.ctx;
    if (name === '-') return { input: { name, text: ctx.stdin, mtimeMs: nowMs(ctx) } };
    const path = ctx.resolve(name);
    try {
      const st = ctx.host.fs.stat(path, ctx.cred);
      if (st.type === 'dir') return { st };
      return { input: { name, text: ctx.host.fs.readFile(path, ctx.cred), mtimeMs: st.mtimeMs }, st };
    } catch (e) {
      if (allowMissing) return { input: { name, text: '', mtimeMs: 0 } };
      this.trouble(`${name}: ${reasonOf(e)}`);
      return {};
    }
  }

  compareFiles(a: Input, b: Input, header?: string): void {
    const o = this.o;
    const same = a.text === b.text || (o.unified === undefined ? normalFormat(a, b, o) === '' : unifiedFormat(a, b, o) === '');
    if (same) {
      if (o.reportSame) this.ctx.stdout.write(`Files ${a.name} and ${b.name} are identical\n`);
      return;
    }
    this.status = Math.max(this.status, 1);
    if (o.brief) {
      this.ctx.stdout.write(`Files ${a.name} and ${b.name} differ\n`);
      return;
    }
    if (header) this.ctx.stdout.write(`${header}\n`);
    this.ctx.stdout.write(o.unified === undefined ? normalFormat(a, b, o) : unifiedFormat(a, b, o));
  }

  compareDirs(da: string, db: string, flags: string): void {
    const fs = this.ctx.host.fs;
    const ctx = this.ctx;
    const names = (d: string): string[] => {
      try {
        return fs.readdir(ctx.resolve(d), ctx.cred);
      } catch {
        return [];
      }
    };
    const na = new Set(names(da));
    const nb = new Set(names(db));
    for (const n of [...new Set([...na, ...nb])].sort()) {
      const pa = joinPath(da, n);
      const pb = joinPath(db, n);
      if (!na.has(n) || !nb.has(n)) {
        if (this.o.newFile) {
          const a = this.read(pa, true).input;
          const b = this.read(pb, true).input;
          if (a && b) this.compareFiles(a, b, `diff${flags} ${pa} ${pb}`);
          continue;
        }
        this.ctx.stdout.write(`Only in ${na.has(n) ? da : db}: ${n}\n`);
        this.status = Math.max(this.status, 1);
        continue;
      }
      const ra = this.read(pa, false);
      const rb = this.read(pb, false);
      const aDir = ra.st?.type === 'dir';
      const bDir = rb.st?.type === 'dir';
      if (aDir && bDir) {
        if (this.o.recursive) this.compareDirs(pa, pb, flags);
        else this.ctx.stdout.write(`Common subdirectories: ${pa} and ${pb}\n`);
      } else if (aDir || bDir) {
        this.ctx.stdout.write(`File ${aDir ? pa : pb} is a directory while file ${aDir ? pb : pa} is a regular file\n`);
        this.status = Math.max(this.status, 1);
      } else if (ra.input && rb.input) this.compareFiles(ra.input, rb.input, `diff${flags} ${pa} ${pb}`);
    }
  }
}

export function diff(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const r = getopt(prog, ctx.argv.slice(1), OPTIONS);
  if (!r.ok) {
    ctx.stderr.write(r.message);
    ctx.stderr.write(`${prog}: Try '${prog} --help' for more information.\n`);
    return 2;
  }
  const o: DiffOptions = { unified: undefined, brief: false, reportSame: false, ignoreCase: false, ignoreAllSpace: false, ignoreSpaceChange: false, ignoreBlank: false, newFile: false, recursive: false, labels: [] };
  const flags: string[] = [];
  for (const { key, value, spelled } of r.opts) {
    if (key === 'unified-default') o.unified = 3;
    else if (key === 'unified' || key === 'context' || key === 'context-default') o.unified = value !== undefined ? Number(value) : 3;
    else if (key === 'brief') o.brief = true;
    else if (key === 'report-identical-files') o.reportSame = true;
    else if (key === 'ignore-case') o.ignoreCase = true;
    else if (key === 'ignore-all-space') o.ignoreAllSpace = true;
    else if (key === 'ignore-space-change') o.ignoreSpaceChange = true;
    else if (key === 'ignore-blank-lines') o.ignoreBlank = true;
    else if (key === 'new-file') o.newFile = true;
    else if (key === 'recursive') o.recursive = true;
    else if (key === 'label') o.labels.push(value!);
    else if (key === 'version') {
      ctx.stdout.write('diff (GNU diffutils) 3.8\n');
      return 0;
    }
    if (key !== 'label' && spelled.startsWith('-') && !spelled.startsWith('--')) flags.push(spelled + (value ?? ''));
  }
  const ops = r.operands;
  if (ops.length < 2) {
    ctx.stderr.write(`${prog}: missing operand after '${ops[ops.length - 1] ?? prog}'\n${prog}: Try '${prog} --help' for more information.\n`);
    return 2;
  }
  if (ops.length > 2) {
    ctx.stderr.write(`${prog}: extra operand '${ops[2]}'\n${prog}: Try '${prog} --help' for more information.\n`);
    return 2;
  }
  const d = new Differ(ctx, o);
  let [na, nb] = ops as [string, string];
  const ra = d.read(na, o.newFile);
  const rb = d.read(nb, o.newFile);
  if (d.status === 2) return 2;
  const aDir = ra.st?.type === 'dir';
  const bDir = rb.st?.type === 'dir';
  if (aDir && bDir) {
    d.compareDirs(na, nb, flags.length ? ` ${flags.join(' ')}` : '');
    return d.status;
  }
  if (aDir || bDir) {
    // diff DIR FILE compares DIR/FILE with FILE.
    const base = (aDir ? nb : na).replace(/\/+$/, '').split('/').pop()!;
    if (aDir) na = joinPath(na, base);
    else nb = joinPath(nb, base);
    const a = aDir ? d.read(na, false).input : ra.input;
    const b = bDir ? d.read(nb, false).input : rb.input;
    if (!a || !b) return 2;
    d.compareFiles(a, b);
    return d.status;
  }
  d.compareFiles(ra.input!, rb.input!);
  return d.status;
}
