/** uniq (coreutils 9.1): -c -d -D -u -i -f N -s N -w N, with INPUT and OUTPUT operands. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf, usageError } from './common/io.js';
import { quote, quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'count' },
  { short: 'd', long: 'repeated' },
  { short: 'D', key: 'all-repeated' },
  { long: 'all-repeated', arg: 'optional' },
  { short: 'f', long: 'skip-fields', arg: 'required' },
  { long: 'group', arg: 'optional' },
  { short: 'i', long: 'ignore-case' },
  { short: 's', long: 'skip-chars', arg: 'required' },
  { short: 'u', long: 'unique' },
  { short: 'z', long: 'zero-terminated' },
  { short: 'w', long: 'check-chars', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

export function uniq(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let count = false;
  let repeated = false;
  let allRepeated = false;
  let unique = false;
  let fold = false;
  let skipFields = 0;
  let skipChars = 0;
  let checkChars = Infinity;
  let eol = '\n';
  for (const { key, value } of parsed.opts) {
    const num = (what: string): number | undefined => {
      if (!/^\d+$/.test(value!)) {
        ctx.stderr.write(`${prog}: ${value}: invalid number of ${what}\n`);
        return undefined;
      }
      return Number(value);
    };
    if (key === 'count') count = true;
    else if (key === 'repeated') repeated = true;
    else if (key === 'all-repeated') allRepeated = true;
    else if (key === 'unique') unique = true;
    else if (key === 'ignore-case') fold = true;
    else if (key === 'zero-terminated') eol = '\0';
    else if (key === 'skip-fields') {
      const n = num('fields to skip');
      if (n === undefined) return 1;
      skipFields = n;
    } else if (key === 'skip-chars') {
      const n = num('bytes to skip');
      if (n === undefined) return 1;
      skipChars = n;
    } else if (key === 'check-chars') {
      const n = num('bytes to compare');
      if (n === undefined) return 1;
      checkChars = n;
    }
  }
  if (parsed.operands.length > 2) return usageError(ctx, `extra operand ${quote(parsed.operands[2]!)}`);
  if (allRepeated && count) {
    ctx.stderr.write(`${prog}: printing all duplicated lines and repeat counts is meaningless\n`);
    return usageError(ctx, undefined);
  }
  const input = parsed.operands[0] ?? '-';
  const r = readOperand(ctx, input);
  if (!r.ok) {
    ctx.stderr.write(`${prog}: ${quotef(input)}: ${reasonOf(r.error)}\n`);
    return 1;
  }
  const text = r.text;
  const body = text.endsWith(eol) ? text.slice(0, -1) : text;
  const lines = text === '' ? [] : body.split(eol);
  const keyOf = (l: string): string => {
    let s = l;
    for (let f = 0; f < skipFields; f++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars).slice(0, checkChars === Infinity ? undefined : checkChars);
    return fold ? s.toLowerCase() : s;
  };
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    const k = keyOf(lines[i]!);
    while (j < lines.length && keyOf(lines[j]!) === k) j++;
    const n = j - i;
    if (allRepeated) {
      if (n > 1) for (let x = i; x < j; x++) out += lines[x] + eol;
    } else if (!(repeated && n < 2) && !(unique && n > 1)) {
      out += (count ? `${String(n).padStart(7)} ` : '') + lines[i] + eol;
    }
    i = j;
  }
  const output = parsed.operands[1];
  if (output !== undefined && output !== '-') {
    try {
      ctx.host.fs.writeFile(ctx.resolve(output), out, {}, ctx.cred);
    } catch (e) {
      ctx.stderr.write(`${prog}: ${quotef(output)}: ${reasonOf(e)}\n`);
      return 1;
    }
    return 0;
  }
  ctx.stdout.write(out);
  return 0;
}
