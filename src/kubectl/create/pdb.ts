/** kubectl create poddisruptionbudget NAME --selector=... --min-available=N|--max-unavailable=N. */
import type { KObject } from '../../api/types.js';
import { parseSelector, SelectorParseError } from '../../api/labels.js';
import { flagString } from '../flags/index.js';
import { KubectlError, usageError } from '../errors.js';
import { defineGenerator } from './generator.js';
import { sortedMap } from './sources.js';

const OPERATOR_TEXT: Record<string, string> = { NotEquals: '!=', Gt: 'gt', Lt: 'lt' };

const INT_OR_PERCENT = /^[0-9]+%?$/;

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
export function labelSelectorOf(text: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.operator === 'Equals') matchLabels[r.key] = r.values[0] ?? '';
    else if (r.operator === 'In' || r.operator === 'NotIn') matchExpressions.push({ key: r.key, operator: r.operator, values: r.values });
    else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') matchExpressions.push({ key: r.key, operator: r.operator });
    else throw new KubectlError(`error: "${OPERATOR_TEXT[r.operator]}" is not a valid label selector operator`);
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels: sortedMap(matchLabels) } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

function intOrString(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

export const createPdbCommand = defineGenerator({
  path: ['create', 'poddisruptionbudget'],
  resource: 'poddisruptionbudgets.policy',
  failure: 'poddisruptionbudgets',
  help: {
    short: 'Create a pod disruption budget with the specified name',
    long: `Create a pod disruption budget with the specified name, selector, and desired minimum available pods.`,
    aliases: ['pdb'],
    examples: `# Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
# and require at least one of them being available at any point in time
kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1

# Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
# and require at least half of the pods selected to be available at any point in time
kubectl create pdb my-pdb --selector=app=nginx --min-available=50%`,
    use: 'NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'max-unavailable', type: 'string', usage: 'The maximum number or percentage of unavailable pods this budget requires.' },
    { name: 'min-available', type: 'string', usage: 'The minimum number or percentage of available pods this budget requires.' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this budget. Only equality-based selector requirements are supported.' },
  ],
  validate({ inv }) {
    const min = flagString(inv.flags, 'min-available');
    const max = flagString(inv.flags, 'max-unavailable');
    if (!flagString(inv.flags, 'selector')) throw usageError('a selector must be specified');
    if (!min && !max) throw usageError('one of min-available or max-unavailable must be specified');
    if (min && max) throw usageError('min-available and max-unavailable cannot be both specified');
    if (min && !INT_OR_PERCENT.test(min)) throw usageError('invalid format specified for min-available');
    if (max && !INT_OR_PERCENT.test(max)) throw usageError('invalid format specified for max-unavailable');
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const min = flagString(inv.flags, 'min-available');
    const max = flagString(inv.flags, 'max-unavailable');
    return {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      spec: {
        ...(min ? { minAvailable: intOrString(min) } : {}),
        selector: labelSelectorOf(flagString(inv.flags, 'selector')),
        ...(!min && max ? { maxUnavailable: intOrString(max) } : {}),
      },
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
  },
});
