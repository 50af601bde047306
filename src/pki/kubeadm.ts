/**
 * The PKI `kubeadm init` and `kubeadm join` leave on a node's disk, certificate by certificate as
 * kubeadm v1.33 issues them (phases/certs/certlist.go, pkiutil), with the kubelet's own files.
 * Keys come from the committed pool, so writing a whole cluster's PKI generates no keys.
 */
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';
import type { VirtualFS } from '../vfs/fs.js';
import { createGoCertificate } from './cert.js';
import { createCsr, signCsrAsKubernetes } from './csr.js';
import { KeySource } from './key-source.js';
import type { PrivateKey } from './keys.js';
import { buildKubeconfig, serializeKubeconfig } from './kubeconfig.js';
import { type DistinguishedName, goName } from './names.js';
import { EKU } from './oids.js';
import { kubeadmSerial } from './serial.js';
import type { ParsedCert } from './x509.js';

export const KUBERNETES_DIR = '/etc/kubernetes';
export const PKI_DIR = '/etc/kubernetes/pki';
export const KUBELET_PKI_DIR = '/var/lib/kubelet/pki';
export const KUBELET_CLIENT_CURRENT = '/var/lib/kubelet/pki/kubelet-client-current.pem';

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
/** kubeadm backdates every certificate by 5 minutes to tolerate clock skew (CertificateBackdate). */
export const CERTIFICATE_BACKDATE_MS = 5 * MINUTE;
export const CERTIFICATE_VALIDITY_MS = 365 * DAY;
export const CA_CERTIFICATE_VALIDITY_MS = 10 * 365 * DAY;

export const CERT_MODE = 0o644;
export const KEY_MODE = 0o600;

export interface CaPair {
  cert: ParsedCert;
  key: PrivateKey;
}

/** What the certificate definitions need to know about the node and the cluster. */
export interface PkiContext {
  nodeName: string;
  nodeIp: string;
  serviceIp: string;
  dnsDomain: string;
}

export type CaName = 'ca' | 'front-proxy-ca' | 'etcd-ca';

export interface CaDefinition {
  name: CaName;
  baseName: string;
  commonName: string;
}

export const KUBEADM_CAS: readonly CaDefinition[] = [
  { name: 'ca', baseName: 'ca', commonName: 'kubernetes' },
  { name: 'front-proxy-ca', baseName: 'front-proxy-ca', commonName: 'front-proxy-ca' },
  { name: 'etcd-ca', baseName: 'etcd/ca', commonName: 'etcd-ca' },
];

export interface LeafDefinition {
  name: string;
  /** What `kubeadm certs renew` prints before " renewed". */
  longName: string;
  baseName: string;
  caName: CaName;
  commonName: (c: PkiContext) => string;
  organizations?: readonly string[];
  usages: readonly string[];
  altNames?: (c: PkiContext) => { dns: string[]; ips: string[] };
}

