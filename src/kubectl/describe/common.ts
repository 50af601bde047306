/**
 * describe.go's shared pieces: the lookup a describer needs beyond its object, multi-line
 * label/annotation/taint/toleration fields, the Events table, and time formats.
 */

import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/types.js';
import { ageSince } from '../printers/duration.js';
import { goSort } from '../printers/gosort.js';
import { canonicalQuantity } from '../printers/quantity.js';
import { coreEvent } from '../printers/table/columns/core.js';
import type { Writer } from './writer.js';
import { LEVEL_0, LEVEL_1 } from './writer.js';

/**
 * What describers read besides the object, through the API as kubectl does. `list` takes the
 * resource ("pods", "replicasets.apps", "events", ...) and optional label/field selectors in
 * their string forms; `get` returns undefined for a missing object.
 */
export interface DescribeLookup {
  list(resource: string, namespace: string | undefined, selector?: { labels?: string; fields?: string }): KObject[];
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined;
}

export interface DescribeContext {
  /** The virtual clock, ms since the epoch. */
  now: number;
  /** --show-events (default true). */
  showEvents: boolean;
  lookup: DescribeLookup;
}

/** RFC 1123 with a numeric zone, as Time.Format(time.RFC1123Z) prints in UTC. */
export function rfc1123z(ts: string | null | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Time.String() for a UTC metav1.Time: "2026-01-01 00:00:00 +0000 UTC". */
export function goTimeString(ts: string | null | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return '0001-01-01 00:00:00 +0000 UTC';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('T', ' ').replace('.000Z', ' +0000 UTC');
}

export const since = (ts: string | null | undefined, now: number): string => ageSince(ts, now);

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

export function stringOrDefault(s: string | undefined | null, def: string): string {
  return s ? s : def;
}

export function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

export function printBoolPtr(v: boolean | undefined | null): string {
  return v === undefined || v === null ? '<unset>' : printBool(v);
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** printLabelsMultilineWithIndent: "Labels:  a=b" then one per line under it. */
export function printLabelsMultiline(w: Writer, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t', skip: Set<string> = new Set()): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).filter((k) => !skip.has(k)).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  return Buffer.byteLength(s) > max ? Buffer.from(s).subarray(0, max).toString() + '...' : s;
}

/** printAnnotationsMultiline: long or multi-line values on their own indented lines. */
export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (Buffer.byteLength(value) + Buffer.byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: key[=value]:effect. */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

export function printTaintsMultiline(w: Writer, title: string, taints: Taint[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...taints], (a, b) => `${a.effect},${a.key}` < `${b.effect},${b.key}`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export function printTolerationsMultiline(w: Writer, title: string, tolerations: Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function printPodsMultiline(w: Writer, title: string, pods: KObject[], initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (pods.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...pods], (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''));
  sorted.forEach((p, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${p.metadata.name}\n`);
  });
}

/** searchEvents: the events whose involvedObject is this object (kind left out for pods). */
export function searchEvents(ctx: DescribeContext, obj: KObject, kind: string | undefined = obj.kind): KObject[] {
  const ns = obj.metadata.namespace;
  const fields = [`involvedObject.name=${obj.metadata.name}`, `involvedObject.namespace=${ns ?? ''}`];
  if (kind) fields.push(`involvedObject.kind=${kind}`);
  const uid = obj.metadata.uid;
  if (uid) fields.push(`involvedObject.uid=${uid}`);
  return ctx.lookup.list('events', ns, { fields: fields.join(',') });
}

/** DescribeEvents: "Events:" and a Type/Reason/Age/From/Message table, oldest first. */
export function describeEvents(events: KObject[] | undefined, w: Writer, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const list = goSort(events.map(coreEvent), (a, b) => lastTime(a) < lastTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of list) {
    const first = e.eventTime ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || (e as Event & { reportingComponent?: string }).reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

function lastTime(e: Event): number {
  const t = e.lastTimestamp ? Date.parse(e.lastTimestamp) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** The sorted names of a ResourceList. */
export function sortedResourceNames(list: Record<string, unknown> | undefined): string[] {
  return Object.keys(list ?? {}).sort(byString);
}

export const quantity = (q: string | number | undefined): string => canonicalQuantity(q ?? '0');

/** printController: "Kind/name" of the controller owner. */
export function controllerOf(obj: KObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
