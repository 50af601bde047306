/**
 * Where scenarios come from: the package's own scenarios/ and graders/, directories named by
 * --dir or KUBEDRILL_PATH, and single files given by path. An instructor's private graders can
 * live outside the repository: CI names their directory, candidates never see it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, yamlFiles, type Catalog } from '../scenario/loader.js';
import type { SourceError } from '../scenario/source.js';

/** The package root: the directory holding package.json above this module (src/ or dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export interface CatalogSources {
  /** Extra directories (scenarios and graders, searched recursively). */
  dirs: string[];
  /** Include the package's own scenarios/ and graders/. */
  builtin: boolean;
}

export function sourceDirs(src: CatalogSources): string[] {
  const root = packageRoot();
  const env = (process.env['KUBEDRILL_PATH'] ?? '').split(':').filter(Boolean);
  return [...(src.builtin ? [join(root, 'scenarios'), join(root, 'graders')] : []), ...env, ...src.dirs].map((d) => resolve(d));
}

export function openCatalog(src: CatalogSources, extraFiles: string[] = []): { catalog: Catalog; errors: SourceError[]; files: string[] } {
  const files = [...new Set([...yamlFiles(sourceDirs(src)), ...extraFiles.map((f) => resolve(f))])].map(display);
  const { catalog, errors } = loadCatalog(files);
  return { catalog, errors, files };
}

/** Paths under the working directory are shown relative to it, as compilers do. */
function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
