/**
 * x509 client-certificate authentication as the apiserver does it: the certificate must chain to
 * the CA of --client-ca-file and be valid at the (virtual) now; CN is the user, O the groups.
 * Failures yield the message kubectl prints.
 */
import { X509Certificate } from 'node:crypto';
import type { Cluster } from './cluster.js';
import type { ContainerLaunch } from '../node/process.js';
import type { UserInfo } from '../api/auth.js';
import { hostPathOf } from './components/control-plane.js';

export type AuthnResult = { ok: true; user: UserInfo } | { ok: false; error: string };

export function authenticateCertificate(cluster: Cluster, launch: ContainerLaunch, certPem: string): AuthnResult {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { ok: false, error: 'Unauthorized' };
  }
  const caPath = cluster.apiServerFlags.get('client-ca-file');
  const hostCa = caPath ? hostPathOf(launch, caPath) : undefined;
  const caPem = hostCa ? launch.fs.readFileIfExists(hostCa) : undefined;
  if (!caPem) return { ok: false, error: 'Unauthorized' };
  try {
    const ca = new X509Certificate(caPem);
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return { ok: false, error: 'Unauthorized' };
  } catch {
    return { ok: false, error: 'Unauthorized' };
  }
  const now = cluster.world.clock.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return { ok: false, error: 'Unauthorized' };
  return { ok: true, user: userFromSubject(cert.subject) };
}

/** "CN=jane\nO=dev\nO=ops" -> {username: jane, groups: [dev, ops, system:authenticated]} */
export function userFromSubject(subject: string): UserInfo {
  const lines = subject.split('\n');
  const cn = lines.find((l) => l.startsWith('CN='))?.slice(3) ?? '';
  const groups = lines.filter((l) => l.startsWith('O=')).map((l) => l.slice(2));
  return { username: cn, groups: [...groups, 'system:authenticated'] };
}
