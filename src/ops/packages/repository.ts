/**
 * The package repositories a node can reach: pkgs.k8s.io's per-minor Debian repositories
 * (served through prod-cdn.packages.k8s.io, whose URL apt prints) with kubeadm, kubelet, kubectl,
 * cri-tools and kubernetes-cni, and the Ubuntu archive, whose own packages are not modelled.
 */
import { RELEASES, parseVersion } from '../releases.js';

export interface DebPackage {
  name: string;
  version: string;
  /** .deb size in bytes (apt's "Need to get"). */
  size: number;
  /** Installed-Size in KiB. */
  installedSize: number;
  depends?: string;
  section: string;
  priority: string;
  maintainer: string;
  description: string;
  homepage?: string;
}

export interface Repository {
  /** The URI as sources.list names it, without a trailing slash: https://pkgs.k8s.io/core:/stable:/v1.33/deb */
  uri: string;
  /** The flat repository's suite "/" or a dist such as "noble-updates". */
  suite: string;
  /** The URL apt shows for downloads (after pkgs.k8s.io's redirect). */
  fetchUri: string;
  /** "isv:kubernetes:core:stable:v1.33:pkgs.k8s.io" (apt's release string). */
  releaseString: string;
  inReleaseBytes: number;
  packagesBytes: number;
  packages: DebPackage[];
}

const K8S_MAINTAINER = 'Kubernetes Authors <dev@kubernetes.io>';

const DESCRIPTIONS: Record<string, string> = {
  kubeadm: 'Command-line utility for administering a Kubernetes cluster\n Command-line utility for deploying and administering a Kubernetes cluster.',
  kubectl: 'Command-line utility for interacting with a Kubernetes cluster\n Command-line utility for interacting with a Kubernetes cluster.',
  kubelet: 'Node agent for Kubernetes clusters\n Node agent for Kubernetes clusters.',
  'cri-tools': 'Command-line utility for interacting with a container runtime\n Command-line utility for interacting with a container runtime.',
  'kubernetes-cni': 'Binaries required to provision kubernetes container networking\n Binaries required to provision container networking.',
};

/** Sizes grow a little with each patch, so an upgrade reports a disk-space delta as apt does. */
function k8sPackage(name: string, version: string, minor: number, patch: number): DebPackage {
  const base: Record<string, [number, number]> = { kubeadm: [12_374_000, 70_164], kubectl: [11_592_000, 57_512], kubelet: [15_718_000, 78_836] };
  const [size, installed] = base[name]!;
  const grow = (minor - 33) * 40 + patch * 2;
  const depends: Record<string, string | undefined> = {
    kubeadm: 'cri-tools (>= 1.30.0)',
    kubectl: undefined,
    kubelet: 'iptables (>= 1.4.21), kubernetes-cni (>= 1.2.0), iproute2, socat, util-linux, mount, ethtool, ebtables, conntrack',
  };
  return { name, version, size: size + grow * 1_000, installedSize: installed + grow * 4, depends: depends[name], section: 'admin', priority: 'optional', maintainer: K8S_MAINTAINER, description: DESCRIPTIONS[name]!, homepage: 'https://kubernetes.io' };
}

function toolPackage(name: 'cri-tools' | 'kubernetes-cni', version: string): DebPackage {
  const sizes = { 'cri-tools': [17_163_000, 78_940], 'kubernetes-cni': [35_903_000, 112_318] } as const;
  return { name, version, size: sizes[name][0], installedSize: sizes[name][1], section: 'admin', priority: 'optional', maintainer: K8S_MAINTAINER, description: DESCRIPTIONS[name]!, homepage: 'https://kubernetes.io' };
}

/** The pkgs.k8s.io repository of one minor line, or undefined when it does not exist. */
export function k8sRepository(minor: number): Repository | undefined {
  const releases = RELEASES.filter((r) => parseVersion(r.version)!.minor === minor);
  if (releases.length === 0) return undefined;
  const packages: DebPackage[] = [];
  for (const r of releases) {
    const v = parseVersion(r.version)!;
    for (const name of ['kubeadm', 'kubectl', 'kubelet']) packages.push(k8sPackage(name, `${v.major}.${v.minor}.${v.patch}-1.1`, v.minor, v.patch));
  }
  packages.push(toolPackage('cri-tools', `1.${minor}.0-1.1`));
  packages.push(toolPackage('kubernetes-cni', minor >= 34 ? '1.7.1-1.1' : '1.6.0-1.1'));
  return {
    uri: `https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb`,
    suite: '/',
    fetchUri: `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.${minor}/deb`,
    releaseString: `isv:kubernetes:core:stable:v1.${minor}:pkgs.k8s.io`,
    inReleaseBytes: 1_227,
    packagesBytes: 2_100 + packages.length * 820,
    packages,
  };
}

/** The repository a sources entry names, or why apt cannot fetch it. */
export type RepoLookup = { ok: true; repo: Repository } | { ok: false; kind: 'forbidden' | 'unresolvable'; host: string };

export function findRepository(uri: string, suite: string): RepoLookup {
  const clean = uri.replace(/\/+$/, '');
  const host = /^[a-z]+:\/\/([^/]+)/.exec(clean)?.[1] ?? clean;
  const k8s = /^https?:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.(\d+)\/deb$/.exec(clean);
  if (k8s) {
    const repo = k8sRepository(Number(k8s[1]));
    return repo && suite === '/' ? { ok: true, repo } : { ok: false, kind: 'forbidden', host };
  }
  if (host === 'archive.ubuntu.com' || host === 'security.ubuntu.com' || host.endsWith('.archive.ubuntu.com')) {
    return { ok: true, repo: { uri: clean, suite, fetchUri: clean, releaseString: `Ubuntu:24.04/${suite}`, inReleaseBytes: 126_000, packagesBytes: 0, packages: [] } };
  }
  return { ok: false, kind: 'unresolvable', host };
}
