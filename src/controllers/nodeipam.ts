/**
 * Node IPAM (pkg/controller/nodeipam, range allocator): with --allocate-node-cidrs, each node
 * without spec.podCIDR gets the next free /node-cidr-mask-size block of --cluster-cidr, set as
 * spec.podCIDR and spec.podCIDRs. The next-candidate pointer moves on after each allocation.
 */
import type { Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { parseCidr, subnet } from '../util/ip.js';
import type { ControllerContext } from './context.js';
import type { Node } from './util/types.js';
import { recordNodeEvent } from './nodelifecycle.js';

export class NodeIpamController implements Reconciler {
  readonly name = 'node-ipam-controller';
  readonly watches = ['nodes'];
  private next = 0;

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource !== 'nodes' || event.type === 'DELETED') return [];
    return (event.object as Node).spec?.podCIDR ? [] : [event.object.metadata.name];
  }

  resyncKeys(): Iterable<string> {
    this.next = 0;
    return this.ctx.store.list('nodes').map((n) => n.metadata.name);
  }

  reconcile(name: string): void {
    const s = this.ctx.settings;
    if (!s.allocateNodeCidrs || !s.clusterCidr) return;
    const node = this.ctx.store.get('nodes', '', name) as Node | undefined;
    if (!node || node.spec?.podCIDR) return;
    const cluster = parseCidr(s.clusterCidr);
    const mask = s.nodeCidrMaskSize;
    const count = mask >= cluster.prefix ? 2 ** (mask - cluster.prefix) : 0;
    const used = new Set<string>();
    for (const n of this.ctx.store.list('nodes') as Node[]) for (const c of n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])) used.add(c);
    let cidr: string | undefined;
    for (let i = 0; i < count; i++) {
      const candidate = subnet(s.clusterCidr, mask, (this.next + i) % count);
      if (!used.has(candidate)) {
        cidr = candidate;
        this.next = (this.next + i + 1) % count;
        break;
      }
    }
    const client = this.ctx.clientAs('node-controller');
    if (!cidr) {
      recordNodeEvent(this.ctx.recorder('cidrAllocator', client), name, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`);
      return;
    }
    try {
      client.patch('nodes', '', name, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}
