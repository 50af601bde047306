/** Small builders for PKI tests: a CA and leaves issued the way kubeadm issues them. */
import { KeySource } from '../../src/pki/key-source.js';
import { type CaPair, issueCa, issueLeaf, kubeadmValidity, CA_CERTIFICATE_VALIDITY_MS } from '../../src/pki/kubeadm.js';
import type { PrivateKey } from '../../src/pki/keys.js';
import type { ParsedCert } from '../../src/pki/x509.js';
import { EKU } from '../../src/pki/oids.js';
import { Rng } from '../../src/util/rng.js';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const DAY = 24 * 3600_000;

export function keys(seed = 7): KeySource {
  return new KeySource(new Rng(seed));
}

export function makeCa(cn = 'kubernetes', seed = 7, at = T0): CaPair & { keys: KeySource } {
  const ks = keys(seed);
  const key = ks.rsa();
  const cert = issueCa(cn, key, kubeadmValidity(at, CA_CERTIFICATE_VALIDITY_MS), new Rng(seed));
  return { cert, key, keys: ks };
}

export interface LeafOptions {
  cn?: string;
  orgs?: string[];
  dns?: string[];
  ips?: string[];
  usages?: string[];
  at?: number;
}

export function makeLeaf(ca: CaPair & { keys: KeySource }, o: LeafOptions = {}): { cert: ParsedCert; key: PrivateKey } {
  const key = ca.keys.rsa();
  const cert = issueLeaf(
    { commonName: o.cn ?? 'kube-apiserver', organizations: o.orgs ?? [], dnsNames: o.dns ?? [], ipAddresses: o.ips ?? [], usages: o.usages ?? [EKU.serverAuth] },
    key,
    ca,
    kubeadmValidity(o.at ?? T0),
    new Rng(99),
  );
  return { cert, key };
}
