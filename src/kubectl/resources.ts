/**
 * Turning what a user typed after a verb into resources and names, as kubectl's resource builder
 * does: `pods`, `pods a b`, `pod/a deploy/b`, `pods,svc`, `all`, `deployments.apps`, with its
 * errors for unknown types and mixed forms.
 */
import type { ResourceInfo, ResourceRegistry } from '../api/registry.js';
import { KubectlError } from './errors.js';

export interface ResourceSelection {
  info: ResourceInfo;
  /** Empty: every object (filtered by selectors). */
  names: string[];
}

export function resolveType(registry: ResourceRegistry, typed: string): ResourceInfo {
  const info = registry.resolve(typed);
  if (!info) throw new KubectlError(`error: the server doesn't have a resource type "${typed}"`);
  return info;
}

/** Expands a category (`all`) to its resources in kubectl's order. */
function expandType(registry: ResourceRegistry, typed: string): ResourceInfo[] {
  const lower = typed.toLowerCase();
  if (lower === 'all') {
    const order = ['pods', 'replicationcontrollers', 'services', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'horizontalpodautoscalers.autoscaling', 'cronjobs.batch', 'jobs.batch'];
    return order.map((k) => registry.byResourceKey(k)).filter((r): r is ResourceInfo => !!r);
  }
  return [resolveType(registry, typed)];
}

export function parseResourceArgs(registry: ResourceRegistry, args: readonly string[]): ResourceSelection[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceSelection[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name || name.includes('/')) throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
      const info = resolveType(registry, type);
      const existing = out.find((s) => s.info === info);
      if (existing) existing.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const infos = types!.split(',').filter(Boolean).flatMap((t) => expandType(registry, t));
  return infos.map((info) => ({ info, names: [...names] }));
}
