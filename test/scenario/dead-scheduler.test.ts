/**
 * Mission scenario 1, as a candidate lives it: Pods stay Pending without any event, the
 * scheduler's static Pod cannot start its binary, and fixing the manifest heals the cluster.
 */
import { describe, expect, it } from 'vitest';
import { candidate, rows } from './transcript.js';

describe('dead-scheduler transcript', () => {
  it('shows Pending Pods and a scheduler that cannot start, and heals when the manifest is fixed', async () => {
    const c = candidate('dead-scheduler');
    const pods = await c.ok('kubectl -n shop get pods');
    const pending = rows(pods, /^web-/).filter((r) => r[2] === 'Pending');
    expect(pending).toHaveLength(2);
    // No scheduler, so nobody even reports FailedScheduling.
    expect(await c.ok(`kubectl -n shop describe pod ${pending[0]![0]}`)).toMatch(/^Events:\s+<none>$/m);

    const system = await c.ok('kubectl -n kube-system get pods');
    expect(system).toMatch(/^kube-scheduler-cluster1-controlplane1\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)\s+\d+s$/m);
    const described = await c.ok('kubectl -n kube-system describe pod kube-scheduler-cluster1-controlplane1');
    expect(described).toContain('      Reason:       StartError\n');
    expect(described).toContain('exec: "kube-schedulerr": executable file not found in $PATH: unknown');

    await c.ok('ssh cluster1-controlplane1');
    const containers = await c.ok('sudo crictl ps -a --name kube-scheduler');
    expect(containers.split('\n')[0]).toMatch(/^CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\s+NAMESPACE$/);
    expect(containers).toMatch(/Exited\s+kube-scheduler\s+2\s+\w{13}\s+kube-scheduler-cluster1-controlplane1\s+kube-system/);
    expect(await c.ok('grep -n schedulerr /etc/kubernetes/manifests/kube-scheduler.yaml')).toBe('13:    - kube-schedulerr\n');
    await c.ok("sudo sed -i 's/- kube-schedulerr$/- kube-scheduler/' /etc/kubernetes/manifests/kube-scheduler.yaml");
    await c.ok('exit');

    expect(await c.ok('kubectl -n shop rollout status deployment web --timeout=90s')).toContain('deployment "web" successfully rolled out\n');
    const after = await c.ok('kubectl -n shop get pods -o wide');
    expect(rows(after, /^web-/).map((r) => r[2])).toEqual(['Running', 'Running', 'Running']);
    expect(await c.ok('kubectl -n kube-system get pod kube-scheduler-cluster1-controlplane1')).toMatch(/^kube-scheduler-cluster1-controlplane1\s+[01]\/1\s+Running\s+0\s+/m);

    const report = await c.session.grade();
    expect(report.score).toBe(100);
  });
});
