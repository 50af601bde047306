/**
 * The three patch types `kubectl patch --type` sends and the apiserver applies:
 * JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch, whose lists of
 * containers, env vars, volumes, ports and conditions merge by key instead of being replaced.
 */

export type PatchType = 'strategic' | 'merge' | 'json';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export class PatchError extends Error {}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- JSON merge patch ----------------------------------------------------------------------

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...(target as JsonObject) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

// ---- JSON patch ----------------------------------------------------------------------------

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${pointer}"`);
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, tokens: string[], pointer: string): Json {
  let cur: Json = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length) throw new PatchError(`doc is missing path: "${pointer}": missing value`);
      cur = cur[i]!;
    } else if (isObject(cur) && t in cur) {
      cur = cur[t]!;
    } else {
      throw new PatchError(`doc is missing path: "${pointer}": missing value`);
    }
  }
  return cur;
}

function parentAndKey(doc: Json, pointer: string): { parent: Json; key: string } {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError('cannot operate on the document root');
  const key = tokens.pop()!;
  const parent = getAt(doc, tokens, pointer);
  return { parent, key };
}

function addAt(doc: Json, pointer: string, value: Json): void {
  const { parent, key } = parentAndKey(doc, pointer);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`add operation does not apply: doc is missing path: "${pointer}": missing value`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    parent[key] = value;
  } else {
    throw new PatchError(`add operation does not apply: doc is missing path: "${pointer}": missing value`);
  }
}

function removeAt(doc: Json, pointer: string): Json {
  const { parent, key } = parentAndKey(doc, pointer);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw new PatchError(`remove operation does not apply: doc is missing path: "${pointer}": missing value`);
    return parent.splice(i, 1)[0]!;
  }
  if (isObject(parent) && key in parent) {
    const v = parent[key]!;
    delete parent[key];
    return v;
  }
  throw new PatchError(`remove operation does not apply: doc is missing path: "${pointer}": missing value`);
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const doc = structuredClone(target) as Json;
  for (const raw of ops as JsonPatchOp[]) {
    if (!isObject(raw as unknown) || typeof raw.path !== 'string') throw new PatchError('Unable to parse patch operation');
    switch (raw.op) {
      case 'add':
        addAt(doc, raw.path, structuredClone(raw.value ?? null));
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'replace':
        removeAt(doc, raw.path);
        addAt(doc, raw.path, structuredClone(raw.value ?? null));
        break;
      case 'move': {
        const v = removeAt(doc, raw.from ?? '');
        addAt(doc, raw.path, v);
        break;
      }
      case 'copy':
        addAt(doc, raw.path, structuredClone(getAt(doc, parsePointer(raw.from ?? ''), raw.from ?? '')));
        break;
      case 'test': {
        const v = getAt(doc, parsePointer(raw.path), raw.path);
        if (JSON.stringify(v) !== JSON.stringify(raw.value)) throw new PatchError(`testing value ${raw.path} failed: test failed`);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String((raw as { op: unknown }).op)}`);
    }
  }
  return doc;
}

// ---- strategic merge patch -----------------------------------------------------------------

/**
 * patchMergeKey of the list fields kubectl users patch, by field name. `ports` merges by
 * containerPort inside a container and by port inside a Service: decided from the items.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  secrets: 'name',
  addresses: 'type',
};

/** Lists of scalars that merge as sets (patchStrategy merge). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

export function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  if (field === 'ports') {
    const sample = items.find(isObject) as JsonObject | undefined;
    return sample && 'containerPort' in sample ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw new PatchError('unable to find api field in struct for the patch: patch is not an object');
  return smpObject(isObject(target) ? target : {}, patch);
}

function smpObject(target: JsonObject, patch: JsonObject): JsonObject {
  if (patch['$patch'] === 'replace') {
    const { $patch: _, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch['$patch'] === 'delete') return {};
  const out: JsonObject = { ...target };
  const retainKeys = patch['$retainKeys'];
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) continue;
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v)) {
      out[k] = smpList(k, Array.isArray(out[k]) ? (out[k] as Json[]) : [], v, patch);
    } else if (isObject(v)) {
      out[k] = smpObject(isObject(out[k]) ? (out[k] as JsonObject) : {}, v);
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/') && Array.isArray(v)) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((x) => !v.includes(x));
    }
  }
  if (Array.isArray(retainKeys)) {
    for (const k of Object.keys(out)) if (!retainKeys.includes(k)) delete out[k];
  }
  return out;
}

function smpList(field: string, target: Json[], patch: Json[], parentPatch: JsonObject): Json[] {
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    const out = [...target];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  const key = mergeKeyFor(field, [...patch, ...target]);
  if (!key || !patch.every((p) => isObject(p))) return structuredClone(patch);
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')).map((p) => structuredClone(p));
  }
  const out: Json[] = target.map((t) => t);
  for (const p of patch as JsonObject[]) {
    const idx = out.findIndex((t) => isObject(t) && t[key] === p[key]);
    if (p['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = smpObject(out[idx] as JsonObject, p);
    } else {
      const { $patch: _, ...item } = p;
      out.push(structuredClone(item));
    }
  }
  const order = parentPatch[`$setElementOrder/${field}`];
  if (Array.isArray(order)) return orderBy(out, order as JsonObject[], key);
  return out;
}

function orderBy(items: Json[], order: JsonObject[], key: string): Json[] {
  const rank = new Map(order.map((o, i) => [JSON.stringify(o[key]), i]));
  return [...items].sort((a, b) => {
    const ra = rank.get(JSON.stringify((a as JsonObject)[key])) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(JSON.stringify((b as JsonObject)[key])) ?? Number.MAX_SAFE_INTEGER;
    return ra - rb;
  });
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
      return strategicMergePatch(target, patch);
  }
}
