import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog, loadCatalogFor, peekHeader, yamlFiles } from '../../src/scenario/loader.js';
import { resolveBundle } from '../../src/scenario/bundle.js';
import { sourceDirs } from '../../src/cli/catalog.js';
import { knownFiles, precompileCatalog } from '../../src/scenario/precompile.js';

const files = yamlFiles(sourceDirs({ dirs: [], builtin: true }));
const full = loadCatalog(files).catalog;

describe('loading only the files a bundle needs', () => {
  it.each([...full.exams.keys(), ...full.scenarios.keys()])('%s resolves to the same bundle as from the whole catalog', (name) => {
    const partial = loadCatalogFor(files, name).catalog;
    const a = resolveBundle(full, name);
    const b = resolveBundle(partial, name);
    expect(b.scenarios.map((s) => s.file)).toEqual(a.scenarios.map((s) => s.file));
    expect(JSON.stringify({ ...b, scenarios: b.scenarios.map((s) => s.doc) })).toBe(JSON.stringify({ ...a, scenarios: a.scenarios.map((s) => s.doc) }));
  });

  it('parses the exam, its scenarios and their graders, not the rest', () => {
    const partial = loadCatalogFor(files, 'cka-practice').catalog;
    const bundled = [...new Set(full.exams.get('cka-practice')!.doc.spec.tasks.map((t) => t.scenario))].sort();
    expect([...partial.exams.keys()]).toEqual(['cka-practice']);
    expect([...partial.scenarios.keys()].sort()).toEqual(bundled);
    expect([...partial.graders.keys()].sort()).toEqual(bundled);
    expect(bundled.length).toBeLessThan(full.scenarios.size);
  });

  it('keeps the first of two files with the same name, as the whole catalog does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-catalog-'));
    const text = (title: string) => `apiVersion: kubedrill.dev/v1\nkind: Scenario\nmetadata: {name: twin, title: ${title}}\nspec:\n  clusters: [{name: c1}]\n  tasks: [{id: t, context: c1, weight: 1, domain: D, title: T, text: x}]\n`;
    writeFileSync(join(dir, 'a.yaml'), text('first'));
    writeFileSync(join(dir, 'b.yaml'), text('second'));
    const both = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    const r = loadCatalogFor(both, 'twin');
    expect(r.catalog.scenarios.get('twin')?.doc.metadata.title).toBe('first');
    expect(r.errors.map((e) => e.message)).toEqual(loadCatalog(both).errors.map((e) => e.message));
  });
});

describe('peekHeader', () => {
  it('reads the kind and name of block and flow metadata, quoted or not, with comments', () => {
    expect(peekHeader('# c\napiVersion: v1\nkind: Scenario\nmetadata:\n  # note\n  title: x\n  name: "a-b"  # the name\nspec: {}\n')).toEqual({ kind: 'scenario', name: 'a-b' });
    expect(peekHeader("---\nkind: Exam\nmetadata: {name: 'e1', title: T}\n")).toEqual({ kind: 'exam', name: 'e1' });
    expect(peekHeader('kind: Grader\nmetadata:\n  name: g\n  scenario: s1\n')).toEqual({ kind: 'grader', name: 's1' });
    expect(peekHeader('kind: Grader\nmetadata: {name: g}\n')).toEqual({ kind: 'grader', name: 'g' });
  });

  it('gives up (the file is then parsed) on anything but the plain form', () => {
    for (const text of [
      'kind: Scenario\nmetadata: {name: a}\n---\nkind: Scenario\nmetadata: {name: b}\n',
      'kind: Scenario\nmetadata: &m {name: a}\n',
      'kind: Scenario\nmetadata:\n  name: >-\n    folded\n',
      'kind: Scenario\nmetadata: {name: {x: 1}}\n',
      'kind: Scenario\nmetadata:\n  name: a\nkind: Exam\n',
      'kind: Scenaro\nmetadata: {name: a}\n',
      '"kind": Scenario\nmetadata: {name: a}\n',
      'kind: Scenario\nmetadata:\n    labels:\n      name: inner\n',
    ]) {
      expect(peekHeader(text), text).toBeUndefined();
    }
  });
});

describe('files parsed when kubedrill was built (dist/catalog.json)', () => {
  const root = resolve(import.meta.dirname, '../..');
  const known = knownFiles(root, precompileCatalog(root, [join(root, 'scenarios'), join(root, 'graders')]));

  it('holds every shipped file, and loading from it gives the same bundles', () => {
    expect(known.size).toBe(files.length);
    for (const name of ['cka-practice', 'cka-mock-1', 'dead-scheduler']) {
      const a = resolveBundle(full, name);
      const b = resolveBundle(loadCatalogFor(files, name, known).catalog, name);
      expect(JSON.stringify({ ...b, scenarios: b.scenarios.map((s) => s.doc) })).toBe(JSON.stringify({ ...a, scenarios: a.scenarios.map((s) => s.doc) }));
    }
  });

  it('still names lines and columns in errors about a known file', () => {
    const s = resolveBundle(loadCatalogFor(files, 'dead-scheduler', known).catalog, 'dead-scheduler').scenarios[0]!;
    expect(s.source.error(['spec', 'tasks', 0, 'id'], 'x').message).toBe(resolveBundle(full, 'dead-scheduler').scenarios[0]!.source.error(['spec', 'tasks', 0, 'id'], 'x').message);
  });

  it('parses a file again once its text differs from the built one', () => {
    const file = files.find((f) => f.endsWith('dead-scheduler.yaml') && f.includes('scenarios'))!;
    const stale = new Map(known);
    stale.set(resolve(file), { text: known.get(resolve(file))!.text + '\n', doc: { kind: 'Scenario', metadata: { name: 'dead-scheduler', title: 'stale' }, spec: { clusters: [], tasks: [] } } });
    const s = loadCatalogFor(files, 'dead-scheduler', stale).catalog.scenarios.get('dead-scheduler')!;
    expect(s.doc.metadata.title).toBe(full.scenarios.get('dead-scheduler')!.doc.metadata.title);
  });
});
