/**
 * dpkg's database on a node: /var/lib/dpkg/status holds every installed package's control
 * stanza, with `hold` as its selection when apt-mark held it. Installing a Kubernetes package
 * also replaces its binary, which carries its version: what `kubeadm version`, `kubelet
 * --version` and a restarted kubelet report.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import type { DebPackage } from './repository.js';

export const STATUS_PATH = '/var/lib/dpkg/status';

export type Stanza = Map<string, string>;

export function parseStanzas(text: string): Stanza[] {
  const out: Stanza[] = [];
  for (const block of text.split(/\n\n+/)) {
    const s: Stanza = new Map();
    let last = '';
    for (const line of block.split('\n')) {
      if (!line) continue;
      if (/^\s/.test(line) && last) {
        s.set(last, `${s.get(last)}\n${line}`);
        continue;
      }
      const c = line.indexOf(':');
      if (c < 0) continue;
      last = line.slice(0, c);
      s.set(last, line.slice(c + 1).trim());
    }
    if (s.has('Package')) out.push(s);
  }
  return out;
}

export function formatStanzas(stanzas: readonly Stanza[]): string {
  return stanzas.map((s) => [...s].map(([k, v]) => `${k}: ${v}`).join('\n') + '\n').join('\n');
}

export interface Installed {
  name: string;
  version: string;
  hold: boolean;
}

export class DpkgDb {
  private readonly stanzas: Stanza[];

  constructor(private readonly fs: VirtualFS) {
    this.stanzas = parseStanzas(fs.readFileIfExists(STATUS_PATH) ?? '');
  }

  installed(name: string): Installed | undefined {
    const s = this.stanzas.find((x) => x.get('Package') === name);
    if (!s || !/installed$/.test(s.get('Status') ?? '')) return undefined;
    return { name, version: s.get('Version') ?? '', hold: (s.get('Status') ?? '').startsWith('hold ') };
  }

  all(): Installed[] {
    return this.stanzas.map((s) => this.installed(s.get('Package')!)).filter((x): x is Installed => !!x);
  }

  description(name: string): string {
    return (this.stanzas.find((x) => x.get('Package') === name)?.get('Description') ?? '').split('\n')[0]!;
  }

  /** Installed-Size (KiB) of the installed version. */
  installedSize(name: string): number {
    return Number(this.stanzas.find((x) => x.get('Package') === name)?.get('Installed-Size') ?? 0);
  }

  architecture(name: string): string {
    return this.stanzas.find((x) => x.get('Package') === name)?.get('Architecture') ?? 'amd64';
  }

  setHold(name: string, hold: boolean): void {
    const s = this.stanzas.find((x) => x.get('Package') === name);
    if (!s) return;
    s.set('Status', `${hold ? 'hold' : 'install'} ok installed`);
  }

  /** Records a package version as installed (keeping a hold) and writes its binary. */
  install(pkg: DebPackage): void {
    const old = this.stanzas.find((x) => x.get('Package') === pkg.name);
    const hold = old ? (old.get('Status') ?? '').startsWith('hold ') : false;
    const s = controlStanza(pkg, `${hold ? 'hold' : 'install'} ok installed`);
    if (old) this.stanzas.splice(this.stanzas.indexOf(old), 1, s);
    else this.stanzas.push(s);
    writeBinary(this.fs, pkg.name, pkg.version);
  }

  save(): void {
    const sorted = [...this.stanzas].sort((a, b) => (a.get('Package')! < b.get('Package')! ? -1 : 1));
    this.fs.writeFile(STATUS_PATH, formatStanzas(sorted), { parents: true });
  }
}

export function controlStanza(pkg: DebPackage, status: string): Stanza {
  const s: Stanza = new Map([
    ['Package', pkg.name],
    ['Status', status],
    ['Priority', pkg.priority],
    ['Section', pkg.section],
    ['Installed-Size', String(pkg.installedSize)],
    ['Maintainer', pkg.maintainer],
    ['Architecture', 'amd64'],
    ['Version', pkg.version],
  ]);
  if (pkg.depends) s.set('Depends', pkg.depends);
  s.set('Description', pkg.description);
  if (pkg.homepage) s.set('Homepage', pkg.homepage);
  return s;
}

/** The program a package installs, by package name. */
export const PACKAGE_BINARIES: Record<string, string> = { kubeadm: '/usr/bin/kubeadm', kubelet: '/usr/bin/kubelet', kubectl: '/usr/bin/kubectl', 'cri-tools': '/usr/bin/crictl' };

function writeBinary(fs: VirtualFS, pkg: string, debVersion: string): void {
  const path = PACKAGE_BINARIES[pkg];
  if (!path) return;
  const name = path.slice(path.lastIndexOf('/') + 1);
  fs.writeFile(path, `\u007fELF simulated ${name} v${upstream(debVersion)}\n`, { parents: true, mode: 0o755 });
}

/** "1.33.2-1.1" -> "1.33.2". */
export function upstream(debVersion: string): string {
  return debVersion.replace(/-[^-]*$/, '');
}

/** The version a Kubernetes binary on disk was built as ("v1.33.2"), if it carries one. */
export function binaryVersion(fs: VirtualFS, program: 'kubeadm' | 'kubelet' | 'kubectl'): string | undefined {
  const text = fs.readFileIfExists(`/usr/bin/${program}`);
  return text ? /simulated \S+ (v\d+\.\d+\.\d+)/.exec(text)?.[1] : undefined;
}
