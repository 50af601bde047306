/**
 * Bearer tokens the apiserver accepts: bound service-account tokens from TokenRequest
 * (`kubectl create token`), legacy token Secrets filled by the tokens controller, the
 * --token-auth-file CSV and kubeadm's bootstrap token.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { parseKubeconfig } from '../../src/cluster/connect.js';
import { keyId } from '../../src/api/authn/jwt.js';
import { PublicKey } from '../../src/pki/keys.js';
import { decodePemBlocks } from '../../src/pki/pem.js';
import { toYaml } from '../../src/util/yaml.js';
import { bootstrapTokenSecret } from '../../src/cluster/credentials.js';
import { CSRS, bootDefault, candidate, connectWith, csrObject, csrPem, poolKey } from './helpers.js';

const has = (bin: string) => {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Connects from the workstation with only a bearer token. */
function withToken(cluster: Cluster, token: string) {
  const ws = cluster.world.workstation;
  const config = parseKubeconfig(ws.fs.readFile('/home/candidate/.kube/config'));
  config.users = [{ name: 'token-user', user: { token } }];
  config.contexts = [{ name: 't', context: { cluster: config.clusters![0]!.name, user: 'token-user' } }];
  config['current-context'] = 't';
  ws.fs.writeFile('/tmp/token.conf', toYaml(config));
  return connectWith(cluster, ws, '/tmp/token.conf');
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

function setup() {
  const { cluster } = bootDefault(5);
  const admin = candidate(cluster);
  admin.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: 'default' } });
  return { cluster, admin };
}

