/**
 * Kubernetes releases as the simulated internet knows them on the exam date (the virtual clock
 * starts 2026-01-01): build info `kubeadm version` prints, the etcd and CoreDNS versions each
 * kubeadm release installs, and the release channels (dl.k8s.io stable.txt, stable-1.X.txt)
 * `kubeadm upgrade plan` reads. Where the real commit is not recorded, a fixed stand-in is used.
 */

export interface Release {
  version: string;
  commit: string;
  buildDate: string;
  goVersion: string;
  etcd: string;
  coredns: string;
}

const r = (version: string, commit: string, buildDate: string, goVersion: string, etcd: string, coredns: string): Release => ({ version, commit, buildDate, goVersion, etcd, coredns });

export const RELEASES: readonly Release[] = [
  r('v1.33.0', '60a317eadfcb839692a68eab88b2096f4d708f4f', '2025-04-23T13:05:48Z', 'go1.24.2', '3.5.21-0', 'v1.12.0'),
  r('v1.33.1', '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', '2025-05-15T08:19:47Z', 'go1.24.2', '3.5.21-0', 'v1.12.0'),
  r('v1.33.2', 'a57b6f7709f6c2722b92f07b8b4c48210a51fc40', '2025-06-17T18:39:42Z', 'go1.24.4', '3.5.21-0', 'v1.12.0'),
  r('v1.33.3', '80779bd6ff08b451e1c165a338a7b69351e9b0b8', '2025-07-15T18:05:14Z', 'go1.24.4', '3.5.21-0', 'v1.12.0'),
  r('v1.33.4', '74cdb426e2ce4e0e2deb0d8c4e37b39cc39b1ee5', '2025-08-12T18:02:48Z', 'go1.24.5', '3.5.21-0', 'v1.12.0'),
  r('v1.33.5', 'b7c4b8f2b9f8ab6da9a1c4de0c8a57e4e8d6e8f1', '2025-09-09T19:44:52Z', 'go1.24.6', '3.5.21-0', 'v1.12.0'),
  r('v1.33.6', '1e09fec02ac194c1044224e45e60d249e98cd092', '2025-11-11T19:13:44Z', 'go1.24.9', '3.5.24-0', 'v1.12.0'),
  r('v1.33.7', '5b1f4e5bd1c46f5a3c9d0e8b2a7f6c4d3e2b1a09', '2025-12-09T20:06:21Z', 'go1.24.11', '3.5.24-0', 'v1.12.0'),
  r('v1.34.0', 'f28b4c9efbca5c5c0af716d9f2d5702667ee8a45', '2025-08-27T10:09:10Z', 'go1.24.6', '3.6.4-0', 'v1.12.1'),
  r('v1.34.1', '93248f9ae092f571eb870b7664c534bfc7d00f03', '2025-09-09T19:43:15Z', 'go1.24.6', '3.6.4-0', 'v1.12.1'),
  r('v1.34.2', '8cc511e399b929453cd98ae65b419c3cc227ec79', '2025-11-11T19:10:12Z', 'go1.24.9', '3.6.5-0', 'v1.12.1'),
  r('v1.34.3', 'df11db1c0f08fab3c0baee1e5ce6efbf816af7f1', '2025-12-09T20:05:31Z', 'go1.24.11', '3.6.5-0', 'v1.12.1'),
  r('v1.35.0', '66452049f3d692768c39c797b21b793dce80314e', '2025-12-17T12:32:06Z', 'go1.25.5', '3.6.6-0', 'v1.13.1'),
];

/** dl.k8s.io/release/stable.txt on the simulated date. */
export const STABLE = 'v1.35.0';

export function release(version: string): Release | undefined {
  const v = version.startsWith('v') ? version : `v${version}`;
  return RELEASES.find((x) => x.version === v);
}

/** stable-1.X: the newest patch of a minor line. */
export function latestOfMinor(minor: number): string | undefined {
  const line = RELEASES.filter((x) => parseVersion(x.version)!.minor === minor);
  return line.length ? line[line.length - 1]!.version : undefined;
}

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

export function parseVersion(v: string): Semver | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? '' };
}

/** Semantic comparison (pre-releases sort before their release). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a)!;
  const y = parseVersion(b)!;
  for (const k of ['major', 'minor', 'patch'] as const) if (x[k] !== y[k]) return x[k] - y[k];
  if (x.pre === y.pre) return 0;
  if (x.pre === '') return 1;
  if (y.pre === '') return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** versionutil's String(): without the leading v. */
export function bare(v: string): string {
  return v.replace(/^v/, '');
}
