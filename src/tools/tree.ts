/** tree (tree 2.1): the directory tree with box-drawing branches, -a, -d, -L LEVEL, -f, and the report line. */
import type { ProcessContext } from '../shell/types.js';
import { joinPath } from './common/fileinfo.js';

export function tree(ctx: ProcessContext): number {
  const args = ctx.argv.slice(1);
  let all = false;
  let dirsOnly = false;
  let fullPath = false;
  let maxLevel = Infinity;
  const roots: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-a') all = true;
    else if (a === '-d') dirsOnly = true;
    else if (a === '-f') fullPath = true;
    else if (a === '-L') {
      const n = Number(args[++i]);
      if (!(n > 0)) {
        ctx.stderr.write('tree: Invalid level, must be greater than 0.\n');
        return 1;
      }
      maxLevel = n;
    } else if (a.startsWith('-') && a !== '-') {
      ctx.stderr.write(`tree: Invalid argument \`${a}'.\nusage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n`);
      return 2;
    } else roots.push(a);
  }
  const fs = ctx.host.fs;
  let dirs = 0;
  let files = 0;
  let out = '';
  const walk = (path: string, shown: string, prefix: string, level: number): void => {
    let names: string[];
    try {
      names = fs.readdir(path, ctx.cred).filter((n) => all || !n.startsWith('.'));
    } catch {
      out += `${prefix}[error opening dir]\n`;
      return;
    }
    const entries = names
      .map((n) => {
        const p = joinPath(path, n);
        const l = fs.lstat(p, ctx.cred);
        const isDir = l.type === 'dir' || (l.type === 'symlink' && fs.isDir(p, ctx.cred));
        return { n, p, l, isDir };
      })
      .filter((e) => !dirsOnly || e.isDir);
    entries.forEach((e, i) => {
      const last = i === entries.length - 1;
      let label = fullPath ? joinPath(shown, e.n) : e.n;
      if (e.l.type === 'symlink') label += ` -> ${fs.readlink(e.p, ctx.cred)}`;
      out += `${prefix}${last ? '└── ' : '├── '}${label}\n`;
      if (e.isDir) dirs++;
      else files++;
      if (e.l.type === 'dir' && level < maxLevel) walk(e.p, joinPath(shown, e.n), prefix + (last ? '    ' : '│   '), level + 1);
    });
  };
  for (const root of roots.length ? roots : ['.']) {
    const path = ctx.resolve(root);
    if (!fs.isDir(path, ctx.cred)) {
      out += `${root}  [error opening dir]\n`;
      continue;
    }
    out += `${root}\n`;
    walk(path, root, '', 1);
  }
  const dirText = `${dirs} ${dirs === 1 ? 'directory' : 'directories'}`;
  const fileText = `${files} ${files === 1 ? 'file' : 'files'}`;
  out += `\n${dirText}${dirsOnly ? '' : `, ${fileText}`}\n`;
  ctx.stdout.write(out);
  return 0;
}
