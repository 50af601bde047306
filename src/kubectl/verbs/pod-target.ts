/**
 * The pod a command attaches to (exec, cp, attach, port-forward): a pod by name, or TYPE/NAME
 * of a workload or service resolved to its most active pod, as AttachablePodForObject picks
 * it (ready pods first, the longest ready first); and the default container with kubectl's
 * "Defaulted container" notice.
 */
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { resourceKey } from '../../api/registry.js';
import type { Stored } from '../../api/types.js';
import type { Invocation } from '../command.js';
import { usageError } from '../errors.js';
import { resolveType } from '../resources.js';

interface PodStatus {
  phase?: string;
  conditions?: { type: string; status: string; lastTransitionTime?: string }[];
}

function readySince(pod: Stored): number | undefined {
  const c = ((pod['status'] as PodStatus | undefined)?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return c ? Date.parse(c.lastTransitionTime ?? '') || 0 : undefined;
}

/** sort.Reverse(podutils.ActivePods): scheduled, running, ready (longest first), older first. */
function mostActive(pods: Stored[]): Stored | undefined {
  const rank = (p: Stored) => {
    const phase = (p['status'] as PodStatus | undefined)?.phase;
    const scheduled = (p['spec'] as { nodeName?: string }).nodeName ? 1 : 0;
    const phaseRank = phase === 'Running' ? 2 : phase === 'Pending' ? 0 : 1;
    return [scheduled, phaseRank, readySince(p) !== undefined ? 1 : 0];
  };
  return [...pods].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    const ta = readySince(a) ?? 0;
    const tb = readySince(b) ?? 0;
    if (ta !== tb) return ta - tb;
    return Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') || (a.metadata.name < b.metadata.name ? -1 : 1);
  })[0];
}

export function podForTarget(inv: Invocation, target: string): Stored {
  const client = inv.kctx.client();
  const ns = inv.kctx.namespace();
  if (!target.includes('/')) return client.get('pods', ns, target);
  const [type, name] = target.split('/') as [string, string];
  const info = resolveType(inv.kctx.cluster().api.registry, type);
  if (info.resource === 'pods') return client.get('pods', ns, name);
  const owner = client.get(resourceKey(info), ns, name);
  const raw = ((owner['spec'] as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector ?? {}) as LabelSelector & Record<string, string>;
  const selector: LabelSelector = raw.matchLabels || raw.matchExpressions ? raw : { matchLabels: raw as Record<string, string> };
  if (!selector.matchLabels && !selector.matchExpressions) throw usageError(`cannot attach to *v1.${info.kind}: selector for *v1.${info.kind} not implemented`);
  const pod = mostActive(client.list('pods', ns).filter((p) => selectorMatches(selector, p.metadata.labels)));
  if (!pod) throw usageError('timed out waiting for the condition');
  return pod;
}

/** FindOrDefaultContainerByName: the annotated default, else the first, with kubectl's notice. */
export function defaultContainer(inv: Invocation, pod: Stored, quiet: boolean): string {
  const spec = pod['spec'] as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  const containers = spec.containers ?? [];
  if (containers.length === 0) throw usageError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (annotated && all.some((c) => c.name === annotated)) return annotated;
  const first = containers[0]!.name;
  if (!quiet && (containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length)) {
    const names = [...containers.map((c) => c.name), ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`), ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`)];
    inv.err.write(`Defaulted container "${first}" out of: ${names.join(', ')}\n`);
  }
  return first;
}
