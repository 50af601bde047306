/**
 * Loading scenario, grader and exam files: YAML with positions, schema validation, then the
 * cross-references a schema cannot see (task ids, contexts, clusters, hosts), every problem
 * reported at its file, line and column. Loading never runs code from a file: it only reads
 * data, so a stranger's scenario is safe to open.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceError, YamlSource, type PathSegment } from './source.js';
import { validateSchema, type FileKind } from './validate-schema.js';
import type { Exam, Grader, Scenario } from './types.js';

export interface Loaded<T> {
  file: string;
  source: YamlSource;
  doc: T;
}

export type AnyLoaded = { kind: 'scenario'; loaded: Loaded<Scenario> } | { kind: 'grader'; loaded: Loaded<Grader> } | { kind: 'exam'; loaded: Loaded<Exam> };

const KINDS: Record<string, FileKind> = { Scenario: 'scenario', Grader: 'grader', Exam: 'exam' };

export class LoadErrors extends Error {
  constructor(readonly errors: SourceError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/**
 * Files whose value was parsed and schema-validated when kubedrill was built (dist/catalog.json),
 * by absolute path: a file whose text is still the same loads from there without parsing.
 */
export type KnownFiles = ReadonlyMap<string, { text: string; doc: unknown }>;

function loadKnown(file: string, text: string, known: KnownFiles | undefined): AnyLoaded | undefined {
  const hit = known?.get(resolve(file));
  if (hit?.text !== text) return undefined;
  const kind = KINDS[(hit.doc as { kind: string }).kind]!;
  return { kind, loaded: { file, source: YamlSource.known(file, text), doc: hit.doc } } as AnyLoaded;
}

/** Parses and schema-validates one file; throws LoadErrors listing every problem. */
export function loadText(file: string, text: string): AnyLoaded {
  let source: YamlSource;
  try {
    source = YamlSource.parse(file, text);
  } catch (e) {
    if (e instanceof SourceError) throw new LoadErrors([e]);
    throw e;
  }
  const value = source.value();
  const kindName = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  const kind = typeof kindName === 'string' ? KINDS[kindName] : undefined;
  if (!kind) {
    throw new LoadErrors([source.error(['kind'], `kind: expected one of "Scenario", "Grader", "Exam", found ${kindName === undefined ? 'nothing' : JSON.stringify(kindName)}`)]);
  }
  const errors = validateSchema(kind, source, value);
  if (errors.length) throw new LoadErrors(errors);
  return { kind, loaded: { file, source, doc: value } } as AnyLoaded;
}

export function loadFile(file: string): AnyLoaded {
  return loadText(file, readFileSync(file, 'utf8'));
}

export interface Catalog {
  scenarios: Map<string, Loaded<Scenario>>;
  graders: Map<string, Loaded<Grader>>;
  exams: Map<string, Loaded<Exam>>;
}

export function emptyCatalog(): Catalog {
  return { scenarios: new Map(), graders: new Map(), exams: new Map() };
}

/** YAML files under the given directories (not recursive into hidden folders). */
export function yamlFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) visit(join(p, name));
    } else if (/\.ya?ml$/.test(p)) {
      out.push(p);
    }
  };
  for (const d of dirs) visit(d);
  return out;
}

/** Loads every file; returns the catalog of what loaded and the errors of what did not. */
export function loadCatalog(files: readonly string[]): { catalog: Catalog; errors: SourceError[] } {
  const catalog = emptyCatalog();
  const errors: SourceError[] = [];
  for (const file of files) {
    try {
      add(catalog, loadFile(file), errors);
    } catch (e) {
      if (e instanceof LoadErrors) errors.push(...e.errors);
      else throw e;
    }
  }
  for (const [name, s] of catalog.scenarios) errors.push(...checkScenario(s, catalog.graders.get(name)));
  for (const [name, g] of catalog.graders) {
    if (!catalog.scenarios.has(name)) errors.push(err(g, ['metadata', 'name'], `grader "${name}" grades a scenario that does not exist`));
  }
  for (const e of catalog.exams.values()) errors.push(...checkExam(e, catalog));
  return { catalog, errors };
}

