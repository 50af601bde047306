/**
 * What `kubeadm upgrade` reads of a cluster: the version of each control-plane component per node
 * (from its static pod's image tag), of each kubelet (Node status), of kube-proxy and CoreDNS,
 * and the release channels it resolves against the kubeadm binary's own version.
 */
import type { ApiClient } from '../../api/client.js';
import type { KObject } from '../../api/types.js';
import { imageTag } from '../../node/process.js';
import { compareVersions, latestOfMinor, parseVersion, STABLE, bare } from '../releases.js';

export type NodeVersions = Map<string, string[]>; // version -> node names

export function componentVersions(client: ApiClient, component: string): NodeVersions {
  const out: NodeVersions = new Map();
  const pods = client.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['component'] === component && p.metadata.labels?.['tier'] === 'control-plane');
  for (const p of pods) {
    const image = (p['spec'] as { containers?: { image?: string }[] }).containers?.[0]?.image;
    const node = (p['spec'] as { nodeName?: string }).nodeName ?? '';
    const v = imageTag(image);
    out.set(v, [...(out.get(v) ?? []), node]);
  }
  return out;
}

export function kubeletVersions(client: ApiClient): NodeVersions {
  const out: NodeVersions = new Map();
  for (const n of client.list('nodes')) {
    const v = (n['status'] as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion ?? '';
    out.set(v, [...(out.get(v) ?? []), n.metadata.name ?? '']);
  }
  return out;
}

function imageOf(obj: KObject | undefined): string | undefined {
  return ((obj?.['spec'] as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers?.[0]?.image);
}

export function kubeProxyVersion(client: ApiClient): string {
  return bare(imageTag(imageOf(client.find('daemonsets.apps', 'kube-system', 'kube-proxy'))));
}

export function coreDnsVersion(client: ApiClient): string {
  const d = client.find('deployments.apps', 'kube-system', 'coredns');
  return d ? imageTag(imageOf(d)) : '';
}

/** The highest kube-apiserver version (kubeadm's cluster version). */
export function clusterVersion(apiservers: NodeVersions): string | undefined {
  const vs = [...apiservers.keys()].filter((v) => parseVersion(v));
  return vs.sort(compareVersions).at(-1);
}

/**
 * KubernetesReleaseVersion for a CI label, with validateStableVersion's fallback: a remote
 * "stable" newer than kubeadm's minor becomes stable-<kubeadm minor>.
 */
export function resolveLabel(label: string, kubeadm: string): { version?: string; fallback?: string } {
  if (label === 'stable') {
    const remote = parseVersion(STABLE)!;
    const client = parseVersion(kubeadm)!;
    if (client.major < remote.major || (client.major === remote.major && client.minor < remote.minor)) {
      return { version: latestOfMinor(client.minor), fallback: `stable-${client.major}.${client.minor}` };
    }
    return { version: STABLE };
  }
  const m = /^stable-(\d+)\.(\d+)$/.exec(label);
  return { version: m ? latestOfMinor(Number(m[2])) : undefined };
}
