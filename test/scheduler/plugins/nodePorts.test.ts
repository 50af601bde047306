import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { nodePorts } from '../../../src/scheduler/plugins/nodePorts.js';
import { cycle, node, pod, running, snapshotOf } from '../fixtures.js';

function withPort(p: Pod, hostPort: number, hostIP?: string, protocol = 'TCP'): Pod {
  p.spec!.containers[0]!.ports = [{ containerPort: 80, hostPort, protocol, ...(hostIP ? { hostIP } : {}) }];
  return p;
}

describe('NodePorts', () => {
  it.each<[string, Pod[], Pod, boolean]>([
    ['a free port fits', [withPort(running('a', 'node01'), 8080)], withPort(pod('p'), 8081), true],
    ['the same port on all addresses conflicts', [withPort(running('a', 'node01'), 8080)], withPort(pod('p'), 8080), false],
    ['the same port over another protocol does not conflict', [withPort(running('a', 'node01'), 53)], withPort(pod('p'), 53, undefined, 'UDP'), true],
    ['two different addresses do not conflict', [withPort(running('a', 'node01'), 80, '10.0.0.1')], withPort(pod('p'), 80, '10.0.0.2'), true],
    ['a specific address conflicts with 0.0.0.0', [withPort(running('a', 'node01'), 80)], withPort(pod('p'), 80, '10.0.0.2'), false],
    ['0.0.0.0 conflicts with a specific address', [withPort(running('a', 'node01'), 80, '10.0.0.1')], withPort(pod('p'), 80), false],
  ])('%s', (_name, existing, p, fits) => {
    const snap = snapshotOf([node('node01')], existing);
    const ctx = cycle(p, snap);
    expect(nodePorts.preFilter!(ctx)).toBeNull();
    expect(nodePorts.filter!(ctx, snap.get('node01')!)).toEqual(
      fits ? null : { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] },
    );
  });

  it('a pod without host ports skips the check', () => {
    const snap = snapshotOf([node('node01')]);
    expect(nodePorts.preFilter!(cycle(pod('p'), snap))).toMatchObject({ code: 'Skip' });
  });
});
