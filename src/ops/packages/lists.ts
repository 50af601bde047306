/**
 * apt's package lists under /var/lib/apt/lists: what `apt-get update` downloaded for each
 * configured source. apt-cache and apt-get read only these, so editing a source without
 * `apt-get update` changes nothing, as on a real node.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import { controlStanza, formatStanzas, parseStanzas } from './dpkg.js';
import type { DebPackage, Repository } from './repository.js';
import type { SourceEntry } from './sources.js';

export const LISTS_DIR = '/var/lib/apt/lists';

/** apt's URItoFileName: the URI without its scheme, slashes as underscores. */
export function listFileName(uri: string): string {
  return uri.replace(/^[a-z]+:\/\//, '').replace(/\/+/g, '_');
}

/** The index files of a source: [InRelease, Packages] paths (Packages only for flat repositories). */
export function listPaths(e: SourceEntry): { inRelease: string; packages?: string } {
  if (e.suite === '/') {
    return { inRelease: `${LISTS_DIR}/${listFileName(`${e.uri}/InRelease`)}`, packages: `${LISTS_DIR}/${listFileName(`${e.uri}/Packages`)}` };
  }
  return { inRelease: `${LISTS_DIR}/${listFileName(`${e.uri}/dists/${e.suite}/InRelease`)}` };
}

export function packagesIndex(repo: Repository): string {
  return formatStanzas(
    repo.packages.map((p) => {
      const s = controlStanza(p, '');
      s.delete('Status');
      s.set('Filename', `amd64/${p.name}_${p.version}_amd64.deb`);
      s.set('Size', String(p.size));
      return s;
    }),
  );
}

export function inReleaseText(repo: Repository): string {
  return `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: ${repo.releaseString}\nLabel: ${repo.releaseString}\nArchitectures: amd64 arm64 ppc64le s390x\n`;
}

/** Packages available from one source, as its downloaded list has them. */
export function readList(fs: VirtualFS, e: SourceEntry): DebPackage[] {
  const paths = listPaths(e);
  const text = paths.packages ? fs.readFileIfExists(paths.packages) : undefined;
  if (!text) return [];
  return parseStanzas(text).map((s) => ({
    name: s.get('Package')!,
    version: s.get('Version') ?? '',
    size: Number(s.get('Size') ?? 0),
    installedSize: Number(s.get('Installed-Size') ?? 0),
    depends: s.get('Depends'),
    section: s.get('Section') ?? 'admin',
    priority: s.get('Priority') ?? 'optional',
    maintainer: s.get('Maintainer') ?? '',
    description: s.get('Description') ?? '',
    homepage: s.get('Homepage'),
  }));
}
