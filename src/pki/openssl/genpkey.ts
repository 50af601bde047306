/** `openssl genpkey -algorithm RSA|EC [-pkeyopt k:v] [-out file]`. */
import type { PrivateKey } from '../keys.js';
import type { OpensslEnv } from './env.js';
import { curveName, newEcKey, newRsaKey, progressDots } from './keygen.js';
import { parseOptions } from './options.js';

const TABLE = { algorithm: 'string', pkeyopt: 'string', out: 'string', outform: 'string', pass: 'string', text: 'flag', quiet: 'flag', paramfile: 'string' } as const;

export function genpkey(env: OpensslEnv, args: readonly string[]): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'cipher' });
  if (typeof opts === 'number') return opts;
  if (opts.rest.length > 0) return env.usage();
  const algorithm = opts.values.get('algorithm');
  if (algorithm === undefined) {
    env.err('genpkey: No algorithm specified');
    return env.usage();
  }
  const pkeyopts = new Map(opts.list.filter((o) => o.name === 'pkeyopt').map((o) => {
    const [k, v = ''] = o.value!.split(':');
    return [k!, v] as const;
  }));
  let key: PrivateKey;
  switch (algorithm.toUpperCase()) {
    case 'RSA': {
      const bits = Number(pkeyopts.get('rsa_keygen_bits') ?? 2048);
      if (!Number.isInteger(bits) || bits < 512) {
        env.err(`genpkey: Error setting rsa_keygen_bits:${pkeyopts.get('rsa_keygen_bits')} parameter:`);
        env.lib('1C8000AB', 'Provider routines', 'rsa_gen_set_params', 'key size too small', '../providers/implementations/keymgmt/rsa_kmgmt.c:509');
        return 1;
      }
      key = newRsaKey(env, bits);
      if (!opts.flags.has('quiet')) env.ctx.stderr.write(progressDots(env));
      break;
    }
    case 'EC': {
      const curve = curveName(pkeyopts.get('ec_paramgen_curve') ?? '');
      if (!curve) {
        env.err('genpkey: Error generating EC key');
        return 1;
      }
      key = newEcKey(env, curve);
      break;
    }
    default:
      env.err(`Error initializing ${algorithm} context`);
      env.lib('0308010C', 'digital envelope routines', 'inner_evp_generic_fetch', 'unsupported', '../crypto/evp/evp_fetch.c:386', `Global default library context, Algorithm (${algorithm} : 0), Properties (<null>)`);
      return 1;
  }
  return env.writePrivate(opts.values.get('out'), key.toPkcs8Pem()) ? 0 : 1;
}
