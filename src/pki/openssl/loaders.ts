/**
 * Loading certificates, keys and requests from node files with OpenSSL 3.0's failure output:
 * the OSSL_STORE loader (certificates, keys) and the PEM reader (requests) fail differently.
 */
import { ParsedCsr } from '../csr.js';
import { PrivateKey, PublicKey } from '../keys.js';
import { decodePemBlocks } from '../pem.js';
import { ParsedCert } from '../x509.js';
import type { OpensslEnv } from './env.js';

interface Source {
  name: string;
  content?: string;
  failure?: string;
}

function source(env: OpensslEnv, path: string | undefined): Source {
  if (path === undefined || path === '-') return { name: '<stdin>', content: env.ctx.stdin };
  const r = env.read(path);
  if (r.ok) return { name: path, content: r.content };
  // A directory opens fine and then yields nothing to decode.
  if (r.reason === 'EISDIR') return { name: path, content: '' };
  return { name: path, failure: r.reason };
}

const KEY_LABELS = ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'PRIVATE KEY'];

/** `what` is the noun OpenSSL uses: "certificate", "CA certificate", "certificate file". */
export function loadCert(env: OpensslEnv, path: string | undefined, what: string, trailer?: string): ParsedCert | undefined {
  const src = source(env, path);
  if (src.failure) {
    env.err(`Could not open file or uri for loading ${what} from ${src.name}`);
    env.storeOpenFailed(src.name, src.failure);
  } else {
    const blocks = decodePemBlocks(src.content!);
    const block = blocks.find((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
    if (block) {
      try {
        return ParsedCert.parse(block.der);
      } catch {
        // falls through to "Could not read"
      }
    }
    env.err(`Could not read ${what} from ${src.name}`);
    if (!block && blocks.some((b) => KEY_LABELS.includes(b.label))) env.storeUnsupported();
    else if (!block && blocks.length > 0) wrongPemForCert(env);
  }
  if (trailer) env.err(trailer);
  return undefined;
}

/** Every certificate in a file (verify's -CAfile and -untrusted bundles). */
export function certsIn(content: string): ParsedCert[] {
  const out: ParsedCert[] = [];
  for (const b of decodePemBlocks(content)) {
    if (b.label !== 'CERTIFICATE') continue;
    try {
      out.push(ParsedCert.parse(b.der));
    } catch {
      // skipped, as X509_load_cert_crl_file does with unparseable entries it cannot read
    }
  }
  return out;
}

function wrongPemForCert(env: OpensslEnv): void {
  env.decoderUnsupported('Input structure: Certificate');
  for (let i = 0; i < 4; i++) {
    env.storeUnsupported();
    env.storeUnsupported();
    env.decoderUnsupported('Input structure: Certificate');
  }
}

export function loadPrivateKey(env: OpensslEnv, path: string | undefined, what = 'private key'): PrivateKey | undefined {
  const src = source(env, path);
  if (src.failure) {
    env.err(`Could not open file or uri for loading ${what} from ${src.name}`);
    env.storeOpenFailed(src.name, src.failure);
    return undefined;
  }
  const blocks = decodePemBlocks(src.content!);
  const block = blocks.find((b) => KEY_LABELS.includes(b.label));
  if (block) {
    try {
      return PrivateKey.fromBlock(block.label, block.der);
    } catch {
      // falls through
    }
  }
  env.err(`Could not read ${what} from ${src.name}`);
  if (!block && blocks.some((b) => b.label !== 'CERTIFICATE')) {
    for (let i = 0; i < 4; i++) {
      env.storeUnsupported();
      env.storeUnsupported();
      env.decoderUnsupported('');
    }
  }
  return undefined;
}

export function loadPublicKey(env: OpensslEnv, path: string | undefined): PublicKey | undefined {
  const src = source(env, path);
  if (src.failure) {
    env.err(`Could not open file or uri for loading public key from ${src.name}`);
    env.storeOpenFailed(src.name, src.failure);
    return undefined;
  }
  const block = decodePemBlocks(src.content!).find((b) => b.label === 'PUBLIC KEY');
  if (block) {
    try {
      return PublicKey.fromSpkiDer(block.der);
    } catch {
      // falls through
    }
  }
  env.err(`Could not read public key from ${src.name}`);
  return undefined;
}

/** PEM_read_bio_X509_REQ: `trailer` is "Unable to load X509 request" or x509's wording. */
export function loadCsr(env: OpensslEnv, path: string | undefined, trailer: string): ParsedCsr | undefined {
  const src = source(env, path);
  if (src.failure) {
    env.err(`Can't open "${src.name}" for reading, ${env.strerror(src.failure)}`);
    env.bioOpenFailed(src.name, 'r', src.failure);
    env.err(trailer);
    return undefined;
  }
  const block = decodePemBlocks(src.content!).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  if (block) {
    try {
      return ParsedCsr.parse(block.der);
    } catch {
      // falls through
    }
  }
  env.err(trailer);
  env.pemNoStartLine('CERTIFICATE REQUEST');
  return undefined;
}
