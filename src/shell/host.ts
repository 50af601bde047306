/**
 * A ShellHost whose accounts live in its own /etc/passwd and /etc/group, as on a real machine:
 * `useradd` (or a scenario editing /etc/passwd) changes who can log in.
 */
import type { VirtualFS } from '../vfs/fs.js';
import type { Account, ProgramTable, ShellHost } from './types.js';

export class VfsHost implements ShellHost {
  constructor(
    readonly hostname: string,
    readonly fs: VirtualFS,
    readonly programs: ProgramTable,
  ) {}

  account(name: string): Account | undefined {
    return this.accounts().find((a) => a.name === name);
  }

  accountById(uid: number): Account | undefined {
    return this.accounts().find((a) => a.uid === uid);
  }

  groupName(gid: number): string | undefined {
    return parseGroups(this.fs.readFileIfExists('/etc/group') ?? '').find((g) => g.gid === gid)?.name;
  }

  private accounts(): Account[] {
    return parsePasswd(this.fs.readFileIfExists('/etc/passwd') ?? '', this.fs.readFileIfExists('/etc/group') ?? '');
  }
}

interface Group {
  name: string;
  gid: number;
  members: string[];
}

function parseGroups(text: string): Group[] {
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2]!))
    .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

/** passwd(5) lines `name:x:uid:gid:gecos:home:shell`; supplementary groups from group(5). */
export function parsePasswd(passwd: string, group: string): Account[] {
  const groups = parseGroups(group);
  return passwd
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 7 && /^\d+$/.test(f[2]!) && /^\d+$/.test(f[3]!))
    .map((f) => ({
      name: f[0]!,
      uid: Number(f[2]),
      gid: Number(f[3]),
      home: f[5]!,
      shell: f[6]!,
      groups: groups.filter((g) => g.members.includes(f[0]!)).map((g) => g.gid),
    }));
}

export function passwdLine(a: Account, gecos = ''): string {
  return `${a.name}:x:${a.uid}:${a.gid}:${gecos}:${a.home}:${a.shell}`;
}
