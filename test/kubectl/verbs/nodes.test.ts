/**
 * taint, cordon, uncordon and drain on a booted cluster: kubectl's parsing and messages for
 * taints, and drain's transcript (cordon, DaemonSet warning, evictions, PodDisruptionBudget
 * retries, unmanaged pods).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, status: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, status: 1 });

async function podsOn(s: Session, node: string, ns = 'default'): Promise<string[]> {
  const r = await s.capture(`kubectl get pods -n ${ns} --field-selector spec.nodeName=${node} -o jsonpath='{.items[*].metadata.name}'`);
  return r.stdout.split(' ').filter(Boolean);
}

describe('taint, cordon, uncordon and drain', () => {
  let s: Session;
  beforeAll(() => {
    s = boot();
  });

  it('adds, refuses to duplicate, overwrites and removes taints', async () => {
    expect(await s.capture('kubectl taint nodes node01 app=blue:NoSchedule')).toEqual(ok('node/node01 tainted\n'));
    expect(await s.capture('kubectl taint nodes node01 app=blue:NoSchedule')).toEqual(fail('error: node node01 already has app taint(s) with same effect(s) and --overwrite is false\n'));
    expect(await s.capture('kubectl taint nodes node01 app=green:NoSchedule --overwrite')).toEqual(ok('node/node01 modified\n'));
    expect(await s.capture("kubectl get node node01 -o jsonpath='{.spec.taints[0].value}'")).toEqual(ok('green'));
    expect(await s.capture('kubectl taint nodes node01 app:NoSchedule-')).toEqual(ok('node/node01 untainted\n'));
    expect(await s.capture('kubectl taint nodes node01 app:NoSchedule-')).toEqual(fail('error: taint "app:NoSchedule" not found\n'));
  });

  it('explains malformed taints as kubectl does', async () => {
    expect(await s.capture('kubectl taint nodes node01 a=b:Bogus')).toEqual(fail("error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"));
    expect(await s.capture('kubectl taint pods node01 a=b:NoSchedule')).toEqual(fail('error: invalid resource type pods, only node types are supported\n'));
    expect(await s.capture('kubectl taint nodes a=b:NoSchedule')).toEqual(fail("error: at least one resource name must be specified since 'all' parameter is not set\n"));
  });

  it('cordons once, and says so the second time', async () => {
    expect(await s.capture('kubectl cordon node02')).toEqual(ok('node/node02 cordoned\n'));
    expect(await s.capture('kubectl cordon node02')).toEqual(ok('node/node02 already cordoned\n'));
    expect((await s.capture('kubectl get node node02')).stdout).toContain('Ready,SchedulingDisabled');
    expect(await s.capture('kubectl uncordon node02')).toEqual(ok('node/node02 uncordoned\n'));
    expect(await s.capture('kubectl cordon')).toEqual(fail("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"));
  });

  it('refuses to drain DaemonSet pods and unmanaged pods without the flags', async () => {
    s.world.workstation.fs.writeFile('/home/candidate/bare.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  nodeName: node01\n  containers:\n  - name: c\n    image: nginx\n', { uid: 1000, gid: 1000 });
    await s.capture('kubectl create -f bare.yaml');
    const system = (await podsOn(s, 'node01', 'kube-system')).filter((p) => /^(kube-proxy|calico-node)-/.test(p));
    const r = await s.capture('kubectl drain node01');
    expect(r.stdout).toBe('node/node01 cordoned\n');
    expect(r.stderr).toContain('error: unable to drain node "node01" due to error: ');
    expect(r.stderr).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ' + system.map((p) => `kube-system/${p}`).sort().join(', '));
    expect(r.stderr).toContain('cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare');
    expect(r.stderr).toContain('There are pending nodes to be drained:\n node01\n');
    expect(r.status).toBe(1);
  });

  it('drains with the full transcript, evicting through the budget one pod at a time', async () => {
    await s.capture('kubectl uncordon node01');
    await s.capture('kubectl delete pod bare --now');
    await s.capture('kubectl create deployment web --image=nginx --replicas=2');
    await s.capture('kubectl rollout status deployment/web');
    await s.capture('kubectl create pdb web --selector=app=web --min-available=1');
    const web = (await podsOn(s, 'node01')).filter((p) => p.startsWith('web-'));
    const r = await s.capture('kubectl drain node01 --ignore-daemonsets --delete-emptydir-data');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('node/node01 cordoned\n')).toBe(true);
    expect(r.stdout.endsWith('node/node01 drained\n')).toBe(true);
    for (const p of web) {
      expect(r.stdout).toContain(`evicting pod default/${p}\n`);
      expect(r.stdout).toContain(`pod/${p} evicted\n`);
    }
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\//);
    expect(await podsOn(s, 'node01')).toEqual([]);
    expect(await s.capture('kubectl uncordon node01')).toEqual(ok('node/node01 uncordoned\n'));
  });

  it('keeps retrying an eviction the budget forbids until the timeout', async () => {
    s.world.workstation.fs.writeFile('/home/candidate/solo.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels: {app: solo}\nspec:\n  nodeName: node02\n  containers:\n  - name: c\n    image: nginx\n', { uid: 1000, gid: 1000 });
    await s.capture('kubectl create -f solo.yaml');
    await s.capture('kubectl create pdb solo --selector=app=solo --min-available=1');
    await s.capture('sleep 5');
    const r = await s.capture('kubectl drain node02 --ignore-daemonsets --force --pod-selector=app=solo --timeout=12s');
    expect(r.stdout).toBe('node/node02 cordoned\nevicting pod default/solo\nevicting pod default/solo\nevicting pod default/solo\n');
    expect(r.stderr).toBe(
      'Warning: deleting Pods that declare no controller: default/solo\n' +
        'error when evicting pods/"solo" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.\n'.repeat(3) +
        'There are pending pods in node "node02" when an error occurred: error when evicting pods/"solo" -n "default": global timeout reached: 12s\npod/solo\n' +
        'error: unable to drain node "node02" due to error: error when evicting pods/"solo" -n "default": global timeout reached: 12s, continuing command...\n' +
        'There are pending nodes to be drained:\n node02\n' +
        'error: error when evicting pods/"solo" -n "default": global timeout reached: 12s\n',
    );
    expect(r.status).toBe(1);
  });
});
