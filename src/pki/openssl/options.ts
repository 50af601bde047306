/**
 * OpenSSL's option syntax (apps/lib/opt.c): `-name`, `--name`, `-name=value`, values in the next
 * argument, parsing stops at the first non-option, and each command words unknown options its way.
 */
import type { OpensslEnv } from './env.js';

export type OptionKind = 'flag' | 'string' | 'int' | 'nonneg';

export interface OptionTable {
  [name: string]: OptionKind;
}

export interface ParsedOptions {
  /** Options in command-line order (output flags such as -subject -dates print in that order). */
  list: { name: string; value?: string }[];
  flags: Set<string>;
  values: Map<string, string>;
  ints: Map<string, number>;
  rest: string[];
}

export interface ParseSpec {
  table: OptionTable;
  /**
   * How the command treats an option it does not know: x509 takes any as a digest name and
   * ignores it, req and rsa complain about digests or ciphers, verify about the option.
   */
  unknown: 'ignore' | 'digest' | 'cipher' | 'option' | 'cipher-lib';
}

export function parseOptions(env: OpensslEnv, args: readonly string[], spec: ParseSpec): ParsedOptions | number {
  const out: ParsedOptions = { list: [], flags: new Set(), values: new Map(), ints: new Map(), rest: [] };
  let i = 0;
  while (i < args.length) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    i++;
    let name = arg.replace(/^--?/, '');
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq > 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = spec.table[name];
    if (kind === undefined) {
      const rc = unknownOption(env, name, spec.unknown);
      if (rc !== undefined) return rc;
      out.list.push({ name });
      out.flags.add(name);
      continue;
    }
    if (kind === 'flag') {
      out.list.push({ name });
      out.flags.add(name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i >= args.length) {
        env.err(`${env.prog}: Option -${name} needs a value`);
        return env.usage();
      }
      value = args[i++]!;
    }
    if (kind === 'int' || kind === 'nonneg') {
      if (!/^[+-]?\d+$/.test(value)) {
        env.err(`${env.prog}: Can't parse "${value}" as a number`);
        return env.usage();
      }
      out.ints.set(name, Number(value));
    }
    out.list.push({ name, value });
    out.values.set(name, value);
  }
  out.rest = args.slice(i);
  return out;
}

function unknownOption(env: OpensslEnv, name: string, mode: ParseSpec['unknown']): number | undefined {
  switch (mode) {
    case 'ignore':
      return undefined;
    case 'digest':
      if (DIGESTS.has(name)) return undefined;
      env.err(`${env.prog}: Unknown option or message digest: ${name}`);
      return env.usage();
    case 'cipher':
      if (CIPHERS.has(name)) return undefined;
      env.err(`${env.prog}: Unknown cipher: ${name}`);
      return env.usage();
    case 'cipher-lib':
      if (CIPHERS.has(name)) return undefined;
      env.err(`${env.prog}: Unknown cipher: ${name}`);
      env.lib('0308010C', 'digital envelope routines', 'inner_evp_generic_fetch', 'unsupported', '../crypto/evp/evp_fetch.c:386', `Global default library context, Algorithm (${name} : 0), Properties (<null>)`);
      return 1;
    case 'option':
      env.err(`${env.prog}: Unknown option: -${name}`);
      return env.usage();
  }
}

export const DIGESTS = new Set(['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5', 'sha3-256', 'sha3-512']);
export const CIPHERS = new Set(['aes128', 'aes192', 'aes256', 'des3', 'des', 'aria128', 'camellia128', 'camellia256']);
