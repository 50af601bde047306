/**
 * `apt-get update`: fetch each configured source's InRelease and Packages into
 * /var/lib/apt/lists ("Hit" when unchanged, "Get" with sizes when new), drop lists of sources no
 * longer configured, and report repositories that cannot be fetched as apt does.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import { aptSize } from './cache.js';
import { inReleaseText, listPaths, LISTS_DIR, packagesIndex } from './lists.js';
import { findRepository } from './repository.js';
import type { SourceEntry } from './sources.js';

export interface UpdateResult {
  lines: string[];
  errors: string[];
  warnings: string[];
}

const CDN_IP = '3.160.150.63';

export function runUpdate(fs: VirtualFS, sources: readonly SourceEntry[]): UpdateResult {
  const lines: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  let n = 0;
  let fetched = 0;
  const keep = new Set<string>();
  for (const e of sources) {
    const found = findRepository(e.uri, e.suite);
    const paths = listPaths(e);
    const shown = found.ok ? found.repo.fetchUri : e.uri.replace('https://pkgs.k8s.io/core:/stable:/', 'https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/');
    const label = e.suite === '/' ? `${shown}  InRelease` : `${shown} ${e.suite} InRelease`;
    n++;
    if (!found.ok) {
      if (found.kind === 'forbidden') {
        lines.push(`Err:${n} ${label}`, `  403  Forbidden [IP: ${CDN_IP} 443]`);
        errors.push(`E: Failed to fetch ${e.uri}/InRelease  403  Forbidden [IP: ${CDN_IP} 443]`, `E: The repository '${e.uri}${e.suite === '/' ? '  InRelease' : ` ${e.suite} InRelease`}' is not signed.`);
        warnings.push("N: Updating from such a repository can't be done securely, and is therefore disabled by default.", 'N: See apt-secure(8) manpage for repository creation and user configuration details.');
      } else {
        lines.push(`Ign:${n} ${label}`, `Err:${n} ${label}`, `  Temporary failure resolving '${found.host}'`);
        warnings.push(`W: Failed to fetch ${e.uri}/${e.suite === '/' ? '' : `dists/${e.suite}/`}InRelease  Temporary failure resolving '${found.host}'`, 'W: Some index files failed to download. They have been ignored, or old ones used instead.');
      }
      continue;
    }
    const repo = found.repo;
    const release = inReleaseText(repo);
    const index = paths.packages ? packagesIndex(repo) : undefined;
    keep.add(paths.inRelease);
    if (paths.packages) keep.add(paths.packages);
    const current = fs.readFileIfExists(paths.inRelease) === release && (!paths.packages || fs.readFileIfExists(paths.packages) === index);
    if (current) {
      lines.push(`Hit:${n} ${label}`);
      continue;
    }
    lines.push(`Get:${n} ${label} [${aptSize(repo.inReleaseBytes)}]`);
    fetched += repo.inReleaseBytes;
    fs.writeFile(paths.inRelease, release, { parents: true });
    if (paths.packages && index !== undefined) {
      n++;
      lines.push(`Get:${n} ${e.suite === '/' ? `${shown}  Packages` : `${shown} ${e.suite} Packages`} [${aptSize(repo.packagesBytes)}]`);
      fetched += repo.packagesBytes;
      fs.writeFile(paths.packages, index, { parents: true });
    }
  }
  if (fs.isDir(LISTS_DIR)) {
    for (const f of fs.readdir(LISTS_DIR)) {
      const p = `${LISTS_DIR}/${f}`;
      if (fs.isFile(p) && !keep.has(p) && f !== 'lock') fs.unlink(p);
    }
  }
  if (fetched > 0) lines.push(`Fetched ${aptSize(fetched)} in 1s (${aptSize(fetched)}/s)`);
  return { lines, errors, warnings };
}
