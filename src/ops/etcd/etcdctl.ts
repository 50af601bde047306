/**
 * etcdctl 3.5 (API v3): snapshot save/restore/status, member list, endpoint health/status,
 * get/put/del, alarm list and version. The client reaches etcd through the simulated network and
 * TLS exactly as clientv3 does, so a missing or wrong certificate hangs or times out with the
 * warnings and errors the real binary prints, and `snapshot save` writes a real file.
 */
import type { Cluster } from '../../cluster/cluster.js';
import type { NodeHost } from '../../node/node.js';
import type { Program, ProcessContext } from '../../shell/types.js';
import type { Rng } from '../../util/rng.js';
import { flagBool, flagList, flagNumber, flagString, type FlagTable, type ParsedFlags } from '../../kubectl/flags/index.js';
import { GoFs, GoPathError } from '../goio.js';
import { goDuration, humanizeBytes, renderTable } from '../format.js';
import { resolveCommand, type CommandNode } from '../commands.js';
import { allKeyValues, compareBytes, objectAt, rawKeysOf, type KeyValue } from './keyspace.js';
import { certPool, deadlineError, dial, parseEndpoint, x509KeyPair, type ClientTls, type Endpoint } from './dial.js';
import type { EtcdProcess } from './server.js';
import { encodeDb, encodeSnapshot } from './snapshot-file.js';
import { CommandError, fail, restoreOptionsFrom, restoreSnapshot, snapshotStatus } from './restore.js';
import { zapJson } from './zap.js';

export const ETCDCTL_VERSION = '3.5.21';

export interface EtcdctlDeps {
  cluster: Cluster;
  node: NodeHost;
  rng: Rng;
}

const GLOBAL_FLAGS: FlagTable = [
  { name: 'endpoints', type: 'stringSlice', default: ['127.0.0.1:2379'], usage: 'gRPC endpoints' },
  { name: 'debug', type: 'bool', usage: 'enable client-side debug logging' },
  { name: 'write-out', shorthand: 'w', type: 'string', default: 'simple', usage: 'set the output format (fields, json, protobuf, simple, table)' },
  { name: 'hex', type: 'bool', usage: 'print byte strings as hex encoded strings' },
  { name: 'dial-timeout', type: 'duration', default: '2s', usage: 'dial timeout for client connections' },
  { name: 'command-timeout', type: 'duration', default: '5s', usage: 'timeout for short running command (excluding dial timeout)' },
  { name: 'keepalive-time', type: 'duration', default: '2s', usage: 'keepalive time for client connections' },
  { name: 'keepalive-timeout', type: 'duration', default: '6s', usage: 'keepalive timeout for client connections' },
  { name: 'insecure-transport', type: 'bool', default: true, usage: 'disable transport security for client connections' },
  { name: 'insecure-discovery', type: 'bool', default: true, usage: 'accept insecure SRV records describing cluster endpoints' },
  { name: 'insecure-skip-tls-verify', type: 'bool', usage: 'skip server certificate verification' },
  { name: 'cert', type: 'string', usage: 'identify secure client using this TLS certificate file' },
  { name: 'key', type: 'string', usage: 'identify secure client using this TLS key file' },
  { name: 'cacert', type: 'string', usage: 'verify certificates of TLS-enabled secure servers using this CA bundle' },
  { name: 'user', type: 'string', usage: 'username[:password] for authentication (prompt if password is not supplied)' },
  { name: 'password', type: 'string', usage: 'password for authentication (if this option is used, --user option shouldn\'t include password)' },
  { name: 'discovery-srv', shorthand: 'd', type: 'string', usage: 'domain name to query for SRV records describing cluster endpoints' },
  { name: 'discovery-srv-name', type: 'string', usage: 'service name to query when using DNS discovery' },
];

