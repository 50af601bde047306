/**
 * Small hosts and sessions for tests: a VirtualFS with /home/candidate, /root, /etc (passwd,
 * group, hostname), /tmp and /usr/bin, accounts root (0) and candidate (1000), and a session
 * whose output is collected in strings.
 */
import { VirtualClock } from '../util/clock.js';
import { VirtualFS } from '../vfs/fs.js';
import { passwdLine, VfsHost } from './host.js';
import { StaticProgramTable } from './programs/table.js';
import type { ProgramEntry } from './programs/table.js';
import { ShellSession } from './session.js';
import type { HostResolver, ShellSessionOptions } from './session.js';
import { BufferSink } from './types.js';
import type { Account } from './types.js';
import { VirtualWaiter } from './waiter.js';

export const ROOT_ACCOUNT: Account = { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash', groups: [] };
export const CANDIDATE: Account = { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [] };

export interface TestHostOptions {
  hostname?: string;
  programs?: Record<string, ProgramEntry>;
  clock?: VirtualClock;
  /** More accounts besides root and candidate. */
  accounts?: Account[];
}

export function createTestHost(options: TestHostOptions = {}): VfsHost {
  const fs = new VirtualFS(options.clock);
  const hostname = options.hostname ?? 'terminal';
  const accounts = [ROOT_ACCOUNT, CANDIDATE, ...(options.accounts ?? [])];
  for (const dir of ['/etc', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/var/log', '/home', '/opt', '/dev']) fs.mkdir(dir, { recursive: true });
  fs.mkdir('/tmp', { mode: 0o1777 });
  fs.mkdir('/root', { mode: 0o700 });
  for (const a of accounts) {
    if (a.uid === 0) continue;
    fs.mkdir(a.home, { recursive: true });
    fs.chown(a.home, a.uid, a.gid);
    fs.chmod(a.home, 0o750);
  }
  fs.writeFile('/etc/passwd', accounts.map((a) => passwdLine(a)).join('\n') + '\n');
  fs.writeFile('/etc/group', accounts.map((a) => `${a.name}:x:${a.gid}:`).join('\n') + '\n');
  fs.writeFile('/etc/hostname', hostname + '\n');
  return new VfsHost(hostname, fs, new StaticProgramTable(options.programs ?? {}));
}

/** Resolves names from a fixed list of hosts. */
export function hostList(...hosts: VfsHost[]): HostResolver {
  return { resolve: (name) => hosts.find((h) => h.hostname === name) };
}

export interface TestSession {
  session: ShellSession;
  host: VfsHost;
  clock: VirtualClock;
  /** Runs a line and returns what it printed. */
  run(line: string, stdin?: string): Promise<{ stdout: string; stderr: string; status: number }>;
}

export function createTestSession(options: Partial<ShellSessionOptions> & { host?: VfsHost; hosts?: HostResolver; clock?: VirtualClock } = {}): TestSession {
  const clock = options.clock ?? new VirtualClock();
  const host = options.host ?? createTestHost({ clock });
  const session = new ShellSession({
    account: 'candidate',
    hosts: options.hosts ?? hostList(host),
    waiter: new VirtualWaiter(clock),
    ...options,
    host,
  });
  return {
    session,
    host,
    clock,
    async run(line, stdin) {
      const stdout = new BufferSink();
      const stderr = new BufferSink();
      const status = await session.run(line, { stdout, stderr, stdin });
      return { stdout: stdout.text(), stderr: stderr.text(), status };
    },
  };
}
