/**
 * `openssl req`: make CSRs (-new with -key/-newkey, -subj or a config's DN, -addext), self-signed
 * certificates (-x509), and inspect requests (-in with -text, -subject, -verify, -noout).
 */
import { signCertificate } from '../cert.js';
import { ParsedCsr, createCsr } from '../csr.js';
import { type Extension, authorityKeyIdentifier, subjectKeyIdentifier } from '../extensions.js';
import type { PrivateKey } from '../keys.js';
import { type DistinguishedName, opensslAttribute, parseOpensslSubject } from '../names.js';
import { OID } from '../oids.js';
import { certificateText, csrText } from '../openssl-text.js';
import { opensslSerial } from '../serial.js';
import type { ParsedCert } from '../x509.js';
import { type Config, ExtensionError, buildExtension, buildExtensions, parseConfig, reportExtensionError } from './config.js';
import { DEFAULT_OPENSSL_CNF } from './default-config.js';
import type { OpensslEnv } from './env.js';
import { curveName, newEcKey, newRsaKey, progressDots } from './keygen.js';
import { loadCert, loadCsr, loadPrivateKey } from './loaders.js';
import { nameLine } from './names-out.js';
import { type ParsedOptions, parseOptions } from './options.js';

const TABLE = {
  new: 'flag', x509: 'flag', in: 'string', out: 'string', key: 'string', keyout: 'string', newkey: 'string',
  nodes: 'flag', noenc: 'flag', subj: 'string', days: 'int', set_serial: 'string', config: 'string',
  extensions: 'string', reqexts: 'string', addext: 'string', text: 'flag', noout: 'flag', verify: 'flag',
  subject: 'flag', pubkey: 'flag', modulus: 'flag', batch: 'flag', nameopt: 'string', reqopt: 'string',
  inform: 'string', outform: 'string', keyform: 'string', passin: 'string', passout: 'string', pkeyopt: 'string',
  utf8: 'flag', 'multivalue-rdn': 'flag', copy_extensions: 'string', CA: 'string', CAkey: 'string', quiet: 'flag',
  sha1: 'flag', sha256: 'flag', sha384: 'flag', sha512: 'flag', md5: 'flag', verbose: 'flag', precert: 'flag',
} as const;

const DAY = 24 * 3600_000;

export function req(env: OpensslEnv, args: readonly string[]): number {
  const opts = parseOptions(env, args, { table: TABLE, unknown: 'digest' });
  if (typeof opts === 'number') return opts;
  if (opts.rest.length > 0) return env.usage();
  const config = loadConfig(env, opts);
  if (typeof config === 'number') return config;

  const addext = checkAddext(env, opts);
  if (typeof addext === 'number') return addext;

  const making = opts.flags.has('new') || (opts.flags.has('x509') && !opts.values.has('in'));
  let csr: ParsedCsr | undefined;
  if (!making) {
    csr = loadCsr(env, opts.values.get('in'), 'Unable to load X509 request');
    if (!csr) return 1;
  }

  let key: PrivateKey | undefined;
  if (opts.values.has('key')) {
    key = loadPrivateKey(env, opts.values.get('key'));
    if (!key) return 1;
  } else if (making || opts.values.has('newkey')) {
    const made = newKey(env, opts, config);
    if (typeof made === 'number') return made;
    key = made;
  }

  let output: ParsedCert | ParsedCsr | undefined = csr;
  if (making) {
    const subject = subjectFor(env, opts, config);
    if (typeof subject === 'number') return subject;
    const built = opts.flags.has('x509') ? selfSigned(env, opts, config, addext, subject, key!) : newRequest(env, opts, config, addext, subject, key!);
    if (typeof built === 'number') return built;
    output = built;
  } else if (opts.flags.has('x509')) {
    if (!key) {
      env.err('req: Missing -key argument for -x509 with -in');
      return 1;
    }
    if (csr!.extensions.length > 0 && !opts.values.has('copy_extensions')) env.err('Warning: No -copy_extensions given; ignoring any extensions in the request');
    const built = selfSigned(env, opts, config, addext, csr!.subject, key, csr!);
    if (typeof built === 'number') return built;
    output = built;
  }

  if (opts.flags.has('verify') && csr) {
    if (!csr.verifySignature()) {
      env.err('Certificate request self-signature verify failure');
      return 1;
    }
    env.err('Certificate request self-signature verify OK');
  }
  return printAndWrite(env, opts, output!);
}

