/**
 * kubectl delete's confirmations and dry runs against kubectl 1.33 (fake API server serving
 * the session's kube-system objects, so nothing is deleted on either side): --interactive
 * listing what would go and reading the answer from stdin, and --dry-run=client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, fakeServerFor, hasKubectl, NO_KUBECTL, ours, withoutWatchNoise, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';
import type { FakeServer } from '../oracle.js';

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
  let session: Session;
  let w: Workdir;
  let server: FakeServer;
  beforeAll(async () => {
    session = boot();
    w = new Workdir();
    server = await fakeServerFor(session, ['namespaces', 'pods', 'deployments.apps']);
  });
  afterAll(async () => {
    await server.close();
    w.cleanup();
  });

  for (const line of LINES) {
    it(line, async () => {
      const real = await w.realAsync(line, server.url);
      expect(await ours(session, w, line)).toEqual({ ...real, stderr: withoutWatchNoise(real.stderr) });
    });
  }

  it('deleted nothing on our side either', async () => {
    expect((await ours(session, w, 'kubectl get deploy coredns -n kube-system -o name')).stdout).toBe('deployment.apps/coredns\n');
  });
});

describe.skipIf(hasKubectl())('delete oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
