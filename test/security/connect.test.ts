/**
 * Connecting as kubectl does, with what can go wrong on the way: the apiserver's serving
 * certificate (wrong CA, expired, wrong name), the client certificate (expired, foreign CA,
 * mismatched key, missing files) and bearer tokens. Each failure is kubectl 1.33's text.
 */
import { describe, expect, it } from 'vitest';
import { toRfc3339 } from '../../src/util/clock.js';
import { reissueCertificateFile } from '../../src/cluster/reissue.js';
import { parseKubeconfig } from '../../src/cluster/connect.js';
import { ParsedCert } from '../../src/pki/x509.js';
import { toYaml } from '../../src/util/yaml.js';
import { KUBECONFIG, apiServerLog, bootDefault, connectWith } from './helpers.js';

const DAY = 86_400_000;

function editKubeconfig(path: string, host: { fs: { readFile(p: string): string; writeFile(p: string, t: string): void } }, edit: (c: ReturnType<typeof parseKubeconfig>) => void): void {
  const config = parseKubeconfig(host.fs.readFile(path));
  edit(config);
  host.fs.writeFile(path, toYaml(config));
}

describe('kubectl connecting with the admin kubeconfig', () => {
  it('connects as kubernetes-admin in kubeadm:cluster-admins', () => {
    const { cluster } = bootDefault();
    const conn = connectWith(cluster, cluster.world.workstation);
    expect(conn.ok && conn.client.user).toEqual({ username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
  });

  it('is Unauthorized with an expired client certificate, and the apiserver logs why', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    const expiredAt = cluster.world.clock.now() - DAY;
    reissueCertificateFile(ws, KUBECONFIG, { expiredAt }, cluster);
    const conn = connectWith(cluster, ws);
    expect(conn).toMatchObject({
      ok: false,
      error: 'error: You must be logged in to the server (Unauthorized)',
      discovery: { err: 'the server has asked for the client to provide credentials', error: 'error: You must be logged in to the server (the server has asked for the client to provide credentials)' },
    });
    const now = toRfc3339(cluster.world.clock.now());
    const line = apiServerLog(cluster).at(-1)!;
    expect(line).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +1 authentication\.go:74\] "Unable to authenticate the request" err="verifying certificate SN=\d+, SKID=, AKID=[0-9A-F:]+ failed: x509: certificate has expired or is not yet valid: /);
    expect(line).toContain(`current time ${now} is after ${toRfc3339(expiredAt)}"`);
  });

  it('is Unauthorized with a client certificate from a CA of the same name', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    reissueCertificateFile(ws, KUBECONFIG, { wrongCa: true }, cluster);
    const conn = connectWith(cluster, ws);
    expect(conn.ok ? '' : conn.error).toBe('error: You must be logged in to the server (Unauthorized)');
    expect(apiServerLog(cluster).at(-1)).toContain('x509: certificate signed by unknown authority (possibly because of \\"crypto/rsa: verification error\\" while trying to verify candidate authority certificate \\"kubernetes\\")');
  });

  it('refuses an apiserver certificate the kubeconfig CA did not sign', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    // The candidate's kubeconfig points at another cluster's CA.
    const other = bootDefault(9).cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/ca.crt');
    editKubeconfig(KUBECONFIG, ws, (c) => (c.clusters![0]!.cluster['certificate-authority-data'] = Buffer.from(other).toString('base64')));
    const conn = connectWith(cluster, ws);
    const problem = 'tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")';
    expect(conn).toMatchObject({ ok: false, error: `Unable to connect to the server: ${problem}`, discovery: { err: `Get "https://${cluster.controlPlane().ip}:6443/api?timeout=32s": ${problem}` } });
  });

  it('refuses an expired apiserver certificate', () => {
    const { cluster } = bootDefault();
    const expiredAt = cluster.world.clock.now() - DAY;
    reissueCertificateFile(cluster.controlPlane(), '/etc/kubernetes/pki/apiserver.crt', { expiredAt }, cluster);
    const conn = connectWith(cluster, cluster.world.workstation);
    expect(conn.ok ? '' : conn.error).toBe(
      `Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time ${toRfc3339(cluster.world.clock.now())} is after ${toRfc3339(expiredAt)}`,
    );
  });

  it('refuses an apiserver certificate issued for other names', () => {
    const { cluster } = bootDefault();
    reissueCertificateFile(cluster.controlPlane(), '/etc/kubernetes/pki/apiserver.crt', { sans: ['kubernetes', '10.96.0.1'] }, cluster);
    const conn = connectWith(cluster, cluster.world.workstation);
    expect(conn.ok ? '' : conn.error).toBe(`Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, not ${cluster.controlPlane().ip}`);
    editKubeconfig(KUBECONFIG, cluster.world.workstation, (c) => (c.clusters![0]!.cluster.server = 'https://controlplane:6443'));
    const byName = connectWith(cluster, cluster.world.workstation);
    expect(byName.ok ? '' : byName.error).toBe('Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for kubernetes, not controlplane');
  });

  it('skips verification with insecure-skip-tls-verify, which may not come with a CA', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    editKubeconfig(KUBECONFIG, ws, (c) => (c.clusters![0]!.cluster['insecure-skip-tls-verify'] = true));
    expect(connectWith(cluster, ws)).toMatchObject({ ok: false, error: 'error: specifying a root certificates file with the insecure flag is not allowed' });
    editKubeconfig(KUBECONFIG, ws, (c) => delete c.clusters![0]!.cluster['certificate-authority-data']);
    expect(connectWith(cluster, ws).ok).toBe(true);
  });

  it('reports unreadable credential files as clientcmd does', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    editKubeconfig(KUBECONFIG, ws, (c) => {
      delete c.clusters![0]!.cluster['certificate-authority-data'];
      c.clusters![0]!.cluster['certificate-authority'] = '/etc/kubernetes/pki/ca.crt';
    });
    expect(connectWith(cluster, ws)).toMatchObject({ error: 'error: unable to read certificate-authority /etc/kubernetes/pki/ca.crt for kubernetes due to open /etc/kubernetes/pki/ca.crt: no such file or directory' });
  });

  it('refuses a client key that does not belong to the certificate', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    ws.fs.writeFile('/tmp/other.key', cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/apiserver.key'));
    editKubeconfig(KUBECONFIG, ws, (c) => {
      const user = c.users![0]!.user!;
      ws.fs.writeFile('/tmp/admin.crt', Buffer.from(user['client-certificate-data']!, 'base64').toString());
      delete user['client-certificate-data'];
      delete user['client-key-data'];
      user['client-certificate'] = '/tmp/admin.crt';
      user['client-key'] = '/tmp/other.key';
    });
    // Files are loaded by the transport (an "Unable to connect" error)...
    expect(connectWith(cluster, ws)).toMatchObject({ ok: false, error: 'Unable to connect to the server: tls: private key does not match public key' });
    // ...embedded data with the config.
    editKubeconfig(KUBECONFIG, ws, (c) => {
      const user = c.users![0]!.user!;
      delete user['client-certificate'];
      user['client-certificate-data'] = Buffer.from(ws.fs.readFile('/tmp/admin.crt')).toString('base64');
    });
    expect(connectWith(cluster, ws)).toMatchObject({ ok: false, error: 'error: tls: private key does not match public key' });
  });

  it('connects anonymously without credentials, and anonymous may do nothing', () => {
    const { cluster } = bootDefault();
    const ws = cluster.world.workstation;
    editKubeconfig(KUBECONFIG, ws, (c) => (c.users![0]!.user = {}));
    const conn = connectWith(cluster, ws);
    if (!conn.ok) throw new Error(conn.error);
    expect(conn.client.user).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    expect(() => conn.client.list('pods', 'default')).toThrow('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
  });
});

describe('the serving certificate the apiserver presents', () => {
  it('is the apiserver.crt kubeadm issued, re-read when it changes', () => {
    const { cluster } = bootDefault();
    const cp = cluster.controlPlane();
    const endpointPem = () => (cluster.world.network.connect(cp.ip, 6443, cluster.world.workstation.ip) as { listener: { service: { servingCertificate(): string } } }).listener.service.servingCertificate();
    expect(endpointPem()).toBe(cp.fs.readFile('/etc/kubernetes/pki/apiserver.crt'));
    reissueCertificateFile(cp, '/etc/kubernetes/pki/apiserver.crt', { cn: 'renamed' }, cluster);
    expect(ParsedCert.parse(endpointPem()).commonName).toBe('renamed');
  });
});