function loadConfig(env: OpensslEnv, opts: ParsedOptions): Config | number {
  const path = opts.values.get('config');
  if (path === undefined) return parseConfig(DEFAULT_OPENSSL_CNF);
  const r = env.read(path);
  if (!r.ok) {
    env.err(`Can't open "${path}" for reading, ${env.strerror(r.reason)}`);
    env.bioOpenFailed(path, 'r', r.reason);
    return 1;
  }
  return parseConfig(r.content);
}

/** -addext values, checked up front; a repeated extension name is an error. */
function checkAddext(env: OpensslEnv, opts: ParsedOptions): [string, string][] | number {
  const out: [string, string][] = [];
  for (const o of opts.list) {
    if (o.name !== 'addext') continue;
    const eq = o.value!.indexOf('=');
    const name = eq < 0 ? o.value!.trim() : o.value!.slice(0, eq).trim();
    const value = eq < 0 ? '' : o.value!.slice(eq + 1).trim();
    if (out.some(([n]) => n === name)) {
      env.err(`Duplicate extension: ${o.value}`);
      return env.usage();
    }
    out.push([name, value]);
  }
  return out;
}

function newKey(env: OpensslEnv, opts: ParsedOptions, config: Config): PrivateKey | number {
  const spec = opts.values.get('newkey') ?? `rsa:${config.get('req', 'default_bits') ?? '2048'}`;
  let key: PrivateKey;
  const [alg, param = ''] = spec.split(':');
  if (alg === 'rsa') {
    if (param !== '' && !/^\d+$/.test(param)) {
      env.err(`Cannot open parameter file ${param}`);
      env.bioOpenFailed(param, 'r', 'ENOENT');
      return 1;
    }
    const bits = param === '' ? 2048 : Number(param);
    if (bits < 512) {
      env.err('Error setting RSA length');
      return 1;
    }
    key = newRsaKey(env, bits);
    if (!opts.flags.has('quiet')) env.ctx.stderr.write(progressDots(env));
  } else if (alg === 'ec') {
    const curveOpt = opts.list.find((o) => o.name === 'pkeyopt' && o.value!.startsWith('ec_paramgen_curve:'));
    const curve = curveName(curveOpt?.value!.split(':')[1] ?? '');
    if (!curve) {
      env.err('req: Error generating ec key');
      return 1;
    }
    key = newEcKey(env, curve);
  } else {
    env.err(`req: Unknown algorithm ${alg}`);
    return 1;
  }
  const keyout = opts.values.get('keyout') ?? config.get('req', 'default_keyfile') ?? 'privkey.pem';
  if (!opts.flags.has('nodes') && !opts.flags.has('noenc') && config.get('req', 'encrypt_key') !== 'no') {
    // No terminal to read a pass phrase from: OpenSSL fails the same way when stdin is not a tty.
    env.err('Enter PEM pass phrase:');
    env.lib('0480006D', 'PEM routines', 'PEM_def_callback', 'problems getting password', '../crypto/pem/pem_lib.c:62');
    env.lib('07880109', 'common libcrypto routines', 'do_ui_passphrase', 'interrupted or cancelled', '../crypto/passphrase.c:184');
    env.lib('1C80009F', 'Provider routines', 'p8info_to_encp8', 'unable to get passphrase', '../providers/implementations/encode_decode/encode_key2any.c:115');
    return 1;
  }
  if (!env.writePrivate(keyout, key.toPkcs8Pem())) return 1;
  env.err('-----');
  return key;
}

