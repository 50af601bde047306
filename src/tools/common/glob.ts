/**
 * fnmatch(3) without FNM_PERIOD or FNM_PATHNAME, as find -name and grep --include use it:
 * `*`, `?`, bracket expressions with `!` or `^` negation and POSIX classes, `\` escapes.
 */

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}

/** Parses a bracket at p[i] === '['; returns the class and the index after it, or null if unclosed. */
function bracket(p: string, i: number): { cls: string; next: number } | null {
  let j = i + 1;
  let negate = false;
  if (p[j] === '!' || p[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < p.length && (p[j] !== ']' || first)) {
    first = false;
    if (p[j] === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j + 2);
      if (end < 0) return null;
      body += CLASSES[p.slice(j + 2, end)] ?? '';
      j = end + 2;
      continue;
    }
    let c = p[j]!;
    if (c === '\\' && j + 1 < p.length) c = p[++j]!;
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      body += `${escapeClassChar(c)}-${escapeClassChar(p[j + 2]!)}`;
      j += 3;
      continue;
    }
    body += escapeClassChar(c);
    j++;
  }
  if (j >= p.length) return null;
  return { cls: `[${negate ? '^' : ''}${body}]`, next: j + 1 };
}

/** Translates a glob to an anchored RegExp. */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; ) {
    const c = glob[i]!;
    if (c === '*') {
      src += '.*';
      i++;
    } else if (c === '?') {
      src += '.';
      i++;
    } else if (c === '[') {
      const b = bracket(glob, i);
      if (b) {
        src += b.cls;
        i = b.next;
      } else {
        src += '\\[';
        i++;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      src += escapeChar(glob[i + 1]!);
      i += 2;
    } else {
      src += escapeChar(c);
      i++;
    }
  }
  try {
    return new RegExp(`^${src}$`, ignoreCase ? 'isu' : 'su');
  } catch {
    return /(?!)/;
  }
}

export function fnmatch(glob: string, name: string, ignoreCase = false): boolean {
  return globToRegExp(glob, ignoreCase).test(name);
}
