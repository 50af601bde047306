/**
 * kubectl create secret tls NAME --cert=FILE --key=FILE: reads both PEM files from the VFS and,
 * like tls.X509KeyPair, refuses files without PEM data or a key that does not match.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { defineGenerator } from './generator.js';
import { secretAdder, secretObject } from './secret-generic.js';

export const createSecretTlsCommand = defineGenerator({
  path: ['create', 'secret', 'tls'],
  resource: 'secrets',
  failure: 'secret',
  help: {
    short: 'Create a TLS secret',
    long: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
    examples: `# Create a new TLS secret named tls-secret with the given key pair
kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
    use: 'NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'append-hash', type: 'bool', usage: 'Append a hash of the secret to its name.' },
    { name: 'cert', type: 'string', usage: 'Path to PEM encoded public key certificate.' },
    { name: 'key', type: 'string', usage: 'Path to private key associated with given certificate.' },
  ],
  validate({ inv }) {
    if (!flagString(inv.flags, 'key') || !flagString(inv.flags, 'cert')) throw usageError('key and cert must be specified');
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const cert = readFile(inv, flagString(inv.flags, 'cert'));
    const key = readFile(inv, flagString(inv.flags, 'key'));
    const problem = keyPairError(cert, key);
    if (problem) throw new KubectlError(`error: ${problem}`);
    const data: Record<string, string> = {};
    const add = secretAdder(data);
    add('tls.crt', cert);
    add('tls.key', key);
    return secretObject(name, enforcedNamespace, 'kubernetes.io/tls', data, flagBool(inv.flags, 'append-hash'));
  },
});

function readFile(inv: Invocation, path: string): string {
  const fs = inv.proc.host.fs;
  const abs = inv.proc.resolve(path);
  if (!fs.exists(abs)) throw new KubectlError(`error: Cannot read file ${path}, open ${path}: no such file or directory`);
  try {
    return fs.readFile(abs, inv.proc.cred);
  } catch (e) {
    throw new KubectlError(`error: Cannot read file ${path}, open ${path}: ${((e as { reason?: string }).reason ?? 'permission denied').toLowerCase()}`);
  }
}

/** tls.X509KeyPair's complaint about a certificate and key, or undefined when they pair. */
export function keyPairError(certPem: string, keyPem: string): string | undefined {
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(certPem);
  if (!certBlock) {
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(certPem)
      ? 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched'
      : 'tls: failed to find any PEM data in certificate input';
  }
  const keyBlock = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/.exec(keyPem);
  if (!keyBlock) {
    return /-----BEGIN CERTIFICATE-----/.test(keyPem) ? 'tls: found a certificate rather than a key in the PEM for the private key' : 'tls: failed to find any PEM data in key input';
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certBlock[0]);
  } catch {
    return 'x509: malformed certificate';
  }
  try {
    const key = createPrivateKey(keyBlock[0]);
    if (!x509.checkPrivateKey(key)) return 'tls: private key does not match public key';
  } catch {
    return 'tls: failed to parse private key';
  }
  return undefined;
}
