/**
 * bash patterns: `*`, `?` and bracket expressions, used for pathname expansion (against the host's
 * VirtualFS), `case`, `[[ == ]]` and `${x#pattern}`. A pattern is a string in which a backslash
 * makes the next character literal, so quoted text can be embedded safely (escapeGlob).
 */
import type { Cred, VirtualFS } from '../../vfs/fs.js';
import { normalizePath } from '../../vfs/fs.js';

export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Removes the backslashes of a pattern that matched nothing (bash then keeps the word as typed, unquoted). */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

export function hasGlobMeta(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** Index of the `]` closing the bracket expression opened at `start`, or -1. */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

function bracketToRegExp(body: string): string {
  let out = '';
  let i = 0;
  let negate = false;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const cls = CLASSES[body.slice(i + 2, close)];
      if (close > 0 && cls !== undefined) {
        out += cls;
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) {
      out += classLiteral(body[++i]!);
    } else if (c === '-' && out !== '' && i + 1 < body.length) {
      out += '-';
    } else {
      out += classLiteral(c);
    }
  }
  return `[${negate ? '^' : ''}${out}]`;
}

function classLiteral(c: string): string {
  return /[\\\]^\-[]/.test(c) ? '\\' + c : c;
}

/** The regular expression source for a pattern; in a path segment `*` and `?` do not cross `/`. */
export function patternSource(pattern: string, pathSegment = false): string {
  const any = pathSegment ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]!);
    else if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) out += '\\[';
      else {
        out += bracketToRegExp(pattern.slice(i + 1, end));
        i = end;
      }
    } else out += escapeRegExp(c);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles a pattern; a bracket bash accepts but JS rejects (`[z-a]`) falls back to literal text. */
export function patternRegExp(pattern: string, pathSegment = false): RegExp {
  try {
    return new RegExp(`^${patternSource(pattern, pathSegment)}$`, 'u');
  } catch {
    return new RegExp(`^${escapeRegExp(unescapeGlob(pattern))}$`, 'u');
  }
}

export function matchPattern(pattern: string, text: string): boolean {
  return patternRegExp(pattern).test(text);
}

/**
 * Pathname expansion: the matching paths, sorted, in the form the pattern was written (relative
 * stays relative). Empty when nothing matches, so the caller keeps the word as it was.
 */
export function expandPathname(pattern: string, fs: VirtualFS, cwd: string, cred: Cred): string[] {
  const segments = splitSegments(pattern);
  const absolute = pattern.startsWith('/');
  let candidates: string[] = [absolute ? '/' : ''];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const base of candidates) {
      if (segment === '') {
        if (!last) next.push(base);
        else next.push(join(base, ''));
        continue;
      }
      if (!hasGlobMeta(segment)) {
        next.push(join(base, unescapeGlob(segment)));
        continue;
      }
      const dir = normalizePath(base === '' ? '.' : base, cwd);
      let names: string[];
      try {
        names = fs.readdir(dir, cred);
      } catch {
        continue;
      }
      const re = patternRegExp(segment, true);
      const dotOk = segment.startsWith('.') || segment.startsWith('\\.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (re.test(name)) next.push(join(base, name));
      }
    }
    candidates = next;
  });
  const trailingSlash = pattern.endsWith('/');
  return candidates
    .filter((p) => {
      const abs = normalizePath(p, cwd);
      return trailingSlash ? fs.isDir(abs, cred) : fs.exists(abs, cred) || isSymlink(fs, abs, cred);
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isSymlink(fs: VirtualFS, path: string, cred: Cred): boolean {
  try {
    return fs.lstat(path, cred).type === 'symlink';
  } catch {
    return false;
  }
}

function join(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

/** Splits on `/` that is not escaped; a leading `/` gives no empty first segment. */
function splitSegments(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = pattern.startsWith('/') ? 1 : 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      cur += c + pattern[++i];
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
