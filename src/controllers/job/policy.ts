/**
 * Pod failure policy and success policy of a Job (job/pod_failure_policy.go,
 * job/success_policy.go): pure functions over the Job spec and a pod.
 */
import type { Job, Pod } from '../util/types.js';
import { has, type Intervals, parseIndexes } from './indexes.js';

export interface FailurePolicyMatch {
  /** FailJob: the message of the job's FailureTarget condition. */
  failJobMessage?: string;
  /** Does the failure count against backoffLimit? */
  countFailed: boolean;
  action?: string;
}

/** matchPodFailurePolicy: the first rule that matches a failed pod decides. */
export function matchPodFailurePolicy(job: Job, pod: Pod): FailurePolicyMatch {
  const rules = job.spec?.podFailurePolicy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const action = rule.action;
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        if (req.containerName && req.containerName !== s.name) continue;
        const code = s.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const inSet = req.values.includes(code);
        if ((req.operator === 'In') === inSet) {
          if (action === 'FailJob') return { failJobMessage: `Container ${s.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${code} matching ${action} rule at index ${i}`, countFailed: true, action };
          return { countFailed: action !== 'Ignore', action };
        }
      }
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const c = pod.status?.conditions?.find((x) => x.type === pattern.type && x.status === (pattern.status ?? 'True'));
      if (!c) continue;
      if (action === 'FailJob') return { failJobMessage: `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${pattern.type} matching ${action} rule at index ${i}`, countFailed: true, action };
      return { countFailed: action !== 'Ignore', action };
    }
  }
  return { countFailed: true };
}

/** matchSuccessPolicy: the message of the first satisfied rule ("Matched rules at index 0"). */
export function matchSuccessPolicy(job: Job, succeeded: Intervals): string | undefined {
  const rules = job.spec?.successPolicy?.rules ?? [];
  const completions = job.spec?.completions ?? 1;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    let count = 0;
    if (rule.succeededIndexes !== undefined) {
      const wanted = parseIndexes(rule.succeededIndexes, completions);
      for (const [a, b] of wanted) for (let x = a; x <= b; x++) if (has(succeeded, x)) count++;
      const all = wanted.reduce((s, [a, b]) => s + b - a + 1, 0);
      if (rule.succeededCount === undefined ? count === all : count >= rule.succeededCount) return `Matched rules at index ${i}`;
    } else if (rule.succeededCount !== undefined) {
      count = succeeded.reduce((s, [a, b]) => s + b - a + 1, 0);
      if (count >= rule.succeededCount) return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}
