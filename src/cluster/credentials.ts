/**
 * The credentials `kubeadm init` and `kubeadm join` leave behind, written at boot (the
 * `writeCredentials` boot hook): the full kubeadm PKI on the control-plane node, the join-time PKI
 * on workers (CA, kubelet.conf, rotated kubelet client certificate), every kubeconfig with an
 * embedded client certificate; and the RBAC objects kubeadm creates once the apiserver answers.
 */
import { firstServiceIp } from '../api/allocators.js';
import type { KObject } from '../api/types.js';
import { bindingObject, roleObject } from '../api/authz/bootstrap/index.js';
import { rule } from '../api/authz/bootstrap/rules.js';
import { KeySource } from '../pki/key-source.js';
import type { PrivateKey } from '../pki/keys.js';
import { writeControlPlanePki, writeWorkerPki } from '../pki/kubeadm.js';
import type { Rng } from '../util/rng.js';
import type { World } from './world.js';
import type { Cluster } from './cluster.js';
import { makeOpenssl } from '../pki/openssl/index.js';
import { boundClaims, issueToken } from '../api/authn/serviceaccount-token.js';
import { serviceAccountUser } from '../api/authn/serviceaccount.js';
import type { Program } from '../shell/types.js';

/**
 * One key source per world, so clusters of an exam draw different keys, and no two clusters (nor a
 * "wrong CA" a breakage mints) ever share a CA key: a foreign CA must fail verification.
 */
export class WorldKeySource extends KeySource {
  private readonly caKeys = new Set<string>();
  private caDrawsLeft = 0;

  /** The next `n` RSA draws are CA keys: distinct from every CA key drawn before. */
  expectCas(n: number): void {
    this.caDrawsLeft = n;
  }

  override rsa(): PrivateKey {
    if (this.caDrawsLeft === 0) return super.rsa();
    this.caDrawsLeft--;
    for (let i = 0; i < 200; i++) {
      const key = super.rsa();
      const id = key.publicKey.spkiDer.toString('base64');
      if (this.caKeys.has(id)) continue;
      this.caKeys.add(id);
      return key;
    }
    return super.rsa();
  }

  /** A CA key no cluster of this world uses (for wrong-CA breakages). */
  foreignCaKey(): PrivateKey {
    this.expectCas(1);
    return this.rsa();
  }
}

const worldKeys = new WeakMap<World, WorldKeySource>();

export function keysOf(world: World, rng: Rng): WorldKeySource {
  let keys = worldKeys.get(world);
  if (!keys) worldKeys.set(world, (keys = new WorldKeySource(rng.fork('world-pki'))));
  return keys;
}

/** The writeCredentials boot hook: kubeadm's PKI and kubeconfigs on every node of the cluster. */
export function writeClusterPki(cluster: Cluster): void {
  const cp = cluster.controlPlane();
  const clock = cluster.world.clock;
  const rng = cluster.rng.fork('pki');
  const keys = keysOf(cluster.world, cluster.world.rng);
  keys.expectCas(3);
  const pki = writeControlPlanePki(cp.fs, {
    nodeName: cp.hostname,
    nodeIp: cp.ip,
    clock,
    rng,
    keys,
    clusterName: cluster.spec.name,
    serviceIp: firstServiceIp(cluster.spec.serviceCidr),
    dnsDomain: cluster.spec.dnsDomain,
  });
  for (const node of cluster.nodes.values()) {
    if (node === cp) continue;
    writeWorkerPki(node.fs, { nodeName: node.hostname, nodeIp: node.ip, clock, rng: rng.fork(node.hostname), keys, ca: pki.ca, server: pki.server });
  }
}

