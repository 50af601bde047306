/**
 * A machine the candidate can log into: the workstation or a cluster node. It owns a
 * filesystem, the programs installed on it, and its accounts, read from /etc/passwd and
 * /etc/group on that filesystem as a real system does.
 */
import type { Account, Program, ProgramTable, ShellHost } from '../shell/types.js';
import { VirtualFS } from '../vfs/fs.js';
import type { VirtualClock } from '../util/clock.js';

export class Programs implements ProgramTable {
  private readonly table = new Map<string, { path: string; program: Program }>();

  install(name: string, path: string, program: Program): void {
    this.table.set(name, { path, program });
  }

  uninstall(name: string): void {
    this.table.delete(name);
  }

  get(name: string): Program | undefined {
    return this.table.get(name)?.program;
  }

  pathOf(name: string): string | undefined {
    return this.table.get(name)?.path;
  }

  names(): string[] {
    return [...this.table.keys()].sort();
  }
}

export interface MachineOptions {
  hostname: string;
  ip: string;
  clock: VirtualClock;
  /** Extra login accounts beyond root (e.g. candidate on the workstation). */
  users?: { name: string; uid: number; home: string; groups?: string[] }[];
}

export class Machine implements ShellHost {
  readonly hostname: string;
  readonly ip: string;
  readonly fs: VirtualFS;
  readonly programs = new Programs();
  readonly clock: VirtualClock;

  constructor(opts: MachineOptions) {
    this.hostname = opts.hostname;
    this.ip = opts.ip;
    this.clock = opts.clock;
    this.fs = new VirtualFS(opts.clock);
    layoutBaseSystem(this.fs, opts);
  }

  account(name: string): Account | undefined {
    return this.accounts().find((a) => a.name === name);
  }

  accountById(uid: number): Account | undefined {
    return this.accounts().find((a) => a.uid === uid);
  }

  groupName(gid: number): string | undefined {
    return this.groups().find((g) => g.gid === gid)?.name;
  }

  private accounts(): Account[] {
    const passwd = this.fs.readFileIfExists('/etc/passwd') ?? '';
    const groups = this.groups();
    return passwd
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((line) => {
        const [name = '', , uid = '0', gid = '0', , home = '/', shell = '/bin/sh'] = line.split(':');
        const supplementary = groups.filter((g) => g.members.includes(name)).map((g) => g.gid);
        return { name, uid: Number(uid), gid: Number(gid), home, shell, groups: supplementary };
      });
  }

  private groups(): { name: string; gid: number; members: string[] }[] {
    const text = this.fs.readFileIfExists('/etc/group') ?? '';
    return text
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((line) => {
        const [name = '', , gid = '0', members = ''] = line.split(':');
        return { name, gid: Number(gid), members: members ? members.split(',') : [] };
      });
  }
}

/** The files every Debian-like host has: accounts, hostname, hosts, home directories, /tmp. */
function layoutBaseSystem(fs: VirtualFS, opts: MachineOptions): void {
  for (const dir of ['/bin', '/usr/bin', '/usr/local/bin', '/usr/sbin', '/etc', '/var/log', '/opt', '/root', '/home', '/run', '/proc']) {
    fs.mkdir(dir, { recursive: true });
  }
  fs.chmod('/root', 0o700);
  fs.mkdir('/tmp', { mode: 0o1777 });
  const users = opts.users ?? [];
  const passwd = [
    'root:x:0:0:root:/root:/bin/bash',
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    ...users.map((u) => `${u.name}:x:${u.uid}:${u.uid}:${u.name}:${u.home}:/bin/bash`),
  ];
  const group = [
    'root:x:0:',
    'daemon:x:1:',
    `sudo:x:27:${users.filter((u) => u.groups?.includes('sudo')).map((u) => u.name).join(',')}`,
    'nogroup:x:65534:',
    ...users.map((u) => `${u.name}:x:${u.uid}:`),
  ];
  fs.writeFile('/etc/passwd', passwd.join('\n') + '\n');
  fs.writeFile('/etc/group', group.join('\n') + '\n');
  fs.writeFile('/etc/hostname', opts.hostname + '\n');
  fs.writeFile('/etc/os-release', OS_RELEASE);
  for (const u of users) fs.mkdir(u.home, { recursive: true, mode: 0o755, uid: u.uid, gid: u.uid });
}

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
UBUNTU_CODENAME=noble
`;
