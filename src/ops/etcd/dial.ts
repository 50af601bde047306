/**
 * An etcd client's connection as clientv3 and grpc-go make it: the endpoint is dialled through
 * the simulated network, then the TLS handshake is checked with Go's rules, both ways: the
 * server's certificate against --cacert and the endpoint's host, and (with --client-cert-auth)
 * the client's certificate against etcd's --trusted-ca-file. A failure is the text grpc records
 * as the connection's last error, which etcdctl prints in its "retrying of unary invoker failed"
 * warning.
 */
import type { World } from '../../cluster/world.js';
import type { NodeHost } from '../../node/node.js';
import { PrivateKey } from '../../pki/keys.js';
import { decodePemBlocks } from '../../pki/pem.js';
import { verifyChain } from '../../pki/verify.js';
import { ParsedCert } from '../../pki/x509.js';
import { etcdOnHost, type EtcdProcess } from './server.js';

/** What the client presents and trusts, after etcdctl loaded its files. */
export interface ClientTls {
  /** Whether the connection uses TLS at all. */
  secure: boolean;
  roots?: ParsedCert[];
  cert?: ParsedCert;
  key?: PrivateKey;
  skipVerify: boolean;
}

export interface Endpoint {
  raw: string;
  scheme: 'http' | 'https' | '';
  host: string;
  port: number;
  /** host:port, as grpc names the target's authority. */
  authority: string;
}

export function parseEndpoint(raw: string): Endpoint {
  const m = /^(?:(https?|unix|unixs):\/\/)?([^/]*)/.exec(raw)!;
  const authority = m[2] ?? '';
  const colon = authority.lastIndexOf(':');
  const host = colon >= 0 ? authority.slice(0, colon).replace(/^\[|\]$/g, '') : authority;
  const port = colon >= 0 ? Number(authority.slice(colon + 1)) : m[1] === 'https' ? 443 : 80;
  return { raw, scheme: (m[1] === 'http' || m[1] === 'https' ? m[1] : '') as Endpoint['scheme'], host, port, authority };
}

export type Dialled = { ok: true; server: EtcdProcess } | { ok: false; error: string };

/** The grpc status text a unary call fails with when it cannot connect before its deadline. */
export function deadlineError(lastConnectionError?: string): string {
  if (!lastConnectionError) return 'rpc error: code = DeadlineExceeded desc = context deadline exceeded';
  return `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = ${JSON.stringify(lastConnectionError)}`;
}

export function dial(world: World, from: NodeHost | { ip: string }, ep: Endpoint, tls: ClientTls): Dialled {
  const ip = world.network.resolve(ep.host);
  if (!ip) return { ok: false, error: deadlineError(`transport: Error while dialing: dial tcp: lookup ${ep.host} on 127.0.0.53:53: server misbehaving`) };
  const conn = world.network.connect(ip, ep.port, from.ip);
  const target = `${ip}:${ep.port}`;
  if (!conn.ok) {
    const why = conn.error === 'refused' ? 'connect: connection refused' : 'i/o timeout';
    return { ok: false, error: deadlineError(`transport: Error while dialing: dial tcp ${target}: ${why}`) };
  }
  if (conn.listener.service !== 'etcd') return { ok: false, error: deadlineError() };
  const hostname = ip === '127.0.0.1' && 'hostname' in from ? (from as NodeHost).hostname : world.network.hostOf(ip);
  const server = hostname ? etcdOnHost(world, hostname) : undefined;
  if (!server) return { ok: false, error: deadlineError() };
  const failure = handshake(server, ep, tls, world.clock.now());
  return failure === undefined ? { ok: true, server } : { ok: false, error: failure === '' ? deadlineError() : deadlineError(failure) };
}

/** Whether etcd serves its clients over TLS (https client URLs and a certificate). */
function serverSecure(server: EtcdProcess): boolean {
  return (server.flags.get('listen-client-urls') ?? '').startsWith('https') && !!server.flags.get('cert-file');
}

