/**
 * Bad input, as kubectl 1.33 answers it: unknown flags and commands, missing arguments,
 * unknown resource types (with or without "error: ", as each command's path through CheckErr
 * has it), malformed templates, missing objects, conflicting flags and bad flag values. The
 * real kubectl talks to the read-only fake API server serving the session's objects; nothing
 * here changes state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, fakeServerFor, hasKubectl, NO_KUBECTL, ours, withoutWatchNoise, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';
import type { FakeServer } from '../oracle.js';

const LINES = [
  "kubectl get pods --foo",
  "kubectl get pods -Z",
  "kubectl get pod -o yamll",
  "kubectl get pods -o jsonpath='{.items[0'",
  "kubectl get pods -o go-template='{{.items'",
  "kubectl get pods -o custom-columns=NAME",
  "kubectl get pods --sort-by=.metadata.nope",
  "kubectl get pods --sort-by='{.metadata.name'",
  "kubectl get nosuch",
  "kubectl get pods/",
  "kubectl get /x",
  "kubectl get pod,nosuch",
  "kubectl get pod -n kube-system nope",
  "kubectl describe nosuch x",
  "kubectl describe pod nope",
  "kubectl delete",
  "kubectl delete pod",
  "kubectl delete pod nope",
  "kubectl delete pod --all -l a=b",
  "kubectl scale deploy nope --replicas=2",
  "kubectl scale deploy coredns -n kube-system",
  "kubectl label pod",
  "kubectl logs",
  "kubectl exec",
  "kubectl exec nope -- ls",
  "kubectl rollout undo deploy/nope",
  "kubectl rollout foo",
  "kubectl set image deploy/nope a=b",
  "kubectl set env",
  "kubectl cordon",
  "kubectl drain",
  "kubectl taint",
  "kubectl top",
  "kubectl edit",
  "kubectl patch deploy coredns -n kube-system --type=foo -p '{}'",
  "kubectl create",
  "kubectl create deploy",
  "kubectl create deploy x",
  "kubectl run",
  "kubectl run x",
  "kubectl expose",
  "kubectl expose deploy nope --port=80",
  "kubectl api-resources --api-group=apps -o foo",
  "kubectl explain",
  "kubectl explain nosuch",
  "kubectl cp",
  "kubectl cp a b",
  "kubectl auth can-i",
  "kubectl auth can-i get",
  "kubectl certificate approve",
  "kubectl wait",
  "kubectl events --for=nope/x",
  "kubectl events --types=Foo",
  "kubectl port-forward",
  "kubectl attach",
  "kubectl -n",
  "kubectl --context",
  "kubectl get pods -n",
  "kubectl get pods --output",
  "kubectl version --foo",
  "kubectl get pods --all-namespaces=maybe",
  "kubectl get pods --chunk-size=x",
  "kubectl get pods --request-timeout=x",
  "kubectl delete nosuch x",
  "kubectl label nosuch x a=b",
  "kubectl scale nosuch x --replicas=1",
  "kubectl rollout status nosuch/x",
  "kubectl wait --for=delete nosuch/x",
  "kubectl set image nosuch/x a=b",
  "kubectl logs nosuch/x",
  "kubectl exec nosuch/x -- ls",
  "kubectl expose nosuch x --port=80",
  "kubectl autoscale nosuch x --max=2",
  "kubectl edit nosuch x",
  "kubectl patch nosuch x -p {}",
  "kubectl annotate nosuch x a=b",
  "kubectl get nosuch/x",
  "kubectl explain nosuch.spec",
  "kubectl create role r --verb=get --resource=nosuch",
  "kubectl rollout history nosuch/x",
  "kubectl cordon nosuch",
  "kubectl taint nosuch x a=b:NoSchedule",
  "kubectl port-forward nosuch/x 80",
  "kubectl attach nosuch/x",
  "kubectl debug nosuch/x",
  "kubectl scale deploy nope coredns -n kube-system --replicas=2 --dry-run=client",
  "kubectl label deploy nope a=b",
  "kubectl rollout restart deploy/nope",
];

describe.skipIf(!hasKubectl())('bad input matches kubectl 1.33', () => {
  let session: Session;
  let w: Workdir;
  let server: FakeServer;
  beforeAll(async () => {
    session = boot();
    w = new Workdir();
    server = await fakeServerFor(session, ['namespaces', 'pods', 'deployments.apps', 'services', 'nodes', 'configmaps', 'replicasets.apps', 'daemonsets.apps']);
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
});

describe.skipIf(hasKubectl())('bad input oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
