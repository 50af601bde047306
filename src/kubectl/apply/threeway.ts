/**
 * The patch `kubectl apply` sends (client-side apply): a three-way strategic merge patch from
 * the last-applied configuration (original), the file (modified) and the live object (current).
 * Fields dropped from the file since the last apply are deleted; fields changed in the file are
 * set; fields only the cluster set (status, defaults, other writers) are left alone.
 */
import { mergeKeyFor } from '../../api/patch.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function threeWayPatch(original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const patch: Obj = {};
  diffMap(original ?? {}, modified, current, patch);
  return patch;
}

function diffMap(original: Obj, modified: Obj, current: Obj, out: Obj): void {
  for (const key of Object.keys(original)) {
    if (!(key in modified) && key in current) out[key] = null;
  }
  for (const [key, mod] of Object.entries(modified)) {
    const cur = current[key];
    const orig = original[key];
    if (isObj(mod) && isObj(cur)) {
      const sub: Obj = {};
      diffMap(isObj(orig) ? orig : {}, mod, cur, sub);
      if (Object.keys(sub).length) out[key] = sub;
    } else if (Array.isArray(mod) && Array.isArray(cur)) {
      diffList(key, Array.isArray(orig) ? orig : [], mod, cur, out);
    } else if (!same(mod, cur)) {
      out[key] = mod;
    }
  }
}

function diffList(key: string, original: Json[], modified: Json[], current: Json[], out: Obj): void {
  const mk = mergeKeyFor(key, [...modified, ...current]);
  if (!mk || !modified.every(isObj) || !current.every(isObj)) {
    if (!same(modified, current)) out[key] = modified;
    return;
  }
  const byKey = (list: Json[]) => new Map((list as Obj[]).map((o) => [JSON.stringify(o[mk]), o]));
  const cur = byKey(current);
  const mod = byKey(modified);
  const items: Json[] = [];
  for (const o of modified as Obj[]) {
    const c = cur.get(JSON.stringify(o[mk]));
    if (!c) {
      items.push(o);
      continue;
    }
    const origItem = (original as Obj[]).find((x) => isObj(x) && same(x[mk], o[mk]));
    const sub: Obj = {};
    diffMap(origItem ?? {}, o, c, sub);
    if (Object.keys(sub).length) items.push({ [mk]: o[mk]!, ...sub });
  }
  for (const o of original as Obj[]) {
    if (isObj(o) && !mod.has(JSON.stringify(o[mk])) && cur.has(JSON.stringify(o[mk]))) items.push({ [mk]: o[mk]!, $patch: 'delete' });
  }
  if (items.length) {
    out[key] = items;
    out[`$setElementOrder/${key}`] = (modified as Obj[]).map((o) => ({ [mk]: o[mk]! }));
  }
}
