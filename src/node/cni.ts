/**
 * Pod networking as containerd's CRI plugin runs it: the first network configuration in
 * /etc/cni/net.d (in file-name order), its plugin chain executed from /opt/cni/bin, and the
 * IPAM of the main plugin handing out the pod address. The address comes from the plugin's
 * range intersected with the node's podCIDR; when they disagree, when a binary is missing or
 * when the CNI's node agent has not written its state, sandboxes fail with the messages
 * containerd reports, and without any configuration the node is NotReady.
 */
import type { VirtualFS } from '../vfs/fs.js';
import { cidrContains, formatCidr, intToIp, ipToInt, parseCidr, type Cidr } from '../util/ip.js';

export const CNI_CONF_DIR = '/etc/cni/net.d';
export const CNI_BIN_DIR = '/opt/cni/bin';
export const NOT_INITIALIZED = 'cni plugin not initialized';

export interface CniConfig {
  file: string;
  name: string;
  /** Plugin types of the chain, in order (calico, portmap, bandwidth). */
  types: string[];
  /** The main plugin's raw configuration. */
  main: Record<string, unknown>;
}

export type CniStatus = { ready: true; config: CniConfig } | { ready: false; error: string };

const loaded = new WeakMap<VirtualFS, { version: number; status: CniStatus }>();

/** Reads the network configuration containerd would use now (re-read only when the node's files change). */
export function loadCni(fs: VirtualFS): CniStatus {
  const hit = loaded.get(fs);
  if (hit && hit.version === fs.version) return hit.status;
  const status = readCni(fs);
  loaded.set(fs, { version: fs.version, status });
  return status;
}