const RESTORE_FLAGS: FlagTable = [
  { name: 'data-dir', type: 'string', usage: 'Path to the data directory' },
  { name: 'wal-dir', type: 'string', usage: 'Path to the WAL directory (use --data-dir if none given)' },
  { name: 'initial-cluster', type: 'string', default: 'default=http://localhost:2380', usage: 'Initial cluster configuration for restore bootstrap' },
  { name: 'initial-cluster-token', type: 'string', default: 'etcd-cluster', usage: 'Initial cluster token for the etcd cluster during restore bootstrap' },
  { name: 'initial-advertise-peer-urls', type: 'string', default: 'http://localhost:2380', usage: "List of this member's peer URLs to advertise to the rest of the cluster" },
  { name: 'name', type: 'string', default: 'default', usage: 'Human-readable name for this member' },
  { name: 'skip-hash-check', type: 'bool', usage: 'Ignore snapshot integrity hash value (required if copied from data directory)' },
  { name: 'bump-revision', type: 'int64', usage: 'How much to increase the latest revision after restore' },
  { name: 'mark-compacted', type: 'bool', usage: 'Mark the latest revision after restore as the point of scheduled compaction' },
  { name: 'initial-memory-map-size', type: 'int64', usage: 'Initial memory map size of the database in bytes.' },
];

const GET_FLAGS: FlagTable = [
  { name: 'consistency', type: 'string', default: 'l', usage: 'Linearizable(l) or Serializable(s)' },
  { name: 'order', type: 'string', usage: 'Order of results; ASCEND or DESCEND (ASCEND by default)' },
  { name: 'sort-by', type: 'string', usage: 'Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION' },
  { name: 'limit', type: 'int64', usage: 'Maximum number of results' },
  { name: 'prefix', type: 'bool', usage: 'Get keys with matching prefix' },
  { name: 'from-key', type: 'bool', usage: 'Get keys that are greater than or equal to the given key using byte compare' },
  { name: 'rev', type: 'int64', usage: 'Specify the kv revision' },
  { name: 'keys-only', type: 'bool', usage: 'Get only the keys' },
  { name: 'count-only', type: 'bool', usage: 'Get only the count' },
  { name: 'print-value-only', type: 'bool', usage: 'Only write values when using the "simple" output format' },
];

const ROOT: CommandNode = {
  name: 'etcdctl',
  children: [
    { name: 'get', run: true, flags: GET_FLAGS },
    { name: 'put', run: true, flags: [{ name: 'lease', type: 'string', default: '0', usage: 'lease ID (in hexadecimal) to attach to the key' }, { name: 'prev-kv', type: 'bool', usage: 'return the previous key-value pair before modification' }, { name: 'ignore-value', type: 'bool', usage: 'updates the key using its current value' }, { name: 'ignore-lease', type: 'bool', usage: 'updates the key using its current lease' }] },
    { name: 'del', run: true, flags: [{ name: 'prefix', type: 'bool', usage: 'delete keys with matching prefix' }, { name: 'prev-kv', type: 'bool', usage: 'return deleted key-value pairs' }, { name: 'from-key', type: 'bool', usage: 'delete keys that are greater than or equal to the given key using byte compare' }, { name: 'range', type: 'bool', usage: 'delete range of keys' }] },
    { name: 'alarm', children: [{ name: 'list', run: true }, { name: 'disarm', run: true }] },
    { name: 'endpoint', flags: [{ name: 'cluster', type: 'bool', usage: 'use all endpoints from the cluster member list' }], children: [{ name: 'health', run: true }, { name: 'status', run: true }, { name: 'hashkv', run: true }] },
    { name: 'member', children: [{ name: 'list', run: true }, { name: 'add', run: true }, { name: 'remove', run: true }, { name: 'update', run: true }, { name: 'promote', run: true }] },
    { name: 'snapshot', children: [{ name: 'save', run: true }, { name: 'restore', run: true, flags: RESTORE_FLAGS }, { name: 'status', run: true }] },
    { name: 'version', run: true },
  ],
};

