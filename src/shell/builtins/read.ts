/**
 * read: one line from stdin (consumed, so `while read l` walks a file), split on IFS into the
 * names with the rest in the last; `-r` keeps backslashes, `-p` prompts on stderr. Returns 1 at
 * end of input, still assigning a last line that had no newline.
 */
import type { Builtin } from '../interpreter/runtime.js';
import { NAME_RE, parseOptions } from './options.js';

export const read: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, {
      flags: 'ers',
      withValue: 'adinNpt',
      usage: 'read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]',
    });
    if (!opts) return 2;
    const names = opts.operands.length > 0 ? opts.operands : ['REPLY'];
    for (const n of names) {
      if (!NAME_RE.test(n)) {
        ctx.error(`\`${n}': not a valid identifier`);
        return 1;
      }
    }
    if (opts.values.has('p')) ctx.stderr.write(opts.values.get('p')!);
    const got = readRecord(ctx.input, opts.flags.has('r'), opts.values.get('d'), opts.values.get('n') ?? opts.values.get('N'));
    if (got === undefined) {
      for (const n of names) ctx.shell.set(n, '');
      return 1;
    }
    const ifs = ctx.shell.isSet('IFS') ? (ctx.shell.get('IFS') ?? '') : ' \t\n';
    if (opts.values.has('a')) ctx.shell.set(opts.values.get('a')!, splitFields(got.text, ifs, Infinity).join(' '));
    else if (opts.operands.length === 0) ctx.shell.set('REPLY', got.text);
    else {
      const values = splitFields(got.text, ifs, names.length);
      names.forEach((n, i) => ctx.shell.set(n, values[i] ?? ''));
    }
    return got.complete ? 0 : 1;
  },
};

function readRecord(
  input: import('../interpreter/io.js').Input,
  raw: boolean,
  delimiter: string | undefined,
  count: string | undefined,
): { text: string; complete: boolean } | undefined {
  if (count !== undefined || delimiter !== undefined) {
    const rest = input.rest();
    if (rest === '') return undefined;
    if (count !== undefined) return { text: input.take(Math.max(0, Number(count) || 0)), complete: true };
    const end = rest.indexOf(delimiter === '' ? '\0' : delimiter![0]!);
    const text = input.take(end < 0 ? rest.length : end + 1);
    return { text: end < 0 ? text : text.slice(0, -1), complete: end >= 0 };
  }
  let text = '';
  for (;;) {
    const line = input.readLine();
    if (!line) return text === '' ? undefined : { text, complete: false };
    if (!raw && /(^|[^\\])(\\\\)*\\$/.test(line.line) && line.complete) {
      text += line.line.slice(0, -1);
      continue;
    }
    text += line.line;
    return { text: raw ? text : text.replace(/\\(.)/g, '$1'), complete: line.complete };
  }
}

/** IFS splitting for read: the last name takes the rest of the line, trimmed of IFS whitespace. */
function splitFields(text: string, ifs: string, count: number): string[] {
  const ws = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isWs = (c: string): boolean => ws.includes(c);
  const isSep = (c: string): boolean => ifs.includes(c);
  let s = text;
  while (s && isWs(s[0]!)) s = s.slice(1);
  const out: string[] = [];
  while (out.length < count - 1 && s !== '') {
    let i = 0;
    while (i < s.length && !isSep(s[i]!)) i++;
    out.push(s.slice(0, i));
    s = s.slice(i);
    while (s && isWs(s[0]!)) s = s.slice(1);
    if (s && isSep(s[0]!) && !isWs(s[0]!)) {
      s = s.slice(1);
      while (s && isWs(s[0]!)) s = s.slice(1);
    }
  }
  while (s && isWs(s[s.length - 1]!)) s = s.slice(0, -1);
  if (s !== '' || out.length < count) out.push(s);
  return out;
}
