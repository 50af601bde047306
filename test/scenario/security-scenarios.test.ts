/**
 * The scenarios that need the cluster PKI and RBAC, as a candidate lives them: what the
 * candidate sees while diagnosing, and that the fix heals the cluster. Their answer keys are
 * proven with every other shipped scenario in selftest.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { candidate, rows } from './transcript.js';

describe('security scenario transcripts', () => {
  it('expired-kubelet-cert: the node is NotReady with Unauthorized kubelet requests until a CA-signed certificate replaces the expired one', async () => {
    const c = candidate('expired-kubelet-cert');
    expect(rows(await c.ok('kubectl get nodes'), /^cluster3-/).map((r) => [r[0], r[1]])).toEqual([
      ['cluster3-controlplane1', 'Ready'],
      ['cluster3-node1', 'Ready'],
      ['cluster3-node2', 'NotReady'],
    ]);
    expect(await c.ok('kubectl describe node cluster3-node2')).toMatch(/^ {2}Ready\s+Unknown\s+.*NodeStatusUnknown\s+Kubelet stopped posting node status\.$/m);

    await c.ok('ssh cluster3-node2');
    expect(await c.ok('systemctl is-active kubelet')).toBe('active\n');
    expect(await c.ok('sudo journalctl -u kubelet | grep Unauthorized | tail -1')).toMatch(/leases\/cluster3-node2\?timeout=10s\\": Unauthorized"/);
    expect(await c.ok('sudo grep client-certificate /etc/kubernetes/kubelet.conf')).toBe('    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n');
    const dates = await c.ok('sudo openssl x509 -in /var/lib/kubelet/pki/kubelet-client-current.pem -noout -subject -enddate');
    expect(dates).toBe('subject=O = system:nodes, CN = system:node:cluster3-node2\nnotAfter=Dec 31 09:01:30 2025 GMT\n');
    await c.ok('sudo openssl genrsa -out /tmp/node2.key 2048');
    await c.ok('sudo openssl req -new -key /tmp/node2.key -subj "/O=system:nodes/CN=system:node:cluster3-node2" -out /tmp/node2.csr');
    await c.ok('exit');

    await c.ok('ssh cluster3-node2 sudo cat /tmp/node2.csr > node2.csr');
    await c.ok("ssh cluster3-controlplane1 'sudo openssl x509 -req -CA /etc/kubernetes/pki/ca.crt -CAkey /etc/kubernetes/pki/ca.key -CAcreateserial -days 365 -out /tmp/node2.crt' < node2.csr");
    await c.ok('ssh cluster3-controlplane1 sudo cat /tmp/node2.crt > node2.crt');
    expect(await c.ok('openssl x509 -in node2.crt -noout -issuer -enddate')).toMatch(/^issuer=CN = kubernetes\nnotAfter=Jan {2}1 09:\d\d:\d\d 2027 GMT\n$/);
    await c.ok("ssh cluster3-node2 'sudo tee /tmp/node2.crt' < node2.crt > /dev/null");
    await c.ok('ssh cluster3-node2');
    await c.ok("sudo sh -c 'cat /tmp/node2.crt /tmp/node2.key > /var/lib/kubelet/pki/kubelet-client-renewed.pem'");
    await c.ok('sudo ln -sf /var/lib/kubelet/pki/kubelet-client-renewed.pem /var/lib/kubelet/pki/kubelet-client-current.pem');
    await c.ok('sudo systemctl restart kubelet');
    await c.ok('exit');

    expect(await c.ok('kubectl wait --for=condition=Ready node/cluster3-node2 --timeout=60s')).toBe('node/cluster3-node2 condition met\n');
    expect((await c.session.grade()).score).toBe(100);
  });

  it('rbac-gaps: jane is forbidden Deployments but reads Secrets until the Role and the stray binding are fixed', async () => {
    const c = candidate('rbac-gaps');
    const deploy = await c.type('kubectl -n dev get deployments --as jane');
    expect(deploy.status).toBe(1);
    expect(deploy.stderr).toBe('Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "dev"\n');
    expect((await c.type('kubectl -n dev get secrets --as jane')).status).toBe(0);
    const bindings = await c.ok('kubectl -n dev get rolebindings -o wide');
    expect(rows(bindings, /^debug-secrets$/)[0]).toEqual(['debug-secrets', 'Role/secret-reader', expect.stringMatching(/^\d+m(\d+s)?$/), 'jane,', 'ops-oncall']);

    await c.ok(`kubectl apply -f - <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: developer
  namespace: dev
rules:
- apiGroups: [""]
  resources: [pods, pods/log, services, configmaps]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, update, patch, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: debug-secrets
  namespace: dev
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: ops-oncall
EOF`);
    expect(await c.ok('kubectl -n dev get deployments --as jane')).toBe('');
    const secrets = await c.type('kubectl -n dev get secrets --as jane');
    expect(secrets.stderr).toBe('Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "dev"\n');
    expect((await c.type('kubectl -n dev get secrets --as ops-oncall')).status).toBe(0);

    const report = await c.session.grade();
    expect(report.tasks.map((t) => [t.id, t.score])).toEqual([
      ['developer-role', 1],
      ['ci-least-privilege', 0],
    ]);
  });

  it('user-certificate: a CSR-signed certificate logs jane in, and only removing the old ClusterRoleBinding leaves her exactly the Role', async () => {
    const c = candidate('user-certificate');
    expect(await c.ok('kubectl auth can-i list pods -n kube-system --as jane')).toBe('yes\n');

    await c.ok('cd /opt/course/13');
    await c.ok('openssl req -new -newkey rsa:2048 -nodes -keyout jane.key -subj "/CN=jane" -out jane.csr 2>/dev/null');
    await c.ok(`cat > csr.yaml <<EOF
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(cat jane.csr | base64 | tr -d "\\n")
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: ["client auth"]
EOF`);
    await c.ok('kubectl create -f csr.yaml');
    expect(rows(await c.ok('kubectl get csr'), /^jane$/)[0]).toEqual(['jane', expect.stringMatching(/^\d+s$/), 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Pending']);
    await c.ok('kubectl certificate approve jane');
    await c.ok("kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 --decode > jane.crt");
    expect(await c.ok('openssl x509 -in jane.crt -noout -subject -issuer')).toBe('subject=CN = jane\nissuer=CN = kubernetes\n');
    expect(await c.ok('kubectl config set-credentials jane --client-key=/opt/course/13/jane.key --client-certificate=/opt/course/13/jane.crt --embed-certs')).toBe('User "jane" set.\n');
    await c.ok('kubectl config set-context jane --user=jane --cluster=k8s-c13 --namespace=development');
    await c.ok('kubectl create role developer --verb=create --verb=get --verb=list --verb=update --verb=delete --resource=pods -n development');
    await c.ok('kubectl create rolebinding developer-jane --role=developer --user=jane -n development');
    expect(rows(await c.ok('kubectl --context jane get pods'), /^api$/)).toHaveLength(1);

    const early = await c.session.grade();
    expect(early.tasks[0]!.checks.filter((k) => !k.passed).map((k) => [k.title, k.found])).toEqual([
      ['jane may not list pods in kube-system', 'allowed'],
      ['jane may not get pods in default', 'allowed'],
      ['jane may not list deployments in development', 'allowed'],
      ['jane may not get configmaps in development', 'allowed'],
    ]);

    expect(await c.ok('kubectl get clusterrolebindings -o wide | grep -w jane | cut -d" " -f1')).toBe('jane-view\n');
    await c.ok('kubectl delete clusterrolebinding jane-view');
    const denied = await c.type('kubectl --context jane get pods -n kube-system');
    expect(denied.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"\n');
    expect((await c.session.grade()).score).toBe(100);
  });
});