// ---- subject ------------------------------------------------------------------------------------

function subjectFor(env: OpensslEnv, opts: ParsedOptions, config: Config): DistinguishedName | number {
  const subj = opts.values.get('subj');
  if (subj !== undefined) {
    const parsed = parseOpensslSubject(subj, 'req');
    for (const m of parsed.messages) env.err(m);
    if (parsed.error) {
      env.err(parsed.error);
      return 1;
    }
    return parsed.name!;
  }
  const dnSection = config.get('req', 'distinguished_name') ?? 'req_distinguished_name';
  const fields = config.section(dnSection) ?? [];
  if (config.get('req', 'prompt') === 'no') return dnFromValues(fields);
  return promptForDn(env, opts, config, fields);
}

function dnFromValues(fields: [string, string][]): DistinguishedName {
  const dn: DistinguishedName = [];
  for (const [k, v] of fields) {
    const attr = opensslAttribute(k.replace(/^\d+\./, ''));
    if (attr && v !== '') dn.push([{ oid: attr.oid, value: v, tag: attr.opensslTag }]);
  }
  return dn;
}

/** The interactive DN dialogue, answered from the process's stdin lines. */
function promptForDn(env: OpensslEnv, opts: ParsedOptions, config: Config, fields: [string, string][]): DistinguishedName | number {
  const answers = env.ctx.stdin.split('\n');
  if (answers.at(-1) === '') answers.pop();
  let out = [
    'You are about to be asked to enter information that will be incorporated',
    'into your certificate request.',
    'What you are about to enter is what is called a Distinguished Name or a DN.',
    'There are quite a few fields but you can leave some blank',
    'For some fields there will be a default value,',
    "If you enter '.', the field will be left blank.",
    '-----',
    '',
  ].join('\n');
  const dn: DistinguishedName = [];
  const value = (key: string) => fields.find(([k]) => k === key)?.[1];
  const batch = opts.flags.has('batch');
  for (const [k, prompt] of fields) {
    if (/_(default|min|max|value)$/.test(k)) continue;
    const attr = opensslAttribute(k.replace(/^\d+\./, ''));
    if (!attr) continue;
    const def = value(`${k}_default`) ?? '';
    const max = Number(value(`${k}_max`) ?? Infinity);
    const min = Number(value(`${k}_min`) ?? 0);
    let answer: string;
    for (;;) {
      if (!batch) out += `${prompt} [${def}]:`;
      if (batch) answer = '';
      else {
        const next = answers.shift();
        if (next === undefined) {
          env.err(out + 'Error making certificate request');
          return 1;
        }
        answer = next;
      }
      const v = answer === '' ? def : answer === '.' ? '' : answer;
      if (v !== '' && v.length > max) {
        out += `String too long, must be at most ${max} bytes long\n`;
        continue;
      }
      if (v !== '' && v.length < min) {
        out += `String too short, must be at least ${min} bytes long\n`;
        continue;
      }
      if (v !== '') dn.push([{ oid: attr.oid, value: v, tag: attr.opensslTag }]);
      break;
    }
  }
  if (!opts.flags.has('x509') && !batch) {
    out += "\nPlease enter the following 'extra' attributes\nto be sent with your certificate request\n";
    const attrSection = config.get('req', 'attributes');
    for (const [k, prompt] of (attrSection ? config.section(attrSection) : undefined) ?? []) {
      if (/_(default|min|max|value)$/.test(k)) continue;
      out += `${prompt} []:`;
      answers.shift();
    }
  }
  env.ctx.stderr.write(out);
  if (dn.length === 0) {
    env.err('req: No subject given');
    return 1;
  }
  return dn;
}

// ---- building -----------------------------------------------------------------------------------

