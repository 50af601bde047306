/** `ready` checks: nodes, pods and workloads ready as kubectl would show them. */
import { resourceKey } from '../../api/registry.js';
import type { ObjectRef } from '../../scenario/types.js';
import type { Stored } from '../../api/types.js';
import { resolveResource } from './objects.js';
import type { CheckKind } from './types.js';

type Status = Record<string, unknown> & { conditions?: { type: string; status: string }[] };

/** Is one object ready, and why not? */
export function readiness(kind: string, obj: Stored): { ready: boolean; why: string } {
  const status = (obj['status'] ?? {}) as Status;
  const spec = (obj['spec'] ?? {}) as Record<string, unknown>;
  const cond = (t: string) => status.conditions?.find((c) => c.type === t)?.status;
  switch (kind) {
    case 'Node':
    case 'Pod': {
      const r = cond('Ready');
      return { ready: r === 'True', why: `Ready=${r ?? 'Unknown'}${kind === 'Pod' ? ` (phase ${String(status['phase'] ?? 'Unknown')})` : ''}` };
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const want = Number(spec['replicas'] ?? 1);
      const have = Number(status[kind === 'Deployment' ? 'availableReplicas' : 'readyReplicas'] ?? 0);
      const updated = kind === 'Deployment' ? Number(status['updatedReplicas'] ?? 0) : want;
      return { ready: have >= want && updated >= want, why: `${have}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = Number(status['desiredNumberScheduled'] ?? 0);
      const have = Number(status['numberReady'] ?? 0);
      return { ready: want > 0 && have >= want, why: `${have}/${want} ready` };
    }
    case 'Job':
      return { ready: cond('Complete') === 'True', why: cond('Failed') === 'True' ? 'failed' : 'not complete' };
    default:
      return { ready: true, why: 'exists' };
  }
}

export const readyCheck: CheckKind<ObjectRef & { ready?: boolean }> = {
  kind: 'ready',
  evaluate(ref, ctx) {
    const cluster = ctx.cluster(ref.cluster);
    const info = resolveResource(cluster, ref);
    const want = ref.ready ?? true;
    const objs = ref.name
      ? [cluster.api.store.get(resourceKey(info), info.namespaced ? (ref.namespace ?? 'default') : '', ref.name)].filter((o): o is Stored => !!o)
      : cluster.admin().list(resourceKey(info), info.namespaced ? ref.namespace : undefined, { labelSelector: ref.selector });
    const label = ref.name ? `${info.kind} ${ref.name}` : `${info.kind}s${ref.selector ? ` matching ${ref.selector}` : ''}`;
    if (objs.length === 0) return { passed: false, expected: `${label} ${want ? 'ready' : 'not ready'}`, found: 'none exist' };
    const states = objs.map((o) => ({ name: o.metadata.name, ...readiness(info.kind, o) }));
    const wrong = states.filter((s) => s.ready !== want);
    return {
      passed: wrong.length === 0,
      expected: `${label} ${want ? 'ready' : 'not ready'}`,
      found: (wrong.length === 0 ? states : wrong).slice(0, 3).map((s) => `${s.name}: ${s.why}`).join(', ') + (states.length > 3 ? `, … (${states.length})` : ''),
    };
  },
};
