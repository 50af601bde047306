/**
 * ClusterIP and NodePort allocation, as the apiserver's service registry does it: a requested
 * value is checked for range and uniqueness, otherwise a free value is drawn at random (seeded,
 * so runs repeat). The first address of the range belongs to the `kubernetes` service, the
 * tenth to kube-dns by kubeadm's convention.
 */
import type { Rng } from '../util/rng.js';
import { cidrContains, ipToInt, intToIp, parseCidr, type Cidr } from '../util/ip.js';
import type { Allocators } from './strategy.js';

export class AllocationError extends Error {}

export class ServiceAllocators implements Allocators {
  private readonly range: Cidr;
  private readonly ips = new Set<string>();
  private readonly ports = new Set<number>();

  constructor(
    serviceCidr: string,
    private readonly nodePorts: [number, number],
    private readonly rng: Rng,
  ) {
    this.range = parseCidr(serviceCidr);
  }

  isClusterIPInRange(ip: string): boolean {
    return cidrContains(this.range, ip);
  }

  allocateClusterIP(requested?: string): string {
    if (requested) {
      if (!this.isClusterIPInRange(requested)) {
        throw new AllocationError(`failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${intToIp(this.range.base)}/${this.range.prefix}`);
      }
      if (this.ips.has(requested)) throw new AllocationError(`failed to allocate IP ${requested}: provided IP is already allocated`);
      this.ips.add(requested);
      return requested;
    }
    // Skip the network address, the kubernetes service (.1) and the broadcast address.
    const usable = this.range.size - 2;
    if (this.ips.size >= usable) throw new AllocationError('range is full');
    for (;;) {
      const ip = intToIp((this.range.base + 2 + this.rng.int(usable - 1)) >>> 0);
      if (!this.ips.has(ip) && !ip.endsWith('.10')) {
        this.ips.add(ip);
        return ip;
      }
    }
  }

  releaseClusterIP(ip: string): void {
    this.ips.delete(ip);
  }

  allocateNodePort(requested?: number): number {
    const [lo, hi] = this.nodePorts;
    if (requested !== undefined) {
      if (requested < lo || requested > hi) throw new AllocationError(`provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`);
      if (this.ports.has(requested)) throw new AllocationError('provided port is already allocated');
      this.ports.add(requested);
      return requested;
    }
    if (this.ports.size > hi - lo) throw new AllocationError('range is full');
    for (;;) {
      const port = lo + this.rng.int(hi - lo + 1);
      if (!this.ports.has(port)) {
        this.ports.add(port);
        return port;
      }
    }
  }

  releaseNodePort(port: number): void {
    this.ports.delete(port);
  }

  /** Marks addresses in use when a store is loaded from a snapshot. */
  reserve(ip?: string, ports: number[] = []): void {
    if (ip && ip !== 'None' && this.isClusterIPInRange(ip)) this.ips.add(ip);
    for (const p of ports) this.ports.add(p);
  }
}

export function firstServiceIp(serviceCidr: string): string {
  return intToIp((parseCidr(serviceCidr).base + 1) >>> 0);
}

export function dnsServiceIp(serviceCidr: string): string {
  return intToIp((parseCidr(serviceCidr).base + 10) >>> 0);
}

export { ipToInt };
