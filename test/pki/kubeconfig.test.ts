import { describe, expect, it } from 'vitest';
import { buildKubeconfig, parseKubeconfig, resolveKubeconfig, serializeKubeconfig, KubeconfigError } from '../../src/pki/kubeconfig.js';

const CA = '-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nS0VZ\n-----END RSA PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubeconfig', () => {
  it('serialises like client-go: sorted keys, unindented lists, one-line base64', () => {
    const yaml = serializeKubeconfig(
      buildKubeconfig({ clusterName: 'kubernetes', server: 'https://172.30.1.2:6443', caPem: CA, userName: 'kubernetes-admin', clientCertPem: CERT, clientKeyPem: KEY }),
    );
    expect(yaml).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(CA)}
    server: https://172.30.1.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: ${b64(CERT)}
    client-key-data: ${b64(KEY)}
`);
  });

  it('resolves the embedded-data form of the current context', () => {
    const cfg = parseKubeconfig(serializeKubeconfig(buildKubeconfig({ clusterName: 'k', server: 'https://1.2.3.4:6443', caPem: CA, userName: 'u', clientCertPem: CERT, clientKeyPem: KEY, namespace: 'shop' })));
    const r = resolveKubeconfig(cfg, () => 'unused', '/root/.kube/config');
    expect(r).toMatchObject({ contextName: 'u@k', server: 'https://1.2.3.4:6443', caPem: CA, clientCertPem: CERT, clientKeyPem: KEY, namespace: 'shop' });
  });

  it('reads file-path credentials relative to the kubeconfig\'s directory', () => {
    const files: Record<string, string> = { '/etc/kubernetes/pki/ca.crt': CA, '/var/lib/kubelet/pki/kubelet-client-current.pem': CERT + KEY };
    const cfg = parseKubeconfig(`apiVersion: v1
kind: Config
clusters:
- name: default-cluster
  cluster: {server: "https://10.0.0.1:6443", certificate-authority: pki/ca.crt}
contexts:
- name: default-context
  context: {cluster: default-cluster, user: default-auth, namespace: default}
current-context: default-context
users:
- name: default-auth
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`);
    const r = resolveKubeconfig(cfg, (p) => files[p] ?? '', '/etc/kubernetes/kubelet.conf');
    expect(r.caPem).toBe(CA);
    expect(r.clientCertPem).toBe(CERT + KEY);
  });

  it('names a missing context', () => {
    const cfg = parseKubeconfig('apiVersion: v1\nkind: Config\ncurrent-context: nope\n');
    expect(() => resolveKubeconfig(cfg, () => '', '/x')).toThrow(new KubeconfigError('context was not found for specified context: nope'));
  });
});
