import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podRequests, schedulingRequests } from '../../src/scheduler/resources.js';

type C = { cpu?: string; memory?: string; sidecar?: boolean };

function podWith(containers: C[], init: C[] = [], overhead?: Record<string, string>): Pod {
  const toContainer = (c: C, i: number, prefix: string) => ({
    name: `${prefix}${i}`,
    image: 'busybox',
    ...(c.sidecar ? { restartPolicy: 'Always' } : {}),
    resources: { requests: { ...(c.cpu ? { cpu: c.cpu } : {}), ...(c.memory ? { memory: c.memory } : {}) } },
  });
  return {
    spec: {
      containers: containers.map((c, i) => toContainer(c, i, 'c')),
      initContainers: init.map((c, i) => toContainer(c, i, 'i')),
      ...(overhead ? { overhead } : {}),
    },
  };
}

describe('pod requests', () => {
  it.each<[string, Pod, number, number]>([
    ['containers add up', podWith([{ cpu: '250m', memory: '64Mi' }, { cpu: '250m', memory: '64Mi' }]), 500, 128 * 2 ** 20],
    ['the largest init container wins when larger than the sum (the docs example: 3 cpu, 3G)', podWith([{ cpu: '2', memory: '1G' }, { cpu: '1', memory: '1G' }], [{ cpu: '2', memory: '1G' }, { cpu: '2', memory: '3G' }]), 3000, 3e9],
    ['init containers below the sum change nothing', podWith([{ cpu: '1' }], [{ cpu: '500m' }]), 1000, 0],
    ['overhead is added on top', podWith([{ cpu: '1', memory: '1Gi' }], [], { cpu: '250m', memory: '120Mi' }), 1250, 1144 * 2 ** 20],
    ['a sidecar runs beside the containers and the init containers after it', podWith([{ cpu: '1' }], [{ cpu: '100m', sidecar: true }, { cpu: '2' }]), 2100, 0],
  ])('%s', (_name, p, cpu, memory) => {
    const r = podRequests(p);
    expect([r.milliCpu, r.memory]).toEqual([cpu, memory]);
  });

  it('extended resources add up over the containers, keep the order they were first asked in, and the overhead adds on', () => {
    const p: Pod = {
      spec: {
        containers: [
          { name: 'a', resources: { requests: { 'example.com/foo': '2', cpu: '1' } } },
          { name: 'b', resources: { requests: { 'nvidia.com/gpu': '1', 'example.com/foo': '1' } } },
        ],
        overhead: { 'example.com/foo': '1' },
      },
    };
    const r = podRequests(p);
    expect([r.milliCpu, Object.entries(r.scalar)]).toEqual([1000, [['example.com/foo', 4], ['nvidia.com/gpu', 1]]]);
  });

  it('for scoring, a container without a cpu or memory request counts 100m and 200Mi, an explicit 0 stays 0', () => {
    const p = podWith([{}, { cpu: '0', memory: '0' }, { cpu: '1' }]);
    const r = podRequests(p, true);
    expect([r.milliCpu, r.memory]).toEqual([100 + 0 + 1000, 200 * 2 ** 20 + 0 + 200 * 2 ** 20]);
  });

  it('schedulingRequests gives what podRequests gives for fitting and for scoring, in one walk', () => {
    const pods = [
      podWith([{}, { cpu: '0', memory: '0' }, { cpu: '1' }]),
      podWith([{ cpu: '250m', memory: '64Mi' }, { memory: '1Gi' }], [], { cpu: '250m', memory: '120Mi' }),
      podWith([{ cpu: '1' }], [{ cpu: '100m', sidecar: true }, { cpu: '2' }]),
      podWith([]),
      {},
    ];
    for (const p of pods) {
      const nonZero = podRequests(p, true);
      expect(schedulingRequests(p)).toEqual({ requests: podRequests(p), nonZeroMilliCpu: nonZero.milliCpu, nonZeroMemory: nonZero.memory });
    }
  });
});