export const KUBEADM_LEAF_CERTS: readonly LeafDefinition[] = [
  {
    name: 'apiserver',
    longName: 'certificate for serving the Kubernetes API',
    baseName: 'apiserver',
    caName: 'ca',
    commonName: () => 'kube-apiserver',
    usages: [EKU.serverAuth],
    altNames: (c) => ({
      dns: [c.nodeName, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${c.dnsDomain}`],
      ips: [c.serviceIp, c.nodeIp],
    }),
  },
  {
    name: 'apiserver-kubelet-client',
    longName: 'certificate for the API server to connect to kubelet',
    baseName: 'apiserver-kubelet-client',
    caName: 'ca',
    commonName: () => 'kube-apiserver-kubelet-client',
    organizations: ['kubeadm:cluster-admins'],
    usages: [EKU.clientAuth],
  },
  {
    name: 'front-proxy-client',
    longName: 'certificate for the front proxy client',
    baseName: 'front-proxy-client',
    caName: 'front-proxy-ca',
    commonName: () => 'front-proxy-client',
    usages: [EKU.clientAuth],
  },
  {
    name: 'etcd-server',
    longName: 'certificate for serving etcd',
    baseName: 'etcd/server',
    caName: 'etcd-ca',
    commonName: (c) => c.nodeName,
    usages: [EKU.serverAuth, EKU.clientAuth],
    altNames: etcdAltNames,
  },
  {
    name: 'etcd-peer',
    longName: 'certificate for etcd nodes to communicate with each other',
    baseName: 'etcd/peer',
    caName: 'etcd-ca',
    commonName: (c) => c.nodeName,
    usages: [EKU.serverAuth, EKU.clientAuth],
    altNames: etcdAltNames,
  },
  {
    name: 'etcd-healthcheck-client',
    longName: 'certificate for liveness probes to healthcheck etcd',
    baseName: 'etcd/healthcheck-client',
    caName: 'etcd-ca',
    commonName: () => 'kube-etcd-healthcheck-client',
    usages: [EKU.clientAuth],
  },
  {
    name: 'apiserver-etcd-client',
    longName: 'certificate the apiserver uses to access etcd',
    baseName: 'apiserver-etcd-client',
    caName: 'etcd-ca',
    commonName: () => 'kube-apiserver-etcd-client',
    usages: [EKU.clientAuth],
  },
];

function etcdAltNames(c: PkiContext) {
  return { dns: [c.nodeName, 'localhost'], ips: [c.nodeIp, '127.0.0.1', '::1'] };
}

export interface KubeconfigDefinition {
  file: string;
  /** undefined for kubelet.conf, which kubeadm leaves to the kubelet's rotation. */
  longName?: string;
  clientName: (c: PkiContext) => string;
  organizations: readonly string[];
  /** controller-manager and scheduler talk to the local apiserver, the rest to the endpoint. */
  local: boolean;
}

export const KUBEADM_KUBECONFIGS: readonly KubeconfigDefinition[] = [
  {
    file: 'admin.conf',
    longName: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself',
    clientName: () => 'kubernetes-admin',
    organizations: ['kubeadm:cluster-admins'],
    local: false,
  },
  {
    file: 'super-admin.conf',
    longName: 'certificate embedded in the kubeconfig file for the super-admin',
    clientName: () => 'kubernetes-super-admin',
    organizations: ['system:masters'],
    local: false,
  },
  {
    file: 'controller-manager.conf',
    longName: 'certificate embedded in the kubeconfig file for the controller manager to use',
    clientName: () => 'system:kube-controller-manager',
    organizations: [],
    local: true,
  },
  {
    file: 'scheduler.conf',
    longName: 'certificate embedded in the kubeconfig file for the scheduler manager to use',
    clientName: () => 'system:kube-scheduler',
    organizations: [],
    local: true,
  },
  { file: 'kubelet.conf', clientName: (c) => `system:node:${c.nodeName}`, organizations: ['system:nodes'], local: false },
];

// ---- issuing (pkiutil) ---------------------------------------------------------------------------

export interface Validity {
  notBefore: number;
  notAfter: number;
}

/** kubeadm's validity for a run started at `issuedAt`: backdated 5 minutes, a year (CAs: ten). */
export function kubeadmValidity(issuedAt: number, validityMs = CERTIFICATE_VALIDITY_MS): Validity {
  return { notBefore: issuedAt - CERTIFICATE_BACKDATE_MS, notAfter: issuedAt + validityMs };
}

/** pkiutil.NewSelfSignedCACert. */
export function issueCa(commonName: string, key: PrivateKey, validity: Validity, rng: Rng): ParsedCert {
  return createGoCertificate(
    {
      serial: kubeadmSerial(rng),
      subject: goName({ commonName }),
      dnsNames: [commonName],
      ...validity,
      keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
      isCA: true,
      publicKey: key.publicKey,
    },
    { key },
  );
}

export interface LeafConfig {
  commonName: string;
  organizations?: readonly string[];
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  /** Extended key usage OIDs. */
  usages: readonly string[];
}

/** pkiutil.NewSignedCert: DNS SANs sorted and de-duplicated (sets.List), IPs de-duplicated. */
export function issueLeaf(cfg: LeafConfig, key: PrivateKey, ca: CaPair, validity: Validity, rng: Rng): ParsedCert {
  const subject: DistinguishedName = goName({ commonName: cfg.commonName, organization: [...(cfg.organizations ?? [])] });
  return createGoCertificate(
    {
      serial: kubeadmSerial(rng),
      subject,
      dnsNames: [...new Set(cfg.dnsNames ?? [])].sort(),
      ipAddresses: [...new Set(cfg.ipAddresses ?? [])],
      ...validity,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: cfg.usages,
      isCA: false,
      publicKey: key.publicKey,
    },
    ca,
  );
}

export function leafConfig(def: LeafDefinition, c: PkiContext): LeafConfig {
  const alt = def.altNames?.(c);
  return {
    commonName: def.commonName(c),
    organizations: def.organizations ?? [],
    dnsNames: alt?.dns ?? [],
    ipAddresses: alt?.ips ?? [],
    usages: def.usages,
  };
}

// ---- writing a node's files ----------------------------------------------------------------------

export interface NodePkiOptions {
  nodeName: string;
  nodeIp: string;
  clock: VirtualClock;
  rng: Rng;
  /** Shared by all nodes of a cluster so that no key repeats; made from `rng` when absent. */
  keys?: KeySource;
  /** When kubeadm ran; defaults to the clock's now. */
  issuedAt?: number;
}

export interface ControlPlanePkiOptions extends NodePkiOptions {
  clusterName?: string;
  serviceIp?: string;
  dnsDomain?: string;
  /** host:port of the API endpoint in admin.conf and kubelet.conf; defaults to nodeIp:6443. */
  controlPlaneEndpoint?: string;
}

export interface ControlPlanePki {
  clusterName: string;
  /** https://host:port every kubeconfig of the cluster points at. */
  server: string;
  ca: CaPair;
  frontProxyCa: CaPair;
  etcdCa: CaPair;
  serviceAccountKey: PrivateKey;
  /** The contents of /etc/kubernetes/admin.conf (what the workstation's ~/.kube/config holds). */
  adminKubeconfig: string;
  keys: KeySource;
}

export interface WorkerPkiOptions extends NodePkiOptions {
  ca: CaPair;
  server: string;
}

function write(fs: VirtualFS, path: string, content: string, mode: number): void {
  fs.writeFile(path, content, { parents: true, mode, uid: 0, gid: 0 });
}

export function writeCertAndKey(fs: VirtualFS, baseName: string, cert: ParsedCert, key: PrivateKey, dir = PKI_DIR): void {
  write(fs, `${dir}/${baseName}.key`, key.toTraditionalPem(), KEY_MODE);
  write(fs, `${dir}/${baseName}.crt`, cert.pem, CERT_MODE);
}

/**
 * Everything `kubeadm init` writes on the first control-plane node: the three CAs and their
 * leaves under /etc/kubernetes/pki, sa.key/sa.pub, the five kubeconfigs, and the kubelet's
 * client (kubelet-client-current.pem) and self-signed serving certificates.
 */
export function writeControlPlanePki(fs: VirtualFS, opts: ControlPlanePkiOptions): ControlPlanePki {
  const keys = opts.keys ?? new KeySource(opts.rng);
  const rng = opts.rng.fork('kubeadm-serials');
  const issuedAt = opts.issuedAt ?? opts.clock.now();
  const caValidity = kubeadmValidity(issuedAt, CA_CERTIFICATE_VALIDITY_MS);
  const validity = kubeadmValidity(issuedAt);
  const ctx: PkiContext = {
    nodeName: opts.nodeName,
    nodeIp: opts.nodeIp,
    serviceIp: opts.serviceIp ?? '10.96.0.1',
    dnsDomain: opts.dnsDomain ?? 'cluster.local',
  };
  const clusterName = opts.clusterName ?? 'kubernetes';
  const server = `https://${opts.controlPlaneEndpoint ?? `${opts.nodeIp}:6443`}`;
  const localServer = `https://${opts.nodeIp}:6443`;

  const cas = new Map<CaName, CaPair>();
  for (const def of KUBEADM_CAS) {
    const key = keys.rsa();
    const cert = issueCa(def.commonName, key, caValidity, rng);
    writeCertAndKey(fs, def.baseName, cert, key);
    cas.set(def.name, { cert, key });
  }
  for (const def of KUBEADM_LEAF_CERTS) {
    const key = keys.rsa();
    writeCertAndKey(fs, def.baseName, issueLeaf(leafConfig(def, ctx), key, cas.get(def.caName)!, validity, rng), key);
  }
  const saKey = keys.rsa();
  write(fs, `${PKI_DIR}/sa.key`, saKey.toTraditionalPem(), KEY_MODE);
  write(fs, `${PKI_DIR}/sa.pub`, saKey.publicKey.pem, KEY_MODE);

  const ca = cas.get('ca')!;
  let adminKubeconfig = '';
  let kubeletClient: { cert: ParsedCert; key: PrivateKey } | undefined;
  for (const def of KUBEADM_KUBECONFIGS) {
    const key = keys.rsa();
    const clientName = def.clientName(ctx);
    const cert = issueLeaf({ commonName: clientName, organizations: def.organizations, usages: [EKU.clientAuth] }, key, ca, validity, rng);
    if (def.file === 'kubelet.conf') {
      kubeletClient = { cert, key };
      // After the kubelet-finalize phase kubelet.conf points at the rotatable certificate file.
      const kc = buildKubeconfig({ clusterName, server, caPem: ca.cert.pem, userName: clientName, clientCertFile: KUBELET_CLIENT_CURRENT, clientKeyFile: KUBELET_CLIENT_CURRENT });
      write(fs, `${KUBERNETES_DIR}/kubelet.conf`, serializeKubeconfig(kc), KEY_MODE);
      continue;
    }
    const yaml = kubeconfigYaml(clusterName, def.local ? localServer : server, ca.cert, clientName, cert, key);
    write(fs, `${KUBERNETES_DIR}/${def.file}`, yaml, KEY_MODE);
    if (def.file === 'admin.conf') adminKubeconfig = yaml;
  }
  writeKubeletClientPem(fs, kubeletClient!.cert, kubeletClient!.key, issuedAt);
  writeKubeletServing(fs, opts.nodeName, keys, issuedAt);

  return {
    clusterName,
    server,
    ca,
    frontProxyCa: cas.get('front-proxy-ca')!,
    etcdCa: cas.get('etcd-ca')!,
    serviceAccountKey: saKey,
    adminKubeconfig,
    keys,
  };
}

export function kubeconfigYaml(clusterName: string, server: string, ca: ParsedCert, userName: string, cert: ParsedCert, key: PrivateKey): string {
  return serializeKubeconfig(
    buildKubeconfig({ clusterName, server, caPem: ca.pem, userName, clientCertPem: cert.pem, clientKeyPem: key.toTraditionalPem() }),
  );
}

/**
 * What a worker has after `kubeadm join` and TLS bootstrap: the cluster CA, the kubelet's own
 * kubeconfig (written by the kubelet, hence the default-cluster/default-auth names), a P-256 client
 * certificate signed through a CSR by kube-controller-manager, and the self-signed serving pair.
 */
export function writeWorkerPki(fs: VirtualFS, opts: WorkerPkiOptions): void {
  const keys = opts.keys ?? new KeySource(opts.rng);
  const issuedAt = opts.issuedAt ?? opts.clock.now();
  write(fs, `${PKI_DIR}/ca.crt`, opts.ca.cert.pem, CERT_MODE);
  const kubeconfig = {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': Buffer.from(opts.ca.cert.pem).toString('base64'), server: opts.server }, name: 'default-cluster' }],
    contexts: [{ context: { cluster: 'default-cluster', namespace: 'default', user: 'default-auth' }, name: 'default-context' }],
    'current-context': 'default-context',
    kind: 'Config',
    preferences: {},
    users: [{ name: 'default-auth', user: { 'client-certificate': KUBELET_CLIENT_CURRENT, 'client-key': KUBELET_CLIENT_CURRENT } }],
  };
  write(fs, `${KUBERNETES_DIR}/kubelet.conf`, serializeKubeconfig(kubeconfig), KEY_MODE);

  const key = keys.ec();
  const csr = createCsr({ key, subject: goName({ organization: ['system:nodes'], commonName: `system:node:${opts.nodeName}` }) });
  const cert = signCsrAsKubernetes(csr, opts.ca, { usages: ['digital signature', 'client auth'], now: issuedAt, rng: opts.rng.fork(`csr-${opts.nodeName}`) });
  writeKubeletClientPem(fs, cert, key, issuedAt);
  writeKubeletServing(fs, opts.nodeName, keys, issuedAt);
}

/** The kubelet's certificate store: a timestamped cert+key file and the -current symlink. */
export function writeKubeletClientPem(fs: VirtualFS, cert: ParsedCert, key: PrivateKey, at: number): string {
  const path = `${KUBELET_PKI_DIR}/kubelet-client-${storeTimestamp(at)}.pem`;
  write(fs, path, cert.pem + key.toTraditionalPem(), KEY_MODE);
  if (fs.exists(KUBELET_CLIENT_CURRENT) || isSymlink(fs, KUBELET_CLIENT_CURRENT)) fs.unlink(KUBELET_CLIENT_CURRENT);
  fs.symlink(path, KUBELET_CLIENT_CURRENT);
  return path;
}

function isSymlink(fs: VirtualFS, path: string): boolean {
  try {
    return fs.lstat(path).type === 'symlink';
  } catch {
    return false;
  }
}

/** Go layout "2006-01-02-15-04-05" in the node's (UTC) local time. */
function storeTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[T:]/g, '-');
}

/**
 * certutil.GenerateSelfSignedCertKey as the kubelet runs it without --tls-cert-file: a throwaway
 * CA `<host>-ca@<unix>` (serial 1) signs `<host>@<unix>` (serial 2), valid from an hour ago for a
 * year; kubelet.crt holds the leaf then the CA, kubelet.key the leaf's key.
 */
export function writeKubeletServing(fs: VirtualFS, host: string, keys: KeySource, at: number): void {
  const unix = Math.floor(at / 1000);
  const validFrom = at - 3600_000;
  const validTo = validFrom + CERTIFICATE_VALIDITY_MS;
  const caKey = keys.rsa();
  const ca = createGoCertificate(
    {
      serial: 1n,
      subject: goName({ commonName: `${host}-ca@${unix}` }),
      notBefore: validFrom,
      notAfter: validTo,
      keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
      isCA: true,
      publicKey: caKey.publicKey,
    },
    { key: caKey },
  );
  const key = keys.rsa();
  const leaf = createGoCertificate(
    {
      serial: 2n,
      subject: goName({ commonName: `${host}@${unix}` }),
      notBefore: validFrom,
      notAfter: validTo,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: [EKU.serverAuth],
      isCA: false,
      dnsNames: [host],
      publicKey: key.publicKey,
    },
    { cert: ca, key: caKey },
  );
  write(fs, `${KUBELET_PKI_DIR}/kubelet.crt`, leaf.pem + ca.pem, CERT_MODE);
  write(fs, `${KUBELET_PKI_DIR}/kubelet.key`, key.toTraditionalPem(), KEY_MODE);
}
