/**
 * `kubeadm certs check-expiration`, `kubeadm certs renew <name>|all` and
 * `kubeadm kubeconfig user`, as kubeadm v1.33 prints them. The future `kubeadm` program
 * dispatches `certs ...` and `kubeconfig user ...` here with the arguments after those words.
 */
import type { ProcessContext } from '../shell/types.js';
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';
import { VfsError } from '../vfs/fs.js';
import { KeySource } from './key-source.js';
import { PrivateKey } from './keys.js';
import { type Kubeconfig, KubeconfigError, parseKubeconfig, serializeKubeconfig } from './kubeconfig.js';
import {
  type CaName,
  CERT_MODE,
  KEY_MODE,
  KUBEADM_CAS,
  KUBEADM_KUBECONFIGS,
  KUBEADM_LEAF_CERTS,
  KUBERNETES_DIR,
  PKI_DIR,
  issueLeaf,
  kubeadmValidity,
  kubeconfigYaml,
} from './kubeadm.js';
import { ATTR, attributeValues } from './names.js';
import { EKU } from './oids.js';
import { goTabwriter } from './tabwriter.js';
import { verifyChain } from './verify.js';
import { ParsedCert } from './x509.js';

export interface KubeadmDeps {
  clock: VirtualClock;
  rng: Rng;
  /** Where renewed keys come from (kubeadm generates a new key on renewal). */
  keys?: KeySource;
  /**
   * Whether kubeadm can read the kubeadm-config ConfigMap. Defaults to whether admin.conf's client
   * certificate is valid against the cluster CA now; the cluster wiring can pass the apiserver's state.
   */
  apiServerReachable?: () => boolean;
  /** `kubeadm kubeconfig user` server; defaults to the server in admin.conf. */
  server?: string;
  clusterName?: string;
}

interface Flags {
  certDir: string;
  kubeconfig: string;
  rest: string[];
  values: Map<string, string[]>;
}

// ---- shared plumbing ----------------------------------------------------------------------------

class Io {
  constructor(
    readonly ctx: ProcessContext,
    readonly deps: KubeadmDeps,
  ) {}

  out(s: string): void {
    this.ctx.stdout.write(s);
  }

