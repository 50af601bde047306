/** `get` and `list` checks: fields of live objects through JSONPath expectations. */
import { resourceKey, type ResourceInfo } from '../../api/registry.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Expectation, ObjectRef } from '../../scenario/types.js';
import { CheckSetupError, type GradingContext } from '../context.js';
import { evaluate, type Verdict } from '../expect.js';
import type { CheckKind } from './types.js';

export function resolveResource(cluster: Cluster, ref: Pick<ObjectRef, 'kind' | 'apiVersion'>): ResourceInfo {
  const reg = cluster.api.registry;
  const info = ref.apiVersion ? reg.byKind(ref.apiVersion, ref.kind) : (reg.kindsNamed(ref.kind)[0] ?? reg.resolve(ref.kind));
  if (!info) throw new CheckSetupError(`unknown kind "${ref.kind}"`);
  return info;
}

function describeRef(ref: ObjectRef, info: ResourceInfo): string {
  const ns = info.namespaced ? (ref.namespace ?? 'default') : '';
  return `${info.kind} ${ns ? `${ns}/` : ''}${ref.name ?? ''}`.trim();
}

function all(e: Expectation | Expectation[], target: unknown, listItems: boolean): Verdict {
  const list = Array.isArray(e) ? e : [e];
  const verdicts = list.map((x) => evaluate(x, target, listItems));
  return verdicts.find((v) => !v.passed) ?? { passed: true, expected: verdicts.map((v) => v.expected).join('; '), found: verdicts.map((v) => v.found).join('; ') };
}

export const getCheck: CheckKind<ObjectRef & { name: string }> = {
  kind: 'get',
  evaluate(ref, ctx: GradingContext, whole) {
    const cluster = ctx.cluster(ref.cluster);
    const info = resolveResource(cluster, ref);
    const ns = info.namespaced ? (ref.namespace ?? 'default') : '';
    const obj = cluster.api.store.get(resourceKey(info), ns, ref.name);
    if (!obj) return { passed: false, expected: `${describeRef(ref, info)} to exist`, found: 'it does not exist' };
    return all(whole['expect'] as Expectation | Expectation[], obj, false);
  },
};

export const listCheck: CheckKind<ObjectRef> = {
  kind: 'list',
  evaluate(ref, ctx, whole) {
    const cluster = ctx.cluster(ref.cluster);
    const info = resolveResource(cluster, ref);
    const admin = cluster.admin();
    const items = admin.list(resourceKey(info), info.namespaced ? ref.namespace : undefined, { labelSelector: ref.selector, fieldSelector: ref.fieldSelector });
    return all(whole['expect'] as Expectation | Expectation[], items, true);
  },
};
