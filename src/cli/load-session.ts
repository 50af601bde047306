/** Resolves a scenario or exam name (or a file path) and builds its session, reporting problems as the CLI does. */
import { existsSync } from 'node:fs';
import { openBundle, openCatalog } from './catalog.js';
import type { CliIO } from './io.js';
import { resolveBundle, UnknownBundleError } from '../scenario/bundle.js';
import { SourceError } from '../scenario/source.js';
import { Session } from '../session/session.js';
import { defaultBundle } from '../session/default-bundle.js';

export interface LoadOptions {
  seed?: string;
  dirs: string[];
  healthy?: boolean;
}

export function loadSession(name: string | undefined, opts: LoadOptions, io: CliIO): Session | number {
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    io.stderr.write(`kubedrill: --seed must be an integer, found "${opts.seed}"\n`);
    return 2;
  }
  const files = name && (name.endsWith('.yaml') || name.endsWith('.yml')) && existsSync(name) ? [name] : [];
  try {
    if (!name) return new Session(defaultBundle(), { seed, healthy: opts.healthy });
    if (!files.length) {
      const { bundle, errors } = openBundle({ dirs: opts.dirs, builtin: true }, name);
      const own = errors.filter((e) => bundle.scenarios.some((s) => s.file === e.file));
      if (own.length) throw own[0];
      return new Session(bundle, { seed, healthy: opts.healthy });
    }
    const { catalog, errors } = openCatalog({ dirs: opts.dirs, builtin: true }, files);
    const relevant = errors.filter((e) => files.some((f) => e.file.endsWith(f.replace(/^\.\//, ''))));
    if (relevant.length) throw relevant[0];
    const bundleName = [...catalog.scenarios.values()].find((s) => files.some((f) => s.file.endsWith(f.replace(/^\.\//, ''))))?.doc.metadata.name ?? name;
    const bundle = resolveBundle(catalog, bundleName);
    const own = errors.filter((e) => bundle.scenarios.some((s) => s.file === e.file));
    if (own.length) throw own[0];
    return new Session(bundle, { seed, healthy: opts.healthy });
  } catch (e) {
    if (e instanceof SourceError || e instanceof UnknownBundleError) {
      io.stderr.write(`kubedrill: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
