/**
 * The pod table's cells as printers.go printPod computes them (v1.33): READY, the aggregate
 * STATUS (init progress, container waiting/terminated reasons, deletion), RESTARTS with the
 * age of the last restart, and the wide IP / NODE / NOMINATED NODE / READINESS GATES cells.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { cellText } from '../../../src/kubectl/printers/table/printer.js';
import { tableHandlerFor } from '../../../src/kubectl/printers/table/registry.js';
import { NOW, ago, condition, pod, running, terminated, waiting } from '../fixtures.js';

/** Column name (upper case, as printed) → cell text. */
function cells(obj: KObject): Record<string, string> {
  const h = tableHandlerFor('', 'Pod');
  const row = h.row(obj, { now: NOW });
  return Object.fromEntries(h.columns.map((c, i) => [c.name.toUpperCase(), cellText(row[i]!)]));
}

const summary = (obj: KObject) => {
  const c = cells(obj);
  return [c.READY, c.STATUS, c.RESTARTS].join(' | ');
};

const initSpec = (n = 2, extra: Record<string, unknown> = {}) => ({
  initContainers: Array.from({ length: n }, (_, i) => ({ name: `init${i}`, image: 'busybox', ...extra })),
  containers: [{ name: 'app', image: 'nginx' }],
});
const initRunning = (name: string) => ({ name, ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { running: { startedAt: ago(10) } } });
const initDone = (name: string) => ({ ...terminated(name, 0, 'Completed') });

