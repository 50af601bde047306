/**
 * label, annotate, patch, replace and set on a booted cluster: kubectl's result words
 * (labeled, unlabeled, not labeled, patched (no change), image updated, ...), the overwrite
 * and not-found errors, and the objects the patches leave.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, status: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, status: 1 });

describe('label, annotate, patch, replace and set on a cluster', () => {
  let s: Session;
  beforeAll(async () => {
    s = boot();
    await s.capture('kubectl create deployment web --image=nginx --replicas=2');
    await s.capture('kubectl run p --image=nginx --labels=app=p,tier=fe');
  });

  it('labels with kubectl words for each outcome', async () => {
    expect(await s.capture('kubectl label pod p tier=be')).toEqual(fail("error: 'tier' already has a value (fe), and --overwrite is false\n"));
    expect(await s.capture('kubectl label pod p tier=be --overwrite')).toEqual(ok('pod/p labeled\n'));
    expect(await s.capture('kubectl label pod p tier=be --overwrite')).toEqual(ok('pod/p not labeled\n'));
    expect(await s.capture('kubectl label pod p nope-')).toEqual(ok('label "nope" not found.\npod/p not labeled\n'));
    expect(await s.capture('kubectl label pod p tier-')).toEqual(ok('pod/p unlabeled\n'));
    expect(await s.capture('kubectl label pods -l app=p env=prod')).toEqual(ok('pod/p labeled\n'));
    expect(await s.capture("kubectl get pod p -o jsonpath='{.metadata.labels}'")).toEqual(ok('{"app":"p","env":"prod"}'));
  });

  it('labels what exists and reports what does not', async () => {
    expect(await s.capture('kubectl label pod p nope a=b')).toEqual({ stdout: 'pod/p labeled\n', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
    expect(await s.capture('kubectl label pod p --resource-version=1 x=y')).toEqual(
      fail('Error from server (Conflict): Operation cannot be fulfilled on pods "p": the object has been modified; please apply your changes to the latest version and try again\n'),
    );
    expect(await s.capture('kubectl label pod p')).toEqual(fail('error: at least one label update is required\n'));
  });

  it('annotates, refuses to overwrite without --overwrite, and removes', async () => {
    expect(await s.capture("kubectl annotate pod p note='hello world'")).toEqual(ok('pod/p annotated\n'));
    expect(await s.capture('kubectl annotate pod p note=other')).toEqual(fail("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)\n"));
    expect(await s.capture('kubectl annotate pod p note-')).toEqual(ok('pod/p annotated\n'));
    expect(await s.capture("kubectl get pod p -o jsonpath='{.metadata.annotations.note}'")).toEqual(ok(''));
  });

  it('patches with each patch type and notices a patch that changes nothing', async () => {
    expect(await s.capture('kubectl patch pod p -p \'{"metadata":{"labels":{"x":"y"}}}\'')).toEqual(ok('pod/p patched\n'));
    expect(await s.capture('kubectl patch pod p -p \'{"metadata":{"labels":{"x":"y"}}}\'')).toEqual(ok('pod/p patched (no change)\n'));
    expect(await s.capture('kubectl patch pod p --type=json -p \'[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.25"}]\'')).toEqual(ok('pod/p patched\n'));
    expect(await s.capture("kubectl get pod p -o jsonpath='{.spec.containers[0].image}'")).toEqual(ok('nginx:1.25'));
    expect(await s.capture('kubectl patch deploy web --subresource=scale -p \'{"spec":{"replicas":3}}\'')).toEqual(ok('scale.autoscaling/web patched\n'));
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toEqual(ok('3'));
    expect(await s.capture("kubectl patch pod p --type=xml -p '{}'")).toEqual(fail('error: --type must be one of [json merge strategic], not "xml"\n'));
  });

  it('rejects a change to an immutable pod field with the server\'s reasons', async () => {
    const r = await s.capture('kubectl patch pod p -p \'{"spec":{"terminationGracePeriodSeconds":5}}\'');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });

  it('replaces with --force: deletes, waits for the pod to go, then creates', async () => {
    await s.capture('kubectl get pod p -o yaml > /home/candidate/p.yaml');
    await s.capture("sed -i 's/terminationGracePeriodSeconds: 30/terminationGracePeriodSeconds: 5/' /home/candidate/p.yaml");
    expect(await s.capture('kubectl replace -f p.yaml')).toEqual(fail(expect.stringMatching(/^The Pod "p" is invalid: /) as unknown as string));
    expect(await s.capture('kubectl replace --force -f p.yaml')).toEqual(ok('pod "p" deleted\npod/p replaced\n'));
    expect(await s.capture("kubectl get pod p -o jsonpath='{.spec.terminationGracePeriodSeconds}'")).toEqual(ok('5'));
    expect(await s.capture('kubectl replace -f p.yaml --grace-period=1')).toEqual(fail('error: --grace-period must have --force specified\n'));
  });

  it('sets images and prints nothing when the image is already set', async () => {
    expect(await s.capture('kubectl set image deploy/web nginx=nginx:1.25')).toEqual(ok('deployment.apps/web image updated\n'));
    expect(await s.capture('kubectl set image deploy/web nginx=nginx:1.25')).toEqual(ok(''));
    expect(await s.capture('kubectl set image deploy/web nope=x')).toEqual(fail('error: unable to find container named "nope"\n'));
  });

  it('sets environment from a config map, lists it and removes a variable', async () => {
    await s.capture('kubectl create cm cfg --from-literal=mode=prod --from-literal=log-level=debug');
    expect(await s.capture('kubectl set env deploy/web --from=configmap/cfg')).toEqual(
      ok('deployment.apps/web env updated\n', 'Warning: key log-level transferred to LOG_LEVEL\nWarning: key mode transferred to MODE\n'),
    );
    expect(await s.capture('kubectl set env deploy/web A=1 -c nginx')).toEqual(ok('deployment.apps/web env updated\n'));
    expect(await s.capture('kubectl set env deploy/web --list')).toEqual(
      ok('# Deployment web, container nginx\n# LOG_LEVEL from configmap cfg, key log-level\n# MODE from configmap cfg, key mode\nA=1\n'),
    );
    expect(await s.capture('kubectl set env deploy/web A-')).toEqual(ok('deployment.apps/web env updated\n'));
  });

  it('sets resources and the service account of the pod template', async () => {
    expect(await s.capture('kubectl set resources deploy/web --limits=cpu=200m,memory=256Mi --requests=cpu=100m')).toEqual(ok('deployment.apps/web resource requirements updated\n'));
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources}'")).toEqual(ok('{"limits":{"cpu":"200m","memory":"256Mi"},"requests":{"cpu":"100m"}}'));
    expect(await s.capture('kubectl set sa deploy/web default')).toEqual(ok('deployment.apps/web serviceaccount updated\n'));
    expect(await s.capture('kubectl set resources deploy/web')).toEqual(fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'));
  });
});
