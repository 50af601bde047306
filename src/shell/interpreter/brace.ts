/**
 * Brace expansion: `{a,b}` lists (nested) and `{1..10}`, `{01..10..2}`, `{a..e}` sequences. It
 * runs before every other expansion and only on text, as bash does.
 */

/** The words a brace expression stands for, or undefined when the text is not one (`{x}`). */
export function braceAlternatives(text: string): string[] | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const inner = text.slice(1, -1);
  const items = splitTopLevel(inner);
  if (items.length > 1) {
    const out = items.flatMap(expandBraceText);
    return out.length > MAX_SEQUENCE ? undefined : out;
  }
  return sequence(inner);
}

/** Expands every brace expression in a text (used for the alternatives themselves). */
export function expandBraceText(text: string): string[] {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== '{') continue;
    const close = matchingBrace(text, i);
    if (close < 0) continue;
    const alternatives = braceAlternatives(text.slice(i, close + 1));
    if (!alternatives) continue;
    const prefix = text.slice(0, i);
    const suffixes = expandBraceText(text.slice(close + 1));
    if (alternatives.length * suffixes.length > MAX_SEQUENCE) return [text];
    return alternatives.flatMap((a) => suffixes.map((s) => prefix + a + s));
  }
  return [text];
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) {
      cur += c + inner[++i];
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const MAX_SEQUENCE = 100_000;

function sequence(inner: string): string[] | undefined {
  const num = /^([-+]?\d+)\.\.([-+]?\d+)(?:\.\.([-+]?\d+))?$/.exec(inner);
  if (num) {
    const [a, b] = [Number(num[1]), Number(num[2])];
    const step = Math.abs(Number(num[3] ?? 1)) || 1;
    const width = /^[-+]?0\d/.test(num[1]!) || /^[-+]?0\d/.test(num[2]!) ? Math.max(num[1]!.length, num[2]!.length) : 0;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
      out.push(pad(v, width));
      if (out.length > MAX_SEQUENCE) break;
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([-+]?\d+))?$/.exec(inner);
  if (chr) {
    const [a, b] = [chr[1]!.charCodeAt(0), chr[2]!.charCodeAt(0)];
    const step = Math.abs(Number(chr[3] ?? 1)) || 1;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}

function pad(v: number, width: number): string {
  const s = String(Math.abs(v)).padStart(v < 0 ? width - 1 : width, '0');
  return v < 0 ? '-' + s : s;
}
