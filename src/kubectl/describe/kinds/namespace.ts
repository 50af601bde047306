/**
 * `kubectl describe namespace`, `resourcequota` and `limitrange` (describe.go): a namespace
 * lists its quotas (used/hard per resource) and limit ranges.
 */

import type { LimitRange, LimitRangeSpec, Namespace, ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/types.js';
import { formatQ, toQ } from '../../printers/quantity.js';
import type { DescribeContext } from '../common.js';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from '../common.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../writer.js';

const q = (v: string | undefined): string => (v === undefined ? '0' : formatQ(toQ(v)));

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** The limit range table rows; resources within an item sorted (kubectl walks a Go map). */
function describeLimitRangeSpec(spec: LimitRangeSpec | undefined, prefix: string, w: Writer): void {
  for (const item of spec?.limits ?? []) {
    const names = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})]);
    for (const k of [...names].sort()) {
      const v = (m: Record<string, string> | undefined): string => (m && m[k] !== undefined ? q(m[k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

/** The "used" quantity in the hard quantity's format, as describeQuota re-renders it. */
function usedInHardFormat(used: string | undefined, hard: string): string {
  const u = toQ(used ?? '0');
  const h = toQ(hard);
  if (u.format === h.format) return formatQ(u);
  const div = 1000000000n;
  const whole = u.nanos >= 0n ? (u.nanos + div - 1n) / div : u.nanos / div;
  return formatQ({ nanos: whole * div, format: h.format });
}

export function describeResourceQuota(obj: KObject, _ctx: DescribeContext): string {
  const rq = obj as unknown as ResourceQuota;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    const scopes = [...(rq.spec?.scopes ?? [])].sort();
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = rq.status?.hard ?? {};
    for (const r of Object.keys(hard).sort()) w.write(LEVEL_0, `${r}\t${usedInHardFormat(rq.status?.used?.[r], hard[r]!)}\t${q(hard[r])}\n`);
  });
}

export function describeLimitRange(obj: KObject, _ctx: DescribeContext): string {
  const lr = obj as unknown as LimitRange;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr.spec, '', w);
  });
}

export function describeNamespace(obj: KObject, ctx: DescribeContext): string {
  const ns = obj as unknown as Namespace;
  const name = obj.metadata.name!;
  const quotas = (ctx.lookup.list('resourcequotas', name) as unknown as ResourceQuota[]).sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const limitRanges = ctx.lookup.list('limitranges', name) as unknown as LimitRange[];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
    if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
    else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const rq of quotas) {
        w.write(LEVEL_1, `Name:\t${rq.metadata?.name}\n`);
        const scopes = [...(rq.spec?.scopes ?? [])].sort();
        if (scopes.length > 0) {
          w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
          for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_1, `* ${SCOPE_HELP[s]}\n`);
        }
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        const hard = rq.status?.hard ?? {};
        for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${q(rq.status?.used?.[r])}\t${q(hard[r])}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    if (limitRanges.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limitRanges) describeLimitRangeSpec(lr.spec, ' ', w);
    }
  });
}
