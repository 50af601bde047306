import { World } from '../src/cluster/world.js';
import { bootCluster } from '../src/cluster/boot.js';
import { defaultClusterSpec } from '../src/cluster/spec.js';
import { defaultBootHooks } from '../src/cluster/assemble.js';
const world = new World({ seed: 1 });
const c = bootCluster(world, defaultClusterSpec(), defaultBootHooks());
world.loop.advance(60);
for (const p of c.api.store.list('pods')) console.log(p.metadata.namespace, p.metadata.name, (p['status'] as any)?.phase, JSON.stringify((p['status'] as any)?.containerStatuses?.[0]?.state ?? {}).slice(0, 150));
const seen = new Map<string, number>();
for (const e of world.loop.errors) { const m = `${e.component}/${e.reconciler}: ${String(e.error).slice(0, 250)}`; seen.set(m, (seen.get(m) ?? 0) + 1); }
for (const [m, n] of seen) console.log(n, m);
for (const n of c.nodes.values()) console.log(n.hostname, n.journal.read({ unit: 'kubelet' }).slice(-4).map((e) => e.message.slice(0, 300)));
