/**
 * rollout history|undo|restart|pause|resume, run (attached, --rm, exit codes, --expose) and
 * expose on a booted cluster with its controllers and kubelets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, status: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, status: 1 });

describe('rollout on a deployment with its ReplicaSets', () => {
  let s: Session;
  beforeAll(async () => {
    s = boot();
    await s.capture('kubectl create deployment web --image=nginx:1.24 --replicas=2');
    await s.capture('kubectl rollout status deployment/web');
    await s.capture('kubectl set image deployment/web nginx=nginx:1.25');
    await s.capture("kubectl annotate deployment web kubernetes.io/change-cause='image 1.25'");
    await s.capture('kubectl rollout status deployment/web');
  });

  it('lists the revisions with their change causes', async () => {
    expect(await s.capture('kubectl rollout history deployment/web')).toEqual(ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image 1.25\n\n'));
  });

  it('shows one revision\'s pod template', async () => {
    const r = await s.capture('kubectl rollout history deployment web --revision=1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n  Labels:  app=web\n           pod-template-hash=\w+\n  Containers:\n   nginx:\n    Image:         nginx:1\.24\n/);
    expect(await s.capture('kubectl rollout history deployment/web --revision=7')).toEqual(fail('error: unable to find the specified revision\n'));
  });

  it('rolls back client-side to a revision, which becomes the newest', async () => {
    expect(await s.capture('kubectl rollout undo deployment/web --to-revision=1')).toEqual(ok('deployment.apps/web rolled back\n'));
    await s.capture('kubectl rollout status deployment/web');
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'")).toEqual(ok('nginx:1.24'));
    expect(await s.capture('kubectl rollout history deployment/web')).toEqual(ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image 1.25\n3         <none>\n\n'));
    expect(await s.capture('kubectl rollout undo deployment/web --to-revision=3')).toEqual(ok('deployment.apps/web skipped rollback (current template already matches revision 3)\n'));
    expect(await s.capture('kubectl rollout undo deployment/web --to-revision=9')).toEqual(fail('error: unable to find specified revision 9 in history\n'));
  });

  it('pauses and resumes with kubectl\'s errors for the repeated ones', async () => {
    expect(await s.capture('kubectl rollout pause deployment/web')).toEqual(ok('deployment.apps/web paused\n'));
    expect(await s.capture('kubectl rollout pause deployment/web')).toEqual(fail('error: deployments.apps "web" is already paused\n'));
    expect(await s.capture('kubectl rollout undo deployment/web')).toEqual(fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"));
    expect(await s.capture('kubectl rollout restart deployment/web')).toEqual(fail('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n'));
    expect(await s.capture('kubectl rollout resume deployment/web')).toEqual(ok('deployment.apps/web resumed\n'));
    expect(await s.capture('kubectl rollout resume deployment/web')).toEqual(fail('error: deployments.apps "web" is not paused\n'));
  });

  it('restarts by stamping the pod template with the time', async () => {
    expect(await s.capture('kubectl rollout restart deployment/web')).toEqual(ok('deployment.apps/web restarted\n'));
    const stamp = (await s.capture("kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'")).stdout;
    expect(stamp).toMatch(/^2026-01-01T09:\d\d:\d\dZ$/);
    expect(await s.capture('kubectl rollout history pod/x')).toEqual(fail('Error from server (NotFound): pods "x" not found\n'));
  });
});

describe('run and expose', () => {
  let s: Session;
  beforeAll(async () => {
    s = boot();
    await s.capture('kubectl create deployment web --image=nginx --replicas=2');
    await s.capture('kubectl rollout status deployment/web');
  });

  it('exposes a deployment and a pod, and explains a pod without labels', async () => {
    expect(await s.capture('kubectl expose deployment web --port=80 --target-port=80')).toEqual(ok('service/web exposed\n'));
    expect(await s.capture("kubectl get svc web -o jsonpath='{.spec.selector} {.spec.ports[0].port}/{.spec.ports[0].targetPort}'")).toEqual(ok('{"app":"web"} 80/80'));
    expect(await s.capture('kubectl run lone --image=nginx')).toEqual(ok('pod/lone created\n'));
    expect(await s.capture('kubectl expose pod lone --port=80 --name=lone-svc --type=NodePort')).toEqual(ok('service/lone-svc exposed\n'));
    await s.capture('kubectl label pod lone run-');
    expect(await s.capture('kubectl expose pod lone --port=80 --name=x')).toEqual(
      fail("error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n"),
    );
  });

  it('runs a throwaway pod attached, prints its output and deletes it', async () => {
    const r = await s.capture('kubectl run t --image=busybox --rm -it --restart=Never -- wget -qO- -T 2 http://web');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n[\s\S]*<title>Welcome to nginx!<\/title>[\s\S]*pod "t" deleted\n$/);
    expect(await s.capture('kubectl get pod t')).toEqual(fail('Error from server (NotFound): pods "t" not found\n'));
  });

  it('resolves a service name from a throwaway pod', async () => {
    const r = await s.capture('kubectl run dns --image=busybox --rm -it --restart=Never -- nslookup web');
    expect(r.stdout).toContain('Name:\tweb.default.svc.cluster.local\n');
    expect(r.stdout.endsWith('pod "dns" deleted\n')).toBe(true);
  });

  it('exits with the container\'s code, after deleting it', async () => {
    expect(await s.capture("kubectl run t --image=busybox -i --rm --restart=Never -- sh -c 'echo failing; exit 4'")).toEqual({
      stdout: 'failing\npod "t" deleted\n',
      stderr: 'pod default/t terminated (Error)\n',
      status: 4,
    });
  });

  it('creates a pod and a service for it with --expose', async () => {
    expect(await s.capture('kubectl run web2 --image=nginx --port=80 --expose')).toEqual(ok('service/web2 created\npod/web2 created\n'));
    expect(await s.capture("kubectl get svc web2 -o jsonpath='{.spec.selector}'")).toEqual(ok('{"run":"web2"}'));
  });
});
