/**
 * `kubectl wait` against kubectl 1.33 on the same objects (the real kubectl talks to the
 * read-only fake API server serving the session's kube-system objects): target selection
 * (names, -l, --field-selector, the errors for a bare type or names with selectors), every
 * --for form, -o, and the messages for conditions already met, never met within --timeout
 * (one deadline shared by all targets), absent objects and bad conditions. The waits that
 * need time to pass run on the live session in wait.test.ts.
 */
import { describe, it } from 'vitest';
import { compareEachLine, hasKubectl, NO_KUBECTL, useServerOracle } from './harness.js';

const LINES = [
  'kubectl wait --for=condition=Ready pod/etcd-controlplane',
  'kubectl wait --for=condition=ready pod/etcd-controlplane pod/kube-apiserver-controlplane',
  'kubectl wait --for=condition=Ready pod -l component=etcd',
  'kubectl wait --for=condition=Ready pods -l tier=control-plane -o name',
  'kubectl wait --for=condition=Ready pod --field-selector metadata.name=etcd-controlplane',
  'kubectl wait --for=condition=Ready pod',
  'kubectl wait --for=condition=Ready pod/etcd-controlplane -l a=b',
  'kubectl wait --for=condition=Ready pod -l nope=x',
  'kubectl wait --for=condition=Available deploy/coredns -o jsonpath={.status.readyReplicas}',
  'kubectl wait --for=jsonpath={.status.phase}=Running pod/etcd-controlplane',
  'kubectl wait --for=jsonpath=.status.phase=Running pod/etcd-controlplane',
  'kubectl wait --for=jsonpath={.status.podIP} pod/etcd-controlplane',
  `kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/etcd-controlplane`,
  'kubectl wait --for=jsonpath={.status.phase pod/etcd-controlplane',
  'kubectl wait --for=condition=Ready=false pod/etcd-controlplane --timeout=0',
  'kubectl wait --for=jsonpath={.status.phase}=Pending pod/etcd-controlplane --timeout=0s',
  'kubectl wait --for=delete pod/etcd-controlplane --timeout=0',
  'kubectl wait --for=delete pod/nope --timeout=1s',
  'kubectl wait --for=create pod/etcd-controlplane',
  'kubectl wait --for=create pod/nope --timeout=0',
  'kubectl wait --for=condition=Ready pod/nope',
  'kubectl wait --for=condition=Ready pod/etcd-controlplane pod/nope',
  'kubectl wait --for=condition=Ready=false pod/etcd-controlplane pod/kube-apiserver-controlplane --timeout=1s',
  'kubectl wait --for=foo pod/etcd-controlplane',
  'kubectl wait pod/etcd-controlplane',
  'kubectl wait --for=condition=Ready pod/etcd-controlplane -o bogus',
];

describe.skipIf(!hasKubectl())('kubectl wait matches kubectl 1.33', () => {
  const o = useServerOracle(['namespaces', 'pods', 'deployments.apps']);

  compareEachLine(o, LINES, (line) => line.replace(/^kubectl /, 'kubectl -n kube-system '));
});

describe.skipIf(hasKubectl())('kubectl wait oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
