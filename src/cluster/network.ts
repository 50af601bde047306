/**
 * The simulated network: which process listens on which address and port, and host-name
 * resolution between machines. kubectl reaches the apiserver the way a real client does, by
 * connecting to the server URL of its kubeconfig: a wrong port, a stopped apiserver or an
 * unknown host fail with the errors kubectl prints for them.
 */

export interface Listener {
  /** Who listens, for `ss -tlpn`: e.g. "kube-apiserver", "etcd", "kubelet", "kube-proxy". */
  process: string;
  pid: number;
  /** What answers: an apiserver endpoint, an HTTP handler, or a bare TCP port. */
  service: unknown;
  protocol: 'tcp' | 'udp';
}

export type ConnectResult = { ok: true; listener: Listener } | { ok: false; error: 'refused' | 'unreachable' | 'timeout' };

export class Network {
  /** "ip:port" -> listener; ip "0.0.0.0" listens on every address of its host. */
  private readonly listeners = new Map<string, Listener>();
  /** host name -> ip, for names every machine resolves (node names, `controlplane`). */
  private readonly names = new Map<string, string>();
  /** ip -> the machine that owns it (for wildcard listeners). */
  private readonly owners = new Map<string, string>();
  /** Bumped on every change so the run loop can notice. */
  version = 0;

  addHost(name: string, ip: string): void {
    this.names.set(name, ip);
    this.owners.set(ip, name);
    this.version++;
  }

  removeHost(name: string): void {
    const ip = this.names.get(name);
    this.names.delete(name);
    if (ip) this.owners.delete(ip);
    this.version++;
  }

  resolve(nameOrIp: string): string | undefined {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(nameOrIp)) return nameOrIp;
    if (nameOrIp === 'localhost') return '127.0.0.1';
    return this.names.get(nameOrIp);
  }

  hostOf(ip: string): string | undefined {
    return this.owners.get(ip);
  }

  hostNames(): string[] {
    return [...this.names.keys()];
  }

  listen(ip: string, port: number, listener: Listener): void {
    this.listeners.set(`${ip}:${port}`, listener);
    this.version++;
  }

  close(ip: string, port: number): void {
    if (this.listeners.delete(`${ip}:${port}`)) this.version++;
  }

  /** Listeners bound to an address of one host (its own IPs, 0.0.0.0 and 127.0.0.1 entries). */
  listenersOn(ips: readonly string[]): { address: string; port: number; listener: Listener }[] {
    const out: { address: string; port: number; listener: Listener }[] = [];
    for (const [key, listener] of this.listeners) {
      const i = key.lastIndexOf(':');
      const address = key.slice(0, i);
      if (ips.includes(address)) out.push({ address, port: Number(key.slice(i + 1)), listener });
    }
    return out.sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
  }

  /**
   * Connects from the machine with address `fromIp` to ip:port. 127.0.0.1 means the caller's own
   * machine; `scope` lets a host register loopback listeners as "127.0.0.1@<host ip>".
   */
  connect(ip: string, port: number, fromIp?: string): ConnectResult {
    const target = ip === '127.0.0.1' && fromIp ? fromIp : ip;
    const direct = this.listeners.get(`${target}:${port}`);
    if (direct) return { ok: true, listener: direct };
    if (ip === '127.0.0.1' && fromIp) {
      const loop = this.listeners.get(`127.0.0.1@${fromIp}:${port}`);
      if (loop) return { ok: true, listener: loop };
    }
    if (!this.owners.has(target) && !this.isServiceOrPodAddress(target)) return { ok: false, error: 'timeout' };
    return { ok: false, error: 'refused' };
  }

  /** Cluster-internal ranges answer with "refused" rather than a timeout when nothing listens. */
  private isServiceOrPodAddress(ip: string): boolean {
    return ip.startsWith('10.');
  }
}