/** Go pointers in grpc targets ("etcd-endpoints://0xc0001a4000/127.0.0.1:2379"). */
function pointer(rng: Rng): string {
  return `0xc000${rng.string(3, '0123456789abcdef')}${rng.pick(['000', 'a80', '380', '1c0'])}`;
}

export function etcdctlProgram(deps: EtcdctlDeps): Program {
  return (ctx) => new Etcdctl(ctx, deps).run();
}

class Etcdctl {
  private readonly fs: GoFs;
  constructor(
    private readonly ctx: ProcessContext,
    private readonly deps: EtcdctlDeps,
  ) {
    this.fs = new GoFs(ctx);
  }

  private now(): number {
    return this.deps.cluster.world.clock.now();
  }

  async run(): Promise<number> {
    const api = this.ctx.env.get('ETCDCTL_API') ?? '';
    if (api !== '' && api !== '3') {
      if (api === '2') return this.v2();
      this.ctx.stderr.write(`unsupported API version: ${api}\n`);
      return 1;
    }
    const r = resolveCommand(ROOT, this.ctx.argv.slice(1), GLOBAL_FLAGS, true);
    if (!r.ok) {
      const usage = r.unknownCommand ? `Run 'etcdctl --help' for usage.\n` : '';
      this.ctx.stderr.write(`Error: ${r.error}\n${usage}`);
      return fail(this.ctx, r.error, 1);
    }
    const { path, flags, args } = r.resolved;
    const key = path.join(' ');
    try {
      switch (key) {
        case 'version':
          this.ctx.stdout.write(`etcdctl version: ${ETCDCTL_VERSION}\nAPI version: 3.5\n`);
          return 0;
        case 'snapshot save':
          return await this.snapshotSave(flags, args);
        case 'snapshot restore':
          return this.snapshotRestore(flags, args);
        case 'snapshot status':
          this.ctx.stderr.write('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
          if (args.length !== 1) return fail(this.ctx, 'snapshot status requires exactly one argument', 128);
          return snapshotStatus(this.ctx, args[0]!, flagString(flags, 'write-out'));
        case 'member list':
          return await this.unary(flags, (s) => this.memberList(s, flagString(flags, 'write-out')));
        case 'endpoint health':
          return await this.endpointHealth(flags);
        case 'endpoint status':
          return await this.endpointStatus(flags);
        case 'get':
          return await this.get(flags, args);
        case 'put':
          return await this.put(flags, args);
        case 'del':
          return await this.del(flags, args);
        case 'alarm list':
          return await this.unary(flags, () => 0);
        default:
          this.ctx.stdout.write(usageOf(path));
          return 0;
      }
    } catch (e) {
      if (e instanceof CommandError) return e.message === '' ? e.code : fail(this.ctx, e.message, e.code);
      if (e instanceof GoPathError) return fail(this.ctx, e.message, 1);
      throw e;
    }
  }

  private v2(): number {
    const cmd = this.ctx.argv[1] ?? '';
    this.ctx.stdout.write(`No help topic for '${cmd}'\n`);
    return 3;
  }

  // ---- client configuration ------------------------------------------------------------------

  /** Flags from ETCDCTL_* variables where the command line did not set them (SetPflagsFromEnv). */
  private applyEnv(flags: ParsedFlags): void {
    for (const spec of GLOBAL_FLAGS) {
      const env = `ETCDCTL_${spec.name.toUpperCase().replace(/-/g, '_')}`;
      const val = this.ctx.env.get(env);
      if (!val) continue;
      if (flags.changed.has(spec.name)) {
        this.ctx.stderr.write(zapJson({ level: 'fatal', at: this.now(), caller: 'flags/flag.go:85', msg: 'conflicting environment variable is shadowed by corresponding command-line flag (either unset environment variable or disable flag))', fields: [['environment-variable', env]] }));
        throw new CommandError('', 1);
      }
      flags.values.set(spec.name, spec.type === 'stringSlice' ? val.split(',') : spec.type === 'bool' ? val === 'true' : val);
    }
  }

  private clientTls(flags: ParsedFlags, ep: Endpoint): ClientTls {
    const cert = flagString(flags, 'cert');
    const key = flagString(flags, 'key');
    const cacert = flagString(flags, 'cacert');
    const configured = cert !== '' || key !== '' || cacert !== '';
    const tls: ClientTls = { secure: ep.scheme === 'https' || (ep.scheme === '' && configured), skipVerify: flagBool(flags, 'insecure-skip-tls-verify') };
    if (cert !== '' || key !== '') {
      if (cert === '' || key === '') throw new CommandError(`KeyFile and CertFile must both be present[key: ${key}, cert: ${cert}]`, 128);
      const pair = x509KeyPair(this.fs.read(cert), this.fs.read(key));
      if (!pair.ok) throw new CommandError(pair.error, 128);
      tls.cert = pair.value.cert;
      tls.key = pair.value.key;
    }
    if (cacert !== '') {
      const pool = certPool(this.fs.read(cacert));
      if (!pool.ok) throw new CommandError(pool.error, 128);
      tls.roots = pool.value;
    }
    return tls;
  }

  private commandTimeout(flags: ParsedFlags): number {
    return flagNumber(flags, 'command-timeout') / 1000 || 5;
  }

  private endpoints(flags: ParsedFlags): string[] {
    return flagList(flags, 'endpoints').flatMap((e) => e.split(',')).filter(Boolean);
  }

  /** Connects to the first endpoint (clientv3 balances; one member here) and runs a call. */
  private async unary(flags: ParsedFlags, call: (server: EtcdProcess) => number, logger = 'etcd-client'): Promise<number> {
    this.applyEnv(flags);
    const eps = this.endpoints(flags);
    const ep = parseEndpoint(eps[0] ?? '127.0.0.1:2379');
    const tls = this.clientTls(flags, ep);
    this.checkFormat(flags);
    const d = dial(this.deps.cluster.world, this.deps.node, ep, tls);
    if (!d.ok) {
      await this.ctx.sleep(this.commandTimeout(flags));
      this.retryWarning(logger, eps.join(','), d.error);
      return fail(this.ctx, 'context deadline exceeded', 1);
    }
    return call(d.server);
  }

  private retryWarning(logger: string, target: string, error: string): void {
    const authority = target.split(',').map((t) => parseEndpoint(t).authority).join(',');
    this.ctx.stderr.write(zapJson({ level: 'warn', at: this.now(), logger, caller: 'v3/retry_interceptor.go:63', msg: 'retrying of unary invoker failed', fields: [['target', `etcd-endpoints://${pointer(this.deps.rng)}/${authority}`], ['attempt', 0], ['error', error]] }));
  }

  private checkFormat(flags: ParsedFlags): void {
    const f = flagString(flags, 'write-out');
    if (!['simple', 'fields', 'json', 'protobuf', 'table'].includes(f)) throw new CommandError('unsupported output format', 4);
  }

  // ---- snapshot ------------------------------------------------------------------------------

  private async snapshotSave(flags: ParsedFlags, args: string[]): Promise<number> {
    if (args.length !== 1) return fail(this.ctx, 'snapshot save expects one argument', 128);
    this.applyEnv(flags);
    const eps = this.endpoints(flags);
    if (eps.length !== 1) return fail(this.ctx, `snapshot must be requested to one selected node, not multiple [${eps.join(' ')}]`, 5);
    const ep = parseEndpoint(eps[0]!);
    const tls = this.clientTls(flags, ep);
    const path = args[0]!;
    const part = `${path}.part`;
    try {
      this.fs.write(part, '', 0o600);
    } catch (e) {
      if (e instanceof GoPathError) return fail(this.ctx, `could not open ${part} (${e.message})`, 5);
      throw e;
    }
    const log = (caller: string, msg: string, fields?: [string, string][], logger?: string, offsetMs = 0) => this.ctx.stderr.write(zapJson({ level: 'info', at: this.now() + offsetMs, caller, msg, fields, logger }));
    log('snapshot/v3_snapshot.go:65', 'created temporary db file', [['path', part]]);
    const d = dial(this.deps.cluster.world, this.deps.node, ep, tls);
    if (!d.ok) return this.hang(flags, part);
    const content = encodeSnapshot(d.server.store);
    log('v3/maintenance.go:212', 'opened snapshot stream; downloading', undefined, 'client', 4);
    log('snapshot/v3_snapshot.go:73', 'fetching snapshot', [['endpoint', ep.raw]], undefined, 4);
    log('v3/maintenance.go:220', 'completed snapshot read; closing', undefined, 'client', 96);
    this.fs.write(part, content, 0o600);
    log('snapshot/v3_snapshot.go:88', 'fetched snapshot', [['endpoint', ep.raw], ['size', humanizeBytes(Buffer.byteLength(content))], ['took', 'now']], undefined, 103);
    this.fs.rename(part, path);
    log('snapshot/v3_snapshot.go:97', 'saved', [['path', path]], undefined, 103);
    this.ctx.stdout.write(`Snapshot saved at ${path}\n`);
    return 0;
  }

  /**
   * A snapshot stream waits for a ready connection (WaitForReady) with no deadline unless
   * --command-timeout was given: etcdctl hangs until interrupted, leaving its .part file.
   */
  private async hang(flags: ParsedFlags, part: string): Promise<number> {
    if (flags.changed.has('command-timeout')) {
      await this.ctx.sleep(this.commandTimeout(flags));
      this.fs.remove(part);
      return fail(this.ctx, 'context deadline exceeded', 5);
    }
    for (let waited = 0; waited < HANG_LIMIT_SECONDS && !this.ctx.signal.aborted; waited++) await this.ctx.sleep(1);
    return 130;
  }

  private snapshotRestore(flags: ParsedFlags, args: string[]): number {
    this.ctx.stderr.write('Deprecated: Use `etcdutl snapshot restore` instead.\n\n');
    if (args.length !== 1) return fail(this.ctx, 'snapshot restore requires exactly one argument', 128);
    restoreSnapshot(this.ctx, this.deps.cluster, restoreOptionsFrom(flags, args[0]!));
    return 0;
  }

  // ---- cluster -------------------------------------------------------------------------------

  private memberList(s: EtcdProcess, format: string): number {
    const m = s.member;
    const row = [m.id, 'started', m.name, m.peerUrls.join(','), m.clientUrls.join(','), 'false'];
    if (format === 'table') this.ctx.stdout.write(renderTable(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], [row]));
    else if (format === 'json') this.ctx.stdout.write(JSON.stringify({ header: this.header(s), members: [{ ID: BigInt('0x' + m.id).toString(), name: m.name, peerURLs: m.peerUrls, clientURLs: m.clientUrls }] }).replace(/"ID":"(\d+)"/, '"ID":$1') + '\n');
    else this.ctx.stdout.write(row.join(', ') + '\n');
    return 0;
  }

