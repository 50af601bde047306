/**
 * The apiserver's OpenAPI v3 document (/openapi/v3/<group-version>), rebuilt from the
 * kubernetes-types declarations in the shape the apiserver publishes: components named
 * io.k8s.api.apps.v1.Deployment, fields that reference another type as
 * `{allOf: [{$ref}], description}`, arrays and maps with their item schema, IntOrString and
 * Quantity as `oneOf` schemas, x-kubernetes-group-version-kind on each kind, and paths whose
 * operations name the kind they serve. CustomResourceDefinitions add their openAPIV3Schema.
 */
import type { ResourceInfo } from '../../api/registry.js';
import { declKey, readDeclarations, type Declarations, type FieldDecl, type TypeDecl, type TypeRef } from './types-source.js';

export type Schema = Record<string, unknown> & {
  description?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  $ref?: string;
  enum?: unknown[];
};

export interface Gvk {
  group: string;
  kind: string;
  version: string;
}

export interface OpenApiDocument {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: Gvk }>>;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const INT_OR_STRING_DESCRIPTION =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';
/** The few float fields of the API (everything else typed `number` is an integer). */
const FLOAT_FIELDS = new Set(['apiextensions/v1.JSONSchemaProps.maximum', 'apiextensions/v1.JSONSchemaProps.minimum', 'apiextensions/v1.JSONSchemaProps.multipleOf']);

