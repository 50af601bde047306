import { writeControlPlanePki, writeWorkerPki } from './src/pki/kubeadm.js';
import { VirtualFS } from './src/vfs/fs.js';
import { VirtualClock } from './src/util/clock.js';
import { Rng } from './src/util/rng.js';
let seed = 1;
const write = () => {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const rng = new Rng(seed++);
  const pki = writeControlPlanePki(new VirtualFS(clock), { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  for (const [i, name] of ['node01', 'node02'].entries()) writeWorkerPki(new VirtualFS(clock), { nodeName: name, nodeIp: `172.30.1.${3 + i}`, clock, rng: rng.fork(name), keys: pki.keys, ca: pki.ca, server: pki.server });
};
for (let i = 0; i < 30; i++) write();
const t = performance.now(); for (let i = 0; i < 50; i++) write(); console.log('avg', (performance.now() - t) / 50);
