/** `openssl rsa` and `openssl ec`: inspect and convert keys (-text, -modulus, -check, -pubout). */
import type { PrivateKey, PublicKey } from '../keys.js';
import { privateKeyText, publicKeyText } from '../openssl-text.js';
import type { OpensslEnv } from './env.js';
import { loadPrivateKey, loadPublicKey } from './loaders.js';
import { parseOptions } from './options.js';

const TABLE = {
  in: 'string', out: 'string', inform: 'string', outform: 'string', passin: 'string', passout: 'string',
  pubin: 'flag', pubout: 'flag', noout: 'flag', text: 'flag', modulus: 'flag', check: 'flag',
  traditional: 'flag', RSAPublicKey_in: 'flag', RSAPublicKey_out: 'flag', param_out: 'flag', conv_form: 'string', param_enc: 'string',
} as const;

export function rsa(env: OpensslEnv, args: readonly string[]): number {
  return keyTool(env, args, 'rsa');
}

export function ec(env: OpensslEnv, args: readonly string[]): number {
  return keyTool(env, args, 'ec');
}

function keyTool(env: OpensslEnv, args: readonly string[], kind: 'rsa' | 'ec'): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'cipher' });
  if (typeof opts === 'number') return opts;
  if (opts.rest.length > 0) return env.usage();
  const inPath = opts.values.get('in');
  let priv: PrivateKey | undefined;
  let pub: PublicKey | undefined;
  if (opts.flags.has('pubin')) {
    pub = loadPublicKey(env, inPath);
    if (!pub) return 1;
  } else {
    priv = loadPrivateKey(env, inPath);
    if (!priv) return 1;
    pub = priv.publicKey;
  }
  if (kind === 'ec') env.err('read EC key');
  // OpenSSL 3.0's `ec` goes on with any key type; `rsa` insists on RSA.
  if (kind === 'rsa' && pub.algorithm !== 'rsa') {
    env.err('Not an RSA key');
    return 1;
  }
  let out = '';
  if (opts.flags.has('text')) out += priv ? privateKeyText(priv) : publicKeyText(pub, 0);
  if (opts.flags.has('modulus') && pub.algorithm === 'rsa') out += `Modulus=${pub.rsaComponents().modulus.toString('hex').toUpperCase().replace(/^(00)+/, '')}\n`;
  if (opts.flags.has('check') && kind === 'rsa') out += 'RSA key ok\n';
  env.out(out);
  // ec reports its check on stderr.
  if (opts.flags.has('check') && kind === 'ec') env.err('EC Key valid.');
  if (opts.flags.has('noout')) return 0;
  env.err(kind === 'rsa' ? 'writing RSA key' : 'writing EC key');
  const pubout = opts.flags.has('pubout') || opts.flags.has('pubin');
  // rsa writes PKCS#8 unless -traditional; ec writes the traditional (SEC1 / PKCS#1) form.
  const traditional = kind === 'ec' || opts.flags.has('traditional');
  const pem = pubout ? pub.pem : traditional ? priv!.toTraditionalPem() : priv!.toPkcs8Pem();
  return (pubout ? env.write(opts.values.get('out'), pem) : env.writePrivate(opts.values.get('out'), pem)) ? 0 : 1;
}
