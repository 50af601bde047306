/**
 * `kubectl explain` in its v1.33 default format ("plaintext"): kubectl's plaintext.tmpl
 * (k8s.io/kubectl/pkg/explain/v2/templates) executed over an OpenAPI v3 document, ported
 * template by template: the GROUP/KIND/VERSION header found through the document's paths, the
 * field path followed through properties, items, additionalProperties and allOf, DESCRIPTION
 * wrapped at 76 columns, and FIELDS with type guesses (<string>, <[]Container>,
 * <map[string]string>), -required- and enums.
 *
 * Like the template, output is written as it is produced: an error after the header (an
 * unknown field) leaves the header on stdout.
 */
import type { Gvk, OpenApiDocument, Schema } from './openapi.js';
import { indent, wrapString } from './wordwrap.js';

export interface Gvr {
  group: string;
  version: string;
  resource: string;
}

/** GroupVersionResource.String(): "apps/v1, Resource=deployments", "/v1, Resource=pods". */
export function gvrString(gvr: Gvr): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/** A failure the template throws, already worded with its "error: " prefix. */
export class ExplainError extends Error {}

type History = Record<string, 1>;

function resolveRef(doc: OpenApiDocument, ref: unknown): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: unknown = doc;
  for (const k of ref.slice(1).split('/')) {
    if (!k) continue;
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Schema) : undefined;
}

