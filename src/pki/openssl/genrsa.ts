/** `openssl genrsa [-out file] [-traditional] [numbits]`: PKCS#8 by default in OpenSSL 3. */
import type { OpensslEnv } from './env.js';
import { newRsaKey } from './keygen.js';
import { parseOptions } from './options.js';

const TABLE = { out: 'string', passout: 'string', traditional: 'flag', verbose: 'flag', quiet: 'flag', '3': 'flag', f4: 'flag', F4: 'flag', primes: 'int' } as const;

export function genrsa(env: OpensslEnv, args: readonly string[]): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'cipher-lib' });
  if (typeof opts === 'number') return opts;
  let bits = 2048;
  if (opts.rest.length > 0) {
    const arg = opts.rest[0]!;
    if (!/^\d+$/.test(arg)) {
      env.err(`genrsa: Can't parse "${arg}" as a number`);
      return 1;
    }
    if (opts.rest.length > 1) {
      env.err('Extra arguments given.');
      return env.usage();
    }
    bits = Number(arg);
  }
  if (bits < 512) {
    env.err('Error setting RSA length');
    env.lib('1C8000AB', 'Provider routines', 'rsa_gen_set_params', 'key size too small', '../providers/implementations/keymgmt/rsa_kmgmt.c:509');
    return 1;
  }
  if (bits > 16384) {
    env.err(`Warning: It is not recommended to use more than 16384 bit for RSA keys.\n         Your key size is ${bits}! Larger key size may behave not as expected.`);
  }
  const key = newRsaKey(env, bits);
  const pem = opts.flags.has('traditional') ? key.toTraditionalPem() : key.toPkcs8Pem();
  return env.writePrivate(opts.values.get('out'), pem) ? 0 : 1;
}
