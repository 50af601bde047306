/** base64 (coreutils 9.1): encode with 76-column lines (-w N, -w 0), decode with -d (-i ignores garbage). */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf, usageError } from './common/io.js';
import { quote, quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'd', long: 'decode' },
  { short: 'i', long: 'ignore-garbage' },
  { short: 'w', long: 'wrap', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * GNU's decoder: bytes come out as soon as their bits are in, so invalid input still yields
 * what was decoded before it; '=' may only complete a group; newlines are skipped.
 */
export function decodeBase64(text: string, ignoreGarbage: boolean): { bytes: Buffer; ok: boolean } {
  const out: number[] = [];
  let group: number[] = [];
  let pad = 0;
  const done = (ok: boolean): { bytes: Buffer; ok: boolean } => ({ bytes: Buffer.from(out), ok });
  for (const c of text) {
    if (c === '\n') continue;
    if (c === '=') {
      if (group.length < 2) {
        if (ignoreGarbage) continue;
        return done(false);
      }
      pad++;
      if (group.length + pad === 4) {
        group = [];
        pad = 0;
      }
      continue;
    }
    const v = DIGITS.indexOf(c);
    if (v < 0 || pad > 0) {
      if (ignoreGarbage && v < 0) continue;
      return done(false);
    }
    group.push(v);
    const n = group.length;
    if (n === 2) out.push((group[0]! << 2) | (group[1]! >> 4));
    if (n === 3) out.push(((group[1]! & 15) << 4) | (group[2]! >> 2));
    if (n === 4) {
      out.push(((group[2]! & 3) << 6) | group[3]!);
      group = [];
    }
  }
  return done(group.length === 0 && pad === 0);
}

export function base64(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let decode = false;
  let ignore = false;
  let wrap = 76;
  for (const { key, value } of parsed.opts) {
    if (key === 'decode') decode = true;
    else if (key === 'ignore-garbage') ignore = true;
    else if (key === 'wrap') {
      if (!/^\d+$/.test(value!)) {
        ctx.stderr.write(`${prog}: invalid wrap size: ${quote(value!)}\n`);
        return 1;
      }
      wrap = Number(value);
    }
  }
  if (parsed.operands.length > 1) return usageError(ctx, `extra operand ${quote(parsed.operands[1]!)}`);
  const name = parsed.operands[0] ?? '-';
  const r = readOperand(ctx, name);
  if (!r.ok) {
    ctx.stderr.write(`${prog}: ${quotef(name)}: ${reasonOf(r.error)}\n`);
    return 1;
  }
  if (decode) {
    const d = decodeBase64(r.text, ignore);
    ctx.stdout.write(d.bytes.toString('utf8'));
    if (!d.ok) {
      ctx.stderr.write(`${prog}: invalid input\n`);
      return 1;
    }
    return 0;
  }
  const encoded = Buffer.from(r.text, 'utf8').toString('base64');
  if (encoded === '') return 0;
  const lines = wrap === 0 ? [encoded] : (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []);
  ctx.stdout.write(wrap === 0 ? encoded : lines.join('\n') + '\n');
  return 0;
}