function extensionsFrom(env: OpensslEnv, config: Config, section: string | undefined, addext: [string, string][], ctx: Parameters<typeof buildExtensions>[2]): Extension[] | number {
  try {
    const out = section ? buildExtensions(config, section, ctx) : [];
    for (const [name, value] of addext) {
      const ext = buildExtension(config, name, value, ctx);
      if (ext) out.push(ext);
    }
    return out;
  } catch (e) {
    if (!(e instanceof ExtensionError)) throw e;
    env.err(`Error adding extensions from section ${section ?? 'default'}`);
    reportExtensionError(env, e);
    return 1;
  }
}

function newRequest(env: OpensslEnv, opts: ParsedOptions, config: Config, addext: [string, string][], subject: DistinguishedName, key: PrivateKey): ParsedCsr | number {
  const section = opts.values.get('reqexts') ?? config.get('req', 'req_extensions');
  const extensions = extensionsFrom(env, config, section, addext, { subjectKey: key.publicKey });
  if (typeof extensions === 'number') return extensions;
  return createCsr({ key, subject, extensions });
}

function selfSigned(
  env: OpensslEnv,
  opts: ParsedOptions,
  config: Config,
  addext: [string, string][],
  subject: DistinguishedName,
  key: PrivateKey,
  csr?: ParsedCsr,
): ParsedCert | number {
  let issuer: ParsedCert | undefined;
  let signer = key;
  if (opts.values.has('CA')) {
    issuer = loadCert(env, opts.values.get('CA'), 'CA certificate', 'Unable to load CA certificate');
    if (!issuer) return 1;
    const caKey = loadPrivateKey(env, opts.values.get('CAkey') ?? opts.values.get('CA'), 'CA private key');
    if (!caKey) return 1;
    signer = caKey;
  }
  const subjectKey = csr?.publicKey ?? key.publicKey;
  const section = opts.values.get('extensions') ?? config.get('req', 'x509_extensions');
  let extensions = extensionsFrom(env, config, section, addext, { subjectKey, ...(issuer ? { issuer } : {}) });
  if (typeof extensions === 'number') return extensions;
  if (csr && opts.values.get('copy_extensions')?.startsWith('copy')) {
    for (const e of csr.extensions) if (!extensions.some((x) => x.oid === e.oid)) extensions.push(e);
  }
  if (extensions.length > 0) {
    if (!extensions.some((e) => e.oid === OID.subjectKeyIdentifier)) extensions = [...extensions, subjectKeyIdentifier(subjectKey.keyId())];
    if (issuer?.subjectKeyId && !extensions.some((e) => e.oid === OID.authorityKeyIdentifier)) extensions = [...extensions, authorityKeyIdentifier(issuer.subjectKeyId)];
  }
  const now = env.now();
  const set = opts.values.get('set_serial');
  return signCertificate(
    {
      version: extensions.length > 0 ? 3 : 1,
      serial: set !== undefined ? BigInt(set) : opensslSerial(env.rng),
      subject,
      issuer: issuer?.subject ?? subject,
      notBefore: now,
      notAfter: now + (opts.ints.get('days') ?? 30) * DAY,
      publicKey: subjectKey,
      extensions,
    },
    signer,
  );
}

function printAndWrite(env: OpensslEnv, opts: ParsedOptions, obj: ParsedCert | ParsedCsr): number {
  const isCsr = obj instanceof ParsedCsr;
  let out = '';
  if (opts.flags.has('pubkey')) out += obj.publicKey.pem;
  if (opts.flags.has('text')) out += isCsr ? csrText(obj) : certificateText(obj);
  if (opts.flags.has('subject')) out += nameLine('subject', obj.subject, opts.values.get('nameopt')) + '\n';
  if (opts.flags.has('modulus')) {
    out += obj.publicKey.algorithm === 'rsa'
      ? `Modulus=${obj.publicKey.rsaComponents().modulus.toString('hex').toUpperCase().replace(/^(00)+/, '')}\n`
      : 'Modulus=unavailable\n';
  }
  // Everything printed goes to the -out destination, as OpenSSL opens one output BIO for it all.
  if (!opts.flags.has('noout')) out += obj.pem;
  if (out === '') return 0;
  return env.write(opts.values.get('out'), out) ? 0 : 1;
}
