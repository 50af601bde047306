/**
 * Node selection as k8s.io/component-helpers/scheduling/corev1/nodeaffinity evaluates it: the
 * pod's nodeSelector map AND its required node affinity, whose terms are ORed, each term ANDing
 * its matchExpressions (on labels) and matchFields (on metadata.name). A term that does not
 * parse (In with no values, Gt with a non-integer, ...) or that is empty matches nothing.
 */
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';

type Labels = Record<string, string> | undefined;

const INT_RE = /^[+-]?\d+$/;

/** One matchExpressions requirement; undefined when it does not parse. */
function labelRequirementMatches(r: NodeSelectorRequirement, labels: Labels): boolean | undefined {
  const values = r.values ?? [];
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return has && values.includes(value!);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return !has || !values.includes(value!);
    case 'Exists':
      if (values.length !== 0) return undefined;
      return has;
    case 'DoesNotExist':
      if (values.length !== 0) return undefined;
      return !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT_RE.test(values[0]!)) return undefined;
      if (!has || !INT_RE.test(value!)) return false;
      const n = BigInt(value!);
      const bound = BigInt(values[0]!);
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return undefined;
  }
}

/** One matchFields requirement: only metadata.name with In/NotIn and exactly one value. */
function fieldRequirementMatches(r: NodeSelectorRequirement, nodeName: string): boolean | undefined {
  const values = r.values ?? [];
  if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return undefined;
  const field = r.key === 'metadata.name' ? nodeName : undefined;
  return r.operator === 'In' ? field === values[0] : field !== values[0];
}

/** A term against a node's labels and name; false for an empty or unparsable term. */
export function termMatches(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  let result = true;
  for (const r of exprs) {
    const m = labelRequirementMatches(r, labels);
    if (m === undefined) return false;
    result &&= m;
  }
  for (const r of fields) {
    const m = fieldRequirementMatches(r, nodeName);
    if (m === undefined) return false;
    result &&= m;
  }
  return result;
}

/** NodeSelector (ORed terms). */
export function nodeSelectorMatches(sel: NodeSelector, labels: Labels, nodeName: string): boolean {
  for (const term of sel.nodeSelectorTerms ?? []) if (termMatches(term, labels, nodeName)) return true;
  return false;
}

/** nodeaffinity.RequiredNodeAffinity: the pod's nodeSelector and required node affinity together. */
export interface RequiredNodeAffinity {
  matches(node: Node): boolean;
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec?.nodeSelector;
  const hasSelector = !!selector && Object.keys(selector).length > 0;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    matches(node: Node): boolean {
      const labels = node.metadata?.labels;
      if (hasSelector) {
        for (const [k, v] of Object.entries(selector!)) if (labels?.[k] !== v) return false;
      }
      return required ? nodeSelectorMatches(required, labels, node.metadata?.name ?? '') : true;
    },
  };
}