describe('TokenRequest (kubectl create token)', () => {
  it('issues an hour-long token for the service account, signed with sa.key', () => {
    const { cluster, admin } = setup();
    const tr = admin.api.createToken(admin.user, 'default', 'deployer');
    const status = tr['status'] as { token: string; expirationTimestamp: string };
    const now = Math.floor(cluster.world.clock.now() / 1000);
    expect(Date.parse(status.expirationTimestamp) / 1000).toBe(now + 3600);
    const claims = claimsOf(status.token);
    const sa = admin.get('serviceaccounts', 'default', 'deployer');
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:deployer',
      exp: now + 3600,
      iat: now,
      nbf: now,
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'deployer', uid: sa.metadata.uid } },
    });
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    const header = JSON.parse(Buffer.from(status.token.split('.')[0]!, 'base64url').toString()) as { alg: string; kid: string };
    const saPub = decodePemBlocks(cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/sa.pub'))[0]!;
    expect(header).toEqual({ alg: 'RS256', kid: keyId(PublicKey.fromSpkiDer(saPub.der)) });
  });

  it.skipIf(!has('openssl'))('signs with RS256 as the real openssl verifies it against sa.pub', () => {
    const { cluster, admin } = setup();
    const token = (admin.api.createToken(admin.user, 'default', 'deployer')['status'] as { token: string }).token;
    const [h, c, s] = token.split('.') as [string, string, string];
    const dir = mkdtempSync(join(tmpdir(), 'kubedrill-sa-'));
    try {
      writeFileSync(join(dir, 'sa.pub'), cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/sa.pub'));
      writeFileSync(join(dir, 'data'), `${h}.${c}`);
      writeFileSync(join(dir, 'sig'), Buffer.from(s, 'base64url'));
      const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'sa.pub'), '-signature', join(dir, 'sig'), join(dir, 'data')]).toString();
      expect(out).toBe('Verified OK\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('authenticates as the service account until the token expires', () => {
    const { cluster, admin } = setup();
    const token = (admin.api.createToken(admin.user, 'default', 'deployer', { expirationSeconds: 600 })['status'] as { token: string }).token;
    const conn = withToken(cluster, token);
    if (!conn.ok) throw new Error(conn.error);
    expect(conn.client.user).toMatchObject({
      username: 'system:serviceaccount:default:deployer',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${claimsOf(token)['jti']}`] },
    });
    cluster.world.loop.advance(600 + 61);
    expect(withToken(cluster, token)).toMatchObject({ ok: false, error: 'error: You must be logged in to the server (Unauthorized)' });
  });

  it('refuses durations under ten minutes as the apiserver words it', () => {
    const { admin } = setup();
    expect(() => admin.api.createToken(admin.user, 'default', 'deployer', { expirationSeconds: 60 })).toThrow(
      'TokenRequest.authentication.k8s.io "deployer" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
  });

  it('is NotFound for a service account that does not exist', () => {
    const { admin } = setup();
    expect(() => admin.api.createToken(admin.user, 'default', 'nobody')).toThrow('serviceaccounts "nobody" not found');
  });

  it('stops working when the service account is deleted', () => {
    const { cluster, admin } = setup();
    const token = (admin.api.createToken(admin.user, 'default', 'deployer')['status'] as { token: string }).token;
    admin.delete('serviceaccounts', 'default', 'deployer');
    expect(withToken(cluster, token).ok).toBe(false);
  });

  it('binds a token to a pod, which stops working when the pod is gone', () => {
    const { cluster, admin } = setup();
    const pod = admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { serviceAccountName: 'deployer', containers: [{ name: 'c', image: 'nginx' }] } });
    const tr = admin.api.createToken(admin.user, 'default', 'deployer', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p', uid: pod.metadata.uid } });
    const token = (tr['status'] as { token: string }).token;
    expect((claimsOf(token)['kubernetes.io'] as { pod: unknown }).pod).toEqual({ name: 'p', uid: pod.metadata.uid });
    expect(withToken(cluster, token).ok).toBe(true);
    admin.delete('pods', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(withToken(cluster, token).ok).toBe(false);
  });

  it('needs create on serviceaccounts/token', () => {
    const { cluster, admin } = setup();
    const sa = withToken(cluster, (admin.api.createToken(admin.user, 'default', 'deployer')['status'] as { token: string }).token);
    if (!sa.ok) throw new Error(sa.error);
    expect(() => sa.client.api.createToken(sa.client.user, 'default', 'default')).toThrow(
      'serviceaccounts "default" is forbidden: User "system:serviceaccount:default:deployer" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"',
    );
  });
});

describe('projected service-account tokens', () => {
  it('are signed tokens the apiserver accepts, valid a year with a warnafter claim', () => {
    const { cluster, admin } = setup();
    admin.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sa', namespace: 'default' },
      spec: {
        nodeName: 'node01',
        serviceAccountName: 'deployer',
        containers: [{ name: 'c', image: 'busybox', command: ['sleep', '1d'], volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }],
        volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
      },
    } as never);
    cluster.world.loop.advance(5);
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'sa')!;
    const token = w.exec(w.containerRecord('c')!, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).stdout;
    const claims = claimsOf(token);
    const now = Math.floor(cluster.world.clock.now() / 1000);
    expect(claims['exp'] as number).toBeGreaterThan(now + 364 * 86400);
    expect((claims['kubernetes.io'] as { warnafter: number }).warnafter).toBeLessThanOrEqual(now + 3607);
    const conn = withToken(cluster, token);
    expect(conn.ok && conn.client.user.username).toBe('system:serviceaccount:default:deployer');
  });
});

describe('legacy service-account token Secrets', () => {
  it('are filled by the tokens controller and authenticate while the Secret exists', () => {
    const { cluster, admin } = setup();
    admin.create('secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'deployer-token', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'deployer' } },
      type: 'kubernetes.io/service-account-token',
    } as never);
    cluster.world.loop.settle();
    const secret = admin.get('secrets', 'default', 'deployer-token');
    const data = secret['data'] as Record<string, string>;
    const dec = (k: string) => Buffer.from(data[k]!, 'base64').toString();
    expect(dec('namespace')).toBe('default');
    expect(dec('ca.crt')).toBe(cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/ca.crt'));
    expect(claimsOf(dec('token'))).toEqual({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'default',
      'kubernetes.io/serviceaccount/secret.name': 'deployer-token',
      'kubernetes.io/serviceaccount/service-account.name': 'deployer',
      'kubernetes.io/serviceaccount/service-account.uid': admin.get('serviceaccounts', 'default', 'deployer').metadata.uid,
      sub: 'system:serviceaccount:default:deployer',
    });
    expect(secret.metadata.annotations?.['kubernetes.io/service-account.uid']).toBe(admin.get('serviceaccounts', 'default', 'deployer').metadata.uid);
    const conn = withToken(cluster, dec('token'));
    expect(conn.ok && conn.client.user.username).toBe('system:serviceaccount:default:deployer');
    admin.delete('secrets', 'default', 'deployer-token');
    expect(withToken(cluster, dec('token')).ok).toBe(false);
  });
});

describe('static and bootstrap tokens', () => {
  it('accepts --token-auth-file tokens once the apiserver restarts with the flag', () => {
    const { cluster } = setup();
    const cp = cluster.controlPlane();
    cp.fs.writeFile('/etc/kubernetes/pki/tokens.csv', 'S3cr3t,bob,1001,"ops,dev"\n');
    const manifest = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    cp.fs.writeFile(manifest, cp.fs.readFile(manifest).replace('    - --tls-cert-file', '    - --token-auth-file=/etc/kubernetes/pki/tokens.csv\n    - --tls-cert-file'));
    cluster.world.loop.advanceUntil(() => withToken(cluster, 'S3cr3t').ok, 120);
    const conn = withToken(cluster, 'S3cr3t');
    expect(conn.ok && conn.client.user).toEqual({ username: 'bob', uid: '1001', groups: ['ops', 'dev', 'system:authenticated'] });
    expect(withToken(cluster, 'wrong').ok).toBe(false);
  });

  it('authenticates a kubeadm bootstrap token, which may create CSRs and nothing else', () => {
    const { cluster, admin } = setup();
    const secret = admin.create('secrets', bootstrapTokenSecret(cluster));
    const data = secret['data'] as Record<string, string>;
    const dec = (k: string) => Buffer.from(data[k]!, 'base64').toString();
    const token = `${dec('token-id')}.${dec('token-secret')}`;
    const conn = withToken(cluster, token);
    if (!conn.ok) throw new Error(conn.error);
    expect(conn.client.user).toEqual({ username: `system:bootstrap:${dec('token-id')}`, groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'] });
    const pem = csrPem(poolKey(11), 'system:node:node03', ['system:nodes']);
    conn.client.create(CSRS, csrObject('node03', pem, 'kubernetes.io/kube-apiserver-client-kubelet', ['digital signature', 'key encipherment', 'client auth']));
    cluster.world.loop.settle();
    // kubeadm:node-autoapprove-bootstrap lets the approver approve it, and the signer signs it.
    const status = admin.get(CSRS, '', 'node03')['status'] as { conditions?: { type: string; reason: string; message: string }[]; certificate?: string };
    expect(status.conditions?.[0]).toMatchObject({ type: 'Approved', reason: 'AutoApproved', message: 'Auto approving kubelet client certificate after SubjectAccessReview.' });
    expect(status.certificate).toBeTruthy();
    expect(() => conn.client.list('pods', 'default')).toThrow(ApiError);
    // Past its expiration the token no longer works.
    const expired = structuredClone(secret) as typeof secret;
    (expired['data'] as Record<string, string>)['expiration'] = Buffer.from(new Date(cluster.world.clock.now() - 1000).toISOString()).toString('base64');
    admin.update('secrets', expired);
    expect(withToken(cluster, token).ok).toBe(false);
  });

  it('answers TokenReview with the token authenticators', () => {
    const { cluster, admin } = setup();
    const token = (admin.api.createToken(admin.user, 'default', 'deployer')['status'] as { token: string }).token;
    const review = admin.create('tokenreviews.authentication.k8s.io', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: { token } } as never);
    expect((review['status'] as { authenticated: boolean; user: { username: string } }).user.username).toBe('system:serviceaccount:default:deployer');
    void cluster;
  });
});
