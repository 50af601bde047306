import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeControlPlanePki, writeWorkerPki } from '../../src/pki/kubeadm.js';
import { parseKubeconfig, resolveKubeconfig } from '../../src/pki/kubeconfig.js';
import { PrivateKey } from '../../src/pki/keys.js';
import { formatOneline } from '../../src/pki/names.js';
import { verifyChain } from '../../src/pki/verify.js';
import { ParsedCert, parseCertificates } from '../../src/pki/x509.js';
import { exportFiles, hasOpenssl, newFs, realDir, realOpenssl, Rng, VirtualClock } from './harness.js';

function cluster(seed = 1) {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const rng = new Rng(seed);
  const cp = newFs(clock);
  const pki = writeControlPlanePki(cp, { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  const worker = newFs(clock);
  writeWorkerPki(worker, { nodeName: 'node01', nodeIp: '172.30.1.3', clock, rng: rng.fork('node01'), keys: pki.keys, ca: pki.ca, server: pki.server });
  return { clock, cp, worker, pki };
}

const { clock, cp, worker, pki } = cluster();
const cert = (path: string, fs = cp) => ParsedCert.parse(fs.readFile(path));
const NOW = clock.now();

describe('control-plane PKI as kubeadm init leaves it', () => {
  it('writes every file kubeadm writes, keys 0600 and certificates 0644', () => {
    const pkiFiles = cp.walk('/etc/kubernetes/pki').filter((p) => cp.isFile(p)).map((p) => p.replace('/etc/kubernetes/pki/', ''));
    expect(pkiFiles.sort()).toEqual(
      [
        'apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key',
        'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'etcd/ca.crt', 'etcd/ca.key', 'etcd/healthcheck-client.crt',
        'etcd/healthcheck-client.key', 'etcd/peer.crt', 'etcd/peer.key', 'etcd/server.crt', 'etcd/server.key', 'front-proxy-ca.crt',
        'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub',
      ].sort(),
    );
    for (const f of pkiFiles) expect(cp.stat(`/etc/kubernetes/pki/${f}`).mode, f).toBe(f.endsWith('.crt') ? 0o644 : 0o600);
    for (const f of ['admin.conf', 'super-admin.conf', 'controller-manager.conf', 'scheduler.conf', 'kubelet.conf']) {
      expect(cp.stat(`/etc/kubernetes/${f}`).mode).toBe(0o600);
    }
  });

  it('gives each certificate kubeadm\'s subject, issuer and usages', () => {
    const rows = [
      ['apiserver', 'CN = kube-apiserver', 'CN = kubernetes', ['serverAuth']],
      ['apiserver-kubelet-client', 'O = kubeadm:cluster-admins, CN = kube-apiserver-kubelet-client', 'CN = kubernetes', ['clientAuth']],
      ['front-proxy-client', 'CN = front-proxy-client', 'CN = front-proxy-ca', ['clientAuth']],
      ['apiserver-etcd-client', 'CN = kube-apiserver-etcd-client', 'CN = etcd-ca', ['clientAuth']],
      ['etcd/server', 'CN = controlplane', 'CN = etcd-ca', ['serverAuth', 'clientAuth']],
      ['etcd/peer', 'CN = controlplane', 'CN = etcd-ca', ['serverAuth', 'clientAuth']],
      ['etcd/healthcheck-client', 'CN = kube-etcd-healthcheck-client', 'CN = etcd-ca', ['clientAuth']],
    ] as const;
    for (const [name, subject, issuer, usages] of rows) {
      const c = cert(`/etc/kubernetes/pki/${name}.crt`);
      expect(formatOneline(c.subject), name).toBe(subject);
      expect(formatOneline(c.issuer), name).toBe(issuer);
      expect(c.extKeyUsage, name).toEqual(usages);
      expect(c.notAfter, name).toBe(NOW + 365 * 86400_000);
    }
  });

  it('puts the node, the service IP and the in-cluster names in the apiserver SANs', () => {
    const c = cert('/etc/kubernetes/pki/apiserver.crt');
    expect(c.dnsNames).toEqual(['controlplane', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);
    expect(c.ipAddresses).toEqual(['10.96.0.1', '172.30.1.2']);
    expect(cert('/etc/kubernetes/pki/etcd/server.crt').ipAddresses).toEqual(['172.30.1.2', '127.0.0.1', '::1']);
  });

  it('pairs every key with its certificate and sa.pub with sa.key', () => {
    for (const name of ['ca', 'apiserver', 'etcd/peer', 'front-proxy-ca']) {
      const key = PrivateKey.fromPem(cp.readFile(`/etc/kubernetes/pki/${name}.key`));
      expect(key.matches(cert(`/etc/kubernetes/pki/${name}.crt`).publicKey), name).toBe(true);
    }
    expect(PrivateKey.fromPem(cp.readFile('/etc/kubernetes/pki/sa.key')).publicKey.pem).toBe(cp.readFile('/etc/kubernetes/pki/sa.pub'));
  });

  it('writes kubeconfigs whose client certificates carry kubeadm\'s identities and verify against the CA', () => {
    const expected: Record<string, [string, string]> = {
      'admin.conf': ['kubernetes-admin@kubernetes', 'O = kubeadm:cluster-admins, CN = kubernetes-admin'],
      'super-admin.conf': ['kubernetes-super-admin@kubernetes', 'O = system:masters, CN = kubernetes-super-admin'],
      'controller-manager.conf': ['system:kube-controller-manager@kubernetes', 'CN = system:kube-controller-manager'],
      'scheduler.conf': ['system:kube-scheduler@kubernetes', 'CN = system:kube-scheduler'],
      'kubelet.conf': ['system:node:controlplane@kubernetes', 'O = system:nodes, CN = system:node:controlplane'],
    };
    for (const [file, [context, subject]] of Object.entries(expected)) {
      const path = `/etc/kubernetes/${file}`;
      const creds = resolveKubeconfig(parseKubeconfig(cp.readFile(path)), (p) => cp.readFile(p), path);
      expect(creds.contextName, file).toBe(context);
      expect(creds.server, file).toBe('https://172.30.1.2:6443');
      const client = ParsedCert.parse(creds.clientCertPem!);
      expect(formatOneline(client.subject), file).toBe(subject);
      expect(verifyChain(client, creds.caPem!, NOW, { usages: ['clientAuth'] }).ok, file).toBe(true);
      expect(PrivateKey.fromPem(creds.clientKeyPem!).matches(client.publicKey), file).toBe(true);
    }
    expect(pki.adminKubeconfig).toBe(cp.readFile('/etc/kubernetes/admin.conf'));
  });

  it('keeps the kubelet\'s client certificate in its rotating store and a self-signed serving pair', () => {
    const link = '/var/lib/kubelet/pki/kubelet-client-current.pem';
    expect(cp.lstat(link).type).toBe('symlink');
    expect(cp.readlink(link)).toBe('/var/lib/kubelet/pki/kubelet-client-2026-01-01-00-00-00.pem');
    expect(cp.readFile(link)).toMatch(/-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----/);
    const [leaf, kca] = parseCertificates(cp.readFile('/var/lib/kubelet/pki/kubelet.crt'));
    expect(leaf!.commonName).toBe('controlplane@1767225600');
    expect(kca!.commonName).toBe('controlplane-ca@1767225600');
    expect([leaf!.serial, kca!.serial]).toEqual([2n, 1n]);
    expect(leaf!.notBefore).toBe(NOW - 3600_000);
    expect(verifyChain(leaf!, kca!, NOW, { dnsName: 'controlplane' }).ok).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(cluster().cp.readFile('/etc/kubernetes/pki/apiserver.crt')).toBe(cp.readFile('/etc/kubernetes/pki/apiserver.crt'));
    expect(cluster(2).cp.readFile('/etc/kubernetes/pki/apiserver.crt')).not.toBe(cp.readFile('/etc/kubernetes/pki/apiserver.crt'));
  });
});

describe('worker PKI after kubeadm join and TLS bootstrap', () => {
  it('has the CA, the kubelet-written kubeconfig and a P-256 client certificate signed through a CSR', () => {
    expect(worker.readFile('/etc/kubernetes/pki/ca.crt')).toBe(pki.ca.cert.pem);
    const kc = parseKubeconfig(worker.readFile('/etc/kubernetes/kubelet.conf'));
    expect(kc['current-context']).toBe('default-context');
    expect(kc.contexts[0]!.context).toEqual({ cluster: 'default-cluster', namespace: 'default', user: 'default-auth' });
    const creds = resolveKubeconfig(kc, (p) => worker.readFile(p), '/etc/kubernetes/kubelet.conf');
    const client = ParsedCert.parse(creds.clientCertPem!);
    expect(formatOneline(client.subject)).toBe('O = system:nodes, CN = system:node:node01');
    expect(client.publicKey.algorithm).toBe('ec');
    expect(client.keyUsage).toEqual(['digitalSignature']);
    expect(client.notBefore).toBe(NOW - 5 * 60_000);
    expect(creds.clientKeyPem).toMatch(/BEGIN EC PRIVATE KEY/);
    expect(verifyChain(client, creds.caPem!, NOW, { usages: ['clientAuth'] }).ok).toBe(true);
    expect(worker.exists('/etc/kubernetes/pki/ca.key')).toBe(false);
  });
});

describe.skipIf(!hasOpenssl)('the written PKI with the real openssl', () => {
  it('verifies every certificate against its CA', () => {
    const dir = realDir();
    exportFiles(cp, '/etc/kubernetes/pki', dir);
    const at = ['-attime', String(NOW / 1000 + 60)];
    const check = (ca: string, c: string) => realOpenssl(dir, ['verify', ...at, '-CAfile', ca, c]).stdout;
    for (const c of ['apiserver.crt', 'apiserver-kubelet-client.crt']) expect(check('ca.crt', c)).toBe(`${c}: OK\n`);
    expect(check('front-proxy-ca.crt', 'front-proxy-client.crt')).toBe('front-proxy-client.crt: OK\n');
    for (const c of ['etcd/server.crt', 'etcd/peer.crt', 'etcd/healthcheck-client.crt', 'apiserver-etcd-client.crt']) expect(check('etcd/ca.crt', c)).toBe(`${c}: OK\n`);
    const wdir = realDir();
    exportFiles(worker, '/var/lib/kubelet/pki', wdir);
    writeFileSync2(wdir, 'ca.crt', pki.ca.cert.pem);
    expect(realOpenssl(wdir, ['verify', ...at, '-CAfile', 'ca.crt', 'kubelet-client-2026-01-01-00-00-00.pem']).stdout).toBe('kubelet-client-2026-01-01-00-00-00.pem: OK\n');
    expect(realOpenssl(wdir, ['ec', '-in', 'kubelet-client-2026-01-01-00-00-00.pem', '-noout', '-check']).stderr).toBe('read EC key\nEC Key valid.\n');
    expect(realOpenssl(dir, ['rsa', '-in', 'sa.key', '-noout', '-check']).stdout).toBe('RSA key ok\n');
  });
});

function writeFileSync2(dir: string, name: string, content: string): void {
  writeFileSync(join(dir, name), content);
}