const DEFAULT_NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/** kubeadm's RBAC (phases bootstrap-token, kubelet-start, addon kube-proxy, CoreDNS, admin.conf). */
export function kubeadmRbacObjects(): KObject[] {
  const group = (name: string) => ({ kind: 'Group' as const, name });
  const crb = (name: string, role: string, subjects: { kind: 'Group' | 'User' | 'ServiceAccount'; name: string; namespace?: string }[]) =>
    bindingObject({ name, role, subjects }, 'ClusterRoleBinding', undefined, false);
  const rb = (namespace: string, name: string, role: string, subjects: { kind: 'Group' | 'User' | 'ServiceAccount'; name: string; namespace?: string }[]) =>
    bindingObject({ name, role, roleKind: 'Role', subjects }, 'RoleBinding', namespace, false);
  return [
    crb('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')]),
    roleObject({ name: 'kubeadm:get-nodes', rules: [rule(['get'], [''], ['nodes'])] }, 'ClusterRole', undefined, false),
    crb('kubeadm:get-nodes', 'kubeadm:get-nodes', [group(DEFAULT_NODE_TOKEN_GROUP)]),
    crb('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(DEFAULT_NODE_TOKEN_GROUP)]),
    crb('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [group(DEFAULT_NODE_TOKEN_GROUP)]),
    crb('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group('system:nodes')]),
    crb('kubeadm:node-proxier', 'system:node-proxier', [{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }]),
    roleObject({ name: 'kubeadm:kubelet-config', rules: [rule(['get'], [''], ['configmaps'], ['kubelet-config'])] }, 'Role', 'kube-system', false),
    rb('kube-system', 'kubeadm:kubelet-config', 'kubeadm:kubelet-config', [group('system:nodes'), group(DEFAULT_NODE_TOKEN_GROUP)]),
    roleObject({ name: 'kubeadm:nodes-kubeadm-config', rules: [rule(['get'], [''], ['configmaps'], ['kubeadm-config'])] }, 'Role', 'kube-system', false),
    rb('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm:nodes-kubeadm-config', [group(DEFAULT_NODE_TOKEN_GROUP), group('system:nodes')]),
    roleObject({ name: 'kubeadm:bootstrap-signer-clusterinfo', rules: [rule(['get'], [''], ['configmaps'], ['cluster-info'])] }, 'Role', 'kube-public', false),
    rb('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'kubeadm:bootstrap-signer-clusterinfo', [{ kind: 'User', name: 'system:anonymous' }]),
    roleObject({ name: 'kube-proxy', rules: [rule(['get'], [''], ['configmaps'], ['kube-proxy'])] }, 'Role', 'kube-system', false),
    rb('kube-system', 'kube-proxy', 'kube-proxy', [group(DEFAULT_NODE_TOKEN_GROUP)]),
    roleObject(
      { name: 'system:coredns', rules: [rule(['list', 'watch'], [''], ['endpoints', 'services', 'pods', 'namespaces']), rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices'])] },
      'ClusterRole',
      undefined,
      false,
    ),
    crb('system:coredns', 'system:coredns', [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }]),
  ];
}

/** A bootstrap token Secret as `kubeadm init` or `kubeadm token create` writes it (24 h). */
export function bootstrapTokenSecret(cluster: Cluster): KObject {
  const rng = cluster.rng.fork('bootstrap-token');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = rng.string(6, alphabet);
  const secret = rng.string(16, alphabet);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const expiration = new Date(cluster.world.clock.now() + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: {
      'auth-extra-groups': b64(DEFAULT_NODE_TOKEN_GROUP),
      description: b64("The default bootstrap token generated by 'kubeadm init'."),
      expiration: b64(expiration),
      'token-id': b64(id),
      'token-secret': b64(secret),
      'usage-bootstrap-authentication': b64('true'),
      'usage-bootstrap-signing': b64('true'),
    },
  } as KObject;
}

/**
 * What `kubeadm init` creates once the apiserver answers: its RBAC. (Its 24-hour bootstrap token
 * has long expired and been cleaned up on the clusters an exam starts from.)
 */
export function kubeadmInitObjects(_cluster: Cluster): KObject[] {
  return kubeadmRbacObjects();
}

/**
 * The `openssl` every machine has in /usr/bin. New keys come from the committed pool in a seeded
 * order (never generated), so `openssl genrsa` is instant and a replayed session gets the same keys.
 */
export function opensslProgram(world: World, hostname: string): Program {
  const rng = world.rng.fork(`openssl:${hostname}`);
  return makeOpenssl({ clock: world.clock, rng, keys: new KeySource(rng.fork('keys')) });
}

/**
 * The token a kubelet mounts for a projected service-account volume: requested for 3607 s and,
 * as --service-account-extend-token-expiration does for kubelets, valid for a year with a
 * warnafter claim. Signed by the apiserver's key when it runs; otherwise an opaque in-process token.
 * The claims (and so the jti drawn from the RNG) are fixed now; the RSA signature, which costs
 * about half a millisecond, is made with the key of this moment when the token file is first read.
 */
export function kubeletServiceAccountToken(cluster: Cluster, namespace: string, serviceAccount: string): string | (() => string) {
  const sa = cluster.api.store.get('serviceaccounts', namespace, serviceAccount);
  const issuer = cluster.api.tokenIssuer;
  if (sa && issuer) {
    const now = Math.floor(cluster.world.clock.now() / 1000);
    const claims = boundClaims({ issuer: issuer.issuer, audiences: issuer.audiences, namespace, serviceAccount: { name: serviceAccount, uid: sa.metadata.uid }, now, expirationSeconds: EXTENDED_EXPIRATION_SECONDS, jti: cluster.rng.uuid() });
    (claims['kubernetes.io'] as Record<string, unknown>)['warnafter'] = now + KUBELET_TOKEN_SECONDS;
    const key = issuer.key;
    let token: string | undefined;
    return () => (token ??= issueToken(claims, key));
  }
  const token = `${cluster.rng.string(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}.${cluster.rng.string(43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_')}`;
  cluster.tokens.set(token, serviceAccountUser(namespace, serviceAccount));
  return token;
}

const KUBELET_TOKEN_SECONDS = 3607;
const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 3600;