function readCni(fs: VirtualFS): CniStatus {
  if (!fs.isDir(CNI_CONF_DIR)) return { ready: false, error: NOT_INITIALIZED };
  const files = fs.readdir(CNI_CONF_DIR).filter((f) => /\.(conflist|conf|json)$/.test(f)).sort();
  for (const f of files) {
    const path = `${CNI_CONF_DIR}/${f}`;
    if (!fs.isFile(path)) continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(fs.readFile(path)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const plugins = f.endsWith('.conflist') || Array.isArray(json['plugins']) ? ((json['plugins'] ?? []) as Record<string, unknown>[]) : [json];
    const types = plugins.map((p) => String(p['type'] ?? '')).filter(Boolean);
    if (types.length === 0) continue;
    return { ready: true, config: { file: path, name: String(json['name'] ?? ''), types, main: plugins[0]! } };
  }
  return { ready: false, error: NOT_INITIALIZED };
}

export interface NetworkSetup {
  fs: VirtualFS;
  nodeName: string;
  /** spec.podCIDR of the Node (from the controller-manager's IPAM). */
  nodePodCidr: string;
  sandboxId: string;
}

export type SetupResult = { ok: true; ip: string } | { ok: false; message: string };

/** Per-node address bookkeeping of the IPAM plugins (host-local style: next free after the last). */
export class PodAddresses {
  private readonly used = new Set<string>();
  private last = new Map<string, number>();
  /** The chain's last check: it reads only the node's files, the configuration and the podCIDR. */
  private checked?: { fs: VirtualFS; version: number; cni: CniConfig; nodeName: string; nodePodCidr: string; result: ChainCheck };

  setup(cni: CniConfig, s: NetworkSetup): SetupResult {
    const fail = (detail: string) => ({ ok: false as const, message: `failed to setup network for sandbox "${s.sandboxId}": ${detail}` });
    const range = this.check(cni, s);
    if ('error' in range) return fail(range.error);
    const ip = this.next(range.cidr);
    if (!ip) return fail(`plugin type="${cni.types[0]}" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${intToIp(range.cidr.base + 1)}-${intToIp(range.cidr.base + range.cidr.size - 2)}`);
    return { ok: true, ip };
  }

  /** checkChain, again only when something it reads has changed (every sandbox of a node asks). */
  private check(cni: CniConfig, s: NetworkSetup): ChainCheck {
    const c = this.checked;
    if (c && c.fs === s.fs && c.version === s.fs.version && c.cni === cni && c.nodeName === s.nodeName && c.nodePodCidr === s.nodePodCidr) return c.result;
    const result = checkChain(cni, s);
    this.checked = { fs: s.fs, version: s.fs.version, cni, nodeName: s.nodeName, nodePodCidr: s.nodePodCidr, result };
    return result;
  }

  release(ip: string | undefined): void {
    if (ip) this.used.delete(ip);
  }

  /** Marks an address in use (a sandbox that survived a kubelet restart). */
  reserve(ip: string): void {
    this.used.add(ip);
  }

  /** The range last allocated from and its key (the chain check hands out the same range object). */
  private lastRange?: { cidr: Cidr; key: string };

  private next(c: Cidr): string | undefined {
    const key = this.lastRange?.cidr === c ? this.lastRange.key : formatCidr(c);
    this.lastRange = { cidr: c, key };
    const first = 2;
    const lastUsable = c.size - 2;
    let i = this.last.get(key) ?? first - 1;
    for (let n = 0; n < lastUsable; n++) {
      i = i + 1 > lastUsable ? first : i + 1;
      const ip = dotted((c.base + i) >>> 0);
      if (!this.used.has(ip)) {
        this.used.add(ip);
        this.last.set(key, i);
        return ip;
      }
    }
    return undefined;
  }
}

/** intToIp without an array per address. */
function dotted(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

type ChainCheck = { cidr: Cidr } | { error: string };

/** Can the chain run: its plugins installed, and the range its IPAM would allocate from. */
function checkChain(cni: CniConfig, s: NetworkSetup): ChainCheck {
  for (const t of cni.types) {
    if (!s.fs.isFile(`${CNI_BIN_DIR}/${t}`)) return { error: `failed to find plugin "${t}" in path [${CNI_BIN_DIR}]` };
  }
  const range = ipamRange(cni, s);
  return 'error' in range ? { error: `plugin type="${cni.types[0]}" failed (add): ${range.error}` } : range;
}

/** The range the main plugin allocates from, checked against the node's podCIDR. */
function ipamRange(cni: CniConfig, s: NetworkSetup): { cidr: Cidr } | { error: string } {
  const main = cni.types[0]!;
  const node = safeCidr(s.nodePodCidr);
  if (!node) return { error: `failed to get pod CIDR for node "${s.nodeName}"` };
  switch (main) {
    case 'calico': {
      if (!s.fs.isFile('/var/lib/calico/nodename')) return { error: 'stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/' };
      const ipam = (cni.main['ipam'] ?? {}) as { ipv4_pools?: string[] };
      const pools = (ipam.ipv4_pools ?? []).map(safeCidr).filter((p): p is Cidr => !!p);
      if (pools.length && !pools.some((p) => contains(p, node))) return { error: `error getting IP from IPAM: no configured Calico pools for node "${s.nodeName}"` };
      return { cidr: node };
    }
    case 'flannel': {
      const env = s.fs.readFileIfExists('/run/flannel/subnet.env');
      if (env === undefined) return { error: "failed to load flannel 'subnet.env' file: open /run/flannel/subnet.env: no such file or directory. Check the flannel pod log for this node." };
      const subnet = /FLANNEL_SUBNET=(\S+)/.exec(env)?.[1];
      const c = subnet ? safeCidr(subnet.replace(/\.\d+\//, '.0/')) : undefined;
      if (!c) return { error: "failed to load flannel 'subnet.env' file: FLANNEL_SUBNET is missing or invalid" };
      if (!contains(node, c) && !contains(c, node)) return { error: `failed to delegate add: failed to set bridge addr: "cni0" already has an IP address different from ${subnet}` };
      return { cidr: c };
    }
    default: {
      const ipam = (cni.main['ipam'] ?? {}) as { subnet?: string; ranges?: { subnet: string }[][] };
      const declared = ipam.subnet ?? ipam.ranges?.[0]?.[0]?.subnet;
      if (declared) {
        const c = safeCidr(declared);
        if (!c) return { error: `invalid CIDR address: ${declared}` };
        if (!contains(c, node) && !contains(node, c)) return { error: `failed to allocate for range 0: requested IP address range ${declared} does not overlap node pod CIDR ${s.nodePodCidr}` };
        return { cidr: c.size < node.size ? c : node };
      }
      return { cidr: node };
    }
  }
}

/** CIDRs by their text: every sandbox of a node parses the same podCIDR and pools. */
const parsedCidrs = new Map<string, Cidr | undefined>();

function safeCidr(text: string | undefined): Cidr | undefined {
  if (!text) return undefined;
  if (parsedCidrs.has(text)) return parsedCidrs.get(text);
  let cidr: Cidr | undefined;
  try {
    cidr = parseCidr(text);
  } catch {
    cidr = undefined;
  }
  if (parsedCidrs.size >= 1000) parsedCidrs.clear();
  parsedCidrs.set(text, cidr);
  return cidr;
}

function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

/** Does the pod CIDR lie in the cluster's pod network? (a sanity check for node IPAM) */
export function inNetwork(cidr: string, ip: string): boolean {
  try {
    return cidrContains(cidr, ip);
  } catch {
    return false;
  }
}

export { ipToInt };
