/**
 * The package's own scenario, grader and exam files, parsed and validated at build time
 * (scripts/build.mjs writes them to dist/catalog.json): the CLI then starts without parsing YAML
 * for a file whose text has not changed since. Only files that load cleanly and whose value is
 * plain JSON are kept.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadText, yamlFiles, type KnownFiles } from './loader.js';

export interface PrecompiledFile {
  /** Path relative to the package root. */
  path: string;
  text: string;
  doc: unknown;
}

export function precompileCatalog(root: string, dirs: readonly string[]): PrecompiledFile[] {
  const out: PrecompiledFile[] = [];
  for (const file of yamlFiles(dirs)) {
    const text = readFileSync(file, 'utf8');
    let doc: unknown;
    try {
      doc = loadText(file, text).loaded.doc;
    } catch {
      continue;
    }
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), doc)) out.push({ path: relative(root, file), text, doc });
  }
  return out;
}

/** The files of a precompiled catalog by absolute path (`root` is the package root). */
export function knownFiles(root: string, files: readonly PrecompiledFile[]): KnownFiles {
  return new Map(files.map((f) => [resolve(root, f.path), { text: f.text, doc: f.doc }]));
}
