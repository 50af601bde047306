/**
 * Resource arguments next to -f, as kubectl's resource builder refuses them before it asks the
 * server anything (visitByPaths, hasCombinedTypeArgs, splitResourceTypeName), and `kubectl
 * scale -f`. The refusals are compared with kubectl 1.33 run offline on the same file: offline
 * it prints a discovery failure first, which a live cluster does not, so those lines are dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: nginx}]}\n';

const PATHS_AND_RESOURCES = 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n';
const PATHS_AND_TUPLES = 'error: resource/name arguments cannot be provided when a path is specified\n';

/** Lines kubectl refuses the same way with or without a cluster. */
const REFUSED: [string, string][] = [
  ['kubectl delete -f a.yaml pod a', PATHS_AND_RESOURCES],
  ['kubectl delete -f a.yaml b.yaml', PATHS_AND_RESOURCES],
  ['kubectl delete -f a.yaml pod/a', PATHS_AND_TUPLES],
  ['kubectl replace --force -f a.yaml b.yaml', PATHS_AND_RESOURCES],
  ['kubectl edit -f a.yaml pod/a', PATHS_AND_TUPLES],
  ['kubectl scale -f a.yaml --replicas=2 pod/a', PATHS_AND_TUPLES],
  ['kubectl scale -f a.yaml --replicas=2 deploy', PATHS_AND_RESOURCES],
  ['kubectl patch -f a.yaml pod/a -p {}', PATHS_AND_TUPLES],
  ['kubectl patch -f a.yaml pod a -p {}', PATHS_AND_RESOURCES],
  ['kubectl expose -f a.yaml pod/a --port=80', PATHS_AND_TUPLES],
  ['kubectl describe -f a.yaml pod/a', PATHS_AND_TUPLES],
  ['kubectl get -f a.yaml pod a', PATHS_AND_RESOURCES],
  ['kubectl get -f a.yaml b.yaml', PATHS_AND_RESOURCES],
  ['kubectl autoscale -f a.yaml deploy/x --max=3', PATHS_AND_TUPLES],
  ['kubectl rollout restart -f a.yaml deploy/x', PATHS_AND_TUPLES],
  ['kubectl set env -f a.yaml pod/a X=1', PATHS_AND_TUPLES],
  ['kubectl certificate approve -f a.yaml foo', PATHS_AND_TUPLES],
  ['kubectl apply -f a.yaml b.yaml', "error: Unexpected args: [b.yaml]\nSee 'kubectl apply -h' for help and examples\n"],
  ['kubectl delete pod/a/b', 'error: arguments in resource/name form may not have more than one slash\n'],
  ['kubectl get pod/a/b', 'error: arguments in resource/name form may not have more than one slash\n'],
  ['kubectl delete pod,svc/a', 'error: arguments in resource/name form must have a single resource and name\n'],
  ['kubectl scale --replicas=2', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
];

const withoutDiscovery = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !l.includes('memcache.go'))
    .join('\n');

describe('resource arguments next to -f', () => {
  let s: Session;
  const w = new Workdir();
  beforeAll(async () => {
    s = boot();
    w.write(s, 'a.yaml', POD);
    w.write(s, 'b.yaml', POD);
    w.write(s, 'd.yaml', DEPLOY);
    await ours(s, w, 'kubectl apply -f a.yaml');
  });
  afterAll(() => w.cleanup());

  it.each(REFUSED)('%s is refused before anything changes', async (line, stderr) => {
    expect(await ours(s, w, line)).toEqual({ stdout: '', stderr, status: 1 });
  });

  it.skipIf(!hasKubectl())('kubectl 1.33 refuses the same lines with the same words', () => {
    for (const [line] of REFUSED) {
      const real = w.real(line);
      expect({ line, stderr: withoutDiscovery(real.stderr), status: real.status }).toEqual({ line, stderr: REFUSED.find(([l]) => l === line)![1], status: 1 });
    }
  });
  it.skipIf(hasKubectl())(NO_KUBECTL, () => undefined);

  it('the pod named in a.yaml is still there after the refused delete', async () => {
    expect((await ours(s, w, 'kubectl get pod a -o name')).stdout).toBe('pod/a\n');
  });
});

describe('kubectl scale', () => {
  let s: Session;
  const w = new Workdir();
  beforeAll(async () => {
    s = boot();
    w.write(s, 'd.yaml', DEPLOY);
    await ours(s, w, 'kubectl apply -f d.yaml');
  });
  afterAll(() => w.cleanup());

  it('scales the objects a file names (kubectl scale --replicas=3 -f foo.yaml)', async () => {
    expect(await ours(s, w, 'kubectl scale --replicas=3 -f d.yaml')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', status: 0 });
    expect((await ours(s, w, "kubectl get deploy web -o jsonpath='{.spec.replicas}'")).stdout).toBe('3');
  });

  it('prints the name only with -o name, and changes nothing with --dry-run=client', async () => {
    expect((await ours(s, w, 'kubectl scale --replicas=4 deploy/web -o name')).stdout).toBe('deployment.apps/web\n');
    expect((await ours(s, w, 'kubectl scale --replicas=5 deploy/web --dry-run=client')).stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect((await ours(s, w, "kubectl get deploy web -o jsonpath='{.spec.replicas}'")).stdout).toBe('4');
  });

  it('scales what it found, then reports the missing ones', async () => {
    expect(await ours(s, w, 'kubectl scale --replicas=2 deploy web nope')).toEqual({
      stdout: 'deployment.apps/web scaled\n',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      status: 1,
    });
  });

  it('stops at a failed --current-replicas precondition', async () => {
    expect(await ours(s, w, 'kubectl scale --replicas=1 deploy/web --current-replicas=3')).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 3, was 2\n', status: 1 });
  });

  it('has the -f, -k and -R flags of kubectl 1.33 and --replicas defaults to 0 in help', async () => {
    const help = (await ours(s, w, 'kubectl scale -h')).stdout;
    expect(help).toContain('    -k, --kustomize=\'\':\n');
    expect(help).toContain('    -R, --recursive=false:\n');
    expect(help).toContain('    --replicas=0:\n');
  });
});
