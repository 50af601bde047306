/**
 * Parameter expansion: `$x`, `${x}`, special parameters (`$?`, `$$`, `$#`, `$@`, `$0`, `$1`...),
 * and the `${...}` operators bash users reach for: `:-` `:=` `:+` `:?`, `#`/`%` removal,
 * `/` replacement, `:offset:length`, `^^`/`,,` case, `${#x}` length, `${!x}` indirection.
 */
import type { ParameterExpansionPart, ParameterOperation, SimpleExpansionPart } from 'unbash';
import { ArithmeticError, valueOf } from './arithmetic.js';
import { arithmeticScope, expandPattern, expandString } from './expand.js';
import { patternRegExp, patternSource } from './glob.js';
import type { Exec } from './runtime.js';
import { CommandAbort } from './signals.js';
import { quoteForShell } from './quote.js';

/** A string, or a list for `$@` / `$*` (the caller joins or splits it by context). */
export type ParameterValue = string | string[];

export async function expandParameter(part: SimpleExpansionPart | ParameterExpansionPart, exec: Exec, quoted: boolean): Promise<ParameterValue> {
  if (part.type === 'SimpleExpansion') return lookupList(part.text.slice(1), exec, quoted) ?? '';
  const name = part.parameter;
  if (part.prefix === '#' && !part.operation) return String(lengthOf(name, exec));
  if (part.prefix === '!' && part.operation?.type === 'Names') {
    return [...exec.sh.vars.keys()].filter((k) => k.startsWith(name)).sort().join(' ');
  }
  if (name === '' || part.operation?.type === 'Unknown') return badSubstitution(part, exec);
  let value = part.prefix === '!' ? indirect(name, exec) : lookupList(name, exec, quoted);
  if (!part.operation) return value ?? '';
  if (Array.isArray(value)) value = value.join(' ');
  return operate(part, part.operation, name, value, exec);
}

function badSubstitution(part: ParameterExpansionPart, exec: Exec): never {
  exec.io.stderr.write(`bash: ${part.text}: bad substitution\n`);
  throw new CommandAbort(1);
}

function indirect(name: string, exec: Exec): string | undefined {
  const target = lookup(name, exec);
  return target === undefined || target === '' ? undefined : lookup(target, exec);
}

function lengthOf(name: string, exec: Exec): number {
  if (name === '@' || name === '*' || name === '#') return name === '#' ? String(exec.sh.positional.length).length : exec.sh.positional.length;
  return [...(lookup(name, exec) ?? '')].length;
}

function lookupList(name: string, exec: Exec, quoted: boolean): ParameterValue | undefined {
  if (name === '@') return [...exec.sh.positional];
  if (name === '*') {
    const ifs = exec.sh.isSet('IFS') ? (exec.sh.get('IFS') ?? '') : ' ';
    return quoted ? exec.sh.positional.join(ifs.slice(0, 1)) : [...exec.sh.positional];
  }
  return lookup(name, exec);
}

/** A parameter's value, or undefined when it is unset. */
export function lookup(name: string, exec: Exec): string | undefined {
  const sh = exec.sh;
  switch (name) {
    case '?':
      return String(sh.lastStatus);
    case '$':
      return String(sh.pid);
    case '#':
      return String(sh.positional.length);
    case '0':
      return sh.arg0;
    case '-':
      return sh.interactive ? 'himBHs' : 'hB';
    case '!':
      return undefined;
    case '@':
    case '*':
      return sh.positional.join(' ');
    case 'RANDOM':
      return String(sh.random());
  }
  if (/^[1-9][0-9]*$/.test(name)) return sh.positional[Number(name) - 1];
  return sh.isSet(name) ? sh.get(name) : undefined;
}

async function operate(part: ParameterExpansionPart, op: ParameterOperation, name: string, value: string | undefined, exec: Exec): Promise<string> {
  switch (op.type) {
    case 'Default':
      return defaultOperation(op.operator, op.operand, name, value, exec);
    case 'Remove':
      return remove(value ?? '', op.operator, await expandPattern(op.operand, exec));
    case 'Replace':
      return replace(value ?? '', op.operator, await expandPattern(op.pattern, exec), await expandString(op.replacement, exec));
    case 'Slice':
      return slice(part, value ?? '', op.offset, op.length, exec);
    case 'CaseModification':
      return changeCase(value ?? '', op.operator);
    case 'Transform':
      return transform(value, op.operand.value, part, exec);
    default:
      return badSubstitution(part, exec);
  }
}

