/**
 * `kubectl explain --output=plaintext-openapiv2`: the pre-1.27 explain (k8s.io/kubectl/pkg/explain)
 * over the OpenAPI v2 models. The v3 document is read as kube-openapi's proto models would read
 * the v2 one (a field referencing a type is a Reference, IntOrString and Quantity are strings),
 * then printed as its model printer does: KIND/VERSION, RESOURCE or FIELD, DESCRIPTION
 * paragraphs indented five spaces and wrapped at 80 columns, FIELDS indented three.
 */
import type { Gvk, OpenApiDocument, Schema } from './openapi.js';
import { ExplainError } from './plaintext.js';

type Node =
  | { t: 'kind'; description: string; fields: Record<string, Schema>; required: string[] }
  | { t: 'array'; description: string; sub: Schema }
  | { t: 'map'; description: string; sub: Schema | undefined }
  | { t: 'primitive'; description: string; type: string }
  | { t: 'arbitrary'; description: string }
  | { t: 'reference'; description: string; ref: string };

export class OpenApiV2Renderer {
  constructor(private readonly doc: OpenApiDocument) {}

  render(gvk: Gvk, fieldPath: string[], recursive: boolean, write: (s: string) => void): void {
    const kind = this.lookupResource(gvk);
    if (!kind) throw new ExplainError(`error: couldn't find resource for "${gvk.group}/${gvk.version}, Kind=${gvk.kind}"`);
    const leaf = this.lookupField(kind, [...fieldPath]);
    const name = fieldPath.length ? fieldPath[fieldPath.length - 1]! : '';
    const out = new Formatter(80, 0);
    new ModelPrinter(this, name, out, recursive, gvk).print(leaf);
    write(out.text);
  }

  private lookupResource(gvk: Gvk): Schema | undefined {
    for (const s of Object.values(this.doc.components.schemas)) {
      const gvks = s['x-kubernetes-group-version-kind'];
      if (Array.isArray(gvks) && gvks.some((g: Gvk) => g.group === gvk.group && g.kind === gvk.kind && g.version === gvk.version)) return s;
    }
    return undefined;
  }

  /** The proto model of a schema. */
  node(s: Schema): Node {
    const description = s.description ?? '';
    if (typeof s.$ref === 'string') return { t: 'reference', description, ref: s.$ref };
    if (s.allOf?.length === 1 && typeof s.allOf[0]!.$ref === 'string' && !s.properties) return { t: 'reference', description, ref: s.allOf[0]!.$ref };
    if (Array.isArray(s['oneOf'])) return { t: 'primitive', description, type: 'string' };
    if (s.type === undefined) return s.properties ? { t: 'kind', description, fields: s.properties, required: s.required ?? [] } : { t: 'arbitrary', description };
    if (s.type === 'object') {
      if (s.properties) return { t: 'kind', description, fields: s.properties, required: s.required ?? [] };
      return { t: 'map', description, sub: typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined };
    }
    if (s.type === 'array') return { t: 'array', description, sub: s.items ?? {} };
    return { t: 'primitive', description, type: s.type };
  }

  /** The schema a reference points at (an empty arbitrary when it does not resolve). */
  deref(ref: string): Schema {
    const name = ref.split('/').pop()!;
    return this.doc.components.schemas[name] ?? {};
  }

  /** GetTypeName: Object, []Object, map[string]string, string, integer, ... */
  typeName(s: Schema | undefined): string {
    if (!s) return '';
    const n = this.node(s);
    switch (n.t) {
      case 'array':
        return `[]${this.typeName(n.sub)}`;
      case 'kind':
        return 'Object';
      case 'map':
        return `map[string]${this.typeName(n.sub)}`;
      case 'primitive':
        return n.type;
      case 'reference':
        return this.typeName(this.deref(n.ref));
      case 'arbitrary':
        return '';
    }
  }

  /** LookupSchemaForField: down the path; a primitive ends the walk wherever it is. */
  private lookupField(s: Schema, path: string[]): Schema {
    const n = this.node(s);
    if (n.t === 'primitive' || n.t === 'arbitrary' || path.length === 0) return s;
    switch (n.t) {
      case 'array':
        return this.lookupField(n.sub, path);
      case 'map':
        return n.sub ? this.lookupField(n.sub, path) : s;
      case 'reference':
        return this.lookupField(this.deref(n.ref), path);
      case 'kind': {
        const sub = n.fields[path[0]!];
        if (!sub) throw new ExplainError(`error: field "${path[0]}" does not exist`);
        return this.lookupField(sub, path.slice(1));
      }
    }
  }
}

class ModelPrinter {
  private type = '';
  private readonly descriptions: string[] = [];

  constructor(
    private readonly r: OpenApiV2Renderer,
    private readonly name: string,
    private readonly out: Formatter,
    private readonly recursive: boolean,
    private readonly gvk: Gvk,
  ) {}

