/**
 * apt's view of a node: the versions each configured source's downloaded list offers, the
 * installed versions and holds from dpkg, and the candidate (highest version, all sources at
 * priority 500). Versions compare by dpkg's rules.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import { DpkgDb } from './dpkg.js';
import { readList } from './lists.js';
import type { DebPackage } from './repository.js';
import { findRepository } from './repository.js';
import { readSources, type SourceEntry } from './sources.js';

export interface Available {
  pkg: DebPackage;
  source: SourceEntry;
  /** Where apt downloads it from (prod-cdn for pkgs.k8s.io). */
  fetchUri: string;
  releaseString: string;
}

export type CacheResult = { ok: true; cache: AptCache } | { ok: false; errors: string[] };

export class AptCache {
  readonly dpkg: DpkgDb;
  private readonly available = new Map<string, Available[]>();

  constructor(
    readonly fs: VirtualFS,
    readonly sources: SourceEntry[],
  ) {
    this.dpkg = new DpkgDb(fs);
    for (const source of sources) {
      const repo = findRepository(source.uri, source.suite);
      for (const pkg of readList(fs, source)) {
        const list = this.available.get(pkg.name) ?? [];
        list.push({ pkg, source, fetchUri: repo.ok ? repo.repo.fetchUri : source.uri, releaseString: repo.ok ? repo.repo.releaseString : source.uri });
        this.available.set(pkg.name, list);
      }
    }
    for (const list of this.available.values()) list.sort((a, b) => compareDebVersions(b.pkg.version, a.pkg.version));
  }

  static open(fs: VirtualFS): CacheResult {
    const sources = readSources(fs);
    if (!sources.ok) return { ok: false, errors: sources.errors };
    return { ok: true, cache: new AptCache(fs, sources.entries) };
  }

  /** Every version of a package the lists offer, newest first. */
  versions(name: string): Available[] {
    return this.available.get(name) ?? [];
  }

  knows(name: string): boolean {
    return this.available.has(name) || !!this.dpkg.installed(name);
  }

  candidate(name: string): Available | undefined {
    return this.versions(name)[0];
  }

  /** Installed packages a newer candidate exists for. */
  upgradable(): { name: string; from: string; to: Available }[] {
    const out: { name: string; from: string; to: Available }[] = [];
    for (const inst of this.dpkg.all()) {
      const c = this.candidate(inst.name);
      if (c && compareDebVersions(c.pkg.version, inst.version) > 0) out.push({ name: inst.name, from: inst.version, to: c });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}

/** dpkg's version comparison: epoch, then upstream and revision by verrevcmp. */
export function compareDebVersions(a: string, b: string): number {
  const split = (v: string) => {
    const c = v.indexOf(':');
    const epoch = c >= 0 ? Number(v.slice(0, c)) : 0;
    const rest = c >= 0 ? v.slice(c + 1) : v;
    const d = rest.lastIndexOf('-');
    return { epoch, up: d >= 0 ? rest.slice(0, d) : rest, rev: d >= 0 ? rest.slice(d + 1) : '' };
  };
  const x = split(a);
  const y = split(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return verrevcmp(x.up, y.up) || verrevcmp(x.rev, y.rev);
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (/[0-9]/.test(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !/[0-9]/.test(a[i]!)) || (j < b.length && !/[0-9]/.test(b[j]!))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /[0-9]/.test(a[i]!) && j < b.length && /[0-9]/.test(b[j]!)) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /[0-9]/.test(a[i]!)) return 1;
    if (j < b.length && /[0-9]/.test(b[j]!)) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** apt's SizeToStr, with the "B" unit appended: "1,227 B", "12.4 MB", "7,090 kB". */
export function aptSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let size = Math.abs(bytes);
  for (let i = 0; i < units.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${units[i]}B`;
    if (size < 10000) return `${Math.round(size).toLocaleString('en-US')} ${units[i]}B`;
    size /= 1000;
  }
  return `${size.toFixed(1)} PB`;
}