  read(path: string): string | undefined {
    try {
      return this.ctx.host.fs.readFile(path, this.ctx.cred);
    } catch (e) {
      if (e instanceof VfsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return undefined;
      throw e;
    }
  }

  write(path: string, content: string, mode: number): void {
    const fs = this.ctx.host.fs;
    const existed = fs.exists(path, this.ctx.cred);
    fs.writeFile(path, content, existed ? {} : { mode }, this.ctx.cred);
  }

  /** kubeadmutil.CheckErr: the message, the stack-trace hint, exit status 1. */
  fail(message: string): number {
    this.ctx.stderr.write(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
}

function parseFlags(args: readonly string[], known: Set<string>): Flags | string {
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a)!;
    const name = m[1]!;
    if (!known.has(name)) return `unknown flag: ${a}`;
    let value = m[2];
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) return `flag needs an argument: ${a}`;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return {
    certDir: values.get('cert-dir')?.at(-1) ?? PKI_DIR,
    kubeconfig: values.get('kubeconfig')?.at(-1) ?? `${KUBERNETES_DIR}/admin.conf`,
    rest,
    values,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go layout "Jan 02, 2006 15:04 MST" in UTC. */
function expiresText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}, ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** apimachinery duration.ShortHumanDuration. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** getInternalCfg's preamble: the ConfigMap read, and the fallback when the cluster does not answer. */
function configPreamble(io: Io, flags: Flags, prefix: string): void {
  if (io.read(flags.kubeconfig) === undefined) return;
  io.out(`[${prefix}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n`);
  io.out(`[${prefix}] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n`);
  const reachable = io.deps.apiServerReachable ? io.deps.apiServerReachable() : adminCanAuthenticate(io, flags);
  if (!reachable) io.out(`[${prefix}] Error reading configuration from the Cluster. Falling back to default configuration\n`);
  io.out('\n');
}

function adminCanAuthenticate(io: Io, flags: Flags): boolean {
  const cert = kubeconfigCert(io, flags.kubeconfig);
  const ca = io.read(`${flags.certDir}/ca.crt`);
  if (!cert || !ca) return false;
  try {
    return verifyChain(cert.cert, ca, io.deps.clock.now(), { usages: ['clientAuth'] }).ok;
  } catch {
    return false;
  }
}

// ---- the certificates kubeadm manages -------------------------------------------------------------

interface Handler {
  name: string;
  longName: string;
  caName: CaName;
  caBaseName: string;
  kind: 'pki' | 'kubeconfig';
  /** cert base name under the cert dir, or kubeconfig path */
  path: string;
}

function handlers(): Handler[] {
  const list: Handler[] = [];
  for (const def of KUBEADM_LEAF_CERTS) {
    const ca = KUBEADM_CAS.find((c) => c.name === def.caName)!;
    list.push({ name: def.name, longName: def.longName, caName: def.caName, caBaseName: ca.baseName, kind: 'pki', path: def.baseName });
  }
  for (const def of KUBEADM_KUBECONFIGS) {
    if (!def.longName) continue;
    list.push({ name: def.file, longName: def.longName, caName: 'ca', caBaseName: 'ca', kind: 'kubeconfig', path: `${KUBERNETES_DIR}/${def.file}` });
  }
  return list.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function kubeconfigCert(io: Io, path: string): { cert: ParsedCert; config: Kubeconfig; user: string } | undefined {
  const text = io.read(path);
  if (text === undefined) return undefined;
  try {
    const config = parseKubeconfig(text);
    const ctx = config.contexts.find((c) => c.name === config['current-context'])?.context;
    const user = config.users.find((u) => u.name === ctx?.user);
    const data = user?.user['client-certificate-data'];
    if (!data) return undefined;
    return { cert: ParsedCert.parse(Buffer.from(data, 'base64').toString('utf8')), config, user: user.name };
  } catch (e) {
    if (e instanceof KubeconfigError) return undefined;
    throw e;
  }
}

function readHandlerCert(io: Io, flags: Flags, h: Handler): ParsedCert | undefined {
  if (h.kind === 'kubeconfig') return kubeconfigCert(io, h.path)?.cert;
  const pem = io.read(`${flags.certDir}/${h.path}.crt`);
  return pem === undefined ? undefined : ParsedCert.parse(pem);
}

function caIsExternal(io: Io, flags: Flags, caBaseName: string): boolean {
  return io.read(`${flags.certDir}/${caBaseName}.key`) === undefined;
}

// ---- kubeadm certs ... ----------------------------------------------------------------------------

const CERTS_FLAGS = new Set(['cert-dir', 'config', 'kubeconfig', 'o', 'output', 'v']);

export function kubeadmCerts(ctx: ProcessContext, args: readonly string[], deps: KubeadmDeps): number {
  const io = new Io(ctx, deps);
  const [sub, ...rest] = args;
  switch (sub) {
    case 'check-expiration':
      return checkExpiration(io, rest);
    case 'renew':
      return renew(io, rest);
    case undefined:
      io.out(CERTS_HELP);
      return 1;
    default:
      ctx.stderr.write(`invalid subcommand "${args.join(' ')}"\nSee 'kubeadm certs -h' for help and examples\n`);
      return 1;
  }
}

function checkExpiration(io: Io, args: readonly string[]): number {
  const flags = parseFlags(args, CERTS_FLAGS);
  if (typeof flags === 'string') return io.fail(flags);
  if (flags.rest.length > 0) return io.fail(`unknown command "${flags.rest[0]}" for "kubeadm certs check-expiration"`);
  const output = flags.values.get('output')?.at(-1) ?? flags.values.get('o')?.at(-1) ?? 'text';
  if (output !== 'text') return io.fail(`could not construct output printer: unable to match a printer suitable for the output format "${output}", allowed formats are: text`);
  configPreamble(io, flags, 'check-expiration');
  const now = io.deps.clock.now();
  let table = 'CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED\n';
  for (const h of handlers()) {
    let cert: ParsedCert | undefined;
    try {
      cert = readHandlerCert(io, flags, h);
    } catch (e) {
      return io.fail(`failed to load existing certificate ${h.name}: ${(e as Error).message}`);
    }
    if (!cert) {
      table += `!MISSING! ${h.name}\t\t\t\t\n`;
      continue;
    }
    const external = caIsExternal(io, flags, h.caBaseName) ? 'yes' : 'no';
    table += `${h.name}\t${expiresText(cert.notAfter)}\t${shortHumanDuration(cert.notAfter - now)}\t${h.caName}\t${external.padEnd(8)}\n`;
  }
  table += '\nCERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED\n';
  for (const ca of [...KUBEADM_CAS].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const pem = io.read(`${flags.certDir}/${ca.baseName}.crt`);
    if (pem === undefined) {
      table += `!MISSING! ${ca.name}\t\t\t\n`;
      continue;
    }
    const cert = ParsedCert.parse(pem);
    const external = caIsExternal(io, flags, ca.baseName) ? 'yes' : 'no';
    table += `${ca.name}\t${expiresText(cert.notAfter)}\t${shortHumanDuration(cert.notAfter - now)}\t${external.padEnd(8)}\n`;
  }
  io.out(goTabwriter(table, { minwidth: 10, padding: 3 }));
  return 0;
}

function renew(io: Io, args: readonly string[]): number {
  const flags = parseFlags(args, CERTS_FLAGS);
  if (typeof flags === 'string') return io.fail(flags);
  const all = handlers();
  const [target, ...extra] = flags.rest;
  if (target === undefined) {
    io.out(renewHelp(all));
    return 1;
  }
  const selected = target === 'all' ? all : all.filter((h) => h.name === target);
  if (selected.length === 0) {
    io.ctx.stderr.write(`invalid subcommand "${flags.rest.join(' ')}"\nSee 'kubeadm certs renew -h' for help and examples\n`);
    return 1;
  }
  if (extra.length > 0) return io.fail(`unknown command "${extra[0]}" for "kubeadm certs renew ${target}"`);
  configPreamble(io, flags, 'renew');
  const keys = io.deps.keys ?? new KeySource(io.deps.rng.fork('kubeadm-renew'));
  for (const h of selected) {
    const rc = renewOne(io, flags, h, keys);
    if (rc !== 0) return rc;
  }
  if (target === 'all') {
    io.out('\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n');
  }
  return 0;
}

/** RenewUsingLocalCA: same subject, SANs and usages, a new key, valid from now for a year. */
function renewOne(io: Io, flags: Flags, h: Handler, keys: KeySource): number {
  const old = readHandlerCert(io, flags, h);
  if (!old) {
    io.out(`MISSING! ${h.longName}\n`);
    return 0;
  }
  const caCertPem = io.read(`${flags.certDir}/${h.caBaseName}.crt`);
  const caKeyPem = io.read(`${flags.certDir}/${h.caBaseName}.key`);
  if (caKeyPem === undefined || caCertPem === undefined) {
    io.out(`Detected external ${h.caBaseName}, ${h.longName} can't be renewed\n`);
    return 0;
  }
  const ca = { cert: ParsedCert.parse(caCertPem), key: PrivateKey.fromPem(caKeyPem) };
  const now = io.deps.clock.now();
  const key = keys.rsa();
  const cert = issueLeaf(
    {
      commonName: old.commonName,
      organizations: attributeValues(old.subject, ATTR.O),
      dnsNames: old.dnsNames,
      ipAddresses: old.ipAddresses,
      usages: old.extKeyUsageOids.length > 0 ? old.extKeyUsageOids : [EKU.clientAuth],
    },
    key,
    ca,
    kubeadmValidity(now),
    io.deps.rng,
  );
  if (h.kind === 'pki') {
    io.write(`${flags.certDir}/${h.path}.key`, key.toTraditionalPem(), KEY_MODE);
    io.write(`${flags.certDir}/${h.path}.crt`, cert.pem, CERT_MODE);
  } else {
    const kc = kubeconfigCert(io, h.path)!;
    const user = kc.config.users.find((u) => u.name === kc.user)!;
    user.user['client-certificate-data'] = Buffer.from(cert.pem).toString('base64');
    user.user['client-key-data'] = Buffer.from(key.toTraditionalPem()).toString('base64');
    io.write(h.path, serializeKubeconfig(kc.config), KEY_MODE);
  }
  io.out(`${h.longName} renewed\n`);
  return 0;
}

const CERTS_HELP = `Commands related to handling kubernetes certificates

Usage:
  kubeadm certs [command]

Aliases:
  certs, certificates

Available Commands:
  certificate-key  Generate certificate keys
  check-expiration Check certificates expiration for a Kubernetes cluster
  generate-csr     Generate keys and certificate signing requests
  renew            Renew certificates for a Kubernetes cluster

Flags:
  -h, --help   help for certs

Global Flags:
      --add-dir-header           If true, adds the file directory to the header of the log messages
      --log-file string          If non-empty, use this log file (no effect when -logtostderr=true)
      --log-file-max-size uint   Defines the maximum size a log file can grow to (no effect when -logtostderr=true). Unit is megabytes. If the value is 0, the maximum file size is unlimited. (default 1800)
      --one-output               If true, only write logs to their native severity level (vs also writing to each lower severity level; no effect when -logtostderr=true)
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.
      --skip-headers             If true, avoid header prefixes in the log messages
      --skip-log-headers         If true, avoid headers when opening log files (no effect when -logtostderr=true)
  -v, --v Level                  number for the log level verbosity

Use "kubeadm certs [command] --help" for more information about a command.
`;

function renewHelp(all: Handler[]): string {
  const rows = [...all.map((h) => [h.name, `Renew the ${h.longName}`]), ['all', 'Renew all available certificates']].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 1;
  return `This command is not meant to be run on its own. See list of available subcommands.

Usage:
  kubeadm certs renew [flags]
  kubeadm certs renew [command]

Available Commands:
${rows.map(([n, d]) => `  ${n!.padEnd(width)}${d}`).join('\n')}

Flags:
  -h, --help   help for renew

Use "kubeadm certs renew [command] --help" for more information about a command.
`;
}

// ---- kubeadm kubeconfig user ------------------------------------------------------------------------

const USER_FLAGS = new Set(['client-name', 'org', 'validity-period', 'config', 'token', 'v']);

/** `kubeadm kubeconfig user --client-name NAME [--org O]... [--validity-period 8760h]`. */
export function kubeadmKubeconfigUser(ctx: ProcessContext, args: readonly string[], deps: KubeadmDeps): number {
  const io = new Io(ctx, deps);
  const flags = parseFlags(args, USER_FLAGS);
  if (typeof flags === 'string') return io.fail(flags);
  if (flags.rest.length > 0) return io.fail(`unknown command "${flags.rest[0]}" for "kubeadm kubeconfig user"`);
  const clientName = flags.values.get('client-name')?.at(-1);
  if (!clientName) return io.fail('required flag(s) "client-name" not set');
  const orgs = (flags.values.get('org') ?? []).flatMap((o) => o.split(',')).filter((o) => o !== '');
  const validity = parseGoDuration(flags.values.get('validity-period')?.at(-1) ?? '8760h');
  if (validity === undefined) return io.fail(`invalid argument "${flags.values.get('validity-period')!.at(-1)}" for "--validity-period" flag: time: invalid duration`);

  const caPath = `${PKI_DIR}/ca.crt`;
  const caKeyPath = `${PKI_DIR}/ca.key`;
  const caPem = io.read(caPath);
  if (caPem === undefined) return io.fail(`couldn't create a kubeconfig; the CA files couldn't be loaded: failed to load certificate: couldn't load the certificate file ${caPath}: open ${caPath}: no such file or directory`);
  const caKeyPem = io.read(caKeyPath);
  if (caKeyPem === undefined) return io.fail(`couldn't create a kubeconfig; the CA files couldn't be loaded: failed to load key: couldn't load the private key file ${caKeyPath}: open ${caKeyPath}: no such file or directory`);
  const ca = { cert: ParsedCert.parse(caPem), key: PrivateKey.fromPem(caKeyPem) };

  const admin = kubeconfigCert(io, `${KUBERNETES_DIR}/admin.conf`)?.config;
  const server = deps.server ?? admin?.clusters[0]?.cluster.server ?? 'https://127.0.0.1:6443';
  const clusterName = deps.clusterName ?? admin?.clusters[0]?.name ?? 'kubernetes';
  const now = deps.clock.now();
  const key = (deps.keys ?? new KeySource(deps.rng.fork('kubeconfig-user'))).rsa();
  // NotBefore follows the CA's (pkiutil.NewSignedCert without an explicit NotBefore).
  const cert = issueLeaf({ commonName: clientName, organizations: orgs, usages: [EKU.clientAuth] }, key, ca, { notBefore: ca.cert.notBefore, notAfter: now + validity }, deps.rng);
  const token = flags.values.get('token')?.at(-1);
  if (token) {
    const yaml = serializeKubeconfig({
      apiVersion: 'v1',
      clusters: [{ cluster: { 'certificate-authority-data': Buffer.from(ca.cert.pem).toString('base64'), server }, name: clusterName }],
      contexts: [{ context: { cluster: clusterName, user: clientName }, name: `${clientName}@${clusterName}` }],
      'current-context': `${clientName}@${clusterName}`,
      kind: 'Config',
      preferences: {},
      users: [{ name: clientName, user: { token } }],
    });
    io.out(yaml + '\n');
    return 0;
  }
  // fmt.Fprintln of the serialised config: one more newline after the YAML's own.
  io.out(kubeconfigYaml(clusterName, server, ca.cert, clientName, cert, key) + '\n');
  return 0;
}

/** time.ParseDuration for the units kubeadm users type (h, m, s, ms). */
export function parseGoDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(s)) return undefined;
  const unit: Record<string, number> = { h: 3600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}
