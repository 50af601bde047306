/**
 * RSS figures for bench/cluster.bench.ts, meant to run bundled (as kubedrill ships) in a child
 * process: the process after loading the code, after booting a 3-node cluster, after three of
 * them in one world (an exam), and after scaling a Deployment to 1,000 pods on 50 nodes.
 */
import { World } from '../src/cluster/world.js';
import { bootCluster } from '../src/cluster/boot.js';
import { defaultClusterSpec, type NodeSpec } from '../src/cluster/spec.js';
import { defaultBootHooks } from '../src/cluster/assemble.js';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const rss = () => process.memoryUsage().rss;

function threeNode(world: World, i: number) {
  const suffix = i === 0 ? '' : String(i + 1);
  return bootCluster(
    world,
    defaultClusterSpec({
      name: `kubernetes${suffix}`,
      context: `kubernetes-admin@kubernetes${suffix}`,
      nodeCidr: `192.168.${100 + i}.0/24`,
      nodes: [
        { name: `controlplane${suffix}`, role: 'control-plane' },
        { name: `node01${suffix}`, role: 'worker' },
        { name: `node02${suffix}`, role: 'worker' },
      ],
    }),
    defaultBootHooks(),
  );
}

function run(): void {
  const loaded = rss();
  const exam = new World({ seed: 1 });
  threeNode(exam, 0);
  const one = rss();
  threeNode(exam, 1);
  threeNode(exam, 2);
  const three = rss();
  console.log(`rss (bundled, as shipped): code loaded ${mb(loaded)}; one 3-node cluster ${mb(one)}; three (an exam) ${mb(three)}  [budget 150 MB]`);

  const nodes: NodeSpec[] = [{ name: 'controlplane', role: 'control-plane' }, ...Array.from({ length: 50 }, (_, i) => ({ name: `node${String(i + 1).padStart(2, '0')}`, role: 'worker' as const, cpu: 16, memoryMi: 65536 }))];
  const world = new World({ seed: 1 });
  const c = bootCluster(world, defaultClusterSpec({ nodes, nodeCidr: '192.168.0.0/16' }), defaultBootHooks());
  const before = rss();
  c.admin().create('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1000, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  world.loop.advance(10);
  console.log(`rss (bundled): with a 50-node cluster ${mb(before)}; after its 1,000-pod scale ${mb(rss())} (${c.api.store.count('pods')} pods)`);
}

if (process.argv[2] === 'rss') run();
