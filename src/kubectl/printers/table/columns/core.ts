/**
 * Core objects (printers.go printNode, printNamespace, printConfigMap, printSecret,
 * printServiceAccount, printResourceQuota, printComponentStatus, printEvent).
 */

import type { ComponentStatus, ConfigMap, Event, Namespace, Node, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince } from '../../duration.js';
import { canonicalQuantity } from '../../quantity.js';
import type { KindHandler } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const name = (o: KObject): string => o.metadata.name ?? '';

/** STATUS of a node: Ready / NotReady / Unknown, then SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** SortableResourceNames order: the quota's hard resources sorted by name. */
function quotaColumns(rq: ResourceQuota): [string, string] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const entry = `${resource}: ${canonicalQuantity(used[resource] ?? '0')}/${canonicalQuantity(hard[resource])}`;
    const pieces = resource.split('.');
    if (pieces.length > 1 && pieces[0] === 'limits') limits.push(entry);
    else requests.push(entry);
  }
  return [requests.join(', '), limits.join(', ')];
}

/** formatEventSource: component (or reportingController), then ", host" when known. */
export function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** The object an event is about, as "kind/name" in lower case. */
export function eventTarget(kind: string | undefined, name: string | undefined): string {
  const k = (kind ?? '').toLowerCase();
  return name ? `${k}/${name}` : k;
}

/** Normalises a core/v1 or events.k8s.io/v1 Event to the core fields the printers read. */
export function coreEvent(obj: KObject): Event {
  if (!obj.apiVersion?.startsWith('events.k8s.io/')) return obj as unknown as Event;
  const e = obj as Record<string, any>;
  return {
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    related: e.related,
    reason: e.reason,
    message: e.note,
    type: e.type,
    action: e.action,
    count: e.deprecatedCount,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    source: e.deprecatedSource,
    eventTime: e.eventTime,
    series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  } as Event;
}

export const coreHandlers: KindHandler[] = [
  {
    group: '',
    kind: 'Node',
    columns: [NAME, col('Status'), col('Roles'), AGE, col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
    row: (obj, ctx) => {
      const node = obj as unknown as Node;
      const info = node.status?.nodeInfo;
      return [
        name(obj),
        nodeStatus(node),
        nodeRoles(node).join(',') || '<none>',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        info?.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  {
    group: '',
    kind: 'Namespace',
    columns: [NAME, col('Status'), AGE],
    row: (obj, ctx) => [name(obj), (obj as unknown as Namespace).status?.phase ?? '', ageSince(obj.metadata.creationTimestamp, ctx.now)],
  },
  {
    group: '',
    kind: 'ConfigMap',
    columns: [NAME, col('Data'), AGE],
    row: (obj, ctx) => {
      const cm = obj as unknown as ConfigMap;
      return [name(obj), Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: '',
    kind: 'Secret',
    columns: [NAME, col('Type'), col('Data'), AGE],
    row: (obj, ctx) => {
      const s = obj as unknown as Secret;
      return [name(obj), s.type ?? '', Object.keys(s.data ?? {}).length, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: '',
    kind: 'ServiceAccount',
    columns: [NAME, col('Secrets'), AGE],
    row: (obj, ctx) => [name(obj), (obj as unknown as ServiceAccount).secrets?.length ?? 0, ageSince(obj.metadata.creationTimestamp, ctx.now)],
  },
  {
    group: '',
    kind: 'ResourceQuota',
    columns: [NAME, col('Request'), col('Limit'), AGE],
    row: (obj, ctx) => {
      const [requests, limits] = quotaColumns(obj as unknown as ResourceQuota);
      return [name(obj), requests, limits, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: '',
    kind: 'ComponentStatus',
    columns: [NAME, col('Status'), col('Message'), col('Error')],
    row: (obj) => {
      const cs = obj as unknown as ComponentStatus;
      let status = 'Unknown';
      let message = '';
      let error = '';
      const healthy = cs.conditions?.find((c) => c.type === 'Healthy');
      if (healthy) {
        status = healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
        message = healthy.message ?? '';
        error = healthy.error ?? '';
      }
      return [name(obj), status, message, error];
    },
  },
  ...['', 'events.k8s.io'].map(
    (group): KindHandler => ({
      group,
      kind: 'Event',
      columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), { name: 'Name', priority: 1, format: 'name' }],
      row: (obj, ctx) => {
        const ev = coreEvent(obj);
        const first = ev.firstTimestamp ? ageSince(ev.firstTimestamp, ctx.now) : ageSince(ev.eventTime, ctx.now);
        let last = ev.lastTimestamp ? ageSince(ev.lastTimestamp, ctx.now) : first;
        let count = ev.count ?? 0;
        if (ev.series) {
          last = ageSince(ev.series.lastObservedTime, ctx.now);
          count = ev.series.count ?? 0;
        } else if (count === 0) {
          count = 1;
        }
        return [
          last,
          ev.type ?? '',
          ev.reason ?? '',
          eventTarget(ev.involvedObject?.kind, ev.involvedObject?.name),
          ev.involvedObject?.fieldPath ?? '',
          eventSource(ev),
          (ev.message ?? '').trim(),
          first,
          count,
          name(obj),
        ];
      },
    }),
  ),
];
