/**
 * `-k DIR` on every verb that takes -f (FilenameOptions.Kustomize): the objects kustomize
 * builds stand for the files, for get, describe, delete, label, rollout status and friends,
 * with kubectl 1.33's validation of -k against -f and -R; and rollout status on bare types,
 * selectors and several objects. The real kubectl talks to the
 * read-only fake API server serving the session's objects (created with `apply -k`).
 */
import { describe, it } from 'vitest';
import { compareEachLine, hasKubectl, NO_KUBECTL, ours, useServerOracle } from './harness.js';

const FILES: Record<string, string> = {
  'k/kustomization.yaml': 'resources:\n- cm.yaml\n- deploy.yaml\nnamePrefix: p-\nlabels:\n- pairs: {team: a}\n',
  'k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {mode: fast}\n',
  'k/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n',
};

const LINES = [
  'kubectl get -k k -o name',
  'kubectl get -k k -o custom-columns=KIND:.kind,NAME:.metadata.name,TEAM:.metadata.labels.team',
  'kubectl delete -k k --dry-run=client',
  'kubectl label -k k tier=x --dry-run=client',
  'kubectl annotate -k k note=y --dry-run=client -o name',
  'kubectl rollout status -k k',
  'kubectl get -k k -o name',
  'kubectl rollout status deploy',
  'kubectl rollout status deploy -l team=a',
  'kubectl rollout status deploy -l team=none',
  'kubectl rollout status deploy/p-web -l team=a',
  'kubectl rollout status deploy/nope',
  'kubectl rollout status',
  'kubectl get -f k/cm.yaml -k k',
  'kubectl get -k k -R',
  'kubectl delete -k k -R --dry-run=client',
  'kubectl label -k k -f k/cm.yaml a=b',
];

describe.skipIf(!hasKubectl())('-k on the verbs that read -f, against kubectl 1.33', () => {
  const o = useServerOracle(['namespaces', 'configmaps', 'deployments.apps'], async (session, w) => {
    for (const [path, content] of Object.entries(FILES)) w.write(session, path, content);
    await ours(session, w, 'kubectl apply -k k');
    await ours(session, w, 'kubectl rollout status deploy/p-web');
  });

  compareEachLine(o, LINES);
});

describe.skipIf(hasKubectl())('-k oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