/** The OpenAPI definition name of a declaration. */
export function schemaName(module: string, name: string): string {
  if (module === 'meta/v1') return `io.k8s.apimachinery.pkg.apis.meta.v1.${name}`;
  if (module === 'runtime') return `io.k8s.apimachinery.pkg.runtime.${name}`;
  if (module === 'api/resource') return `io.k8s.apimachinery.pkg.api.resource.${name}`;
  if (module === 'version') return `io.k8s.apimachinery.pkg.version.${name}`;
  if (module === 'apiextensions/v1') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.${name}`;
  return `io.k8s.api.${module.replace(/\//g, '.')}.${name}`;
}

function ref(name: string): string {
  return `#/components/schemas/${name}`;
}

/** The package directory of an API group: "" -> core, "rbac.authorization.k8s.io" -> rbac. */
export function packageOf(group: string): string {
  if (group === '') return 'core';
  if (group === 'internal.apiserver.k8s.io') return 'apiserverinternal';
  return group.split('.')[0]!;
}

function itemSchema(t: TypeRef, decls: Declarations): Schema {
  switch (t.kind) {
    case 'string':
      return { type: 'string', default: '' };
    case 'boolean':
      return { type: 'boolean', default: false };
    case 'number':
      return { type: 'integer', format: 'int32', default: 0 };
    case 'int-or-string':
      return { $ref: ref(INT_OR_STRING) };
    case 'ref':
      return isAlias(t, decls) ? { $ref: ref(schemaName(t.module, t.name)) } : { allOf: [{ $ref: ref(schemaName(t.module, t.name)) }], default: {} };
    case 'array':
      return { type: 'array', items: itemSchema(t.of, decls) };
    case 'map':
      return { type: 'object', additionalProperties: itemSchema(t.of, decls) };
  }
}

function isAlias(t: { module: string; name: string }, decls: Declarations): boolean {
  return !!decls.get(declKey(t.module, t.name))?.alias;
}

function fieldSchema(owner: TypeDecl, f: FieldDecl, decls: Declarations): Schema {
  const description = f.description ? { description: f.description } : {};
  const t = f.type;
  switch (t.kind) {
    case 'string':
    case 'boolean':
      return { ...description, type: t.kind };
    case 'number':
      return FLOAT_FIELDS.has(`${owner.module}.${owner.name}.${f.name}`) ? { ...description, type: 'number', format: 'double' } : { ...description, type: 'integer', format: 'int32' };
    case 'int-or-string':
      return { allOf: [{ $ref: ref(INT_OR_STRING) }], ...description };
    case 'ref':
      return { allOf: [{ $ref: ref(schemaName(t.module, t.name)) }], ...description };
    case 'array':
      return { ...description, items: itemSchema(t.of, decls), type: 'array' };
    case 'map':
      return { additionalProperties: itemSchema(t.of, decls), ...description, type: 'object' };
  }
}

function aliasSchema(d: TypeDecl): Schema {
  const description = d.description ? { description: d.description } : {};
  if (d.name === 'Quantity') return { ...description, oneOf: [{ type: 'string' }, { type: 'number' }] };
  if (d.alias === 'string') return { ...description, type: 'string', format: d.name === 'Time' || d.name === 'MicroTime' ? 'date-time' : undefined };
  return description;
}

function typeSchema(d: TypeDecl, decls: Declarations): Schema {
  if (d.alias !== undefined) return aliasSchema(d);
  const s: Schema = {};
  if (d.description) s.description = d.description;
  const fields = d.fields ?? [];
  if (fields.length) {
    s.properties = Object.fromEntries(fields.map((f) => [f.name, fieldSchema(d, f, decls)]));
    const required = fields.filter((f) => f.required).map((f) => f.name);
    if (required.length) s.required = required;
  }
  s.type = 'object';
  return s;
}

/** Components for every declaration (shared by every group-version document). */
function buildComponents(decls: Declarations): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const d of decls.values()) schemas[schemaName(d.module, d.name)] = typeSchema(d, decls);
  schemas[INT_OR_STRING] = { description: INT_OR_STRING_DESCRIPTION, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
  return schemas;
}

let cached: { decls: Declarations; components: Record<string, Schema> } | undefined;

/** The declarations and components, read once per process. */
export function builtinComponents(): { decls: Declarations; components: Record<string, Schema> } {
  if (!cached) {
    const decls = readDeclarations();
    cached = { decls, components: buildComponents(decls) };
  }
  return cached;
}

/** The declaration of a built-in kind: its own version, else the same kind in another version of its group. */
function kindDecl(decls: Declarations, info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): TypeDecl | undefined {
  const pkg = packageOf(info.group);
  const exact = decls.get(declKey(`${pkg}/${info.version}`, info.kind));
  if (exact?.fields) return exact;
  return [...decls.values()].find((d) => d.fields && d.name === info.kind && d.module.startsWith(`${pkg}/`));
}

function gvkOf(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): Gvk {
  return { group: info.group, kind: info.kind, version: info.version };
}

/** The paths a resource is served under, each naming its kind (as the apiserver's operations do). */
function addPaths(doc: OpenApiDocument, info: ResourceInfo): void {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const op = { get: { 'x-kubernetes-group-version-kind': gvkOf(info) } };
  doc.paths[`${prefix}/${info.resource}`] = op;
  if (info.namespaced) {
    doc.paths[`${prefix}/namespaces/{namespace}/${info.resource}`] = op;
    doc.paths[`${prefix}/namespaces/{namespace}/${info.resource}/{name}`] = op;
  } else {
    doc.paths[`${prefix}/${info.resource}/{name}`] = op;
  }
}

export interface CrdSchema {
  info: ResourceInfo;
  /** spec.versions[].schema.openAPIV3Schema of the served version. */
  schema: Schema | undefined;
}

/**
 * The OpenAPI document for one group-version, as /openapi/v3/apis/<group>/<version> serves it:
 * every component (the apiserver's documents carry what their kinds reference; carrying all is
 * harmless), with this group-version's kinds marked, and its paths.
 */
export function documentFor(groupVersion: { group: string; version: string } | 'all', resources: readonly ResourceInfo[], crds: readonly CrdSchema[] = []): OpenApiDocument | undefined {
  const { decls, components } = builtinComponents();
  const doc: OpenApiDocument = { components: { schemas: { ...components } }, paths: {} };
  let found = false;
  for (const info of resources) {
    if (groupVersion !== 'all' && (info.group !== groupVersion.group || info.version !== groupVersion.version)) continue;
    const crd = crds.find((c) => c.info === info);
    if (crd) {
      doc.components.schemas[crdSchemaName(info)] = crdSchema(crd);
    } else {
      const d = kindDecl(decls, info);
      if (!d) continue;
      const name = schemaName(`${packageOf(info.group)}/${info.version}`, info.kind);
      doc.components.schemas[name] = { ...typeSchema(d, decls), 'x-kubernetes-group-version-kind': [gvkOf(info)] };
    }
    addPaths(doc, info);
    found = true;
  }
  return found ? doc : undefined;
}

function crdSchemaName(info: ResourceInfo): string {
  return `${info.group.split('.').reverse().join('.')}.${info.version}.${info.kind}`;
}

const API_VERSION_DESCRIPTION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DESCRIPTION =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * A CRD's published schema: its openAPIV3Schema with apiVersion, kind and metadata completed
 * as the apiextensions-apiserver's builder does (metadata becomes a reference to ObjectMeta).
 */
function crdSchema(crd: CrdSchema): Schema {
  const base: Schema = structuredClone(crd.schema ?? { type: 'object' });
  const properties: Record<string, Schema> = { ...(base.properties ?? {}) };
  properties['apiVersion'] = { description: API_VERSION_DESCRIPTION, type: 'string', ...withoutKeys(properties['apiVersion'], ['properties']) };
  properties['kind'] = { description: KIND_DESCRIPTION, type: 'string', ...withoutKeys(properties['kind'], ['properties']) };
  properties['metadata'] = { allOf: [{ $ref: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta') }], description: METADATA_DESCRIPTION };
  return { ...base, type: 'object', properties, 'x-kubernetes-group-version-kind': [gvkOf(crd.info)] };
}

function withoutKeys(s: Schema | undefined, keys: string[]): Schema {
  if (!s) return {};
  const out: Schema = { ...s };
  for (const k of keys) delete out[k];
  return out;
}
