/** IPv4 arithmetic for CIDRs: service ranges, pod CIDRs, node subnets. */

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`invalid IPv4 address: ${ip}`);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIPv4(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((p) => Number(p) <= 255 && String(Number(p)) === p);
}

export interface Cidr {
  /** Network address as an unsigned integer. */
  base: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr.trim());
  if (!m || Number(m[2]) > 32 || !isIPv4(m[1]!)) throw new Error(`invalid CIDR address: ${cidr}`);
  const prefix = Number(m[2]);
  const size = 2 ** (32 - prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToInt(m[1]!) & mask) >>> 0, prefix, size };
}

export function isValidCidr(cidr: string): boolean {
  try {
    parseCidr(cidr);
    return true;
  } catch {
    return false;
  }
}

export function cidrContains(cidr: Cidr | string, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  if (!isIPv4(ip)) return false;
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + c.size;
}

/** The n-th address of a block (0 is the network address). */
export function nthIp(cidr: Cidr | string, n: number): string {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  return intToIp((c.base + n) >>> 0);
}

/** The i-th /newPrefix subnet of a block: the i-th node's pod CIDR in 10.244.0.0/16. */
export function subnet(cidr: string, newPrefix: number, index: number): string {
  const c = parseCidr(cidr);
  const size = 2 ** (32 - newPrefix);
  return `${intToIp((c.base + index * size) >>> 0)}/${newPrefix}`;
}

export function formatCidr(c: Cidr): string {
  return `${intToIp(c.base)}/${c.prefix}`;
}
