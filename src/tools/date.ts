/**
 * date (coreutils 9.1) on a UTC host: the virtual now, -d STRING, -r FILE, -u, -I[TIMESPEC],
 * -R, --rfc-3339, +FORMAT. Setting the clock is not allowed on a simulated host.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseDate, strftime } from './common/datetime.js';
import { nowMs, parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'd', long: 'date', arg: 'required' },
  { long: 'debug' },
  { short: 'f', long: 'file', arg: 'required' },
  { short: 'I', long: 'iso-8601', arg: 'optional' },
  { long: 'resolution' },
  { short: 'R', long: 'rfc-email' },
  { long: 'rfc-822', key: 'rfc-email' },
  { long: 'rfc-2822', key: 'rfc-email' },
  { long: 'rfc-3339', arg: 'required' },
  { short: 'r', long: 'reference', arg: 'required' },
  { short: 's', long: 'set', arg: 'required' },
  { short: 'u', long: 'utc' },
  { long: 'universal', key: 'utc' },
  { long: 'uct', key: 'utc' },
  { long: 'help' },
  { long: 'version' },
];

export const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

const ISO: Record<string, string> = {
  date: '%Y-%m-%d',
  hours: '%Y-%m-%dT%H%:z',
  minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z',
  ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};

const RFC3339: Record<string, string> = {
  date: '%Y-%m-%d',
  seconds: '%Y-%m-%d %H:%M:%S%:z',
  ns: '%Y-%m-%d %H:%M:%S.%N%:z',
};

function pick(table: Record<string, string>, value: string): string | undefined {
  const keys = Object.keys(table).filter((k) => k.startsWith(value));
  return keys.length === 1 ? table[keys[0]!] : table[value];
}

export function date(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let when = nowMs(ctx);
  let format: string | undefined;
  for (const { key, value } of parsed.opts) {
    switch (key) {
      case 'date': {
        const t = parseDate(value!, nowMs(ctx));
        if (t === undefined) {
          ctx.stderr.write(`${prog}: invalid date ${quote(value!)}\n`);
          return 1;
        }
        when = t;
        break;
      }
      case 'reference':
        try {
          when = ctx.host.fs.stat(ctx.resolve(value!), ctx.cred).mtimeMs;
        } catch (e) {
          ctx.stderr.write(`${prog}: ${value}: ${reasonOf(e)}\n`);
          return 1;
        }
        break;
      case 'iso-8601': {
        const f = pick(ISO, value ?? 'date');
        if (!f) {
          ctx.stderr.write(`${prog}: invalid argument ${quote(value!)} for ${quoteaf('--iso-8601')}\n`);
          return usageError(ctx, undefined);
        }
        format = f;
        break;
      }
      case 'rfc-email':
        format = '%a, %d %b %Y %H:%M:%S %z';
        break;
      case 'rfc-3339': {
        const f = pick(RFC3339, value!);
        if (!f) {
          ctx.stderr.write(`${prog}: invalid argument ${quote(value!)} for ${quoteaf('--rfc-3339')}\n`);
          return usageError(ctx, undefined);
        }
        format = f;
        break;
      }
      case 'set':
        ctx.stderr.write(`${prog}: cannot set date: Operation not permitted\n`);
        return 1;
    }
  }
  const ops = parsed.operands;
  if (ops.length > 1) return usageError(ctx, `extra operand ${quote(ops[1]!)}`);
  if (ops.length === 1) {
    const op = ops[0]!;
    if (!op.startsWith('+')) {
      if (!/^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/.test(op)) {
        ctx.stderr.write(`${prog}: invalid date ${quote(op)}\n`);
        return 1;
      }
      ctx.stderr.write(`${prog}: cannot set date: Operation not permitted\n`);
      ctx.stdout.write(`${strftime(DEFAULT_DATE_FORMAT, when)}\n`);
      return 1;
    }
    if (format !== undefined) {
      ctx.stderr.write(`${prog}: multiple output formats specified\n`);
      return 1;
    }
    format = op.slice(1);
  }
  ctx.stdout.write(`${strftime(format ?? DEFAULT_DATE_FORMAT, when)}\n`);
  return 0;
}
