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
  const tuples = resourceTuples(args);
  if (tuples) {
    const out: ResourceSelection[] = [];
    for (const { type, name } of tuples) {
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

/**
 * The resource/name form (every argument has a slash), checked as the builder's
 * hasCombinedTypeArgs and splitResourceTypeName do; undefined for the `TYPE NAME...` form.
 */
function resourceTuples(args: readonly string[]): { type: string; name: string }[] | undefined {
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length === 0) return undefined;
  if (slashed.length !== args.length) {
    throw new KubectlError(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  return args.map((a) => {
    const seg = a.split('/');
    if (seg.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
    const [typed, name] = seg as [string, string];
    const types = [...new Set(typed.split(',').filter(Boolean))];
    if (!name || types.length !== 1) throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
    return { type: types[0]!, name };
  });
}

/**
 * Resource arguments next to -f/-k: the builder's visitByPaths refuses them before it resolves
 * any type (`kubectl delete -f pod.yaml pod x`, `kubectl scale -f d.yaml deploy/web`).
 */
export function rejectArgsWithPaths(args: readonly string[]): void {
  if (args.length === 0) return;
  if (resourceTuples(args)) throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
  throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
}
