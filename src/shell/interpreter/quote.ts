/** Quoting the way bash prints values back: `alias`, `${x@Q}`, `printf %q`, `export -p`. */

/** 'it'\''s': what `alias` and `${x@Q}` print. */
export function singleQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export const quoteForShell = singleQuote;

const BACKSLASHED = new Set([...' \'"\\|&;()<>!{}*[?]^$`,']);

/** printf %q: backslashes, or $'...' when the text has control characters. */
export function printfQuote(value: string): string {
  if (value === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(value)) return ansiC(value);
  let out = '';
  [...value].forEach((c, i) => {
    const prev = value[i - 1];
    if (BACKSLASHED.has(c)) out += '\\' + c;
    else if (c === '~' && (i === 0 || prev === '=' || prev === ':')) out += '\\~';
    else if (c === '#' && i === 0) out += '\\#';
    else out += c;
  });
  return out;
}

const ANSI_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x1b': '\\E', "'": "\\'", '\\': '\\\\' };

function ansiC(value: string): string {
  let out = "$'";
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (ANSI_ESCAPES[c] !== undefined) out += ANSI_ESCAPES[c];
    else if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(8).padStart(3, '0');
    else out += c;
  }
  return out + "'";
}

/** The value part of `declare -x NAME="value"`. */
export function doubleQuote(value: string): string {
  return `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
}
