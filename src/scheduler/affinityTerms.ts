/**
 * Inter-pod affinity terms as framework.AffinityTerm: a label selector over pods, the
 * namespaces it looks in (the listed ones, or those its namespaceSelector picks, or the pod's
 * own when neither is given), and a topology key.
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { fromLabelSelector, matchesAll, type Labels, type Requirement } from '../api/labels.js';

export interface AffinityTerm {
  namespaces: Set<string>;
  /** null: matches no pod (a missing labelSelector); []: every pod. */
  selector: Requirement[] | null;
  /** null: no namespace by labels; []: every namespace. */
  namespaceSelector: Requirement[] | null;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

function compile(sel: Parameters<typeof fromLabelSelector>[0]): Requirement[] | null {
  try {
    return fromLabelSelector(sel);
  } catch {
    return null;
  }
}

export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>();
  if ((term.namespaces ?? []).length === 0 && term.namespaceSelector == null) namespaces.add(pod.metadata?.namespace ?? 'default');
  else for (const ns of term.namespaces ?? []) namespaces.add(ns);
  return {
    namespaces,
    selector: compile(term.labelSelector),
    namespaceSelector: compile(term.namespaceSelector),
    topologyKey: term.topologyKey,
  };
}

/** The terms of a pod that has none: one frozen list for all of them (most pods). */
const NO_TERMS: never[] = Object.freeze([]) as unknown as never[];

export function affinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return terms?.length ? terms.map((t) => newAffinityTerm(pod, t)) : NO_TERMS;
}

export function weightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return terms?.length ? terms.map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight })) : NO_TERMS;
}

/**
 * AffinityTerm.Matches: the pod is in one of the term's namespaces (by name, or by its
 * namespace's labels) and its labels match the selector.
 */
export function termMatchesPod(term: AffinityTerm, namespace: string, podLabels: Labels, nsLabels: Labels): boolean {
  const inNamespace = term.namespaces.has(namespace) || (term.namespaceSelector !== null && matchesAll(nsLabels, term.namespaceSelector));
  return inNamespace && term.selector !== null && matchesAll(podLabels, term.selector);
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: for the incoming pod's own terms, a non-empty
 * namespaceSelector is resolved into namespace names once per cycle. An empty one ({}) keeps
 * matching every namespace.
 */
export function resolveNamespaceSelector<T extends AffinityTerm>(term: T, namespaces: ReadonlyMap<string, Labels>): T {
  if (term.namespaceSelector === null || term.namespaceSelector.length === 0) return term;
  const names = new Set(term.namespaces);
  for (const [name, labels] of namespaces) if (matchesAll(labels, term.namespaceSelector)) names.add(name);
  return { ...term, namespaces: names, namespaceSelector: null };
}
