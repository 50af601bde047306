/**
 * `kubeadm token create|list|delete|generate`: bootstrap tokens as Secrets of type
 * bootstrap.kubernetes.io/token in kube-system, which the apiserver then accepts as
 * system:bootstrap:<id>. `--print-join-command` prints the worker join line with the SHA-256 of
 * the cluster CA's public key, read from the kubeconfig kubeadm used.
 */
import { createHash } from 'node:crypto';
import type { ProcessContext } from '../../shell/types.js';
import type { Stored } from '../../api/types.js';
import { ApiError } from '../../api/errors.js';
import { ParsedCert } from '../../pki/x509.js';
import { flagBool, flagString, type ParsedFlags } from '../../kubectl/flags/index.js';
import { goTabwrite } from '../format.js';
import { shortHumanDuration } from '../../pki/kubeadm-certs.js';
import { ADMIN_CONF, KubeadmError, kubeconfigClient, type KubeadmDeps } from './common.js';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

export function generateToken(deps: KubeadmDeps): string {
  return `${deps.rng.string(6, TOKEN_ALPHABET)}.${deps.rng.string(16, TOKEN_ALPHABET)}`;
}

function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return text === '0' ? 0 : undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

export function tokenCreate(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags, args: string[]): number {
  const token = args[0] ?? generateToken(deps);
  if (!/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(token)) throw new KubeadmError(`the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const ttl = parseDuration(flagString(flags, 'ttl') || '24h0m0s');
  if (ttl === undefined) throw new KubeadmError(`invalid argument "${flagString(flags, 'ttl')}" for "--ttl" flag: time: invalid duration "${flagString(flags, 'ttl')}"`);
  const [id, secret] = token.split('.') as [string, string];
  const conn = kubeconfigClient(ctx, deps, flagString(flags, 'kubeconfig') || ADMIN_CONF, `failed to create or update bootstrap token with name bootstrap-token-${id}: unable to create Secret`);
  const now = deps.cluster.world.clock.now();
  const usages = (flagString(flags, 'usages') || 'signing,authentication').split(',');
  const groups = (flagString(flags, 'groups') || DEFAULT_GROUP).split(',');
  const data: Record<string, string> = { 'token-id': id, 'token-secret': secret };
  const description = flagString(flags, 'description');
  if (description) data['description'] = description;
  if (ttl > 0) data['expiration'] = new Date(now + ttl).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const u of usages) data[`usage-bootstrap-${u}`] = 'true';
  data['auth-extra-groups'] = groups.join(',');
  const secretObj = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
  try {
    if (conn.client.find('secrets', 'kube-system', `bootstrap-token-${id}`)) conn.client.update('secrets', secretObj);
    else conn.client.create('secrets', secretObj);
  } catch (e) {
    if (e instanceof ApiError) throw new KubeadmError(`failed to create or update bootstrap token with name bootstrap-token-${id}: unable to create Secret: ${e.message}`);
    throw e;
  }
  deps.cluster.tokens.set(token, { username: `system:bootstrap:${id}`, groups: [...groups, 'system:bootstrappers', 'system:authenticated'] });
  if (flagBool(flags, 'print-join-command')) {
    const hostPort = conn.server.replace(/^https?:\/\//, '');
    ctx.stdout.write(`kubeadm join ${hostPort} --token ${token} --discovery-token-ca-cert-hash ${caCertHash(conn.caData)} \n`);
  } else ctx.stdout.write(`${token}\n`);
  return 0;
}

/** pubkeypin.Hash: "sha256:" + hex SHA-256 of the CA certificate's SubjectPublicKeyInfo. */
export function caCertHash(caData: string | undefined): string {
  if (!caData) return 'sha256:';
  const cert = ParsedCert.parse(Buffer.from(caData, 'base64').toString('utf8'));
  return `sha256:${createHash('sha256').update(cert.spkiDer).digest('hex')}`;
}

export function tokenList(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags): number {
  const conn = kubeconfigClient(ctx, deps, flagString(flags, 'kubeconfig') || ADMIN_CONF, 'failed to list bootstrap tokens');
  const now = deps.cluster.world.clock.now();
  const rows: string[][] = [['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS']];
  const secrets = conn.client.list('secrets', 'kube-system').filter((s: Stored) => s['type'] === 'bootstrap.kubernetes.io/token');
  for (const s of secrets) {
    const d = Object.fromEntries(Object.entries((s['data'] ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    const expires = d['expiration'] ? Date.parse(d['expiration']) : undefined;
    if (expires !== undefined && expires < now) continue;
    const usages = Object.keys(d).filter((k) => k.startsWith('usage-bootstrap-') && d[k] === 'true').map((k) => k.slice('usage-bootstrap-'.length)).sort();
    rows.push([
      `${d['token-id']}.${d['token-secret']}`,
      expires === undefined ? '<forever>' : shortHumanDuration(expires - now),
      expires === undefined ? '<never>' : d['expiration']!,
      usages.join(','),
      d['description'] || '<none>',
      d['auth-extra-groups'] ?? '',
    ]);
  }
  ctx.stdout.write(goTabwrite(rows, 10, 3));
  return 0;
}

export function tokenDelete(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags, args: string[]): number {
  if (args.length === 0) throw new KubeadmError('missing argument; \'token delete\' is missing token of form "^([a-z0-9]{6})$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"');
  const conn = kubeconfigClient(ctx, deps, flagString(flags, 'kubeconfig') || ADMIN_CONF, 'failed to delete bootstrap token');
  for (const t of args) {
    const id = t.split('.')[0]!;
    try {
      conn.client.delete('secrets', 'kube-system', `bootstrap-token-${id}`);
    } catch (e) {
      if (e instanceof ApiError) throw new KubeadmError(`failed to delete bootstrap token with name bootstrap-token-${id}: secrets "bootstrap-token-${id}" not found`);
      throw e;
    }
    for (const key of [...deps.cluster.tokens.keys()]) if (key.startsWith(`${id}.`)) deps.cluster.tokens.delete(key);
    ctx.stdout.write(`bootstrap token "${id}" deleted\n`);
  }
  return 0;
}
