/**
 * containerd as the kubelet sees it through CRI: pod sandboxes and containers with ids, states,
 * exit codes and logs. `crictl ps -a`, `crictl logs` and `kubectl logs` read these records.
 */
import type { Rng } from '../util/rng.js';
import type { ProcessPlan } from './process.js';

export type ContainerState = 'created' | 'running' | 'exited';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface ContainerRecord {
  id: string;
  name: string;
  sandboxId: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  image: string;
  attempt: number;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** Completed, Error, OOMKilled, StartError, ... */
  reason?: string;
  message?: string;
  logs: LogLine[];
  plan?: ProcessPlan;
}

export interface SandboxRecord {
  id: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  ip?: string;
  hostNetwork: boolean;
  state: 'ready' | 'notready';
  createdAt: number;
  attempt: number;
}

const MAX_LOG_LINES = 10_000;

export class ContainerRuntime {
  readonly containers = new Map<string, ContainerRecord>();
  readonly sandboxes = new Map<string, SandboxRecord>();
  readonly images = new Set<string>();

  constructor(private readonly rng: Rng) {}

  newId(): string {
    return this.rng.string(64, '0123456789abcdef');
  }

  createSandbox(s: Omit<SandboxRecord, 'id' | 'state'>): SandboxRecord {
    const rec: SandboxRecord = { ...s, id: this.newId(), state: 'ready' };
    this.sandboxes.set(rec.id, rec);
    return rec;
  }

  removeSandbox(id: string): void {
    this.sandboxes.delete(id);
    for (const [cid, c] of this.containers) if (c.sandboxId === id) this.containers.delete(cid);
  }

  createContainer(c: Omit<ContainerRecord, 'id' | 'state' | 'logs'>): ContainerRecord {
    const rec: ContainerRecord = { ...c, id: this.newId(), state: 'created', logs: [] };
    this.containers.set(rec.id, rec);
    return rec;
  }

  appendLog(c: ContainerRecord, at: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    c.logs.push({ at, stream, line });
    if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  }

  /** Containers of a pod, newest attempt last. */
  containersOf(podUid: string, name?: string): ContainerRecord[] {
    return [...this.containers.values()].filter((c) => c.podUid === podUid && (name === undefined || c.name === name)).sort((a, b) => a.attempt - b.attempt || a.createdAt - b.createdAt);
  }

  /** Removes exited containers of a pod except the newest few per name (the kubelet's GC). */
  prune(podUid: string, keep = 2): void {
    const byName = new Map<string, ContainerRecord[]>();
    for (const c of this.containersOf(podUid)) {
      const list = byName.get(c.name) ?? [];
      list.push(c);
      byName.set(c.name, list);
    }
    for (const list of byName.values()) {
      const exited = list.filter((c) => c.state === 'exited');
      for (const c of exited.slice(0, Math.max(0, exited.length - keep))) this.containers.delete(c.id);
    }
  }
}