// ---- loading only what one bundle needs ------------------------------------------------------

/** What a file says it is, read from its text without parsing it (see peekHeader). */
export interface FileHeader {
  kind: FileKind;
  /** metadata.name; for a grader, the scenario it grades (metadata.scenario, else the name). */
  name: string;
}

const SIMPLE_VALUE = /^(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9][\w.-]*))\s*(?:#.*)?$/;

function simpleValue(text: string): string | undefined {
  const m = SIMPLE_VALUE.exec(text.trim());
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * The kind and name of a scenario, grader or exam file, read from its top-level `kind:` and its
 * `metadata:` block or flow mapping without parsing the YAML (parsing every file of a catalog
 * with positions costs more than a start-up can spend). Undefined whenever the text is not in
 * the plain form kubedrill's files use: the caller then loads the file in full.
 */
export function peekHeader(text: string): FileHeader | undefined {
  const lines = text.split('\n');
  // One document only: a document marker after the content starts makes it a stream.
  const first = lines.findIndex((l) => !/^\s*(?:#.*)?$/.test(l));
  if (first < 0 || lines.some((l, i) => /^(?:---|\.\.\.)(?:\s|$)/.test(l) && !(i === first && /^---\s*$/.test(l)))) return undefined;
  let kindName: string | undefined;
  const meta = new Map<string, string | undefined>();
  let kinds = 0;
  let metas = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('kind:')) {
      kinds++;
      kindName = simpleValue(line.slice(5));
    } else if (line.startsWith('metadata:')) {
      metas++;
      const rest = line.slice(9).replace(/\s+#.*$/, '').trim();
      if (rest.startsWith('{')) {
        if (!rest.endsWith('}') || /[{}[\]]/.test(rest.slice(1, -1))) return undefined;
        for (const part of rest.slice(1, -1).split(',')) {
          const m = /^\s*(name|scenario)\s*:\s*(.*)$/.exec(part);
          if (m) meta.set(m[1]!, simpleValue(m[2]!) ?? '\0');
        }
      } else if (rest === '') {
        let indent: string | undefined;
        for (let j = i + 1; j < lines.length; j++) {
          const l = lines[j]!;
          if (/^\s*(?:#.*)?$/.test(l)) continue;
          const ind = /^(\s*)/.exec(l)![1]!;
          if (ind === '') break;
          indent ??= ind;
          if (ind !== indent) continue;
          const m = /^(name|scenario)\s*:(.*)$/.exec(l.slice(ind.length));
          if (m) meta.set(m[1]!, simpleValue(m[2]!) ?? '\0');
        }
      } else return undefined;
    }
  }
  const kind = kindName === undefined ? undefined : KINDS[kindName];
  if (kinds !== 1 || metas !== 1 || !kind) return undefined;
  const name = kind === 'grader' && meta.has('scenario') ? meta.get('scenario') : meta.get('name');
  if (!name || name === '\0' || [...meta.values()].includes('\0')) return undefined;
  return { kind, name };
}

/**
 * The part of the catalog that bundle `name` needs (the exam or scenario of that name, the
 * scenarios an exam names, their graders), loaded from `files` in the same order and with the
 * same rules as loadCatalog, so it resolves to the same bundle; other files are read but not
 * parsed. Errors are those of the files loaded.
 */
export function loadCatalogFor(files: readonly string[], name: string, known?: KnownFiles): { catalog: Catalog; errors: SourceError[] } {
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const headers = texts.map(({ text }) => peekHeader(text));
  const parsed = new Map<string, AnyLoaded | LoadErrors>();
  const pick = (wanted: (h: FileHeader) => boolean) => texts.filter((_, i) => !headers[i] || wanted(headers[i]!));
  const isTop = (h: FileHeader) => h.name === name && h.kind !== 'grader';
  // Exams first: which scenarios they bundle is known only once they are parsed.
  const exam = loadSome(pick(isTop), parsed, known).catalog.exams.get(name);
  const scenarios = new Set(exam ? exam.doc.spec.tasks.map((t) => t.scenario) : [name]);
  const { catalog, errors } = loadSome(
    pick((h) => isTop(h) || (h.kind !== 'exam' && scenarios.has(h.name))),
    parsed,
    known,
  );
  for (const e of catalog.exams.values()) errors.push(...checkExam(e, catalog));
  return { catalog, errors };
}

function loadSome(texts: readonly { file: string; text: string }[], parsed: Map<string, AnyLoaded | LoadErrors>, known?: KnownFiles): { catalog: Catalog; errors: SourceError[] } {
  const catalog = emptyCatalog();
  const errors: SourceError[] = [];
  for (const { file, text } of texts) {
    let r = parsed.get(file);
    if (!r) {
      try {
        r = loadKnown(file, text, known) ?? loadText(file, text);
      } catch (e) {
        if (!(e instanceof LoadErrors)) throw e;
        r = e;
      }
      parsed.set(file, r);
    }
    if (r instanceof LoadErrors) errors.push(...r.errors);
    else add(catalog, r, errors);
  }
  for (const [n, s] of catalog.scenarios) errors.push(...checkScenario(s, catalog.graders.get(n)));
  return { catalog, errors };
}

function add(catalog: Catalog, any: AnyLoaded, errors: SourceError[]): void {
  const { loaded } = any;
  const name = any.kind === 'grader' ? ((any.loaded.doc.metadata.scenario ?? any.loaded.doc.metadata.name) as string) : loaded.doc.metadata.name;
  const table = any.kind === 'scenario' ? catalog.scenarios : any.kind === 'grader' ? catalog.graders : catalog.exams;
  if (table.has(name)) {
    errors.push(loaded.source.error(['metadata', 'name'], `duplicate ${any.kind} "${name}" (also in ${(table.get(name) as Loaded<unknown>).file})`));
    return;
  }
  (table as Map<string, Loaded<unknown>>).set(name, loaded);
}

// ---- cross-reference checks -----------------------------------------------------------------

function err(l: Loaded<unknown>, path: PathSegment[], message: string, key = false): SourceError {
  return l.source.error(path, message, key);
}

export function checkScenario(s: Loaded<Scenario>, g?: Loaded<Grader>): SourceError[] {
  const out: SourceError[] = [];
  const spec = s.doc.spec;
  const clusterNames = new Set<string>();
  const contexts = new Map<string, string>();
  const hosts = new Set([spec.workstation?.hostname ?? 'terminal']);
  spec.clusters.forEach((c, ci) => {
    if (clusterNames.has(c.name)) out.push(err(s, ['spec', 'clusters', ci, 'name'], `duplicate cluster name "${c.name}"`));
    clusterNames.add(c.name);
    contexts.set(c.context ?? c.name, c.name);
    const nodes = c.nodes ?? [{ name: 'controlplane', role: 'control-plane' }, { name: 'node01' }, { name: 'node02' }];
    const cps = nodes.filter((n) => n.role === 'control-plane');
    if (c.nodes && cps.length !== 1) out.push(err(s, ['spec', 'clusters', ci, 'nodes'], `cluster "${c.name}" needs exactly one node with role control-plane, found ${cps.length}`));
    nodes.forEach((n, ni) => {
      if (hosts.has(n.name)) out.push(err(s, ['spec', 'clusters', ci, 'nodes', ni, 'name'], `duplicate host name "${n.name}": host names must be unique across clusters and the workstation`));
      hosts.add(n.name);
    });
  });
  spec.clusters.forEach((c, ci) => {
    (c.files ?? []).forEach((f, fi) => {
      if (!hosts.has(f.host)) out.push(err(s, ['spec', 'clusters', ci, 'files', fi, 'host'], `unknown host "${f.host}" (known: ${[...hosts].join(', ')})`));
    });
    (c.breakages ?? []).forEach((b, bi) => out.push(...checkBreakageRefs(s, ['spec', 'clusters', ci, 'breakages', bi], b as unknown as Record<string, Record<string, unknown>>, clusterNames, hosts)));
  });
  (spec.workstation?.files ?? []).forEach((f, fi) => {
    if (!hosts.has(f.host)) out.push(err(s, ['spec', 'workstation', 'files', fi, 'host'], `unknown host "${f.host}"`));
  });
  const taskIds = new Set<string>();
  spec.tasks.forEach((t, ti) => {
    if (taskIds.has(t.id)) out.push(err(s, ['spec', 'tasks', ti, 'id'], `duplicate task id "${t.id}"`));
    taskIds.add(t.id);
    if (!contexts.has(t.context)) out.push(err(s, ['spec', 'tasks', ti, 'context'], `task "${t.id}" names context "${t.context}", which no cluster provides (contexts: ${[...contexts.keys()].join(', ')})`));
  });
  if (g) out.push(...checkGrader(g, s, clusterNames, hosts));
  return out;
}

function checkBreakageRefs(s: Loaded<Scenario>, path: PathSegment[], b: Record<string, Record<string, unknown>>, clusters: Set<string>, hosts: Set<string>): SourceError[] {
  const out: SourceError[] = [];
  const [kind] = Object.keys(b);
  const body = b[kind!] ?? {};
  for (const field of ['host', 'node']) {
    const v = body[field];
    if (typeof v === 'string' && !hosts.has(v)) out.push(err(s, [...path, kind!, field], `unknown ${field} "${v}" (known: ${[...hosts].join(', ')})`));
  }
  const c = body['cluster'];
  if (typeof c === 'string' && !clusters.has(c)) out.push(err(s, [...path, kind!, 'cluster'], `unknown cluster "${c}"`));
  return out;
}

function checkGrader(g: Loaded<Grader>, s: Loaded<Scenario>, clusters: Set<string>, hosts: Set<string>): SourceError[] {
  const out: SourceError[] = [];
  const taskIds = new Set(s.doc.spec.tasks.map((t) => t.id));
  const graded = new Set<string>();
  g.doc.spec.tasks.forEach((t, ti) => {
    if (!taskIds.has(t.id)) out.push(err(g, ['spec', 'tasks', ti, 'id'], `grader task "${t.id}" is not a task of scenario "${s.doc.metadata.name}" (tasks: ${[...taskIds].join(', ')})`));
    if (graded.has(t.id)) out.push(err(g, ['spec', 'tasks', ti, 'id'], `duplicate grader task "${t.id}"`));
    graded.add(t.id);
    t.checks.forEach((c, ci) => {
      const [kind] = Object.keys(c).filter((k) => !['title', 'weight', 'hint', 'expect'].includes(k));
      const body = (c as unknown as Record<string, Record<string, unknown>>)[kind!] ?? {};
      const cl = body['cluster'];
      if (typeof cl === 'string' && !clusters.has(cl)) out.push(err(g, ['spec', 'tasks', ti, 'checks', ci, kind!, 'cluster'], `unknown cluster "${cl}" (clusters: ${[...clusters].join(', ')})`));
      const host = body['host'];
      if (typeof host === 'string' && !hosts.has(host)) out.push(err(g, ['spec', 'tasks', ti, 'checks', ci, kind!, 'host'], `unknown host "${host}" (hosts: ${[...hosts].join(', ')})`));
      if (!cl && clusters.size > 1 && ['get', 'list', 'canI', 'ready'].includes(kind!)) {
        out.push(err(g, ['spec', 'tasks', ti, 'checks', ci, kind!], `the scenario has ${clusters.size} clusters: name one with "cluster"`));
      }
    });
  });
  s.doc.spec.tasks.forEach((t, ti) => {
    if (!graded.has(t.id)) out.push(err(s, ['spec', 'tasks', ti, 'id'], `task "${t.id}" has no checks: add it to the grader ${g.file}`));
  });
  return out;
}

function checkExam(e: Loaded<Exam>, catalog: Catalog): SourceError[] {
  const out: SourceError[] = [];
  e.doc.spec.tasks.forEach((t, ti) => {
    const s = catalog.scenarios.get(t.scenario);
    if (!s) out.push(err(e, ['spec', 'tasks', ti, 'scenario'], `unknown scenario "${t.scenario}"`));
    else if (t.task && !s.doc.spec.tasks.some((x) => x.id === t.task)) out.push(err(e, ['spec', 'tasks', ti, 'task'], `scenario "${t.scenario}" has no task "${t.task}"`));
  });
  return out;
}
