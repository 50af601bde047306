/**
 * kubectl delete's confirmations and dry runs against kubectl 1.33 (fake API server serving
 * the session's kube-system objects, so nothing is deleted on either side): --interactive
 * listing what would go and reading the answer from stdin, and --dry-run=client.
 */
import { describe, expect, it } from 'vitest';
import { compareEachLine, hasKubectl, NO_KUBECTL, ours, useServerOracle } from './harness.js';

const LINES = [
  'kubectl delete pod etcd-controlplane -n kube-system --interactive <<< n',
  'kubectl delete pod etcd-controlplane -n kube-system -i < /dev/null',
  'kubectl delete deploy coredns -n kube-system -i --dry-run=client <<< y',
  'kubectl delete deploy coredns -n kube-system -i --dry-run=client <<< Y',
  'kubectl delete pod etcd-controlplane kube-apiserver-controlplane nope -n kube-system --interactive <<< no',
  'kubectl delete deploy -l k8s-app=kube-dns -n kube-system -i <<< n',
  'kubectl delete deploy coredns -n kube-system --dry-run=client',
  'kubectl delete deploy coredns -n kube-system --dry-run=client -o name',
  'kubectl delete pods -l component=etcd -n kube-system --dry-run=client',
  'kubectl delete pod nope -n kube-system --dry-run=client',
  'kubectl delete pod nope -n kube-system --dry-run=client --ignore-not-found',
];

describe.skipIf(!hasKubectl())('kubectl delete confirmations and dry runs match kubectl 1.33', () => {
  const o = useServerOracle(['namespaces', 'pods', 'deployments.apps']);

  compareEachLine(o, LINES);

  it('deleted nothing on our side either', async () => {
    expect((await ours(o.session, o.w, 'kubectl get deploy coredns -n kube-system -o name')).stdout).toBe('deployment.apps/coredns\n');
  });
});

describe.skipIf(hasKubectl())('delete oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
