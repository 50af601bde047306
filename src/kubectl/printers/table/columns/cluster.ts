/**
 * Access control, scheduling and cluster plumbing (printers.go printRoleBinding,
 * printClusterRoleBinding, printCertificateSigningRequest, printLease, printPriorityClass,
 * printPodDisruptionBudget, printHorizontalPodAutoscaler, printRuntimeClass, webhook and
 * admission policy printers, printFlowSchema, printPriorityLevelConfiguration; the
 * aggregator's APIService printer).
 */

import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince, humanDuration } from '../../duration.js';
import { canonicalQuantity } from '../../quantity.js';
import { intOrString, selectorString } from '../format.js';
import type { Cell, KindHandler, RowContext } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const name = (o: KObject): string => o.metadata.name ?? '';
const age = (o: KObject, ctx: RowContext): string => ageSince(o.metadata.creationTimestamp, ctx.now);

/** rbac.SubjectsStrings: users, groups, "ns/name" service accounts, others. */
export function subjectsStrings(subjects: Subject[] | undefined): [string[], string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  const others: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else others.push(`${s.kind}/${s.namespace ?? ''}/${s.name}`);
  }
  return [users, groups, sas, others];
}

function bindingRow(obj: KObject, ctx: RowContext): Cell[] {
  const b = obj as unknown as RoleBinding | ClusterRoleBinding;
  const [users, groups, sas] = subjectsStrings(b.subjects);
  return [name(obj), `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(obj, ctx), users.join(', '), groups.join(', '), sas.join(', ')];
}

/** extractCSRStatus: Denied / Approved / Pending, then ",Failed" and ",Issued". */
export function csrCondition(csr: CertificateSigningRequest): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of csr.status?.conditions ?? []) {
    if (c.type === 'Approved') approved = true;
    else if (c.type === 'Denied') denied = true;
    else if (c.type === 'Failed') failed = true;
  }
  let status = denied ? 'Denied' : approved ? 'Approved' : 'Pending';
  if (failed) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

const qty = (q: string | number | undefined): string => (q === undefined || q === null ? '<nil>' : canonicalQuantity(q));

/** formatHPAMetrics: "cpu: 30%/80%", "<unknown>/500m", two shown and "+ N more...". */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  const list: string[] = [];
  if (!specs || specs.length === 0) return '<none>';
  const st = statuses ?? [];
  specs.forEach((spec, i) => {
    const status = st[i];
    switch (spec.type) {
      case 'External': {
        const target = spec.external?.target;
        if (target?.averageValue !== undefined) {
          const current = status?.external?.current?.averageValue !== undefined ? qty(status.external.current.averageValue) : '<unknown>';
          list.push(`${current}/${qty(target.averageValue)} (avg)`);
        } else {
          const current = status?.external ? qty(status.external.current?.value) : '<unknown>';
          list.push(`${current}/${qty(target?.value)}`);
        }
        break;
      }
      case 'Pods': {
        const current = status?.pods ? qty(status.pods.current?.averageValue) : '<unknown>';
        list.push(`${current}/${qty(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        const target = spec.object?.target;
        if (target?.averageValue !== undefined) {
          const current = status?.object?.current?.averageValue !== undefined ? qty(status.object.current.averageValue) : '<unknown>';
          list.push(`${current}/${qty(target.averageValue)} (avg)`);
        } else {
          const current = status?.object ? qty(status.object.current?.value) : '<unknown>';
          list.push(`${current}/${qty(target?.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const current = spec.type === 'Resource' ? status?.resource : status?.containerResource;
        const target = source?.target;
        if (target?.averageValue !== undefined) {
          const cur = current ? qty(current.current?.averageValue) : '<unknown>';
          list.push(`${source?.name}: ${cur}/${qty(target.averageValue)}`);
        } else {
          const util = current?.current?.averageUtilization;
          const cur = current && util !== undefined ? `${util}%` : '<unknown>';
          const tgt = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
          list.push(`${source?.name}: ${cur}/${tgt}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

function paramRefName(ref: { name?: string; namespace?: string; selector?: object } | undefined): string {
  if (!ref) return '<unset>';
  if (ref.name) return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  if (ref.selector) return selectorString(ref.selector) ?? '';
  return '<unset>';
}

export const clusterHandlers: KindHandler[] = [
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'RoleBinding',
    columns: [NAME, col('Role'), AGE, wide('Users'), wide('Groups'), wide('ServiceAccounts')],
    row: bindingRow,
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    columns: [NAME, col('Role'), AGE, wide('Users'), wide('Groups'), wide('ServiceAccounts')],
    row: bindingRow,
  },
  {
    group: 'certificates.k8s.io',
    kind: 'CertificateSigningRequest',
    columns: [NAME, AGE, col('SignerName'), col('Requestor'), col('RequestedDuration'), col('Condition')],
    row: (obj, ctx) => {
      const csr = obj as unknown as CertificateSigningRequest;
      const seconds = csr.spec?.expirationSeconds;
      return [
        name(obj),
        age(obj, ctx),
        csr.spec?.signerName || '<none>',
        csr.spec?.username ?? '',
        seconds !== undefined && seconds !== null ? humanDuration(seconds * 1000) : '<none>',
        csrCondition(csr),
      ];
    },
  },
  {
    group: 'coordination.k8s.io',
    kind: 'Lease',
    columns: [NAME, col('Holder'), AGE],
    row: (obj, ctx) => [name(obj), (obj as unknown as Lease).spec?.holderIdentity ?? '', age(obj, ctx)],
  },
  {
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    columns: [NAME, col('Value'), col('Global-Default'), AGE, wide('PreemptionPolicy')],
    row: (obj, ctx) => {
      const pc = obj as unknown as PriorityClass;
      return [name(obj), pc.value ?? 0, pc.globalDefault ?? false, age(obj, ctx), pc.preemptionPolicy ?? ''];
    },
  },
  {
    group: 'policy',
    kind: 'PodDisruptionBudget',
    columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), AGE],
    row: (obj, ctx) => {
      const pdb = obj as unknown as PodDisruptionBudget;
      const min = pdb.spec?.minAvailable;
      const max = pdb.spec?.maxUnavailable;
      return [
        name(obj),
        min !== undefined && min !== null ? intOrString(min) : 'N/A',
        max !== undefined && max !== null ? intOrString(max) : 'N/A',
        pdb.status?.disruptionsAllowed ?? 0,
        age(obj, ctx),
      ];
    },
  },
  {
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    columns: [NAME, col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), AGE],
    row: (obj, ctx) => {
      const hpa = obj as unknown as HorizontalPodAutoscaler;
      const ref = hpa.spec?.scaleTargetRef;
      return [
        name(obj),
        `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
        formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
        hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
        hpa.spec?.maxReplicas ?? 0,
        hpa.status?.currentReplicas ?? 0,
        age(obj, ctx),
      ];
    },
  },
  {
    group: 'node.k8s.io',
    kind: 'RuntimeClass',
    columns: [NAME, col('Handler'), AGE],
    row: (obj, ctx) => [name(obj), (obj as { handler?: string }).handler ?? '', age(obj, ctx)],
  },
  ...['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map(
    (kind): KindHandler => ({
      group: 'admissionregistration.k8s.io',
      kind,
      columns: [NAME, col('Webhooks'), AGE],
      row: (obj, ctx) => [name(obj), ((obj as { webhooks?: unknown[] }).webhooks ?? []).length, age(obj, ctx)],
    }),
  ),
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingAdmissionPolicy',
    columns: [NAME, col('Validations'), col('ParamKind'), AGE],
    row: (obj, ctx) => {
      const spec = (obj.spec ?? {}) as { validations?: unknown[]; paramKind?: { apiVersion?: string; kind?: string } };
      const paramKind = spec.paramKind ? `${spec.paramKind.apiVersion ?? ''}/${spec.paramKind.kind ?? ''}` : '<unset>';
      return [name(obj), (spec.validations ?? []).length, paramKind, age(obj, ctx)];
    },
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingAdmissionPolicyBinding',
    columns: [NAME, col('PolicyName'), col('ParamRef'), AGE],
    row: (obj, ctx) => {
      const spec = (obj.spec ?? {}) as { policyName?: string; paramRef?: { name?: string; namespace?: string; selector?: object } };
      return [name(obj), spec.policyName ?? '', paramRefName(spec.paramRef), age(obj, ctx)];
    },
  },
  {
    group: 'flowcontrol.apiserver.k8s.io',
    kind: 'FlowSchema',
    columns: [NAME, col('PriorityLevel'), col('MatchingPrecedence'), col('DistinguisherMethod'), AGE, col('MissingPL')],
    row: (obj, ctx) => {
      const spec = (obj.spec ?? {}) as { priorityLevelConfiguration?: { name?: string }; matchingPrecedence?: number; distinguisherMethod?: { type?: string } };
      const status = (obj.status ?? {}) as { conditions?: { type: string; status: string }[] };
      const dangling = status.conditions?.find((c) => c.type === 'Dangling');
      return [
        name(obj),
        spec.priorityLevelConfiguration?.name ?? '',
        spec.matchingPrecedence ?? 0,
        spec.distinguisherMethod?.type ?? '<none>',
        age(obj, ctx),
        dangling ? dangling.status : '?',
      ];
    },
  },
  {
    group: 'flowcontrol.apiserver.k8s.io',
    kind: 'PriorityLevelConfiguration',
    columns: [NAME, col('Type'), col('NominalConcurrencyShares'), col('Queues'), col('HandSize'), col('QueueLengthLimit'), AGE],
    row: (obj, ctx) => {
      const spec = (obj.spec ?? {}) as {
        type?: string;
        limited?: { nominalConcurrencyShares?: number; limitResponse?: { queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } } };
      };
      const limited = spec.limited;
      const q = limited?.limitResponse?.queuing;
      return [
        name(obj),
        spec.type ?? '',
        limited ? limited.nominalConcurrencyShares ?? 0 : '<none>',
        q ? q.queues ?? 0 : '<none>',
        q ? q.handSize ?? 0 : '<none>',
        q ? q.queueLengthLimit ?? 0 : '<none>',
        age(obj, ctx),
      ];
    },
  },
  {
    group: 'apiregistration.k8s.io',
    kind: 'APIService',
    columns: [NAME, col('Service'), col('Available'), AGE],
    row: (obj, ctx) => {
      const spec = (obj.spec ?? {}) as { service?: { namespace?: string; name?: string } };
      const status = (obj.status ?? {}) as { conditions?: { type: string; status: string; reason?: string }[] };
      const service = spec.service ? `${spec.service.namespace ?? ''}/${spec.service.name ?? ''}` : 'Local';
      let available = 'Unknown';
      const c = status.conditions?.find((x) => x.type === 'Available');
      if (c) available = c.status === 'True' || !c.reason ? c.status : `${c.status} (${c.reason})`;
      return [name(obj), service, available, age(obj, ctx)];
    },
  },
];
