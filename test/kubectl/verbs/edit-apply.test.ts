/**
 * edit (through the session's editor: KUBE_EDITOR before EDITOR, the header, invalid edits
 * and the saved copy for `replace --force`), create -f --edit, apply -k, apply --prune and
 * diff on a booted cluster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from './harness.js';
import type { Session } from '../../../src/session/session.js';
import type { EditorHook, EditRequest } from '../../../src/shell/types.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, status: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, status: 1 });

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** An editor that records what kubectl opened and applies a text change. */
class ScriptedEditor implements EditorHook {
  seen: EditRequest[] = [];
  change: (text: string) => string = (t) => t;
  async edit(request: EditRequest) {
    this.seen.push(request);
    return { ok: true as const, content: this.change(request.content) };
  }
}

function write(s: Session, path: string, content: string): void {
  s.world.workstation.fs.writeFile(path, content, { uid: 1000, gid: 1000, parents: true });
}

describe('kubectl edit', () => {
  let s: Session;
  const editor = new ScriptedEditor();
  beforeAll(async () => {
    s = boot({ editor });
    await s.capture('kubectl create deployment web --image=nginx');
  });

  it('opens the object under kubectl\'s header in /tmp/kubectl-edit-*.yaml and applies the change', async () => {
    editor.change = (t) => t.replace('replicas: 1', 'replicas: 3');
    expect(await s.capture('kubectl edit deploy web')).toEqual(ok('deployment.apps/web edited\n'));
    const req = editor.seen.at(-1)!;
    expect(req.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(req.variables).toEqual(['KUBE_EDITOR', 'EDITOR']);
    expect(req.content.startsWith(HEADER + 'apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toEqual(ok('3'));
    expect(s.world.workstation.fs.readdir('/tmp').filter((f) => f.startsWith('kubectl-edit-'))).toEqual([]);
  });

  it('cancels an edit that changes nothing', async () => {
    editor.change = (t) => t;
    expect(await s.capture('kubectl edit deploy/web')).toEqual(ok('', 'Edit cancelled, no changes made.\n'));
  });

  it('reopens an invalid edit with the reasons on top, then keeps a copy when nothing changes', async () => {
    editor.change = (t) => t.replace('\n  progressDeadlineSeconds: 600\n  replicas: 3\n', '\n  progressDeadlineSeconds: 600\n  replicas: -1\n');
    const before = editor.seen.length;
    const r = await s.capture('kubectl edit deploy web');
    const copy = /A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(r.stderr)?.[1];
    expect(r).toEqual(fail(`error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${copy}"\nerror: Edit cancelled, no valid changes were saved.\n`));
    const reopened = editor.seen[before + 1]!.content;
    expect(reopened.startsWith(HEADER + '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n')).toBe(true);
    expect(s.world.workstation.fs.readFile(copy!)).toContain('replicas: -1');
  });

  it('saves an immutable pod change for replace --force, the classic way out', async () => {
    await s.capture('kubectl run p --image=nginx');
    editor.change = (t) => t.replace('terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 5');
    const r = await s.capture('kubectl edit pod p');
    expect(r.stderr.startsWith('error: pods "p" is invalid\nA copy of your changes has been stored to "/tmp/kubectl-edit-')).toBe(true);
    const copy = /stored to "([^"]+)"/.exec(r.stderr)![1]!;
    expect(editor.seen.at(-1)!.content).toContain('# pods "p" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than');
    expect(await s.capture(`kubectl replace --force -f ${copy}`)).toEqual(ok('pod "p" deleted\npod/p replaced\n'));
    expect(await s.capture("kubectl get pod p -o jsonpath='{.spec.terminationGracePeriodSeconds}'")).toEqual(ok('5'));
  });

  it('refuses to rename what it edits', async () => {
    editor.change = (t) => t.replace('name: web\n', 'name: other\n');
    const r = await s.capture('kubectl edit deploy web');
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
  });

  it('edits before creating with create -f --edit', async () => {
    write(s, '/home/candidate/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n');
    editor.change = (t) => t.replace('a: "1"', 'a: "2"');
    expect(await s.capture('kubectl create -f cm.yaml --edit')).toEqual(ok('configmap/c created\n'));
    expect(await s.capture("kubectl get cm c -o jsonpath='{.data.a}'")).toEqual(ok('2'));
  });
});

describe('apply -k, apply --prune and diff', () => {
  let s: Session;
  beforeAll(() => {
    s = boot();
    write(s, '/home/candidate/app/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.24\n        envFrom:\n        - configMapRef: {name: web-config}\n');
    write(s, '/home/candidate/app/kustomization.yaml', 'resources:\n- deploy.yaml\nnamespace: shop\nlabels:\n- pairs: {team: shop}\nconfigMapGenerator:\n- name: web-config\n  literals: [MODE=prod]\nimages:\n- name: nginx\n  newTag: "1.25"\n');
  });

  it('applies a kustomization with its generated, hashed config map referenced', async () => {
    await s.capture('kubectl create ns shop');
    expect(await s.capture('kubectl apply -k app')).toEqual(ok('configmap/web-config-2h42td9ggm created\ndeployment.apps/web created\n'));
    expect(await s.capture("kubectl get deploy web -n shop -o jsonpath='{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].envFrom[0].configMapRef.name} {.metadata.labels.team}'")).toEqual(
      ok('nginx:1.25 web-config-2h42td9ggm shop'),
    );
    expect(await s.capture('kubectl apply -k app')).toEqual(ok('configmap/web-config-2h42td9ggm unchanged\ndeployment.apps/web unchanged\n'));
  });

  it('shows the last applied configuration', async () => {
    const r = await s.capture('kubectl apply view-last-applied deploy/web -n shop');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  labels:\n    team: shop\n  name: web\n  namespace: shop\n/);
    expect(await s.capture('kubectl apply view-last-applied ns shop')).toEqual(fail('error: no last-applied-configuration annotation found on resource: shop\n'));
  });

  it('prunes what the labelled set no longer contains', async () => {
    write(s, '/home/candidate/old.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: shop\n  labels: {team: shop}\n');
    await s.capture('kubectl apply -f old.yaml');
    // the prune allowlist includes v1 Endpoints, which the 1.33 apiserver warns about
    expect(await s.capture('kubectl apply -k app --prune -l team=shop')).toEqual(
      ok('configmap/web-config-2h42td9ggm unchanged\ndeployment.apps/web unchanged\nconfigmap/old pruned\n', 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'),
    );
    expect(await s.capture('kubectl apply -k app --prune')).toEqual(
      fail('error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n'),
    );
  });

  it('diffs the live object against the one apply would leave, exiting 1', async () => {
    expect(await s.capture('kubectl diff -k app')).toEqual(ok(''));
    write(s, '/home/candidate/app/kustomization.yaml', s.world.workstation.fs.readFile('/home/candidate/app/kustomization.yaml').replace('"1.25"', '"1.26"'));
    const r = await s.capture('kubectl diff -k app');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.shop\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.shop\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.shop\.web\t2026-01-01 \d\d:\d\d:\d\d\.000000000 \+0000\n\+\+\+ /);
    expect(r.stdout).toContain('\n-        image: nginx:1.25\n+        image: nginx:1.26\n');
    expect((await s.capture('kubectl diff -f nope.yaml')).status).toBe(2);
  });
});

