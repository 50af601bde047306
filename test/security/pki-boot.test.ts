/**
 * The PKI every cluster boots with: kubeadm's files on the control plane, the join-time files on
 * workers, the kubeconfigs' identities, and the candidate's kubeconfig for several clusters.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultClusterSpec } from '../../src/cluster/spec.js';
import { defaultBootHooks } from '../../src/cluster/assemble.js';
import { parseKubeconfig } from '../../src/cluster/connect.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { ParsedCert } from '../../src/pki/x509.js';
import { KUBELET_CLIENT_CURRENT } from '../../src/pki/kubeadm.js';
import { KUBECONFIG, bootDefault, connectWith } from './helpers.js';

const YEAR = 365 * 86_400_000;
const has = (bin: string) => {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function embeddedCert(text: string): ParsedCert {
  const user = parseKubeconfig(text).users![0]!.user!;
  return ParsedCert.parse(Buffer.from(user['client-certificate-data']!, 'base64').toString());
}

describe('the PKI of a booted cluster', () => {
  let cluster: Cluster;
  let bootedAt: number;

  beforeAll(() => {
    const world = new World({ seed: 2 });
    bootedAt = world.clock.now();
    cluster = bootCluster(world, defaultClusterSpec(), defaultBootHooks());
  });

  it('has a ten-year CA and one-year leaves from the virtual clock, backdated five minutes', () => {
    const fs = cluster.controlPlane().fs;
    const ca = ParsedCert.parse(fs.readFile('/etc/kubernetes/pki/ca.crt'));
    const apiserver = ParsedCert.parse(fs.readFile('/etc/kubernetes/pki/apiserver.crt'));
    expect([ca.notBefore, ca.notAfter]).toEqual([bootedAt - 300_000, bootedAt + 10 * YEAR]);
    expect([apiserver.notBefore, apiserver.notAfter]).toEqual([bootedAt - 300_000, bootedAt + YEAR]);
    expect(apiserver.dnsNames).toEqual(['controlplane', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);
    expect(apiserver.ipAddresses).toEqual(['10.96.0.1', cluster.controlPlane().ip]);
  });

  it.each([
    ['admin.conf', 'kubernetes-admin', ['kubeadm:cluster-admins']],
    ['super-admin.conf', 'kubernetes-super-admin', ['system:masters']],
    ['controller-manager.conf', 'system:kube-controller-manager', []],
    ['scheduler.conf', 'system:kube-scheduler', []],
  ])('gives %s the identity %s', (file, cn, orgs) => {
    const cert = embeddedCert(cluster.controlPlane().fs.readFile(`/etc/kubernetes/${file}`));
    expect([cert.commonName, cert.organizations]).toEqual([cn, orgs]);
  });

  it('gives every kubelet a client certificate for its node in kubelet-client-current.pem', () => {
    for (const node of cluster.nodes.values()) {
      const cert = ParsedCert.parse(node.fs.readFile(KUBELET_CLIENT_CURRENT));
      expect([cert.commonName, cert.organizations]).toEqual([`system:node:${node.hostname}`, ['system:nodes']]);
      expect(node.fs.lstat(KUBELET_CLIENT_CURRENT).type).toBe('symlink');
      expect(parseKubeconfig(node.fs.readFile('/etc/kubernetes/kubelet.conf')).users![0]!.user!['client-certificate']).toBe(KUBELET_CLIENT_CURRENT);
    }
  });

  it('lets super-admin.conf act as system:masters', () => {
    const cp = cluster.controlPlane();
    const conn = connectWith(cluster, cp, '/etc/kubernetes/super-admin.conf');
    expect(conn.ok && conn.client.user.groups).toEqual(['system:masters', 'system:authenticated']);
  });

  it.skipIf(!has('openssl'))('is real x509 that the real openssl verifies against the CA', () => {
    const fs = cluster.controlPlane().fs;
    const dir = mkdtempSync(join(tmpdir(), 'kubedrill-pki-'));
    try {
      for (const f of ['ca.crt', 'apiserver.crt', 'apiserver-kubelet-client.crt']) writeFileSync(join(dir, f), fs.readFile(`/etc/kubernetes/pki/${f}`));
      writeFileSync(join(dir, 'node01.pem'), cluster.nodes.get('node01')!.fs.readFile(KUBELET_CLIENT_CURRENT));
      // -attime: the certificates are dated on the virtual clock.
      const at = String(Math.floor(cluster.world.clock.now() / 1000));
      const out = execFileSync('openssl', ['verify', '-attime', at, '-CAfile', join(dir, 'ca.crt'), join(dir, 'apiserver.crt'), join(dir, 'apiserver-kubelet-client.crt'), join(dir, 'node01.pem')]).toString();
      expect(out.split('\n').filter(Boolean).map((l) => l.slice(dir.length + 1))).toEqual(['apiserver.crt: OK', 'apiserver-kubelet-client.crt: OK', 'node01.pem: OK']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the candidate's kubeconfig", () => {
  it('holds one context per cluster, each connecting to its own cluster with its own CA', () => {
    const world = new World({ seed: 4 });
    const a = bootCluster(world, defaultClusterSpec({ name: 'k8s-c1', context: 'k8s-c1' }), defaultBootHooks());
    const b = bootCluster(world, defaultClusterSpec({ name: 'k8s-c2', context: 'k8s-c2' }), defaultBootHooks());
    const config = parseKubeconfig(world.workstation.fs.readFile(KUBECONFIG));
    expect(config.contexts!.map((c) => c.name)).toEqual(['k8s-c1', 'k8s-c2']);
    expect(config['current-context']).toBe('k8s-c1');
    const caOf = (c: Cluster) => ParsedCert.parse(c.controlPlane().fs.readFile('/etc/kubernetes/pki/ca.crt'));
    expect(caOf(a).publicKey.equals(caOf(b).publicKey)).toBe(false);
    const ws = world.workstation;
    ws.fs.writeFile('/tmp/c2', world.workstation.fs.readFile(KUBECONFIG).replace('current-context: k8s-c1', 'current-context: k8s-c2'));
    const conn = connectWith(b, ws, '/tmp/c2');
    expect(conn.ok && conn.endpoint.cluster).toBe(b);
  });

  it('is the same for the same seed', () => {
    const a = bootDefault(6).cluster.world.workstation.fs.readFile(KUBECONFIG);
    const b = bootDefault(6).cluster.world.workstation.fs.readFile(KUBECONFIG);
    expect(a).toBe(b);
  });
});
