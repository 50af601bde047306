/**
 * kubectl config set-credentials against kubectl 1.33 on the same kubeconfig and files: its
 * messages, the user entries it writes (embedded base64 data or file paths, sorted by name),
 * and that the credentials it writes log in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir, type Result } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const KEY = '-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAu\n-----END PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAV2gAwIBAgIUQ\n-----END CERTIFICATE-----\n';
const CONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster: {server: "https://192.168.100.2:6443"}\nusers:\n- name: kubernetes-admin\n  user: {token: abc}\ncontexts:\n- name: admin\n  context: {cluster: kubernetes, user: kubernetes-admin}\ncurrent-context: admin\n';

const LINES = [
  'kubectl config set-credentials',
  'kubectl config set-credentials a b',
  'kubectl config set-credentials jane --client-key=certs/jane.key --client-certificate=certs/nope.crt --embed-certs=true',
  'kubectl config set-credentials jane --embed-certs',
  'kubectl config set-credentials jane --token=a --username=b',
  'kubectl config set-credentials jane --client-key=certs/jane.key --client-certificate=certs/jane.crt --embed-certs=true',
  'kubectl config set-credentials bob --client-key=certs/jane.key --client-certificate=certs/jane.crt',
  'kubectl config set-credentials bob --token=t1',
  'kubectl config set-credentials bob --username=u --password=p',
  'kubectl config set-credentials carol --token=t2',
];

describe.skipIf(!hasKubectl())('kubectl config set-credentials, compared with kubectl 1.33', () => {
  if (!hasKubectl()) it.skip(NO_KUBECTL, () => {});
  let session: Session;
  let w: Workdir;
  beforeAll(() => {
    session = boot();
    w = new Workdir();
    w.write(session, 'certs/jane.key', KEY);
    w.write(session, 'certs/jane.crt', CERT);
  });
  afterAll(() => w.cleanup());

  it('prints what kubectl prints and writes the same kubeconfig', async () => {
    const config = w.write(session, 'kube/config', CONFIG);
    const fs = session.world.workstation.fs;
    for (const line of LINES) {
      const withConfig = line.replace(/^kubectl /, `kubectl --kubeconfig ${config} `);
      const real: Result = w.real(withConfig);
      const got = await ours(session, w, withConfig);
      // Without a name kubectl prints its help first; ours lists only the flags it implements
      // (no auth-provider or exec plugins), so only the complaint is compared there.
      if (real.stdout.startsWith('Set a user entry')) expect({ line, stderr: got.stderr, status: got.status, help: got.stdout.startsWith('Set a user entry') }).toEqual({ line, stderr: real.stderr, status: real.status, help: true });
      else expect({ line, ...got }).toEqual({ line, ...real });
      expect(fs.readFile(config), line).toBe(readFileSync(config, 'utf8'));
    }
  });
});

describe('credentials written by set-credentials', () => {
  it('log in with the embedded certificate and key of a user the cluster CA signed', async () => {
    const session = boot();
    const lines = [
      'openssl genrsa -out jane.key 2048',
      'openssl req -new -key jane.key -subj "/CN=jane" -out jane.csr',
      `cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
EOF`,
      'kubectl certificate approve jane',
      "kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt",
      'kubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt --embed-certs',
      'kubectl config set-context jane --cluster=kubernetes --user=jane',
    ];
    for (const line of lines) expect((await session.capture(line)).status, line).toBe(0);
    const denied = await session.capture('kubectl --context jane get pods');
    expect(denied.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
    expect((await session.capture('kubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt')).stdout).toBe('User "jane" set.\n');
    expect((await session.capture("kubectl config view -o json | jq -c '.users[] | select(.name == \"jane\") | .user'")).stdout).toBe('{"client-certificate":"/home/candidate/jane.crt","client-key":"/home/candidate/jane.key"}\n');
    expect((await session.capture('kubectl --context jane get pods')).stderr).toMatch(/^Error from server \(Forbidden\)/);
  });
});
