/** cat: concatenate files (coreutils 9.1), with -n -b -s -E -T -v -A -e -t. */
import type { ProcessContext } from '../shell/types.js';
import { fileError, parseArgs, readOperand } from './common/io.js';
import type { OptDef } from './common/getopt.js';
import { quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'A', long: 'show-all' },
  { short: 'b', long: 'number-nonblank' },
  { short: 'e' },
  { short: 'E', long: 'show-ends' },
  { short: 'n', long: 'number' },
  { short: 's', long: 'squeeze-blank' },
  { short: 't' },
  { short: 'T', long: 'show-tabs' },
  { short: 'u' },
  { short: 'v', long: 'show-nonprinting' },
  { long: 'help' },
  { long: 'version' },
];

interface CatOptions {
  number: boolean;
  numberNonblank: boolean;
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
}

/** cat -v notation: ^X for controls, M- for bytes >= 128 (applied to the UTF-8 bytes). */
export function showNonprinting(s: string, tabs: boolean): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    let b = byte;
    let prefix = '';
    if (b >= 128) {
      prefix = 'M-';
      b -= 128;
    }
    if (b === 9 && !tabs && prefix === '') out += '\t';
    else if (b === 10 && prefix === '') out += '\n';
    else if (b < 32) out += `${prefix}^${String.fromCharCode(b + 64)}`;
    else if (b === 127) out += `${prefix}^?`;
    else out += prefix + String.fromCharCode(b);
  }
  return out;
}

/** Carries line numbering and blank squeezing across files, as GNU cat does. */
class CatState {
  lineNo = 0;
  atLineStart = true;
  prevBlank = false;
  constructor(private readonly o: CatOptions) {}

  render(text: string): string {
    const o = this.o;
    const plain = !o.number && !o.numberNonblank && !o.squeeze && !o.ends && !o.tabs && !o.nonprinting;
    if (plain) return text;
    let out = '';
    const pieces = text.split('\n');
    for (let k = 0; k < pieces.length; k++) {
      const last = k === pieces.length - 1;
      const line = pieces[k]!;
      if (last && line === '') break;
      const startsLine = this.atLineStart;
      const blank = startsLine && line === '' && !last;
      if (blank && o.squeeze && this.prevBlank) continue;
      if (startsLine) this.prevBlank = blank;
      if (startsLine && (o.numberNonblank ? !blank : o.number)) out += `${String(++this.lineNo).padStart(6)}\t`;
      let body = o.nonprinting ? showNonprinting(line, o.tabs) : line;
      if (o.tabs && !o.nonprinting) body = body.replace(/\t/g, '^I');
      out += body;
      if (!last) {
        out += o.ends ? '$\n' : '\n';
        this.atLineStart = true;
      } else {
        this.atLineStart = false;
      }
    }
    return out;
  }
}

export function cat(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const o: CatOptions = { number: false, numberNonblank: false, squeeze: false, ends: false, tabs: false, nonprinting: false };
  for (const { key } of parsed.opts) {
    if (key === 'show-all') Object.assign(o, { nonprinting: true, ends: true, tabs: true });
    else if (key === 'number-nonblank') o.numberNonblank = true;
    else if (key === 'e') Object.assign(o, { nonprinting: true, ends: true });
    else if (key === 'show-ends') o.ends = true;
    else if (key === 'number') o.number = true;
    else if (key === 'squeeze-blank') o.squeeze = true;
    else if (key === 't') Object.assign(o, { nonprinting: true, tabs: true });
    else if (key === 'show-tabs') o.tabs = true;
    else if (key === 'show-nonprinting') o.nonprinting = true;
  }
  const state = new CatState(o);
  let status = 0;
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  for (const name of operands) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      fileError(ctx, quotef(name), r.error);
      status = 1;
      continue;
    }
    ctx.stdout.write(state.render(r.text));
  }
  return status;
}
