/** md5sum, sha1sum, sha256sum, sha512sum (coreutils 9.1): digests of files or stdin, and -c checking. */
import { createHash } from 'node:crypto';
import type { Program, ProcessContext } from '../shell/types.js';
import { parseArgs, progName, readOperand, reasonOf } from './common/io.js';

function sum(algorithm: string, bits: number): Program {
  const hexLength = bits / 4;
  return (ctx: ProcessContext): number => {
    const prog = progName(ctx);
    const parsed = parseArgs(ctx, [
      { short: 'b', long: 'binary' },
      { short: 'c', long: 'check' },
      { long: 'tag' },
      { short: 't', long: 'text' },
      { short: 'z', long: 'zero' },
      { long: 'ignore-missing' },
      { long: 'quiet' },
      { long: 'status' },
      { long: 'strict' },
      { short: 'w', long: 'warn' },
      { long: 'help' },
      { long: 'version' },
    ]);
    if (typeof parsed === 'number') return parsed;
    const keys = new Set(parsed.opts.map((o) => o.key));
    const digest = (text: string): string => createHash(algorithm).update(Buffer.from(text, 'utf8')).digest('hex');
    let status = 0;
    const names = parsed.operands.length ? parsed.operands : ['-'];
    if (keys.has('check')) {
      let failed = 0;
      for (const list of names) {
        const r = readOperand(ctx, list);
        if (!r.ok) {
          ctx.stderr.write(`${prog}: ${list}: ${reasonOf(r.error)}\n`);
          status = 1;
          continue;
        }
        for (const line of r.text.split('\n').filter(Boolean)) {
          const m = new RegExp(`^([0-9a-fA-F]{${hexLength}}) [ *](.*)$`).exec(line);
          if (!m) continue;
          const f = readOperand(ctx, m[2]!);
          if (!f.ok) {
            ctx.stdout.write(`${m[2]}: FAILED open or read\n`);
            ctx.stderr.write(`${prog}: ${m[2]}: ${reasonOf(f.error)}\n`);
            failed++;
            continue;
          }
          const ok = digest(f.text) === m[1]!.toLowerCase();
          if (!ok) failed++;
          if (!keys.has('status') && (!ok || !keys.has('quiet'))) ctx.stdout.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
        }
      }
      if (failed) {
        if (!keys.has('status')) ctx.stderr.write(`${prog}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
        status = 1;
      }
      return status;
    }
    for (const name of names) {
      const r = readOperand(ctx, name);
      if (!r.ok) {
        ctx.stderr.write(`${prog}: ${name}: ${reasonOf(r.error)}\n`);
        status = 1;
        continue;
      }
      const d = digest(r.text);
      if (keys.has('tag')) ctx.stdout.write(`${algorithm.toUpperCase()} (${name}) = ${d}\n`);
      else ctx.stdout.write(`${d}  ${name}\n`);
    }
    return status;
  };
}

export const md5sum = sum('md5', 128);
export const sha1sum = sum('sha1', 160);
export const sha256sum = sum('sha256', 256);
export const sha512sum = sum('sha512', 512);
