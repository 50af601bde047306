/**
 * etcdutl 3.5: the offline half of etcd's tools, `snapshot restore` and `snapshot status`, with
 * its console logger (initial memory map size defaults to 10 GiB here, unlike etcdctl's 0).
 */
import type { Cluster } from '../../cluster/cluster.js';
import type { Program } from '../../shell/types.js';
import { flagString, type FlagTable } from '../../kubectl/flags/index.js';
import { resolveCommand, type CommandNode } from '../commands.js';
import { GoPathError } from '../goio.js';
import { CommandError, fail, restoreOptionsFrom, restoreSnapshot, snapshotStatus } from './restore.js';

const DEFAULT_MMAP = 10 * 1024 * 1024 * 1024;

const RESTORE_FLAGS: FlagTable = [
  { name: 'data-dir', type: 'string', usage: 'Path to the output data directory' },
  { name: 'wal-dir', type: 'string', usage: 'Path to the WAL directory (use --data-dir if none given)' },
  { name: 'initial-cluster', type: 'string', default: 'default=http://localhost:2380', usage: 'Initial cluster configuration for restore bootstrap' },
  { name: 'initial-cluster-token', type: 'string', default: 'etcd-cluster', usage: 'Initial cluster token for the etcd cluster during restore bootstrap' },
  { name: 'initial-advertise-peer-urls', type: 'string', default: 'http://localhost:2380', usage: "List of this member's peer URLs to advertise to the rest of the cluster" },
  { name: 'name', type: 'string', default: 'default', usage: 'Human-readable name for this member' },
  { name: 'skip-hash-check', type: 'bool', usage: 'Ignore snapshot integrity hash value (required if copied from data directory)' },
  { name: 'initial-memory-map-size', type: 'int64', default: DEFAULT_MMAP, usage: 'Initial memory map size of the database in bytes.' },
  { name: 'bump-revision', type: 'int64', usage: 'How much to increase the latest revision after restore' },
  { name: 'mark-compacted', type: 'bool', usage: 'Mark the latest revision after restore as the point of scheduled compaction' },
];

const ROOT: CommandNode = {
  name: 'etcdutl',
  children: [
    { name: 'snapshot', children: [{ name: 'restore', run: true, flags: RESTORE_FLAGS }, { name: 'status', run: true }, { name: 'save', run: true }] },
    { name: 'version', run: true },
    { name: 'defrag', run: true },
    { name: 'backup', run: true },
  ],
};

const GLOBALS: FlagTable = [{ name: 'write-out', shorthand: 'w', type: 'string', default: 'simple', usage: 'set the output format (fields, json, protobuf, simple, table)' }];

export function etcdutlProgram(deps: { cluster: Cluster }): Program {
  return (ctx) => {
    const r = resolveCommand(ROOT, ctx.argv.slice(1), GLOBALS, true);
    if (!r.ok) {
      ctx.stderr.write(`Error: ${r.error}\n${r.unknownCommand ? "Run 'etcdutl --help' for usage.\n" : ''}`);
      return 1;
    }
    const { path, flags, args } = r.resolved;
    try {
      switch (path.join(' ')) {
        case 'version':
          ctx.stdout.write('etcdutl version: 3.5.21\nAPI version: 3.5\n');
          return 0;
        case 'snapshot status':
          if (args.length !== 1) return fail(ctx, 'snapshot status requires exactly one argument', 128);
          return snapshotStatus(ctx, args[0]!, flagString(flags, 'write-out'));
        case 'snapshot save':
          return fail(ctx, 'In order to download snapshot use: `etcdctl snapshot save ...`', 128);
        case 'snapshot restore':
          if (!flags.changed.has('data-dir')) {
            ctx.stderr.write('Error: required flag(s) "data-dir" not set\n');
            return 1;
          }
          if (args.length !== 1) return fail(ctx, 'snapshot restore requires exactly one argument', 128);
          restoreSnapshot(ctx, deps.cluster, restoreOptionsFrom(flags, args[0]!));
          return 0;
        default:
          ctx.stdout.write(`NAME:\n\tetcdutl ${path.join(' ')}\n`);
          return 0;
      }
    } catch (e) {
      if (e instanceof CommandError) return fail(ctx, e.message, e.code);
      if (e instanceof GoPathError) return fail(ctx, e.message, 1);
      throw e;
    }
  };
}