/** Go template truth of a value: nil, false, 0, "" and empty maps or lists are false. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function objectAdditional(s: Schema): Schema | undefined {
  const a = s.additionalProperties;
  return a && typeof a === 'object' && truthy(a) ? a : undefined;
}

function items(s: Schema): Schema | undefined {
  return truthy(s.items) ? s.items : undefined;
}

/** Go's sort order for map keys (byte-wise). */
function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export class PlaintextRenderer {
  constructor(private readonly doc: OpenApiDocument) {}

  /** Renders the explanation, writing through `write`; throws ExplainError like the template. */
  render(gvr: Gvr, fieldPath: string[], recursive: boolean, write: (s: string) => void): void {
    const gvk = this.findGvk(gvr);
    if (!gvk) throw new ExplainError(`error: GVR (${gvrString(gvr)}) not found in OpenAPI schema`);
    if (gvk.group) write(`GROUP:      ${gvk.group}\n`);
    write(`KIND:       ${gvk.kind}\n`);
    write(`VERSION:    ${gvk.version}\n`);
    write('\n');
    const body = this.schema(gvk, fieldPath, recursive);
    if (!body) throw new ExplainError(`error: GVK map[group:${gvk.group} kind:${gvk.kind} version:${gvk.version}] not found in OpenAPI schema`);
    write(body);
    write('\n');
  }

  private findGvk(gvr: Gvr): Gvk | undefined {
    const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
    const paths = [
      `${prefix}/${gvr.version}/${gvr.resource}`,
      `${prefix}/${gvr.version}/${gvr.resource}/{name}`,
      `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}`,
      `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}/{name}`,
    ];
    for (const p of paths) {
      const item = this.doc.paths[p];
      if (!item) continue;
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const gvk = item[method]?.['x-kubernetes-group-version-kind'];
        if (gvk) return gvk;
      }
    }
    return undefined;
  }

  private schema(gvk: Gvk, fieldPath: string[], recursive: boolean): string {
    const schemas = this.doc.components.schemas;
    for (const name of sortedKeys(schemas)) {
      const s = schemas[name]!;
      const gvks = s['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks) || !gvks.some((g: Gvk) => g.group === gvk.group && g.kind === gvk.kind && g.version === gvk.version && Object.keys(g).length === 3)) continue;
      const out = this.output(s, {}, fieldPath, recursive);
      if (!out) throw new ExplainError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`);
      return out;
    }
    return '';
  }

  /** Follows the field path, then prints the field's description and fields. */
  private output(schema: Schema, history: History, fieldPath: string[], recursive: boolean): string {
    const refString = typeof schema.$ref === 'string' ? schema.$ref : '';
    const next: History = { ...history, [refString]: 1 };
    const resolved = this.resolve(refString) ?? schema;
    if (fieldPath.length === 0) {
      let out = 'DESCRIPTION:\n';
      out += indent(4, wrapString(this.description(resolved) || '<empty>', 76)) + '\n';
      const fields = this.fieldList(resolved, 1, undefined, recursive);
      if (fields) out += 'FIELDS:\n' + fields;
      return out;
    }
    if (refString && history[refString]) return '';
    const first = fieldPath[0]!;
    const props = resolved.properties;
    if (truthy(props) && truthy(props![first])) {
      const sub = props![first]!;
      let out = '';
      if (fieldPath.length === 1) out += `FIELD: ${first} <${this.typeGuess(sub)}>\n` + extractEnum(sub, true, -1, 0) + '\n\n';
      return out + this.output(sub, {}, fieldPath.slice(1), recursive);
    }
    const it = items(resolved);
    if (it) return this.output(it, next, fieldPath, recursive);
    const additional = objectAdditional(resolved);
    if (additional) return this.output(additional, next, fieldPath, recursive);
    for (const alt of resolved.allOf ?? []) {
      const out = this.output(alt, next, fieldPath, recursive);
      if (out) return out;
    }
    return '';
  }

  private fieldList(schema: Schema, level: number, history: History | undefined, recursive: boolean): string {
    const refString = typeof schema.$ref === 'string' ? schema.$ref : '';
    if (refString && history?.[refString]) return '';
    const next: History = { ...(history ?? {}), [refString]: 1 };
    const resolved = this.resolve(refString) ?? schema;
    let out = '';
    const props = resolved.properties ?? {};
    for (const k of sortedKeys(props)) {
      out += this.fieldDetail(k, resolved, recursive, level);
      if (recursive) out += this.fieldList(props[k]!, level + 1, next, recursive);
    }
    for (const alt of resolved.allOf ?? []) out += this.fieldList(alt, level, next, recursive);
    const it = items(resolved);
    if (it) out += this.fieldList(it, level, next, recursive);
    const additional = objectAdditional(resolved);
    if (additional) out += this.fieldList(additional, level, next, recursive);
    return out;
  }

  private fieldDetail(name: string, schema: Schema, short: boolean, level: number): string {
    const amount = level * 2;
    const field = schema.properties![name]!;
    let out = indent(amount, name) + `\t<${this.typeGuess(field)}>`;
    if (Array.isArray(schema.required) && schema.required.includes(name)) out += ' -required-';
    out += extractEnum(field, false, 4, amount);
    out += '\n';
    if (!short) out += indent(amount + 2, wrapString(field.description || '<no description>', 78 - amount)) + '\n\n';
    return out;
  }

  /** The description of a schema and of what it is made of (allOf, items, map values). */
  private description(schema: Schema): string {
    const s = this.resolve(schema.$ref) ?? schema;
    if (!truthy(s)) return '';
    let out = '';
    if (s.description) out += s.description + '\n';
    for (const alt of s.allOf ?? []) out += this.description(alt);
    const it = items(s);
    if (it) out += this.description(it);
    const additional = objectAdditional(s);
    if (additional) out += this.description(additional);
    return out;
  }

  /** <string>, <[]Container>, <map[string]string>, <Object>, <IntOrString>, ... */
  typeGuess(schema: Schema): string {
    const it = items(schema);
    if (it) return '[]' + this.typeGuess(it);
    const additional = objectAdditional(schema);
    if (additional) return 'map[string]' + this.typeGuess(additional);
    if (truthy(schema.allOf) && !truthy(schema.properties) && schema.allOf!.length === 1) return this.typeGuess(schema.allOf![0]!);
    if (truthy(schema.$ref)) {
      const ref = schema.$ref!;
      const target = this.resolve(ref);
      if (!target || !truthy(target.type) || target.type === 'object') {
        const name = ref.split('/').pop()!;
        return name.split('.').pop() || 'Object';
      }
      return String(target.type);
    }
    if (schema.type === 'object') return 'Object';
    return truthy(schema.type) ? String(schema.type) : 'Object';
  }

  private resolve(ref: unknown): Schema | undefined {
    return resolveRef(this.doc, ref);
  }
}

/** `ENUM:` (one field's view) or `enum: a, b, c, d, ....` (a field list's view). */
function extractEnum(schema: Schema, longView: boolean, limit: number, indentAmount: number): string {
  const values = schema.enum;
  if (!Array.isArray(values) || values.length === 0) return '';
  let out = longView ? 'ENUM:' : '\n' + ' '.repeat(indentAmount) + 'enum: ';
  const max = limit === 0 ? -1 : limit;
  for (let i = 0; i < values.length; i++) {
    if (max > -1 && i >= max) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    const v = values[i];
    out += typeof v === 'string' && v === '' ? '""' : goValue(v);
  }
  return out;
}

/** How text/template prints a decoded JSON value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** strconv.FormatFloat(v, 'g', -1, 64), as %v prints a float64: 1, 1.5, 1e+06, 1e-05. */
function goFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const [mantissa, e] = v.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}
