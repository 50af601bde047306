/**
 * Where scenarios come from: the package's own scenarios/ and graders/, directories named by
 * --dir or KUBEDRILL_PATH, and single files given by path. An instructor's private graders can
 * live outside the repository: CI names their directory, candidates never see it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, loadCatalogFor, yamlFiles, type Catalog, type KnownFiles } from '../scenario/loader.js';
import { knownFiles, type PrecompiledFile } from '../scenario/precompile.js';
import type { SourceError } from '../scenario/source.js';
import { resolveBundle, UnknownBundleError, type Bundle } from '../scenario/bundle.js';

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

/**
 * The catalog as far as bundle `name` needs it (see loadCatalogFor): what the screen commands
 * and `run` open at start-up instead of parsing every file.
 */
export function openCatalogFor(src: CatalogSources, name: string): { catalog: Catalog; errors: SourceError[] } {
  return loadCatalogFor(yamlFiles(sourceDirs(src)).map(display), name, src.builtin ? builtinKnownFiles() : undefined);
}

/**
 * The package's files as parsed when the bundle was built (dist/catalog.json, written by
 * scripts/build.mjs with the bundle); none when running from source.
 */
function builtinKnownFiles(): KnownFiles | undefined {
  if (!fileURLToPath(import.meta.url).includes(`${sep}dist${sep}`)) return undefined;
  const root = packageRoot();
  const file = join(root, 'dist', 'catalog.json');
  if (!existsSync(file)) return undefined;
  try {
    return knownFiles(root, JSON.parse(readFileSync(file, 'utf8')) as PrecompiledFile[]);
  } catch {
    return undefined;
  }
}

/**
 * Bundle `name` from the files it needs, with their errors; an unknown name is reported from the
 * whole catalog (UnknownBundleError lists what is known).
 */
export function openBundle(src: CatalogSources, name: string): { bundle: Bundle; errors: SourceError[] } {
  const { catalog, errors } = openCatalogFor(src, name);
  try {
    return { bundle: resolveBundle(catalog, name), errors };
  } catch (e) {
    if (!(e instanceof UnknownBundleError)) throw e;
    const all = openCatalog(src);
    return { bundle: resolveBundle(all.catalog, name), errors: all.errors };
  }
}

/** Paths under the working directory are shown relative to it, as compilers do. */
function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
