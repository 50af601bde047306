/**
 * Mission scenario 2, as a candidate lives it: new Pods on one node stay ContainerCreating, the
 * events and the kubelet's journal name the CNI IPAM failure, the controller-manager names the
 * cluster's Pod network, and restoring the node's CNI pool lets the stuck Pods start.
 */
import { describe, expect, it } from 'vitest';
import { candidate, rows } from './transcript.js';

const POOL_ERROR = 'plugin type="calico" failed (add): error getting IP from IPAM: no configured Calico pools for node "cluster2-node2"';

describe('wrong-cni-cidr transcript', () => {
  it('shows sandbox failures on cluster2-node2 and heals when the CNI pool is the Pod network again', async () => {
    const c = candidate('wrong-cni-cidr');
    const wide = await c.ok('kubectl -n payments get pods -o wide');
    const stuck = rows(wide, /^api-/).filter((r) => r[2] === 'ContainerCreating');
    expect(stuck.length).toBeGreaterThan(0);
    for (const r of stuck) expect(r.slice(5, 7)).toEqual(['<none>', 'cluster2-node2']);
    // Pods created before the change keep their addresses.
    expect(rows(wide, /^api-/).filter((r) => r[2] === 'Running').every((r) => r[5]!.startsWith('10.244.'))).toBe(true);

    const described = await c.ok(`kubectl -n payments describe pod ${stuck[0]![0]}`);
    expect(described).toMatch(/^IP:\s*$/m);
    expect(described).toMatch(new RegExp(`Warning\\s+FailedCreatePodSandBox\\s+\\d+s\\s+kubelet\\s+Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": ${escape(POOL_ERROR)}`));

    expect(await c.ok('kubectl -n kube-system get pod kube-controller-manager-cluster2-controlplane1 -o yaml | grep cluster-cidr')).toBe('    - --cluster-cidr=10.244.0.0/16\n');
    expect(await c.ok("kubectl get node cluster2-node2 -o jsonpath='{.spec.podCIDR}'")).toBe('10.244.2.0/24');

    await c.ok('ssh cluster2-node2');
    expect(await c.ok('grep -A2 ipv4_pools /etc/cni/net.d/10-calico.conflist')).toBe('        "ipv4_pools": [\n          "10.250.0.0/16"\n        ]\n');
    const journal = await c.ok('sudo journalctl -u kubelet | grep RunPodSandbox | tail -1');
    expect(journal).toContain('"RunPodSandbox from runtime service failed"');
    expect(journal).toContain(POOL_ERROR.replace(/"/g, '\\"'));
    await c.ok("sudo sed -i 's#10.250.0.0/16#10.244.0.0/16#' /etc/cni/net.d/10-calico.conflist");
    await c.ok('exit');

    expect(await c.ok('kubectl -n payments rollout status deployment api --timeout=120s')).toContain('deployment "api" successfully rolled out\n');
    const healed = rows(await c.ok('kubectl -n payments get pods -o wide'), /^api-/);
    expect(healed).toHaveLength(6);
    for (const r of healed) expect(r[2]).toBe('Running');
    for (const r of healed.filter((x) => x[6] === 'cluster2-node2')) expect(r[5]).toMatch(/^10\.244\.2\.\d+$/);

    expect((await c.session.grade()).score).toBe(100);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