function readServerFile(server: EtcdProcess, flag: string): string | undefined {
  const path = server.hostFile(flag);
  return path ? server.node.fs.readFileIfExists(path) : undefined;
}

/**
 * The handshake's outcome: undefined when it succeeds, '' when the server drops a plaintext
 * client without a recorded error, or the connection error text.
 */
function handshake(server: EtcdProcess, ep: Endpoint, tls: ClientTls, now: number): string | undefined {
  const secureServer = serverSecure(server);
  if (!tls.secure) return secureServer ? '' : undefined;
  if (!secureServer) return 'transport: authentication handshake failed: tls: first record does not look like a TLS handshake';
  if (!tls.skipVerify) {
    const certPem = readServerFile(server, 'cert-file') ?? '';
    const verified = verifyChain(certPem, tls.roots ?? [], now, { dnsName: ep.host, usages: ['serverAuth'] });
    if (!verified.ok) return `transport: authentication handshake failed: tls: failed to verify certificate: ${verified.error}`;
  }
  if (server.flags.get('client-cert-auth') === 'true') {
    if (!tls.cert) return 'error reading server preface: remote error: tls: certificate required';
    const caPem = readServerFile(server, 'trusted-ca-file') ?? '';
    const roots = decodePemBlocks(caPem).filter((b) => b.label === 'CERTIFICATE').map((b) => ParsedCert.parse(b.der));
    const verified = verifyChain(tls.cert, roots, now, { usages: ['clientAuth'] });
    if (!verified.ok) {
      const alert = verified.reason === 'UnknownAuthority' ? 'unknown certificate authority' : verified.reason === 'Expired' ? 'expired certificate' : 'bad certificate';
      return `error reading server preface: remote error: tls: ${alert}`;
    }
  }
  return undefined;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** tls.X509KeyPair: the client certificate and key, with Go's errors for switched or mismatched files. */
export function x509KeyPair(certPem: string, keyPem: string): Loaded<{ cert: ParsedCert; key: PrivateKey }> {
  const certBlocks = decodePemBlocks(certPem);
  const certBlock = certBlocks.find((b) => b.label === 'CERTIFICATE');
  if (!certBlock) {
    if (certBlocks.some((b) => b.label.endsWith('PRIVATE KEY'))) {
      return { ok: false, error: 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched' };
    }
    return { ok: false, error: 'tls: failed to find any PEM data in certificate input' };
  }
  const keyBlocks = decodePemBlocks(keyPem);
  const keyBlock = keyBlocks.find((b) => b.label === 'PRIVATE KEY' || b.label.endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    if (keyBlocks.some((b) => b.label === 'CERTIFICATE')) return { ok: false, error: 'tls: found a certificate rather than a key in the PEM for the private key' };
    return { ok: false, error: 'tls: failed to find any PEM data in key input' };
  }
  let cert: ParsedCert;
  try {
    cert = ParsedCert.parse(certBlock.der);
  } catch {
    return { ok: false, error: 'x509: malformed certificate' };
  }
  let key: PrivateKey;
  try {
    key = PrivateKey.fromBlock(keyBlock.label, keyBlock.der);
  } catch {
    return { ok: false, error: 'tls: failed to parse private key' };
  }
  if (!key.matches(cert.publicKey)) return { ok: false, error: 'tls: private key does not match public key' };
  return { ok: true, value: { cert, key } };
}

/** tlsutil.NewCertPool over one CA bundle's text. */
export function certPool(pem: string): Loaded<ParsedCert[]> {
  const out: ParsedCert[] = [];
  for (const b of decodePemBlocks(pem)) {
    try {
      out.push(ParsedCert.parse(b.der));
    } catch {
      return { ok: false, error: 'x509: malformed certificate' };
    }
  }
  return { ok: true, value: out };
}
