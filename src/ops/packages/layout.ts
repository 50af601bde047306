/**
 * A node's package state as the exam image has it: the Ubuntu and pkgs.k8s.io sources (the
 * repository of the cluster's minor version), lists as of the last `apt-get update`, and
 * kubeadm, kubelet and kubectl of the cluster's version installed and held, as the kubeadm
 * installation guide leaves them. Only missing files are written, so a scenario can change any.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import { parseVersion } from '../releases.js';
import { DpkgDb, STATUS_PATH, type Stanza, formatStanzas } from './dpkg.js';
import { k8sRepository, type DebPackage } from './repository.js';
import { readSources } from './sources.js';
import { runUpdate } from './update.js';

export const KUBERNETES_LIST = '/etc/apt/sources.list.d/kubernetes.list';
const UBUNTU_SOURCES = '/etc/apt/sources.list.d/ubuntu.sources';

const UBUNTU_SOURCES_TEXT = `Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
`;

export function kubernetesListLine(minor: number): string {
  return `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb/ /\n`;
}

/** Packages of the base image that are not Kubernetes' own (dpkg -l shows them). */
const BASE: [string, string, string][] = [
  ['containerd', '1.7.27-0ubuntu1~24.04.1', 'daemon to control runC'],
  ['conntrack', '1:1.4.8-1ubuntu1', 'Program to modify the conntrack tables'],
  ['ebtables', '2.0.11-6build1', 'Ethernet bridge frame table administration'],
  ['socat', '1.8.0.0-4build3', 'multipurpose relay for bidirectional data transfer'],
];

export function writePackageState(fs: VirtualFS, clusterVersion: string): void {
  const v = parseVersion(clusterVersion);
  if (!v) return;
  if (!fs.exists('/etc/apt/sources.list')) fs.writeFile('/etc/apt/sources.list', '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n', { parents: true });
  if (!fs.exists(UBUNTU_SOURCES)) fs.writeFile(UBUNTU_SOURCES, UBUNTU_SOURCES_TEXT, { parents: true });
  if (!fs.exists(KUBERNETES_LIST)) fs.writeFile(KUBERNETES_LIST, kubernetesListLine(v.minor), { parents: true });
  if (!fs.exists('/etc/apt/keyrings/kubernetes-apt-keyring.gpg')) fs.writeFile('/etc/apt/keyrings/kubernetes-apt-keyring.gpg', '\u0099\u0001\rpkgs.k8s.io release key\n', { parents: true });
  if (!fs.exists('/var/lib/apt/lists/lock')) {
    const sources = readSources(fs);
    if (sources.ok) runUpdate(fs, sources.entries);
    fs.writeFile('/var/lib/apt/lists/lock', '', { parents: true, mode: 0o640 });
  }
  if (fs.exists(STATUS_PATH)) return;
  const repo = k8sRepository(v.minor);
  const pick = (name: string, version?: string): DebPackage | undefined => repo?.packages.filter((p) => p.name === name && (!version || p.version === version)).at(-1);
  const base: Stanza[] = BASE.map(([name, version, description]) => new Map([['Package', name], ['Status', 'install ok installed'], ['Priority', 'optional'], ['Section', 'admin'], ['Architecture', 'amd64'], ['Version', version], ['Description', description]]));
  fs.writeFile(STATUS_PATH, formatStanzas(base), { parents: true });
  const db = new DpkgDb(fs);
  const deb = `${v.major}.${v.minor}.${v.patch}-1.1`;
  for (const name of ['cri-tools', 'kubernetes-cni']) {
    const p = pick(name);
    if (p) db.install(p);
  }
  for (const name of ['kubeadm', 'kubelet', 'kubectl']) {
    const p = pick(name, deb);
    if (!p) continue;
    db.install(p);
    db.setHold(name, true);
  }
  db.save();
}
