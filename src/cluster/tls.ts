/**
 * The client side of the TLS handshake as client-go does it, for kubectl and the kubelets: read
 * the kubeconfig's CA and client credentials (with clientcmd's validation errors), load the client
 * key pair (crypto/tls's errors), and verify the apiserver's serving certificate against the CA,
 * the server name and the virtual clock (crypto/x509's errors).
 */
import type { VirtualFS } from '../vfs/fs.js';
import type { ApiEndpoint } from './cluster.js';
import { decodePemBlocks } from '../pki/pem.js';
import { PrivateKey } from '../pki/keys.js';
import { ParsedCert } from '../pki/x509.js';
import { certificatesCached, verifyCached } from '../api/authn/authenticator.js';
import { verifyChain } from '../pki/verify.js';

interface ClusterEntry {
  'certificate-authority-data'?: string;
  'certificate-authority'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}

interface UserEntry {
  'client-certificate-data'?: string;
  'client-key-data'?: string;
  'client-certificate'?: string;
  'client-key'?: string;
  token?: string;
  username?: string;
  password?: string;
}

export type KubeconfigMaterial =
  | {
      ok: true;
      caPem?: string;
      insecure: boolean;
      serverName?: string;
      clientCertificatePem?: string;
      clientKeyPem?: string;
      token?: string;
      username?: string;
      password?: string;
    }
  | { ok: false; error: string };

const b64 = (data: string) => Buffer.from(data, 'base64').toString('utf8');

function readFile(fs: VirtualFS, path: string, what: string, owner: string): { text: string } | { error: string } {
  const text = fs.readFileIfExists(path);
  if (text === undefined) return { error: `error: unable to read ${what} ${path} for ${owner} due to open ${path}: no such file or directory` };
  return { text };
}

/** clientcmd's validation and loading of one context's cluster and user entries. */
export function kubeconfigCredentials(fs: VirtualFS, clusterName: string, cluster: ClusterEntry, userName: string, user: UserEntry): KubeconfigMaterial {
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  const hasCa = !!cluster['certificate-authority-data'] || !!cluster['certificate-authority'];
  if (insecure && hasCa) return { ok: false, error: 'error: specifying a root certificates file with the insecure flag is not allowed' };
  let caPem: string | undefined;
  if (cluster['certificate-authority-data']) caPem = b64(cluster['certificate-authority-data']);
  else if (cluster['certificate-authority']) {
    const r = readFile(fs, cluster['certificate-authority'], 'certificate-authority', clusterName);
    if ('error' in r) return { ok: false, error: r.error };
    caPem = r.text;
  }
  let cert: string | undefined;
  let key: string | undefined;
  if (user['client-certificate-data']) cert = b64(user['client-certificate-data']);
  else if (user['client-certificate']) {
    const r = readFile(fs, user['client-certificate'], 'client-cert', userName);
    if ('error' in r) return { ok: false, error: r.error };
    cert = r.text;
  }
  if (user['client-key-data']) key = b64(user['client-key-data']);
  else if (user['client-key']) {
    const r = readFile(fs, user['client-key'], 'client-key', userName);
    if ('error' in r) return { ok: false, error: r.error };
    key = r.text;
  }
  if (cert !== undefined && key === undefined) return { ok: false, error: `error: client-key-data or client-key must be specified for ${userName} to use the clientCert authentication method.` };
  if (key !== undefined && cert === undefined) return { ok: false, error: `error: client-cert-data or client-cert must be specified for ${userName} to use the clientCert authentication method.` };
  // Embedded data is loaded with the config; files are (re)loaded by the transport.
  if (user['client-certificate-data'] || user['client-key-data']) {
    const problem = clientTlsProblem(cert, key);
    if (problem) return { ok: false, error: `error: ${problem}` };
  }
  if (caPem !== undefined && !loadableCa(caPem)) {
    return { ok: false, error: 'error: unable to load root certificates: unable to parse bytes as PEM block' };
  }
  return { ok: true, caPem, insecure, serverName: cluster['tls-server-name'], clientCertificatePem: cert, clientKeyPem: key, token: user.token, username: user.username, password: user.password };
}

