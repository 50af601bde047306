import { describe, expect, it } from 'vitest';
import { kubeadmCerts, kubeadmKubeconfigUser, shortHumanDuration, type KubeadmDeps } from '../../src/pki/kubeadm-certs.js';
import { writeControlPlanePki } from '../../src/pki/kubeadm.js';
import { parseKubeconfig, resolveKubeconfig } from '../../src/pki/kubeconfig.js';
import { PrivateKey } from '../../src/pki/keys.js';
import { formatOneline } from '../../src/pki/names.js';
import { goTabwriter } from '../../src/pki/tabwriter.js';
import { verifyChain } from '../../src/pki/verify.js';
import { ParsedCert } from '../../src/pki/x509.js';
import type { VirtualFS } from '../../src/vfs/fs.js';
import { newFs, runProgram, Rng, VirtualClock } from './harness.js';

const DAY = 86400_000;

function setup() {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const rng = new Rng(21);
  const fs = newFs(clock);
  writeControlPlanePki(fs, { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  const deps: KubeadmDeps = { clock, rng };
  const certs = (...args: string[]) => runProgram((ctx) => kubeadmCerts(ctx, args, deps), fs, ['kubeadm', 'certs', ...args]);
  const user = (...args: string[]) => runProgram((ctx) => kubeadmKubeconfigUser(ctx, args, deps), fs, ['kubeadm', 'kubeconfig', 'user', ...args]);
  return { clock, fs, certs, user };
}

const HEADER = `[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[check-expiration] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.
`;

describe('kubeadm certs check-expiration', () => {
  it('prints kubeadm\'s two tables with residual times from the virtual clock', async () => {
    const { clock, certs } = setup();
    clock.advance(10 * DAY + 3600_000);
    const r = await certs('check-expiration');
    expect(r.rc).toBe(0);
    expect(r.stdout).toBe(`${HEADER}
CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Jan 01, 2027 00:00 UTC   354d            ca                      no      
apiserver                  Jan 01, 2027 00:00 UTC   354d            ca                      no      
apiserver-etcd-client      Jan 01, 2027 00:00 UTC   354d            etcd-ca                 no      
apiserver-kubelet-client   Jan 01, 2027 00:00 UTC   354d            ca                      no      
controller-manager.conf    Jan 01, 2027 00:00 UTC   354d            ca                      no      
etcd-healthcheck-client    Jan 01, 2027 00:00 UTC   354d            etcd-ca                 no      
etcd-peer                  Jan 01, 2027 00:00 UTC   354d            etcd-ca                 no      
etcd-server                Jan 01, 2027 00:00 UTC   354d            etcd-ca                 no      
front-proxy-client         Jan 01, 2027 00:00 UTC   354d            front-proxy-ca          no      
scheduler.conf             Jan 01, 2027 00:00 UTC   354d            ca                      no      
super-admin.conf           Jan 01, 2027 00:00 UTC   354d            ca                      no      

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      Dec 30, 2035 00:00 UTC   9y              no      
etcd-ca                 Dec 30, 2035 00:00 UTC   9y              no      
front-proxy-ca          Dec 30, 2035 00:00 UTC   9y              no      
`);
  });

  it('shows <invalid> for expired certificates and falls back to defaults when admin.conf cannot log in', async () => {
    const { clock, certs } = setup();
    clock.advance(400 * DAY);
    const r = await certs('check-expiration');
    expect(r.stdout).toContain('[check-expiration] Error reading configuration from the Cluster. Falling back to default configuration\n\n');
    expect(r.stdout).toContain('apiserver                  Jan 01, 2027 00:00 UTC   <invalid>       ca                      no      \n');
  });

  it('marks missing files and externally managed CAs', async () => {
    const { fs, certs } = setup();
    fs.unlink('/etc/kubernetes/pki/apiserver.crt');
    fs.unlink('/etc/kubernetes/pki/front-proxy-ca.key');
    const r = await certs('check-expiration');
    // Empty cells still take their column's width, as Go's tabwriter pads them.
    expect(r.stdout).toContain('\n' + '!MISSING! apiserver'.padEnd(27) + ' '.repeat(25 + 16 + 24) + '\n');
    expect(r.stdout).toMatch(/\nfront-proxy-client +Jan 01, 2027 00:00 UTC +1y +front-proxy-ca +yes {5}\n/);
    expect(r.stdout).toMatch(/\nfront-proxy-ca +Dec 30, 2035 00:00 UTC +10y +yes {5}\n/);
  });

  it('rejects output formats other than text', async () => {
    const { certs } = setup();
    const r = await certs('check-expiration', '-o', 'json');
    expect(r.rc).toBe(1);
  });
});

describe('kubeadm certs renew', () => {
  function leaf(fs: VirtualFS, path: string): ParsedCert {
    return ParsedCert.parse(fs.readFile(path));
  }

  it('renews one certificate: same subject and SANs, a new key, a year from now', async () => {
    const { clock, fs, certs } = setup();
    const before = leaf(fs, '/etc/kubernetes/pki/apiserver.crt');
    clock.advance(300 * DAY);
    const r = await certs('renew', 'apiserver');
    expect(r.stdout).toBe(`[renew] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[renew] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.

certificate for serving the Kubernetes API renewed
`);
    const after = leaf(fs, '/etc/kubernetes/pki/apiserver.crt');
    expect(after.notAfter).toBe(clock.now() + 365 * DAY);
    expect(after.notBefore).toBe(clock.now() - 5 * 60_000);
    expect(formatOneline(after.subject)).toBe(formatOneline(before.subject));
    expect(after.dnsNames).toEqual(before.dnsNames);
    expect(after.ipAddresses).toEqual(before.ipAddresses);
    expect(after.publicKey.equals(before.publicKey)).toBe(false);
    expect(PrivateKey.fromPem(fs.readFile('/etc/kubernetes/pki/apiserver.key')).matches(after.publicKey)).toBe(true);
    expect(verifyChain(after, fs.readFile('/etc/kubernetes/pki/ca.crt'), clock.now()).ok).toBe(true);
  });

  it('renews everything, kubeconfigs included, and asks for the control plane to be restarted', async () => {
    const { clock, fs, certs } = setup();
    clock.advance(400 * DAY);
    const r = await certs('renew', 'all');
    expect(r.stdout.split('\n').slice(4)).toEqual([
      'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself renewed',
      'certificate for serving the Kubernetes API renewed',
      'certificate the apiserver uses to access etcd renewed',
      'certificate for the API server to connect to kubelet renewed',
      'certificate embedded in the kubeconfig file for the controller manager to use renewed',
      'certificate for liveness probes to healthcheck etcd renewed',
      'certificate for etcd nodes to communicate with each other renewed',
      'certificate for serving etcd renewed',
      'certificate for the front proxy client renewed',
      'certificate embedded in the kubeconfig file for the scheduler manager to use renewed',
      'certificate embedded in the kubeconfig file for the super-admin renewed',
      '',
      'Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.',
      '',
    ]);
    const creds = resolveKubeconfig(parseKubeconfig(fs.readFile('/etc/kubernetes/admin.conf')), (p) => fs.readFile(p), '/etc/kubernetes/admin.conf');
    expect(verifyChain(creds.clientCertPem!, creds.caPem!, clock.now(), { usages: ['clientAuth'] }).ok).toBe(true);
    expect(formatOneline(ParsedCert.parse(creds.clientCertPem!).subject)).toBe('O = kubeadm:cluster-admins, CN = kubernetes-admin');
  });

  it('says MISSING for a certificate that is not there and refuses unknown names', async () => {
    const { fs, certs } = setup();
    fs.unlink('/etc/kubernetes/super-admin.conf');
    expect((await certs('renew', 'super-admin.conf')).stdout).toMatch(/\nMISSING! certificate embedded in the kubeconfig file for the super-admin\n$/);
    const bad = await certs('renew', 'apiserverr');
    expect(bad).toMatchObject({ rc: 1, stderr: 'invalid subcommand "apiserverr"\nSee \'kubeadm certs renew -h\' for help and examples\n' });
  });

  it('cannot renew without the CA key', async () => {
    const { fs, certs } = setup();
    fs.unlink('/etc/kubernetes/pki/etcd/ca.key');
    expect((await certs('renew', 'etcd-server')).stdout).toMatch(/Detected external etcd\/ca, certificate for serving etcd can't be renewed\n$/);
  });
});

describe('kubeadm kubeconfig user', () => {
  it('prints a kubeconfig for the user, signed by the cluster CA', async () => {
    const { clock, fs, user } = setup();
    const r = await user('--client-name', 'jane', '--org', 'developers');
    expect(r.rc).toBe(0);
    expect(r.stdout.endsWith('\n\n')).toBe(true);
    const kc = parseKubeconfig(r.stdout);
    expect(kc['current-context']).toBe('jane@kubernetes');
    const creds = resolveKubeconfig(kc, () => '', '/x');
    expect(creds.server).toBe('https://172.30.1.2:6443');
    const cert = ParsedCert.parse(creds.clientCertPem!);
    expect(formatOneline(cert.subject)).toBe('O = developers, CN = jane');
    expect(cert.notAfter).toBe(clock.now() + 365 * DAY);
    expect(verifyChain(cert, fs.readFile('/etc/kubernetes/pki/ca.crt'), clock.now(), { usages: ['clientAuth'] }).ok).toBe(true);
  });

  it('honours --validity-period and demands --client-name', async () => {
    const { clock, user } = setup();
    const r = await user('--client-name=bob', '--validity-period=24h');
    const cert = ParsedCert.parse(resolveKubeconfig(parseKubeconfig(r.stdout), () => '', '/x').clientCertPem!);
    expect(cert.notAfter).toBe(clock.now() + DAY);
    expect(await user()).toMatchObject({ rc: 1, stderr: 'required flag(s) "client-name" not set\nTo see the stack trace of this error execute with --v=5 or higher\n' });
  });
});

describe('helpers', () => {
  it('formats residual time like apimachinery ShortHumanDuration', () => {
    expect([-5000, -500, 30_000, 5 * 60_000, 5 * 3600_000, 364 * DAY, 365 * DAY, 3649 * DAY].map(shortHumanDuration)).toEqual([
      '<invalid>', '0s', '30s', '5m', '5h', '364d', '1y', '9y',
    ]);
  });

  it('lays out columns per block like Go\'s tabwriter', () => {
    expect(goTabwriter('a\tbb\tlast\nccc\td\tx\n\nlong-header\tz\n', { minwidth: 0, padding: 1 })).toBe('a   bb last\nccc d  x\n\nlong-header z\n');
  });
});
