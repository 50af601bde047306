/**
 * kubectl apply set-last-applied against kubectl 1.33 (fake API server serving the session's
 * objects; client dry runs so that neither side changes anything there), then for real on
 * the session: the annotation is what `apply -f` would record, nothing else changes.
 */
import { describe, expect, it } from 'vitest';
import { compareEachLine, hasKubectl, NO_KUBECTL, ours, useServerOracle } from './harness.js';

const FILES: Record<string, string> = {
  'applied.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  a: "1"\n',
  'applied-v2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  a: "2"\n',
  'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  namespace: default\ndata:\n  a: "1"\n',
  'missing.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: missing\n  namespace: default\n',
};

const LINES = [
  'kubectl apply set-last-applied -f applied.yaml',
  'kubectl apply set-last-applied -f applied-v2.yaml --dry-run=client',
  'kubectl apply set-last-applied -f applied-v2.yaml --dry-run=client -o name',
  'kubectl apply set-last-applied -f plain.yaml --dry-run=client',
  'kubectl apply set-last-applied -f plain.yaml --create-annotation --dry-run=client',
  'kubectl apply set-last-applied -f missing.yaml --dry-run=client',
  'kubectl apply set-last-applied',
  'kubectl apply set-last-applied --help',
];

describe.skipIf(!hasKubectl())('apply set-last-applied matches kubectl 1.33', () => {
  const o = useServerOracle(['namespaces', 'configmaps'], async (session, w) => {
    for (const [path, content] of Object.entries(FILES)) w.write(session, path, content);
    await ours(session, w, 'kubectl apply -f applied.yaml');
    await ours(session, w, 'kubectl create -f plain.yaml');
  });

  compareEachLine(o, LINES);

  it('sets the annotation on the live object and nothing else', async () => {
    expect(await ours(o.session, o.w, 'kubectl apply set-last-applied -f applied-v2.yaml')).toEqual({ stdout: 'configmap/applied configured\n', stderr: '', status: 0 });
    expect((await ours(o.session, o.w, "kubectl get cm applied -o jsonpath='{.data.a}'")).stdout).toBe('1');
    expect((await ours(o.session, o.w, 'kubectl apply view-last-applied cm applied -o json')).stdout).toContain('"a": "2"');
  });
});

describe.skipIf(hasKubectl())('set-last-applied oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