  private header(s: EtcdProcess): Record<string, unknown> {
    return { cluster_id: BigInt('0x' + s.member.clusterId).toString(), member_id: BigInt('0x' + s.member.id).toString(), revision: s.store.revision, raft_term: RAFT_TERM };
  }

  private async endpointHealth(flags: ParsedFlags): Promise<number> {
    this.applyEnv(flags);
    this.checkFormat(flags);
    const rows: { ep: string; health: boolean; took: string; error: string }[] = [];
    for (const raw of this.endpoints(flags)) {
      const ep = parseEndpoint(raw);
      const tls = this.clientTls(flags, ep);
      const d = dial(this.deps.cluster.world, this.deps.node, ep, tls);
      if (d.ok) {
        rows.push({ ep: raw, health: true, took: goDuration(5_000_000 + this.deps.rng.int(9_000_000)), error: '' });
      } else {
        await this.ctx.sleep(this.commandTimeout(flags));
        this.retryWarning('client', raw, d.error);
        rows.push({ ep: raw, health: false, took: goDuration(this.commandTimeout(flags) * 1e9 + this.deps.rng.int(900_000)), error: 'context deadline exceeded' });
      }
    }
    const format = flagString(flags, 'write-out');
    if (format === 'table') this.ctx.stdout.write(renderTable(['endpoint', 'health', 'took', 'error'], rows.map((r) => [r.ep, String(r.health), r.took, r.error])));
    else if (format === 'json') this.ctx.stdout.write(JSON.stringify(rows.map((r) => ({ endpoint: r.ep, health: r.health, took: r.took, ...(r.error ? { error: r.error } : {}) }))) + '\n');
    else {
      for (const r of rows) {
        if (r.health) this.ctx.stdout.write(`${r.ep} is healthy: successfully committed proposal: took = ${r.took}\n`);
        else this.ctx.stderr.write(`${r.ep} is unhealthy: failed to commit proposal: ${r.error}\n`);
      }
    }
    if (rows.some((r) => !r.health)) return fail(this.ctx, 'unhealthy cluster', 1);
    return 0;
  }

