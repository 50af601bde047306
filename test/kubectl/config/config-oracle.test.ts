/**
 * `kubectl config` against kubectl 1.33, which runs it fully offline: each scenario is a
 * sequence of command lines run by both kubectls on the same kubeconfig files (same absolute
 * paths on disk and in the simulation), comparing stdout, stderr and exit status after every
 * line and the kubeconfig files byte for byte at the end.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir } from '../verbs/harness.js';
import type { Session } from '../../../src/session/session.js';
import { buildKubeconfig, serializeKubeconfig } from '../../../src/pki/kubeconfig.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

interface Scenario {
  name: string;
  /** Files written (relative to the work directory) before the lines run. */
  files?: Record<string, string>;
  /** KUBECONFIG for every line (relative names are made absolute in the work directory). */
  kubeconfig: string;
  lines: string[];
  /** Kubeconfig files to compare afterwards. */
  compare: string[];
}

/** An admin.conf as kubeadm writes it (the simulation's own builder: the input both kubectls read). */
const ADMIN = serializeKubeconfig(
  buildKubeconfig({ clusterName: 'kubernetes', server: 'https://192.168.100.2:6443', caPem: CERT, userName: 'kubernetes-admin', clientCertPem: CERT, clientKeyPem: 'KEY\n' }),
);

function sortedLines(text: string): string {
  const [head, ...rest] = text.split('\n').filter(Boolean);
  return [head, ...rest.sort()].map((l) => l + '\n').join('');
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a new user, cluster and context the exam way',
    files: { 'a/.kube/config': ADMIN, 'a/jane.crt': CERT, 'a/jane.key': 'KEY\n', 'a/.kube/ca.crt': CERT },
    kubeconfig: 'a/.kube/config',
    lines: [
      'kubectl config get-contexts',
      'kubectl config set-credentials jane --client-certificate=a/jane.crt --client-key=a/jane.key',
      'kubectl config set-credentials jane --client-certificate=a/jane.crt --client-key=a/jane.key --embed-certs=true',
      'kubectl config set-credentials bob --token=s3cret',
      'kubectl config set-credentials bob --username=bob --password=pw',
      'kubectl config set-credentials bob --token=t --username=u',
      'kubectl config set-credentials carl --embed-certs',
      'kubectl config set-credentials carl --embed-certs --client-key=nope.key',
      'kubectl config set-credentials carl --client-certificate=a/.kube/ca.crt',
      'kubectl config set-cluster other --server=https://10.0.0.1:6443 --certificate-authority=a/.kube/ca.crt',
      'kubectl config set-cluster other --embed-certs --certificate-authority=a/.kube/ca.crt',
      'kubectl config set-cluster other --insecure-skip-tls-verify=true',
      'kubectl config set-cluster other --insecure-skip-tls-verify --certificate-authority=x',
      'kubectl config set-cluster other --embed-certs',
      'kubectl config set-cluster other --embed-certs --certificate-authority=/nope/ca.crt',
      'kubectl config set-cluster bare --tls-server-name=x --proxy-url=http://proxy:3128',
      'kubectl config set-context jane@kubernetes --cluster=kubernetes --user=jane --namespace=dev',
      'kubectl config set-context jane@kubernetes --namespace=prod',
      'kubectl config set-context --current --namespace=kube-system',
      'kubectl config set-context --current jane@kubernetes',
      'kubectl config set-context',
      'kubectl config set-context a b',
      'kubectl config get-contexts',
      'kubectl config get-contexts --no-headers',
      'kubectl config get-contexts -o name',
      'kubectl config get-contexts jane@kubernetes',
      'kubectl config get-contexts nope',
      'kubectl config get-contexts nope other',
      'kubectl config get-contexts -o wide',
      'kubectl config get-clusters',
      'kubectl config get-users',
      'kubectl config use-context jane@kubernetes',
      'kubectl config use-context nope',
      'kubectl config use-context',
      'kubectl config use jane@kubernetes',
      'kubectl config current-context',
      'kubectl config view',
      'kubectl config view --raw',
      'kubectl config view --minify',
      'kubectl config view --minify --raw -o json',
      'kubectl config view -o json',
      "kubectl config view -o jsonpath='{.users[*].name}'",
      `kubectl config view -o jsonpath='{.contexts[?(@.name=="jane@kubernetes")].context.namespace}'`,
      "kubectl config view --raw -o jsonpath='{.users[?(@.name==\"bob\")].user.password}'",
      "kubectl config view -o go-template='{{range .clusters}}{{.name}} {{end}}'",
      'kubectl config view -o name',
      'kubectl config view -o wide',
      'kubectl config view extra',
      'kubectl config view --merge=false',
      'kubectl config rename-context jane@kubernetes jane',
      'kubectl config rename-context nope x',
      'kubectl config rename-context jane kubernetes-admin@kubernetes',
      'kubectl config rename-context jane',
      'kubectl config current-context',
      'kubectl config delete-context kubernetes-admin@kubernetes',
      'kubectl config delete-context jane',
      'kubectl config delete-context jane',
      'kubectl config delete-context',
      'kubectl config current-context',
      'kubectl config view --minify',
      'kubectl config delete-cluster bare',
      'kubectl config delete-cluster bare',
      'kubectl config delete-cluster',
      'kubectl config delete-user carl',
      'kubectl config delete-user carl',
      'kubectl config delete-user',
    ],
    compare: ['a/.kube/config'],
  },
  {
    name: 'config set and unset',
    files: { 'b/config': ADMIN },
    kubeconfig: 'b/config',
    lines: [
      'kubectl config set current-context nowhere',
      'kubectl config set contexts.kubernetes-admin@kubernetes.namespace shop',
      'kubectl config set contexts.new.cluster kubernetes',
      'kubectl config set clusters.10.0.0.1.server https://10.0.0.1:6443',
      'kubectl config set clusters.10.0.0.1.insecure-skip-tls-verify true',
      'kubectl config set clusters.10.0.0.1.insecure-skip-tls-verify maybe',
      "kubectl config set clusters.kubernetes.certificate-authority-data $(printf hello | base64)",
      'kubectl config set users.kubernetes-admin.client-key-data raw-text --set-raw-bytes=true',
      'kubectl config set users.kubernetes-admin.token abc',
      'kubectl config set users.x.act-as admin',
      'kubectl config set preferences.colors true',
      'kubectl config set nope.x 1',
      'kubectl config set current-context',
      "kubectl config set current-context ''",
      'kubectl config set',
      'kubectl config view --raw',
      'kubectl config unset contexts.kubernetes-admin@kubernetes.namespace',
      'kubectl config unset clusters.10.0.0.1',
      'kubectl config unset users.nope.token',
      'kubectl config unset nope',
      'kubectl config unset users.x',
      'kubectl config unset current-context',
      'kubectl config current-context',
      'kubectl config unset',
      'kubectl config view --raw',
    ],
    compare: ['b/config'],
  },
  {
    name: '$KUBECONFIG with several files: merged reads, writes to the file that owns the entry',
    files: {
      'c/one': 'apiVersion: v1\nkind: Config\nclusters:\n- name: shared\n  cluster: {server: "https://one"}\nusers:\n- name: u1\n  user: {token: t1}\ncontexts:\n- name: c1\n  context: {cluster: shared, user: u1}\n',
      'c/two': 'apiVersion: v1\nkind: Config\nclusters:\n- name: shared\n  cluster: {server: "https://two"}\n- name: only2\n  cluster: {server: "https://only2"}\ncontexts:\n- name: c2\n  context: {cluster: only2, user: u1, namespace: ns2}\ncurrent-context: c2\n',
    },
    kubeconfig: 'c/missing:c/one:c/two',
    lines: [
      'kubectl config view',
      'kubectl config get-contexts',
      'kubectl config current-context',
      'kubectl config use-context c1',
      'kubectl config set-context c2 --namespace=changed',
      'kubectl config set-context c3 --cluster=only2',
      'kubectl config delete-cluster only2',
      'kubectl config view',
    ],
    compare: ['c/one', 'c/two'],
  },
  {
    name: 'help texts and the bare group',
    kubeconfig: 'd/config',
    lines: [
      'kubectl config',
      'kubectl config --help',
      'kubectl config bogus',
      ...['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'].map(
        (c) => `kubectl config ${c} --help`,
      ),
      'kubectl config view',
      'kubectl config get-contexts',
      'kubectl config current-context',
      'kubectl config set-credentials',
      'kubectl config set-cluster',
      'kubectl config set-cluster e2e --server=https://1.2.3.4',
    ],
    compare: ['d/config'],
  },
];

