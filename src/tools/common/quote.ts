/**
 * gnulib quotearg styles, as the tools use them in messages under LANG=C.UTF-8:
 * - quotef (shell-escape): `cat: a@b: ...`, `cat: 'a b': ...` — quotes only when needed;
 * - quoteaf (shell-escape-always): `ls: cannot access 'x': ...` — always quotes;
 * - quote (locale): `mkdir: cannot create directory ‘x’: ...` — UTF-8 curly quotes.
 * Under LANG=C the locale style would print 'x' with straight quotes; kubedrill's hosts run
 * C.UTF-8, as Debian and Ubuntu cloud images do, so the curly form is the one users see.
 */

const SHELL_SPECIAL = new Set([...' \t!"$&\'()*;<=>?[\\]^`|'].filter((c) => c !== ']'));

function needsShellQuoting(s: string): boolean {
  if (s === '') return true;
  if (s[0] === '#' || s[0] === '~') return true;
  for (const c of s) {
    if (SHELL_SPECIAL.has(c) || isControl(c)) return true;
  }
  return false;
}

function isControl(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}

const C_ESCAPES: Record<string, string> = { '\n': 'n', '\t': 't', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v', '\x07': 'a' };

function dollarQuoted(c: string): string {
  const e = C_ESCAPES[c];
  if (e) return `$'\\${e}'`;
  return `$'\\${c.codePointAt(0)!.toString(8).padStart(3, '0')}'`;
}

function shellQuote(s: string): string {
  const hasControl = [...s].some(isControl);
  // A single quote alone, with nothing double quotes would expand: "it's".
  if (s.includes("'") && !hasControl && !/[$`"\\!]/.test(s)) return `"${s}"`;
  let out = "'";
  for (const c of s) {
    if (c === "'") out += "'\\''";
    else if (isControl(c)) out += `'${dollarQuoted(c)}'`;
    else out += c;
  }
  out += "'";
  // 'a'$'\n''b' keeps its empty pieces out: GNU elides a trailing '' after $'..'.
  return out.replace(/^''(?=\$')/, '').replace(/(\$'[^']*')''$/, '$1');
}

/** shell-escape quoting: as is when safe, else quoted (cat, grep, wc, sed file names). */
export function quotef(s: string): string {
  return needsShellQuoting(s) ? shellQuote(s) : s;
}

/** shell-escape-always quoting (ls, cp, mv, rm, chmod, stat, head, tail). */
export function quoteaf(s: string): string {
  return needsShellQuoting(s) ? shellQuote(s) : `'${s}'`;
}

/** locale quoting in a UTF-8 locale (mkdir, find, touch's "setting times", ...). */
export function quote(s: string): string {
  let out = '';
  for (const c of s) {
    if (c === '\\') out += '\\\\';
    else if (isControl(c)) out += C_ESCAPES[c] ? `\\${C_ESCAPES[c]}` : `\\${c.codePointAt(0)!.toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return `‘${out}’`;
}
