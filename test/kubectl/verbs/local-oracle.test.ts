/**
 * The verbs that work on local files (`--local`, `--dry-run=client`, `kubectl kustomize`)
 * against kubectl 1.33 run offline on the same files: label, annotate, patch, replace's
 * checks, set image|env|resources|serviceaccount|selector, the typed round trip of workloads
 * and services, and kustomize builds (generators, hashes, patches, labels, images, order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const FILES: Record<string, string> = {
  "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
  "dir2/a.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: fe\n  annotations:\n    a: \"1\"\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "dir2/b.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  labels:\n    app: web\n    tier: fe\n  annotations:\n    a: \"1\"\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "k1/base/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.24\n        envFrom:\n        - configMapRef:\n            name: web-config\n        volumeMounts:\n        - name: s\n          mountPath: /s\n      volumes:\n      - name: s\n        secret:\n          secretName: web-secret\n",
  "k1/base/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deploy.yaml\n- svc.yaml\nconfigMapGenerator:\n- name: web-config\n  literals:\n  - A=1\n  - B=two\nsecretGenerator:\n- name: web-secret\n  literals:\n  - password=s3cret\n",
  "k1/base/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
  "k1/overlay/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nnamePrefix: prod-\nnameSuffix: -v1\ncommonLabels:\n  env: prod\ncommonAnnotations:\n  owner: team\nimages:\n- name: nginx\n  newTag: \"1.25\"\nreplicas:\n- name: web\n  count: 3\nresources:\n- ../base\n- ns.yaml\npatches:\n- target:\n    kind: Deployment\n    name: web\n  patch: |-\n    - op: add\n      path: /spec/template/spec/containers/0/ports\n      value: [{containerPort: 80}]\n- path: svc-patch.yaml\n",
  "k1/overlay/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n",
  "k1/overlay/svc-patch.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n",
  "k3/data.txt": "hello\nworld\n",
  "k3/kustomization.yaml": "resources:\n- r.yaml\nlabels:\n- pairs:\n    team: x\n  includeSelectors: true\nimages:\n- name: x\n  newName: registry.io/x\n  newTag: v2\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: a\n    spec:\n      replicas: 5\n- target:\n    kind: Deployment\n  patch: |-\n    - op: add\n      path: /metadata/annotations\n      value: {patched: \"yes\"}\nconfigMapGenerator:\n- name: cm\n  files:\n  - data.txt\n  - k=data.txt\n  options:\n    disableNameSuffixHash: true\nsecretGenerator:\n- name: s\n  envs:\n  - s.env\n  type: kubernetes.io/basic-auth\n",
  "k3/r.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {containers: [{name: c, image: x}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: x}]}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec: {}\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec: {template: {spec: {containers: [{name: c, image: x}], restartPolicy: Never}}}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec: {}\n",
  "k3/s.env": "username=admin\npassword=pw\n",
  "labels.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: fe\n  annotations:\n    a: \"1\"\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "nolabels.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: a}\n  ports:\n  - port: 80\n",
  "w-CronJob.yaml": "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox\n",
  "w-DaemonSet.yaml": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
  "w-Job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
  "w-ReplicaSet.yaml": "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
  "w-ReplicationController.yaml": "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    app: web\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
  "w-StatefulSet.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        env:\n        - name: A\n          value: \"1\"\n      - name: side\n        image: busybox\n",
};

const LOCAL = [
  "kubectl label --help",
  "kubectl annotate --help",
  "kubectl label --local -f nolabels.yaml foo-",
  "kubectl label --local -f labels.yaml foo-",
  "kubectl label --local -f labels.yaml app-",
  "kubectl label --local -f labels.yaml app=web",
  "kubectl label --local -f labels.yaml app=x",
  "kubectl label --local -f labels.yaml app=x --overwrite",
  "kubectl label --local -f labels.yaml app=x tier=y",
  "kubectl label --local -f labels.yaml a=b=c",
  "kubectl label --local -f labels.yaml a=b app-",
  "kubectl label --local -f labels.yaml --list",
  "kubectl label --local -f labels.yaml bad",
  "kubectl label --local -f labels.yaml -o yaml app=x --overwrite",
  "kubectl label --local -f labels.yaml -o json app=x --overwrite",
  "kubectl label --local -f labels.yaml app=x-",
  "kubectl label --local -f labels.yaml 'app=a b'",
  "kubectl label --local -f labels.yaml app=x app-",
  "kubectl label --local -f labels.yaml",
  "kubectl label --local -f labels.yaml app=x --dry-run=server",
  "kubectl label --local pod/x app=x",
  "kubectl label --local app=x",
  "kubectl label app=x",
  "kubectl label pod x",
  "kubectl label pod x a=b c",
  "kubectl label pod x a=b --list -o yaml",
  "kubectl label pods --all -l a=b x=y",
  "kubectl annotate --local -f labels.yaml foo-",
  "kubectl annotate --local -f labels.yaml a=2",
  "kubectl annotate --local -f labels.yaml a=2 --overwrite -o yaml",
  "kubectl annotate --local -f labels.yaml a=1 a-",
  "kubectl annotate --local -f labels.yaml --list",
  "kubectl annotate --local -f labels.yaml =x",
  "kubectl annotate --local -f labels.yaml",
  "kubectl annotate pods x",
  "kubectl label --local -f dir2 app=x --overwrite",
  "kubectl label --local -f dir2 --list",
  "kubectl patch --help",
  "kubectl patch --local -f labels.yaml -p '{\"metadata\":{\"labels\":{\"x\":\"y\"}}}' -o yaml",
  "kubectl patch --local -f labels.yaml -p '{\"metadata\":{\"labels\":{\"app\":\"web\"}}}'",
  "kubectl patch --local -f labels.yaml -p '{\"metadata\":{\"labels\":{\"app\":\"x\"}}}'",
  "kubectl patch --local -f labels.yaml --type=merge -p 'metadata: {labels: {app: q}}' -o json",
  "kubectl patch --local -f labels.yaml --type=bogus -p '{}'",
  "kubectl patch --local -f labels.yaml",
  "kubectl patch --local -f labels.yaml -p '{}' --patch-file=x",
  "kubectl patch --local pod x -p '{}'",
  "kubectl patch --local -f labels.yaml --patch-file=nope",
  "kubectl set",
  "kubectl set bogus",
  "kubectl set image --help",
  "kubectl set env --help",
  "kubectl set resources --help",
  "kubectl set serviceaccount --help",
  "kubectl set selector --help",
  "kubectl set subject --help",
  "kubectl set image --local -f deploy.yaml nginx=nginx:1.25 -o yaml",
  "kubectl set image --local -f deploy.yaml nginx=nginx",
  "kubectl set image --local -f deploy.yaml '*=redis'",
  "kubectl set image --local -f deploy.yaml nope=redis",
  "kubectl set image --local -f deploy.yaml nope=redis nginx=x",
  "kubectl set image --local -f deploy.yaml",
  "kubectl set image --local -f deploy.yaml '*=a' b=c",
  "kubectl set image --local -f labels.yaml c=nginx:2 -o name",
  "kubectl set image --local -f deploy.yaml bad",
  "kubectl set env --local -f deploy.yaml B=2 -o yaml",
  "kubectl set env --local -f deploy.yaml A- -o yaml",
  "kubectl set env --local -f deploy.yaml A=1",
  "kubectl set env --local -f deploy.yaml A=2 --overwrite=false",
  "kubectl set env --local -f deploy.yaml -c side C=3 -o yaml",
  "kubectl set env --local -f deploy.yaml -c nope C=3",
  "kubectl set env --local -f deploy.yaml --list",
  "kubectl set env --local -f deploy.yaml --list B=5",
  "kubectl set env --local -f deploy.yaml A=1 A-",
  "kubectl set env --local -f deploy.yaml 1A=x",
  "kubectl set env --local -f deploy.yaml -e D=4 --prefix=P_",
  "kubectl set env --local -f deploy.yaml --keys=a",
  "kubectl set resources --local -f deploy.yaml --limits=cpu=200m,memory=512Mi --requests=cpu=100m -o yaml",
  "kubectl set resources --local -f deploy.yaml -c side --limits=cpu=1",
  "kubectl set resources --local -f deploy.yaml -c nope --limits=cpu=1",
  "kubectl set resources --local -f deploy.yaml",
  "kubectl set resources --local -f deploy.yaml --limits=cpu",
  "kubectl set serviceaccount --local -f deploy.yaml mysa -o yaml",
  "kubectl set sa --local -f deploy.yaml mysa",
  "kubectl set sa --local -f deploy.yaml",
  "kubectl set selector --local -f deploy.yaml app=x",
  "kubectl set image --local -f w-DaemonSet.yaml nginx=x -o yaml",
  "kubectl set image --local -f w-StatefulSet.yaml nginx=x -o yaml",
  "kubectl set image --local -f w-ReplicaSet.yaml nginx=x -o yaml",
  "kubectl set image --local -f w-ReplicationController.yaml nginx=x -o yaml",
  "kubectl set image --local -f w-Job.yaml nginx=x -o yaml",
  "kubectl set image --local -f w-CronJob.yaml c=x -o yaml",
  "kubectl set image --local -f labels.yaml c=x -o yaml",
  "kubectl set selector --local -f svc.yaml app=b -o yaml",
  "kubectl set image --local -f svc.yaml -f deploy.yaml a=b",
  "kubectl set env --local -f deploy.yaml -f labels.yaml A=2 --overwrite=false",
  "kubectl patch --local -f labels.yaml -p '{\"spec\":'",
  "kubectl replace",
  "kubectl replace -f labels.yaml --grace-period=1",
  "kubectl replace -f labels.yaml --force --dry-run=client",
];

const KUSTOMIZE = [
  "kubectl kustomize --help",
  "kubectl kustomize k1/overlay",
  "kubectl kustomize k1/base",
  "kubectl kustomize k3",
  "kubectl kustomize /nonexist",
  "kubectl kustomize /tmp",
  "kubectl kustomize k1",
];

describe.skipIf(!hasKubectl())('verbs on local files match kubectl 1.33', () => {
  let session: Session;
  let w: Workdir;
  beforeAll(() => {
    session = boot();
    w = new Workdir();
    for (const [path, content] of Object.entries(FILES)) w.write(session, path, content);
  });
  afterAll(() => w.cleanup());

  for (const line of LOCAL) {
    it(line, async () => {
      const mine = await ours(session, w, line);
      const real = w.real(line);
      if (line.includes('--list') || line === 'kubectl label --local -f labels.yaml app=x tier=y') {
        // Both walk a Go map (--list's labels, label's conflicts): kubectl's order is random,
        // ours sorted; compare the lines
        const sorted = (t: string) => t.split('\n').sort().join('\n');
        const lines = (r: typeof real) => ({ ...r, stdout: sorted(r.stdout), stderr: sorted(r.stderr) });
        expect(lines(mine)).toEqual(lines(real));
      } else {
        expect(mine).toEqual(real);
      }
    });
  }

  describe('kubectl kustomize', () => {
    for (const line of KUSTOMIZE) {
      it(line, async () => {
        const mine = await ours(session, w, line);
        const real = w.real(line);
        // the paths in kustomize's messages are the work directory's on both sides
        expect(mine).toEqual(real);
      });
    }
  });
});

describe.skipIf(hasKubectl())('local verbs oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
