/**
 * The small formatters printers.go and describe.go share: label maps and selectors as
 * apimachinery writes them, container name/image lists, access modes, IntOrString.
 */

import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

/** labels.FormatLabels: "a=b,c=d" sorted by key, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * LabelSelectorAsSelector(sel).String(): requirements sorted by key, matchLabels as `k=v`,
 * expressions as `k in (a,b)`, `k notin (a)`, `k`, `!k`. A nil selector is "" (Nothing); so is
 * an empty one (Everything). Returns undefined for an invalid operator.
 */
export function selectorString(sel: LabelSelector | undefined | null): string | undefined {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(); // NewRequirement sorts but keeps duplicates
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return undefined;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, "<none>" when empty, "<error>" if invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: names and images joined by commas. */
export function containerCells(containers: { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** helper.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order, whatever the object's. */
export function accessModesString(modes: string[] | undefined): string {
  const list = modes ?? [];
  const out: string[] = [];
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  for (const [mode, abbrev] of short) if (list.includes(mode)) out.push(abbrev);
  return out.join(',');
}

/** intstr.IntOrString.String(). */
export function intOrString(v: number | string | undefined | null): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

/** printBoolPtr: "<unset>", "True", "False". */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** Index of the condition of a type, or undefined. */
export function conditionOf<T extends { type: string }>(conditions: T[] | undefined, type: string): T | undefined {
  return conditions?.find((c) => c.type === type);
}

/** "a + 2 more..." lists, as printers.go shortens them. */
export function listWithMore(list: string[], more: boolean, count: number, max: number, empty = '<unset>'): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? empty : ret;
}

/** RFC 3339 in UTC, second precision (metav1.Time's text, "Created At" columns). */
export function rfc3339(ts: string | null | undefined): string {
  if (!ts) return '0001-01-01T00:00:00Z';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
