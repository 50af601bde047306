import { describe, expect, it } from 'vitest';
import { PodAddresses, type CniConfig } from '../../src/node/cni.js';
import { VirtualFS } from '../../src/vfs/fs.js';

describe('pod addresses', () => {
  it('come from the podCIDR of the moment, each range continuing after its last address', () => {
    const fs = new VirtualFS();
    fs.writeFile('/opt/cni/bin/bridge', '', { parents: true, mode: 0o755 });
    const cni: CniConfig = { file: '/etc/cni/net.d/10-bridge.conflist', name: 'k8s', types: ['bridge'], main: { type: 'bridge' } };
    const addresses = new PodAddresses();
    const setup = (cidr: string, id: string) => addresses.setup(cni, { fs, nodeName: 'node01', nodePodCidr: cidr, sandboxId: id });
    expect(setup('10.244.1.0/24', 'a')).toEqual({ ok: true, ip: '10.244.1.2' });
    expect(setup('10.244.1.0/24', 'b')).toEqual({ ok: true, ip: '10.244.1.3' });
    expect(setup('10.244.7.0/24', 'c')).toEqual({ ok: true, ip: '10.244.7.2' });
    expect(setup('10.244.1.0/24', 'd')).toEqual({ ok: true, ip: '10.244.1.4' });
    expect(setup('10.244.7.0/24', 'e')).toEqual({ ok: true, ip: '10.244.7.3' });
  });
});
