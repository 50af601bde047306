/**
 * The security flows as a candidate types them in a session: openssl on the workstation, kubectl
 * failing with kubectl 1.33's lines when credentials or the serving certificate are wrong.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { defaultBundle } from '../../src/session/default-bundle.js';
import { BufferSink } from '../../src/shell/types.js';
import { reissueCertificateFile } from '../../src/cluster/reissue.js';
import type { Cluster } from '../../src/cluster/cluster.js';

async function run(session: Session, line: string): Promise<{ stdout: string; stderr: string; status: number }> {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const status = await session.run(line, { stdout, stderr });
  return { stdout: stdout.text(), stderr: stderr.text(), status };
}

function setup(): { session: Session; cluster: Cluster } {
  const session = new Session(defaultBundle());
  return { session, cluster: session.built.clusters.get('kubernetes')! };
}

const MEMCACHE = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: (.*)"$/;

describe('kubectl in a session', () => {
  it('works with the kubeadm admin credentials', async () => {
    const { session } = setup();
    const r = await run(session, 'kubectl get nodes -o name');
    expect(r.stdout).toBe('node/controlplane\nnode/node01\nnode/node02\n');
  });

  it('has openssl on the workstation', async () => {
    const { session } = setup();
    expect((await run(session, 'openssl version')).stdout).toBe('OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n');
  });

  it('prints the discovery retries and the login error for an expired client certificate', async () => {
    const { session, cluster } = setup();
    reissueCertificateFile(cluster.world.workstation, '/home/candidate/.kube/config', { expiredAt: cluster.world.clock.now() - 3600_000 }, cluster);
    const r = await run(session, 'kubectl get pods');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => MEMCACHE.exec(l)?.[1])).toEqual(Array(5).fill('the server has asked for the client to provide credentials'));
    expect(lines.at(-1)).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    expect(r.status).toBe(1);
  });

  it('prints the TLS error for an expired apiserver certificate', async () => {
    const { session, cluster } = setup();
    reissueCertificateFile(cluster.controlPlane(), '/etc/kubernetes/pki/apiserver.crt', { expiredAt: cluster.world.clock.now() - 3600_000 }, cluster);
    const r = await run(session, 'kubectl get pods');
    const lines = r.stderr.trimEnd().split('\n');
    expect(MEMCACHE.exec(lines[0]!)?.[1]).toMatch(/^Get \\"https:\/\/192\.168\.100\.2:6443\/api\?timeout=32s\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \S+ is after \S+$/);
    expect(lines.at(-1)).toMatch(/^Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \S+ is after \S+$/);
  });

  it('runs the user-certificate flow as typed: openssl, a CSR object, kubectl certificate approve, a kubeconfig user', async () => {
    const { session } = setup();
    const lines = [
      'openssl genrsa -out jane.key 2048',
      'openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr',
      `cat <<EOF > csr.yaml
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: ["client auth"]
EOF`,
      'kubectl apply -f csr.yaml',
      'kubectl certificate approve jane',
      "kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt",
      "kubectl get configmap kube-root-ca.crt -o jsonpath='{.data.ca\\.crt}' > ca.crt",
      `cat <<EOF > jane.conf
apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster: {server: "https://192.168.100.2:6443", certificate-authority: /home/candidate/ca.crt}
users:
- name: jane
  user: {client-certificate: /home/candidate/jane.crt, client-key: /home/candidate/jane.key}
contexts:
- name: jane
  context: {cluster: kubernetes, user: jane}
current-context: jane
EOF`,
      'kubectl create role reader --verb=get,list --resource=pods',
      // (kubectl create rolebinding --user=jane would do, once its local --user shadows the global one)
      `cat <<EOF | kubectl apply -f -
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-reader, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: jane}]
EOF`,
    ];
    for (const line of lines) {
      const r = await run(session, line);
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    }
    expect((await run(session, 'kubectl --kubeconfig jane.conf get pods')).stderr).toBe('No resources found in default namespace.\n');
    const denied = await run(session, 'kubectl --kubeconfig jane.conf get deployments');
    expect(denied.stderr).toBe('Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"\n');
  });

  it('creates a service-account token kubectl can use', async () => {
    const { session } = setup();
    await run(session, 'kubectl create serviceaccount builder');
    const token = (await run(session, 'kubectl create token builder')).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    // A token alone (with the admin's client certificate beside it, x509 would authenticate first).
    await run(session, `printf 'apiVersion: v1\\nkind: Config\\nclusters:\\n- name: k\\n  cluster: {server: "https://192.168.100.2:6443", insecure-skip-tls-verify: true}\\nusers:\\n- name: b\\n  user: {token: ${token}}\\ncontexts:\\n- name: b\\n  context: {cluster: k, user: b}\\ncurrent-context: b\\n' > builder.conf`);
    const r = await run(session, 'kubectl --kubeconfig builder.conf get pods');
    expect(r.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:builder" cannot list resource "pods" in API group "" in the namespace "default"\n');
  });

  it('refuses a --user the kubeconfig does not have', async () => {
    const { session } = setup();
    expect((await run(session, 'kubectl --user=nobody get pods')).stderr).toBe('error: auth info "nobody" does not exist\n');
  });
});