async function defaultOperation(
  operator: string,
  operand: import('unbash').Word,
  name: string,
  value: string | undefined,
  exec: Exec,
): Promise<string> {
  const colon = operator.startsWith(':');
  const missing = value === undefined || (colon && value === '');
  switch (operator.replace(':', '')) {
    case '-':
      return missing ? expandString(operand, exec) : value!;
    case '=': {
      if (!missing) return value!;
      const v = await expandString(operand, exec);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        exec.io.stderr.write(`bash: $${name}: cannot assign in this way\n`);
        throw new CommandAbort(1);
      }
      exec.sh.set(name, v);
      return v;
    }
    case '+':
      return missing ? '' : expandString(operand, exec);
    default: {
      // `?`: the command is not run.
      if (!missing) return value!;
      const message = operand.text === '' ? (colon ? 'parameter null or not set' : 'parameter not set') : await expandString(operand, exec);
      exec.io.stderr.write(`bash: ${name}: ${message}\n`);
      throw new CommandAbort(1);
    }
  }
}

export function remove(value: string, operator: string, pattern: string): string {
  const re = patternRegExp(pattern);
  const chars = [...value];
  const n = chars.length;
  const prefix = (i: number): string => chars.slice(0, i).join('');
  const suffix = (i: number): string => chars.slice(i).join('');
  if (operator === '#') {
    for (let i = 0; i <= n; i++) if (re.test(prefix(i))) return suffix(i);
  } else if (operator === '##') {
    for (let i = n; i >= 0; i--) if (re.test(prefix(i))) return suffix(i);
  } else if (operator === '%') {
    for (let i = n; i >= 0; i--) if (re.test(suffix(i))) return prefix(i);
  } else {
    for (let i = 0; i <= n; i++) if (re.test(suffix(i))) return prefix(i);
  }
  return value;
}

export function replace(value: string, operator: string, pattern: string, replacement: string): string {
  if (pattern === '') return value;
  let source: string;
  try {
    source = patternSource(pattern);
    new RegExp(source, 'u');
  } catch {
    return value;
  }
  if (operator === '/#') return value.replace(new RegExp(`^(?:${source})`, 'u'), () => replacement);
  if (operator === '/%') return value.replace(new RegExp(`(?:${source})$`, 'u'), () => replacement);
  const re = new RegExp(source, operator === '//' ? 'gu' : 'u');
  return value.replace(re, (m) => (m === '' ? m : replacement));
}

async function slice(
  part: ParameterExpansionPart,
  value: string,
  offsetWord: import('unbash').Word,
  lengthWord: import('unbash').Word | undefined,
  exec: Exec,
): Promise<string> {
  const chars = [...value];
  try {
    let offset = Number(await valueOf(await expandString(offsetWord, exec), arithmeticScope(exec)));
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    if (!lengthWord) return chars.slice(offset).join('');
    let length = Number(await valueOf(await expandString(lengthWord, exec), arithmeticScope(exec)));
    if (length < 0) {
      length = chars.length + length - offset;
      if (length < 0) {
        exec.io.stderr.write(`bash: ${lengthWord.text}: substring expression < 0\n`);
        throw new CommandAbort(1);
      }
    }
    return chars.slice(offset, offset + length).join('');
  } catch (e) {
    if (e instanceof ArithmeticError) {
      exec.io.stderr.write(e.format(part.text, part.pos) + '\n');
      throw new CommandAbort(1);
    }
    throw e;
  }
}

function changeCase(value: string, operator: string): string {
  switch (operator) {
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case '^^':
      return value.toUpperCase();
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    default:
      return value.toLowerCase();
  }
}

function transform(value: string | undefined, operand: string, part: ParameterExpansionPart, exec: Exec): string {
  if (value === undefined) return '';
  switch (operand) {
    case 'Q':
      return quoteForShell(value);
    case 'U':
      return value.toUpperCase();
    case 'L':
      return value.toLowerCase();
    case 'u':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case 'E':
      return value.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    default:
      return badSubstitution(part, exec);
  }
}