  private async endpointStatus(flags: ParsedFlags): Promise<number> {
    this.applyEnv(flags);
    this.checkFormat(flags);
    const eps = this.endpoints(flags);
    const first = parseEndpoint(eps[0] ?? '127.0.0.1:2379');
    const tls = this.clientTls(flags, first);
    const rows: string[][] = [];
    let failed = false;
    for (const raw of eps) {
      const d = dial(this.deps.cluster.world, this.deps.node, parseEndpoint(raw), tls);
      if (!d.ok) {
        await this.ctx.sleep(this.commandTimeout(flags));
        this.retryWarning('etcd-client', raw, d.error);
        this.ctx.stderr.write(`Failed to get the status of endpoint ${raw} (context deadline exceeded)\n`);
        failed = true;
        continue;
      }
      const s = d.server;
      const index = s.store.revision + RAFT_INDEX_OFFSET;
      rows.push([raw, s.member.id, s.version, humanizeBytes(dbSize(s)), 'true', 'false', String(RAFT_TERM), String(index), String(index), '']);
    }
    const format = flagString(flags, 'write-out');
    if (format === 'table') this.ctx.stdout.write(renderTable(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], rows));
    else for (const r of rows) this.ctx.stdout.write(r.join(', ') + '\n');
    return failed ? 1 : 0;
  }

  // ---- keys ----------------------------------------------------------------------------------

  private async get(flags: ParsedFlags, args: string[]): Promise<number> {
    if (args.length === 0) return fail(this.ctx, 'get command needs one argument as key and an optional argument as range_end', 128);
    const prefix = flagBool(flags, 'prefix');
    const fromKey = flagBool(flags, 'from-key');
    if (prefix && fromKey) return fail(this.ctx, '`--prefix` and `--from-key` cannot be set at the same time, choose one', 128);
    if (flagBool(flags, 'keys-only') && flagBool(flags, 'count-only')) return fail(this.ctx, '`--keys-only` and `--count-only` cannot be set at the same time, choose one', 128);
    if (args.length > 1 && (prefix || fromKey)) return fail(this.ctx, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set', 128);
    return this.unary(flags, (s) => {
      const key = args[0]!;
      let kvs = allKeyValues(s.store).filter((kv) => {
        if (prefix) return kv.key.startsWith(key);
        if (fromKey) return compareBytes(kv.key, key) >= 0;
        if (args.length > 1) return compareBytes(kv.key, key) >= 0 && compareBytes(kv.key, args[1]!) < 0;
        return kv.key === key;
      });
      const count = kvs.length;
      if (flagString(flags, 'order').toUpperCase() === 'DESCEND') kvs.reverse();
      const limit = flagNumber(flags, 'limit');
      if (limit > 0) kvs = kvs.slice(0, limit);
      const keysOnly = flagBool(flags, 'keys-only');
      const format = flagString(flags, 'write-out');
      if (format === 'json') {
        const kvJson = kvs.map((kv) => ({ key: b64(kv.key), create_revision: kv.createRevision, mod_revision: kv.modRevision, version: kv.version, ...(keysOnly ? {} : { value: b64(kv.value) }) }));
        this.ctx.stdout.write(JSON.stringify({ header: this.header(s), kvs: kvJson, ...(limit > 0 && count > limit ? { more: true } : {}), count }).replace(/"(cluster_id|member_id)":"(\d+)"/g, '"$1":$2') + '\n');
        return 0;
      }
      if (flagBool(flags, 'count-only')) return fail(this.ctx, '--count-only is only for `--write-out=fields`', 128);
      const valueOnly = flagBool(flags, 'print-value-only');
      const hex = flagBool(flags, 'hex');
      for (const kv of kvs) this.printKv(kv, keysOnly, valueOnly, hex);
      return 0;
    });
  }

  private printKv(kv: KeyValue, keysOnly: boolean, valueOnly: boolean, hex: boolean): void {
    const k = hex ? hexEscape(kv.key) : kv.key;
    const v = keysOnly ? '' : hex ? hexEscape(kv.value) : kv.value;
    if (!valueOnly) this.ctx.stdout.write(k + '\n');
    this.ctx.stdout.write(v + '\n');
  }

  private async put(flags: ParsedFlags, args: string[]): Promise<number> {
    if (args.length === 0) return fail(this.ctx, 'put command needs 1 argument and input from stdin or 2 arguments', 128);
    const value = args.length > 1 ? args[1]! : this.ctx.stdin;
    if (args.length < 2 && value === '') return fail(this.ctx, 'put command needs 1 argument and input from stdin or 2 arguments', 128);
    return this.unary(flags, (s) => {
      const raw = rawKeysOf(s.store);
      const prev = raw.get(args[0]!);
      const rev = s.store.revision;
      raw.set(args[0]!, { key: args[0]!, value, createRevision: prev?.createRevision ?? rev, modRevision: rev, version: (prev?.version ?? 0) + 1 });
      this.ctx.stdout.write('OK\n');
      return 0;
    });
  }

  private async del(flags: ParsedFlags, args: string[]): Promise<number> {
    if (args.length === 0) return fail(this.ctx, 'del command needs one argument as key and an optional argument as range_end', 128);
    return this.unary(flags, (s) => {
      const key = args[0]!;
      const prefix = flagBool(flags, 'prefix');
      const doomed = allKeyValues(s.store).filter((kv) => (prefix ? kv.key.startsWith(key) : kv.key === key));
      const raw = rawKeysOf(s.store);
      for (const kv of doomed) {
        if (raw.delete(kv.key)) continue;
        const at = objectAt(s.store, kv.key);
        if (at) s.store.delete(...at);
      }
      this.ctx.stdout.write(`${doomed.length}\n`);
      if (flagBool(flags, 'prev-kv')) for (const kv of doomed) this.printKv(kv, false, false, flagBool(flags, 'hex'));
      return 0;
    });
  }
}

/** Seconds a headless run waits on a hung snapshot stream before giving up as Ctrl-C would. */
const HANG_LIMIT_SECONDS = 300;
const RAFT_TERM = 2;
const RAFT_INDEX_OFFSET = 4;

function dbSize(s: EtcdProcess): number {
  return Buffer.byteLength(encodeDb(s.store));
}

function b64(s: string): string {
  return Buffer.from(s).toString('base64');
}

function hexEscape(s: string): string {
  return Buffer.from(s).toString('hex').replace(/(..)/g, '\\x$1');
}

function usageOf(path: string[]): string {
  return `NAME:\n\tetcdctl ${path.join(' ')}\n`;
}

export { deadlineError };