describe('pod STATUS / READY / RESTARTS', () => {
  it.each<[string, KObject, string]>([
    ['running', pod('a', { status: { containerStatuses: [running('nginx')] } }), '1/1 | Running | 0'],
    ['pending without statuses', pod('a', { status: { phase: 'Pending' } }), '0/1 | Pending | 0'],
    ['restarts with the age of the last one', pod('a', { status: { containerStatuses: [running('nginx', 12)] } }), '1/1 | Running | 12 (95s ago)'],
    ['restarts without a last termination print the count only', pod('a', { status: { containerStatuses: [{ ...running('nginx'), restartCount: 3 }] } }), '1/1 | Running | 3'],
    ['ContainerCreating', pod('a', { status: { phase: 'Pending', containerStatuses: [waiting('nginx', 'ContainerCreating')] } }), '0/1 | ContainerCreating | 0'],
    ['ErrImagePull', pod('a', { status: { phase: 'Pending', containerStatuses: [waiting('nginx', 'ErrImagePull')] } }), '0/1 | ErrImagePull | 0'],
    ['ImagePullBackOff', pod('a', { status: { phase: 'Pending', containerStatuses: [waiting('nginx', 'ImagePullBackOff')] } }), '0/1 | ImagePullBackOff | 0'],
    ['CrashLoopBackOff', pod('a', { status: { containerStatuses: [waiting('nginx', 'CrashLoopBackOff', 5)] } }), '0/1 | CrashLoopBackOff | 5 (4m10s ago)'],
    ['Completed', pod('a', { status: { phase: 'Succeeded', containerStatuses: [terminated('job', 0, 'Completed')] } }), '0/1 | Completed | 0'],
    ['Error', pod('a', { status: { phase: 'Failed', containerStatuses: [terminated('job', 1, 'Error')] } }), '0/1 | Error | 0'],
    ['OOMKilled', pod('a', { status: { phase: 'Running', containerStatuses: [terminated('job', 137, 'OOMKilled')] } }), '0/1 | OOMKilled | 0'],
    ['ExitCode without a reason', pod('a', { status: { phase: 'Failed', containerStatuses: [terminated('job', 3)] } }), '0/1 | ExitCode:3 | 0'],
    [
      'Signal without a reason',
      pod('a', { status: { phase: 'Failed', containerStatuses: [{ ...terminated('job', 137), state: { terminated: { exitCode: 137, signal: 9 } } }] } }),
      '0/1 | Signal:9 | 0',
    ],
    [
      'the first container with a reason wins (statuses are walked backwards)',
      pod('a', {
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: { containerStatuses: [waiting('a', 'CrashLoopBackOff'), waiting('b', 'ErrImagePull')] },
      }),
      '0/2 | CrashLoopBackOff | 0',
    ],
    [
      'Completed beside a running container: NotReady without the Ready condition',
      pod('a', {
        spec: { containers: [{ name: 'web' }, { name: 'once' }] },
        status: { conditions: [condition('Ready', 'False')], containerStatuses: [running('web'), terminated('once', 0, 'Completed')] },
      }),
      '1/2 | NotReady | 0',
    ],
    [
      'Completed beside a running container: Running with the Ready condition',
      pod('a', {
        spec: { containers: [{ name: 'web' }, { name: 'once' }] },
        status: { conditions: [condition('Ready', 'True')], containerStatuses: [running('web'), terminated('once', 0, 'Completed')] },
      }),
      '1/2 | Running | 0',
    ],
    ['running but not ready is not counted', pod('a', { status: { containerStatuses: [{ ...running('nginx'), ready: false }] } }), '0/1 | Running | 0'],
    ['Terminating', pod('a', { meta: { deletionTimestamp: ago(5) }, status: { containerStatuses: [running('nginx')] } }), '1/1 | Terminating | 0'],
    ['a terminal pod being deleted keeps its status', pod('a', { meta: { deletionTimestamp: ago(5) }, status: { phase: 'Succeeded', containerStatuses: [terminated('job', 0, 'Completed')] } }), '0/1 | Completed | 0'],
    ['NodeLost while deleting: Unknown', pod('a', { meta: { deletionTimestamp: ago(5) }, status: { reason: 'NodeLost', containerStatuses: [running('nginx')] } }), '1/1 | Unknown | 0'],
    ['Evicted', pod('a', { status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } }), '0/1 | Evicted | 0'],
    [
      'SchedulingGated',
      pod('a', { spec: { nodeName: undefined, schedulingGates: [{ name: 'x' }] }, status: { phase: 'Pending', conditions: [condition('PodScheduled', 'False', { reason: 'SchedulingGated' })] } }),
      '0/1 | SchedulingGated | 0',
    ],
    ['Init:0/2', pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [initRunning('init0'), waiting('init1', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')] } }), '0/1 | Init:0/2 | 0'],
    ['Init:1/2', pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [initDone('init0'), initRunning('init1')], containerStatuses: [waiting('app', 'PodInitializing')] } }), '0/1 | Init:1/2 | 0'],
    ['Init:CrashLoopBackOff', pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [waiting('init0', 'CrashLoopBackOff', 4), waiting('init1', 'PodInitializing')] } }), '0/1 | Init:CrashLoopBackOff | 4 (4m10s ago)'],
    ['Init:Error', pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [terminated('init0', 1, 'Error')] } }), '0/1 | Init:Error | 0'],
    ['Init:ExitCode', pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [terminated('init0', 2)] } }), '0/1 | Init:ExitCode:2 | 0'],
    [
      'Init:Signal',
      pod('a', { spec: initSpec(), status: { phase: 'Pending', initContainerStatuses: [{ ...terminated('init0', 137), state: { terminated: { exitCode: 137, signal: 9 } } }] } }),
      '0/1 | Init:Signal:9 | 0',
    ],
    [
      'PodInitializing once the init containers are done',
      pod('a', {
        spec: initSpec(),
        status: { phase: 'Pending', conditions: [condition('Initialized', 'True')], initContainerStatuses: [initDone('init0'), initDone('init1')], containerStatuses: [waiting('app', 'PodInitializing')] },
      }),
      '0/1 | PodInitializing | 0',
    ],
    [
      'init restarts count while initializing, then only sidecars do',
      pod('a', {
        spec: initSpec(1),
        status: { conditions: [condition('Initialized', 'True')], initContainerStatuses: [{ ...initDone('init0'), restartCount: 2 }], containerStatuses: [running('app')] },
      }),
      '1/1 | Running | 0',
    ],
    [
      'a started sidecar counts towards READY and RESTARTS',
      pod('a', {
        spec: initSpec(1, { restartPolicy: 'Always' }),
        status: {
          conditions: [condition('Initialized', 'True'), condition('Ready', 'True')],
          initContainerStatuses: [{ ...running('init0', 2), started: true }],
          containerStatuses: [running('app', 1, { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(100), finishedAt: ago(42) } } })],
        },
      }),
      '2/2 | Running | 3 (42s ago)',
    ],
    [
      'a sidecar that has not started blocks initialization',
      pod('a', {
        spec: initSpec(1, { restartPolicy: 'Always' }),
        status: { phase: 'Pending', initContainerStatuses: [{ ...initRunning('init0'), started: false }], containerStatuses: [waiting('app', 'PodInitializing')] },
      }),
      '0/2 | Init:0/1 | 0',
    ],
  ])('%s', (_name, obj, want) => {
    expect(summary(obj)).toBe(want);
  });
});

describe('pod wide cells', () => {
  it('IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    const p = pod('a', {
      spec: { readinessGates: [{ conditionType: 'example.com/feature-1' }, { conditionType: 'example.com/feature-2' }] },
      status: {
        podIP: '10.244.1.7',
        podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }],
        nominatedNodeName: 'node02',
        conditions: [condition('example.com/feature-1', 'True'), condition('example.com/feature-2', 'False')],
        containerStatuses: [running('nginx')],
      },
    });
    expect(cells(p)).toEqual({
      NAME: 'a',
      READY: '1/1',
      STATUS: 'Running',
      RESTARTS: '0',
      AGE: '26h',
      IP: '10.244.1.7',
      NODE: 'node01',
      'NOMINATED NODE': 'node02',
      'READINESS GATES': '1/2',
    });
  });
  it('<none> for what is unset', () => {
    const p = pod('a', { spec: { nodeName: undefined }, status: { phase: 'Pending', podIP: undefined, podIPs: undefined } });
    const c = cells(p);
    expect([c.IP, c.NODE, c['NOMINATED NODE'], c['READINESS GATES']]).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
  it('AGE is <unknown> without a creation timestamp', () => {
    expect(cells(pod('a', { meta: { creationTimestamp: undefined } })).AGE).toBe('<unknown>');
  });
});