/** Verdicts on CA bundles by text: every connection checks the same one or two. */
const caVerdicts = new Map<string, boolean>();

/** Does the bundle hold a certificate that parses (x509.CertPool.AppendCertsFromPEM)? */
function loadableCa(caPem: string): boolean {
  let ok = caVerdicts.get(caPem);
  if (ok === undefined) {
    ok = decodePemBlocks(caPem).some((b) => b.label === 'CERTIFICATE' && canParse(b.der));
    if (caVerdicts.size >= 256) caVerdicts.clear();
    caVerdicts.set(caPem, ok);
  }
  return ok;
}

function canParse(der: Buffer): boolean {
  try {
    ParsedCert.parse(der);
    return true;
  } catch {
    return false;
  }
}

const keyPairs = new Map<string, string | undefined>();

/** tls.X509KeyPair's complaints about a client certificate and key, or undefined when they pair. */
export function clientTlsProblem(certPem: string | undefined, keyPem: string | undefined): string | undefined {
  if (certPem === undefined || keyPem === undefined) return undefined;
  // Kubelets reconnect every heartbeat with the same files: remember the verdict per pair.
  const cacheKey = `${certPem}\0${keyPem}`;
  if (keyPairs.has(cacheKey)) return keyPairs.get(cacheKey);
  const problem = keyPairProblem(certPem, keyPem);
  if (keyPairs.size >= 64) keyPairs.delete(keyPairs.keys().next().value!);
  keyPairs.set(cacheKey, problem);
  return problem;
}

function keyPairProblem(certPem: string, keyPem: string): string | undefined {
  const certBlocks = decodePemBlocks(certPem);
  const certBlock = certBlocks.find((b) => b.label === 'CERTIFICATE');
  if (!certBlock) {
    if (certBlocks.length === 0) return 'tls: failed to find any PEM data in certificate input';
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certBlocks.map((b) => b.label).join(' ')}]`;
  }
  const keyBlocks = decodePemBlocks(keyPem);
  const keyBlock = keyBlocks.find((b) => b.label === 'PRIVATE KEY' || b.label.endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    if (keyBlocks.length === 0) return 'tls: failed to find any PEM data in key input';
    if (keyBlocks.some((b) => b.label === 'CERTIFICATE')) return 'tls: found a certificate rather than a key in the PEM for the private key';
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyBlocks.map((b) => b.label).join(' ')}]`;
  }
  let cert: ParsedCert;
  let key: PrivateKey;
  try {
    cert = ParsedCert.parse(certBlock.der);
  } catch {
    return 'tls: failed to parse certificate';
  }
  try {
    key = PrivateKey.fromBlock(keyBlock.label, keyBlock.der);
  } catch {
    return 'tls: failed to parse private key';
  }
  if (!key.publicKey.equals(cert.publicKey)) return 'tls: private key does not match public key';
  return undefined;
}

/**
 * crypto/tls's verification of the server's chain against the kubeconfig CA (the system roots,
 * which hold no cluster CA, when there is none): the text after `tls: `, or undefined when valid.
 */
export function verifyServingCertificate(endpoint: ApiEndpoint, caPem: string | undefined, serverName: string): string | undefined {
  const pem = endpoint.servingCertificate?.();
  if (!pem) return undefined;
  let chain: ParsedCert[];
  try {
    chain = certificatesCached(pem);
  } catch {
    chain = [];
  }
  if (chain.length === 0) return 'tls: failed to verify certificate: x509: malformed certificate';
  let roots: ParsedCert[] = [];
  try {
    roots = caPem ? certificatesCached(caPem) : [];
  } catch {
    roots = [];
  }
  const now = endpoint.cluster.world.clock.now();
  const r = verifyCached(
    `server\0${pem}\0${caPem ?? ''}\0${serverName}`,
    now,
    () => verifyChain(chain[0]!, roots, now, { dnsName: serverName, intermediates: chain.slice(1) }),
    () => [...chain, ...roots],
  );
  return r.ok ? undefined : `tls: failed to verify certificate: ${r.error}`;
}