  print(s: Schema): void {
    const n = this.r.node(s);
    switch (n.t) {
      case 'array':
      case 'map':
        this.descriptions.push(n.description);
        if (!this.type) this.type = this.r.typeName(s);
        if (n.sub) this.print(n.sub);
        return;
      case 'reference':
        this.descriptions.push(n.description);
        this.print(this.r.deref(n.ref));
        return;
      case 'kind':
        this.kindAndVersion();
        if (!this.type) this.type = 'Object';
        if (this.name) this.out.write(`RESOURCE: ${this.name} <${this.type}>\n`);
        this.description(n.description);
        this.out.write('\nFIELDS:');
        if (this.recursive) printRecursive(this.r, n.fields, this.out.indent(3), new Set());
        else printFields(this.r, n.fields, n.required, this.out.indent(3));
        return;
      case 'primitive':
        this.kindAndVersion();
        if (!this.type) this.type = n.type;
        this.out.write(`FIELD:    ${this.name} <${this.type}>\n`);
        this.description(n.description);
        return;
      case 'arbitrary':
        this.kindAndVersion();
        this.description(n.description);
    }
  }

  private kindAndVersion(): void {
    this.out.write(`KIND:     ${this.gvk.kind}`);
    this.out.write(`VERSION:  ${this.gvk.group ? `${this.gvk.group}/` : ''}${this.gvk.version}\n`);
  }

  private description(own: string): void {
    this.out.write('DESCRIPTION:');
    let empty = true;
    [...this.descriptions, own].forEach((d, i) => {
      if (!d) return;
      empty = false;
      if (i !== 0) this.out.write('');
      this.out.indent(5).writeWrapped(d);
    });
    if (empty) this.out.indent(5).writeWrapped('<empty>');
  }
}

function sorted(keys: string[]): string[] {
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function printFields(r: OpenApiV2Renderer, fields: Record<string, Schema>, required: string[], out: Formatter): void {
  for (const key of sorted(Object.keys(fields))) {
    const v = fields[key]!;
    out.write(`${key}\t<${r.typeName(v)}>${required.includes(key) ? ' -required-' : ''}`);
    out.indent(2).writeWrapped(v.description ?? '');
    out.write('');
  }
}

function printRecursive(r: OpenApiV2Renderer, fields: Record<string, Schema>, out: Formatter, visited: Set<string>): void {
  for (const key of sorted(Object.keys(fields))) {
    const v = fields[key]!;
    out.write(`${key}\t<${r.typeName(v)}>`);
    descend(r, v, out.indent(3), visited);
  }
}

function descend(r: OpenApiV2Renderer, s: Schema, out: Formatter, visited: Set<string>): void {
  const n = r.node(s);
  switch (n.t) {
    case 'kind':
      printRecursive(r, n.fields, out, visited);
      return;
    case 'array':
      descend(r, n.sub, out, visited);
      return;
    case 'map':
      if (n.sub) descend(r, n.sub, out, visited);
      return;
    case 'reference':
      if (visited.has(n.ref)) return;
      visited.add(n.ref);
      descend(r, r.deref(n.ref), out, visited);
      visited.delete(n.ref);
      return;
  }
}

/** explain's Formatter: indented lines, and paragraphs wrapped at Wrap minus the indent. */
class Formatter {
  private readonly sink: { text: string };

  constructor(
    private readonly wrap: number,
    private readonly level: number,
    sink?: { text: string },
  ) {
    this.sink = sink ?? { text: '' };
  }

  get text(): string {
    return this.sink.text;
  }

  indent(n: number): Formatter {
    return new Formatter(this.wrap, this.level + n, this.sink);
  }

  write(s: string): void {
    this.sink.text += s === '' ? '\n' : ' '.repeat(this.level) + s + '\n';
  }

  writeWrapped(s: string): void {
    for (const line of wrapParagraphs(s, this.wrap - this.level)) this.write(line);
  }
}

const BULLET = /^(\d+\.?|-|\*)\s/;

function startsNewLine(lastWord: string, line: string): boolean {
  if (lastWord.endsWith(':')) return true;
  if (line.startsWith('    ')) return true;
  const t = line.trim();
  return t.length === 0 || BULLET.test(t);
}

/** explain's wrapString: words joined by single spaces; indented lines, bullets and blank lines kept. */
export function wrapParagraphs(text: string, width: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let lastWord = '';
  const flush = () => {
    if (words.length) {
      lastWord = '';
      wrapped.push(words.join(' '));
      words = [];
    }
  };
  const add = (w: string): boolean => {
    if (words.length === 0 || Buffer.byteLength([...words, w].join(' ')) <= width) {
      words.push(w);
      return true;
    }
    return false;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('    ')) {
      flush();
      wrapped.push(line);
      continue;
    }
    if (wrapped.length > 0 && line.trim().length === 0) {
      flush();
      wrapped.push('');
      continue;
    }
    if (startsNewLine(lastWord, line)) flush();
    for (const w of line.split(/[\t\n\v\f\r \u0085\u00a0]+/).filter(Boolean)) {
      lastWord = w;
      if (!add(w)) {
        flush();
        add(w);
      }
    }
  }
  flush();
  return wrapped;
}
