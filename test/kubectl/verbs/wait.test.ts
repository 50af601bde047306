/**
 * kubectl wait on a live cluster, where waiting takes virtual time: conditions that become
 * true while kubectl waits, deletions and creations seen through, and timeouts that cost
 * exactly --timeout of simulated time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { boot } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 });

describe('kubectl wait on a live cluster', () => {
  let s: Session;
  beforeEach(() => {
    s = boot();
  });
  const now = () => s.world.clock.now();

  it('waits for a new deployment to become Available', async () => {
    await s.capture('kubectl create deployment web --image=nginx --replicas=2');
    expect(await s.capture('kubectl wait --for=condition=Available deployment/web --timeout=120s')).toEqual(ok('deployment.apps/web condition met\n'));
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.status.availableReplicas}'")).toEqual(ok('2'));
  });

  it('sees a pod deleted without --wait go away', async () => {
    await s.capture('kubectl run tmp --image=busybox -- sleep 3600');
    await s.capture('kubectl wait --for=condition=Ready pod/tmp --timeout=60s');
    expect(await s.capture('kubectl delete pod tmp --wait=false')).toEqual(ok('pod "tmp" deleted\n'));
    expect(await s.capture('kubectl wait --for=delete pod/tmp --timeout=60s')).toEqual(ok('pod/tmp condition met\n'));
    expect(await s.capture('kubectl wait --for=delete pod/tmp --timeout=60s')).toEqual(ok(''));
  });

  it('times out after exactly --timeout of simulated time', async () => {
    await s.capture('kubectl run bad --image=nginx:no-such-tag');
    const before = now();
    expect(await s.capture('kubectl wait --for=condition=Ready pod/bad --timeout=15s')).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/bad\n', status: 1 });
    expect(now() - before).toBeGreaterThanOrEqual(15_000);
    expect(now() - before).toBeLessThan(20_000);
    expect(await s.capture('kubectl wait --for=create configmap/later --timeout=3s')).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition\n', status: 1 });
  });
});
