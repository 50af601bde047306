/**
 * Certificate breakages: re-issue the certificate stored at a path (a PEM file, a cert+key file
 * such as kubelet-client-current.pem, or a kubeconfig with embedded client-certificate-data) with
 * one thing changed: expired at an instant, signed by a foreign CA of the same name, or another CN
 * or SANs. The key stays the same, so only the change breaks anything. The cluster CA that signed
 * the original signs the new one, as `openssl x509 -req -CA` with its key on the control plane would.
 */
import type { Cluster } from './cluster.js';
import type { Machine } from '../node/machine.js';
import { createGoCertificate } from '../pki/cert.js';
import { PrivateKey } from '../pki/keys.js';
import { ATTR, type DistinguishedName } from '../pki/names.js';
import { kubeadmSerial } from '../pki/serial.js';
import { ParsedCert } from '../pki/x509.js';
import { parseIp } from '../pki/ip.js';
import { parseKubeconfig, serializeKubeconfig } from '../pki/kubeconfig.js';
import { CA_CERTIFICATE_VALIDITY_MS, CERTIFICATE_VALIDITY_MS, type CaPair } from '../pki/kubeadm.js';
import { keysOf } from './credentials.js';

export interface CertificateChange {
  /** The new NotAfter (ms); NotBefore goes a year earlier. */
  expiredAt?: number;
  /** Sign with a CA of the same subject but another key. */
  wrongCa?: boolean;
  cn?: string;
  sans?: string[];
}

export type Reissuer = (host: Machine, path: string, change: CertificateChange, cluster: Cluster) => void;

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/;
const CA_FILES = ['ca', 'front-proxy-ca', 'etcd/ca'];

/** The cluster CAs (certificate and key) from the control-plane node's kubeadm directory. */
function clusterCas(cluster: Cluster): CaPair[] {
  const fs = cluster.controlPlane().fs;
  const out: CaPair[] = [];
  for (const name of CA_FILES) {
    const cert = fs.readFileIfExists(`/etc/kubernetes/pki/${name}.crt`);
    const key = fs.readFileIfExists(`/etc/kubernetes/pki/${name}.key`);
    if (!cert || !key) continue;
    try {
      out.push({ cert: ParsedCert.parse(cert), key: PrivateKey.fromPem(key) });
    } catch {
      // an unreadable CA cannot have signed anything we re-issue
    }
  }
  return out;
}

function withCommonName(dn: DistinguishedName, cn: string): DistinguishedName {
  const out = dn.map((rdn) => rdn.map((a) => (a.oid === ATTR.CN ? { ...a, value: cn } : a)));
  if (!out.some((rdn) => rdn.some((a) => a.oid === ATTR.CN))) out.push([{ oid: ATTR.CN, value: cn, tag: 0x13 }]);
  return out;
}

/** The re-issued certificate. */
export function reissue(cluster: Cluster, original: ParsedCert, change: CertificateChange): ParsedCert {
  const cas = clusterCas(cluster);
  let issuer = cas.find((ca) => ca.cert.subjectDer.equals(original.issuerDer) && original.isSignedBy(ca.cert.publicKey));
  if (!issuer) throw new Error(`no CA of cluster ${cluster.name} signed the certificate (issuer ${original.issuerCommonName})`);
  const rng = cluster.rng.fork(`reissue:${original.serial}`);
  if (change.wrongCa) {
    const key = keysOf(cluster.world, cluster.world.rng).foreignCaKey();
    const now = cluster.world.clock.now();
    const foreign = createGoCertificate(
      { serial: kubeadmSerial(rng), subject: issuer.cert.subject, dnsNames: issuer.cert.dnsNames, notBefore: now - 3600_000, notAfter: now + CA_CERTIFICATE_VALIDITY_MS, keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'], isCA: true, publicKey: key.publicKey },
      { key },
    );
    issuer = { cert: foreign, key };
  }
  const sans = change.sans ? splitSans(change.sans) : { dns: original.dnsNames, ips: original.ipAddresses };
  const notAfter = change.expiredAt ?? original.notAfter;
  const notBefore = change.expiredAt !== undefined ? change.expiredAt - CERTIFICATE_VALIDITY_MS : original.notBefore;
  return createGoCertificate(
    {
      serial: kubeadmSerial(rng),
      subject: change.cn !== undefined ? withCommonName(original.subject, change.cn) : original.subject,
      notBefore,
      notAfter,
      publicKey: original.publicKey,
      keyUsage: original.keyUsage,
      extKeyUsage: original.extKeyUsageOids,
      isCA: original.isCA,
      dnsNames: sans.dns,
      ipAddresses: sans.ips,
      emailAddresses: original.emailAddresses,
      uris: original.uris,
    },
    issuer,
  );
}

function splitSans(sans: readonly string[]): { dns: string[]; ips: string[] } {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const s of sans) {
    const v = s.replace(/^(DNS|IP|IP Address):/i, '');
    if (parseIp(v)) ips.push(v);
    else dns.push(v);
  }
  return { dns, ips };
}

/** Re-issues the certificate at `path` on `host` in place (a symlink's target is rewritten). */
export const reissueCertificateFile: Reissuer = (host, path, change, cluster) => {
  const text = host.fs.readFile(path);
  const mode = host.fs.stat(path).mode;
  if (CERT_BLOCK.test(text)) {
    const original = ParsedCert.parse(text);
    const next = reissue(cluster, original, change);
    host.fs.writeFile(path, text.replace(CERT_BLOCK, next.pem), { mode });
    return;
  }
  const config = parseKubeconfig(text);
  const user = config.users.find((u) => u.user['client-certificate-data']);
  if (!user) throw new Error(`${path} holds no certificate`);
  const original = ParsedCert.parse(Buffer.from(user.user['client-certificate-data']!, 'base64').toString('utf8'));
  user.user['client-certificate-data'] = Buffer.from(reissue(cluster, original, change).pem).toString('base64');
  host.fs.writeFile(path, serializeKubeconfig(config), { mode });
};
