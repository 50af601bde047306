/**
 * Container log files as the kubelet and containerd lay them out on a node:
 * /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restartCount>.log in the CRI format
 * (`<RFC3339Nano> <stream> F <line>`), and /var/log/containers/<pod>_<namespace>_<container>-<id>.log
 * symlinks to them. A file exists while containerd keeps its container. The tree is written
 * when someone looks (see host-fs.ts); what a user removed stays removed, as the kubelet does
 * not recreate it.
 */
import type { VirtualFS } from '../vfs/fs.js';
import type { LazyTree } from './host-fs.js';
import type { ContainerRecord, ContainerRuntime, LogLine } from './runtime.js';

export const POD_LOGS_DIR = '/var/log/pods';
export const CONTAINER_LOGS_DIR = '/var/log/containers';

/** RFC 3339 with nanoseconds as Go's RFC3339Nano prints it (trailing zeros trimmed). */
export function logTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  // Sub-millisecond digits are made up, but fixed for an instant: the same line always reads the same.
  const fraction = `${iso.slice(20, 23)}${String(Math.floor((ms * 7919) % 1_000_000)).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** One line of a CRI log file. */
export function criLogLine(l: LogLine): string {
  return `${logTimestamp(l.at)} ${l.stream} F ${l.line}\n`;
}

export function podLogDir(c: Pick<ContainerRecord, 'podNamespace' | 'podName' | 'podUid'>): string {
  return `${POD_LOGS_DIR}/${c.podNamespace}_${c.podName}_${c.podUid}`;
}

export function containerLogPath(c: ContainerRecord): string {
  return `${podLogDir(c)}/${c.name}/${c.attempt}.log`;
}

export function containerLogLink(c: ContainerRecord): string {
  return `${CONTAINER_LOGS_DIR}/${c.podName}_${c.podNamespace}_${c.name}-${c.id}.log`;
}

type Entry = { kind: 'dir' } | { kind: 'file'; container: ContainerRecord } | { kind: 'link'; target: string };

export class PodLogFiles implements LazyTree {
  readonly roots = [POD_LOGS_DIR, CONTAINER_LOGS_DIR];
  /** Paths this tree wrote, with the log state each file was written at. */
  private readonly written = new Map<string, string>();
  /** Paths a user removed: containerd keeps writing to the unlinked file, nobody recreates it. */
  private readonly removed = new Set<string>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly now: () => number,
  ) {}

  refresh(fs: VirtualFS): void {
    for (const root of this.roots) if (!fs.isDir(root)) fs.mkdir(root, { recursive: true, mode: 0o755 });
    const wanted = this.desired();
    for (const [path, entry] of wanted) this.apply(fs, path, entry);
    // Longest paths first: files and links go before the directories that held them.
    const stale = [...this.written.keys()].filter((p) => !wanted.has(p)).sort((a, b) => b.length - a.length);
    for (const path of stale) {
      this.written.delete(path);
      this.removed.delete(path);
      removeIfOurs(fs, path);
    }
  }

  private desired(): Map<string, Entry> {
    const out = new Map<string, Entry>();
    const now = this.now();
    for (const c of this.runtime.containers.values()) {
      this.runtime.advance(c, now);
      const dir = podLogDir(c);
      out.set(dir, { kind: 'dir' });
      out.set(`${dir}/${c.name}`, { kind: 'dir' });
      out.set(containerLogPath(c), { kind: 'file', container: c });
      out.set(containerLogLink(c), { kind: 'link', target: containerLogPath(c) });
    }
    return out;
  }

  private apply(fs: VirtualFS, path: string, entry: Entry): void {
    if (this.removed.has(path)) return;
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (!exists(fs, parent)) return; // under a directory a user removed
    const seen = this.written.get(path);
    const present = exists(fs, path);
    if (seen !== undefined && !present) {
      this.removed.add(path);
      return;
    }
    if (entry.kind === 'dir') {
      if (!present) fs.mkdir(path, { mode: 0o755 });
      this.written.set(path, '');
    } else if (entry.kind === 'link') {
      if (!present) fs.symlink(entry.target, path);
      this.written.set(path, '');
    } else {
      const logs = entry.container.logs;
      const state = `${logs.length}:${logs[0]?.at}:${logs[logs.length - 1]?.at}`;
      if (present && seen === state) return;
      fs.writeFile(path, logs.map(criLogLine).join(''), { mode: 0o640 });
      fs.utimes(path, logs[logs.length - 1]?.at ?? entry.container.createdAt);
      this.written.set(path, state);
    }
  }
}

function exists(fs: VirtualFS, path: string): boolean {
  try {
    fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes a path this tree wrote; a directory only once empty (a user's files stay). */
function removeIfOurs(fs: VirtualFS, path: string): void {
  try {
    const st = fs.lstat(path);
    if (st.type === 'dir') {
      if (fs.readdir(path).length === 0) fs.rmdir(path);
    } else fs.unlink(path);
  } catch {
    // already gone
  }
}