describe.skipIf(!hasKubectl())('kubectl config matches kubectl 1.33', () => {
  let session: Session;
  let w: Workdir;
  beforeAll(async () => {
    session = boot();
    w = new Workdir();
    // the work directory belongs to the candidate, as the real one belongs to the test's user
    await ours(session, w, 'true');
  });
  afterAll(() => w.cleanup());

  for (const s of SCENARIOS) {
    it(s.name, async () => {
      for (const [path, content] of Object.entries(s.files ?? {})) w.write(session, path, content);
      const kubeconfig = s.kubeconfig
        .split(':')
        .map((p) => join(w.dir, p))
        .join(':');
      for (const line of s.lines) {
        const full = `KUBECONFIG=${kubeconfig} ${line}`;
        const real = w.real(full);
        const mine = await ours(session, w, full);
        // get-clusters and get-users print Go map order (random); ours is sorted
        if (/get-(clusters|users)$/.test(line)) real.stdout = sortedLines(real.stdout);
        expect({ line, ...mine }).toEqual({ line, ...real });
      }
      for (const file of s.compare) {
        const path = join(w.dir, file);
        const real = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
        expect({ file, content: session.world.workstation.fs.readFileIfExists(path) }).toEqual({ file, content: real });
      }
    });
  }
});

describe.skipIf(hasKubectl())('kubectl config oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
