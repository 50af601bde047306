import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/grading/expect.js';

const pod = {
  metadata: { name: 'web-1', labels: { app: 'web' } },
  spec: { nodeName: 'node01', containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
};

describe('expectations', () => {
  const valid: [string, Parameters<typeof evaluate>[0]][] = [
    ['equals a scalar', { path: '$.status.phase', equals: 'Running' }],
    ['equals through a filter', { path: "$.status.conditions[?(@.type=='Ready')].status", equals: 'True' }],
    ['matches a regex', { path: '$.spec.containers[0].image', matches: '^nginx:1\\.2' }],
    ['exists', { path: '$.spec.nodeName', exists: true }],
    ['does not exist', { path: '$.spec.priorityClassName', exists: false }],
    ['counts values', { path: '$.spec.containers[*].name', count: { equals: 2 } }],
    ['contains a partial object', { path: '$.spec.tolerations', contains: { key: 'k', effect: 'NoSchedule' } }],
    ['is in a set', { path: '$.status.phase', in: ['Running', 'Succeeded'] }],
    ['holds for all values', { path: '$.spec.containers[*]', all: { path: '$.image', exists: true } }],
    ['holds for some value', { path: '$.spec.containers[*].image', any: { equals: 'busybox' } }],
    ['compares loosely across types', { path: '$.spec.containers.length', notEquals: 3 }],
  ];
  it.each(valid)('passes when it %s', (_, e) => {
    expect(evaluate(e, pod).passed).toBe(true);
  });

  const invalid: [string, Parameters<typeof evaluate>[0], string, string][] = [
    ['a different value', { path: '$.status.phase', equals: 'Pending' }, '"Pending"', '"Running" at $.status.phase'],
    ['nothing found for equals', { path: '$.status.podIP', equals: '10.0.0.1' }, '"10.0.0.1"', 'nothing at $.status.podIP'],
    ['a missing field that should exist', { path: '$.spec.priorityClassName', exists: true }, 'a value at $.spec.priorityClassName', 'nothing at $.spec.priorityClassName'],
    ['too few values', { path: '$.spec.containers[*]', count: { min: 3 } }, 'at least 3 value(s)', '2 ([{"name":"nginx","image":"nginx:1.27"}, {"name":"sidecar","image":"busybox"}] at $.spec.containers[*])'],
  ];
  it.each(invalid)('fails with expected and found for %s', (_, e, expected, found) => {
    const v = evaluate(e, pod);
    expect(v).toEqual({ passed: false, expected, found });
  });

  it('treats the items of a list as the values when no path is given', () => {
    const list = [pod, { ...pod, spec: { ...pod.spec, nodeName: undefined } }];
    const v = evaluate({ all: { path: '$.spec.nodeName', exists: true }, count: { min: 1 } }, list, true);
    expect(v.passed).toBe(false);
    expect(v.found).toBe('1 of 2 item(s) did not: nothing at $.spec.nodeName');
  });
});

describe('how found values read', () => {
  it('names API objects instead of dumping them', () => {
    const pods = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: {} },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: {} },
    ];
    expect(evaluate({ count: { min: 3 } }, pods, true).found).toBe('2 ([pod/a, pod/b])');
  });
});

describe('what a passing check reports', () => {
  it('says what every item had, also for exists', () => {
    const v = evaluate({ all: { path: '$.spec.nodeName', exists: true }, count: { min: 1 } }, [pod], true);
    expect(v).toEqual({ passed: true, expected: 'at least 1 value(s) and every item: a value at $.spec.nodeName', found: 'web-1' });
  });
});
