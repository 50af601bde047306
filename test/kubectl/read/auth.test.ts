/** kubectl auth can-i and whoami on a booted cluster: the apiserver's Node and RBAC authorizers, a Role for jane. */
import { beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './cluster.js';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: default}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-reader, namespace: default}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
`;

describe('kubectl auth', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('rbac.yaml', RBAC);
    await c.run('kubectl apply -f rbac.yaml');
  });

  it('answers yes with status 0 and no with status 1', async () => {
    expect(await c.run('kubectl auth can-i get pods --as=jane')).toEqual({ stdout: 'yes\n', stderr: '', status: 0 });
    expect(await c.run('kubectl auth can-i list pods/web --as=jane')).toEqual({ stdout: 'yes\n', stderr: '', status: 0 });
    expect(await c.run('kubectl auth can-i delete pods --as=jane')).toEqual({ stdout: 'no\n', stderr: '', status: 1 });
    expect(await c.run('kubectl auth can-i get pods -n kube-system --as=jane')).toEqual({ stdout: 'no\n', stderr: '', status: 1 });
    expect(await c.run('kubectl auth can-i get pods --subresource=log --as=jane')).toEqual({ stdout: 'no\n', stderr: '', status: 1 });
    expect(await c.run('kubectl auth can-i get /healthz --as=jane')).toEqual({ stdout: 'yes\n', stderr: '', status: 0 });
    expect(await c.run('kubectl auth can-i create deployments.apps -q --as=jane')).toEqual({ stdout: '', stderr: '', status: 1 });
  });

  it('lets system:masters do anything', async () => {
    expect((await c.run("kubectl auth can-i '*' '*' -A")).stdout).toBe('yes\n');
  });

  it('warns about unknown types, cluster-scoped types and unknown verbs, in kubectl\'s order', async () => {
    expect(await c.run('kubectl auth can-i get nodes')).toEqual({ stdout: 'yes\n', stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", status: 0 });
    expect((await c.run('kubectl auth can-i get csr')).stderr).toBe("Warning: resource 'certificatesigningrequests' is not namespace scoped in group 'certificates.k8s.io'\n\n");
    expect((await c.run('kubectl auth can-i frob foos.example.com')).stderr).toBe(
      "Warning: the server doesn't have a resource type 'foos' in group 'example.com'\n\nWarning: verb 'frob' is not a known verb\n\n",
    );
    expect((await c.run('kubectl auth can-i impersonate users')).stderr).toBe('');
  });

  it('lists the rules of the namespace as kubectl compacts and sorts them', async () => {
    const r = await c.run('kubectl auth can-i --list --as=jane');
    // Sorted by PolicyRule.String() (Verbs first), with the rules every authenticated user has.
    const self = (w: number) =>
      ['selfsubjectreviews.authentication.k8s.io', 'selfsubjectaccessreviews.authorization.k8s.io', 'selfsubjectrulesreviews.authorization.k8s.io'].map((r) => `${r.padEnd(48)}[]${' '.repeat(w)}[]               [create]\n`).join('');
    const urls = ['/api/*', '/api', '/apis/*', '/apis', '/healthz', '/healthz', '/livez', '/livez', '/openapi/*', '/openapi', '/readyz', '/readyz', '/version/', '/version/', '/version'];
    expect(r.stdout).toBe(
      'Resources                                       Non-Resource URLs   Resource Names   Verbs\n' +
        self(18) +
        `${'pods'.padEnd(48)}[]                  []               [get list watch]\n` +
        [...urls, '/version'].map((u) => `${' '.repeat(48)}${`[${u}]`.padEnd(20)}[]               [get]\n`).join('') +
        `${'deployments.apps'.padEnd(48)}[]                  []               [get]\n`,
    );
    expect((await c.run('kubectl auth can-i --list --as=jane -n kube-system --no-headers')).stdout).not.toMatch(/pods|deployments/);
    expect((await c.run('kubectl auth can-i --list -A')).stderr).toBe("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
  });

  it('shows who the caller is', async () => {
    expect((await c.run('kubectl auth whoami --as=jane --as-group=dev')).stdout).toBe('ATTRIBUTE   VALUE\nUsername    jane\nGroups      [dev system:authenticated]\n');
    const json = (await c.run('kubectl auth whoami -o json')).stdout;
    expect(json.startsWith('{\n    "kind": "SelfSubjectReview",\n    "apiVersion": "authentication.k8s.io/v1",\n    "metadata": {\n        "creationTimestamp": "')).toBe(true);
    expect(JSON.parse(json).status.userInfo.username).toBe('kubernetes-admin');
    expect((await c.run("kubectl auth whoami -o jsonpath='{.status.userInfo.username}'")).stdout).toBe('kubernetes-admin');
  });

  it('reconciles roles and bindings: creates, adds what is missing, removes extras on request', async () => {
    c.file('team.yaml', RBAC.replace(/namespace: default/g, 'namespace: team'));
    c.file('more.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: team}\nrules:\n- apiGroups: [""]\n  resources: [pods, services]\n  verbs: [get]\n');
    const dry = await c.run('kubectl auth reconcile -f team.yaml --dry-run=client');
    expect(dry.stdout).toBe('role.rbac.authorization.k8s.io/reader reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/jane-reader reconciled (dry run)\n');
    expect(dry.stderr).toBe(
      '\treconciliation required create\n\tmissing rules added:\n\t\t{Verbs:[get list watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n\t\t{Verbs:[get] APIGroups:[apps] Resources:[deployments] ResourceNames:[] NonResourceURLs:[]}\n' +
        '\treconciliation required create\n\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n',
    );
    expect((await c.run('kubectl get ns team')).status).toBe(1);
    await c.run('kubectl auth reconcile -f team.yaml');
    expect((await c.run('kubectl get rolebinding -n team jane-reader -o name')).stdout).toBe('rolebinding.rbac.authorization.k8s.io/jane-reader\n');
    expect(await c.run('kubectl auth reconcile -f team.yaml')).toMatchObject({ stderr: '', status: 0 });
    expect((await c.run('kubectl auth reconcile -f more.yaml')).stderr).toBe(
      '\treconciliation required update\n\tmissing rules added:\n\t\t{Verbs:[get] APIGroups:[] Resources:[services] ResourceNames:[] NonResourceURLs:[]}\n',
    );
    expect((await c.run('kubectl auth reconcile -f more.yaml --remove-extra-permissions')).stderr).toBe(
      '\treconciliation required update\n\textra rules removed:\n\t\t{Verbs:[list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n\t\t{Verbs:[watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n\t\t{Verbs:[get] APIGroups:[apps] Resources:[deployments] ResourceNames:[] NonResourceURLs:[]}\n',
    );
  });
});