describe('apply over objects made imperatively', () => {
  let s: Session;
  beforeAll(async () => {
    s = boot();
    await s.capture('kubectl create deployment web --image=nginx');
    write(s, '/home/candidate/web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n');
  });

  it('diffs without apply\'s warning, and a client dry run says configured without comparing', async () => {
    const diff = await s.capture('kubectl diff -f web.yaml');
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toContain('\n-  replicas: 1\n+  replicas: 2\n');
    expect(await s.capture('kubectl apply -f web.yaml --dry-run=client')).toEqual(ok('deployment.apps/web configured (dry run)\n'));
  });

  it('warns about the missing last-applied annotation with the group-qualified resource, then patches', async () => {
    expect(await s.capture('kubectl apply -f web.yaml')).toEqual(
      ok(
        'deployment.apps/web configured\n',
        'Warning: resource deployments.apps/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      ),
    );
    expect(await s.capture('kubectl apply -f web.yaml')).toEqual(ok('deployment.apps/web unchanged\n'));
    expect(await s.capture('kubectl apply -f web.yaml --dry-run=client')).toEqual(ok('deployment.apps/web configured (dry run)\n'));
  });
});

describe('apply --server-side', () => {
  let s: Session;
  beforeAll(() => {
    s = boot();
    write(s, '/home/candidate/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {x: y}\n');
  });

  it('reports serverside-applied, keeps no last-applied annotation and refuses a client dry run', async () => {
    expect(await s.capture('kubectl apply -f cm.yaml --server-side')).toEqual(ok('configmap/a serverside-applied\n'));
    expect(await s.capture('kubectl apply -f cm.yaml --server-side --dry-run=server')).toEqual(ok('configmap/a serverside-applied (server dry run)\n'));
    expect(await s.capture("kubectl get cm a -o jsonpath='{.data.x} {.metadata.annotations}'")).toEqual(ok('y '));
    expect(await s.capture('kubectl apply -f cm.yaml --server-side --dry-run=client')).toEqual(fail("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n"));
  });
});
