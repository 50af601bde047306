/**
 * The `kubernetes` Service's endpoints (written by the apiserver itself: its advertise address
 * and secure port) and the 1.33 deprecation warning every v1 Endpoints request carries, shown
 * once per command as kubectl shows Warning headers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './cluster.js';

const WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

describe('the kubernetes endpoints and the Endpoints deprecation warning', () => {
  let c: TestCluster;
  beforeAll(() => {
    c = new TestCluster();
  });

  it('points the kubernetes Service at the apiserver', async () => {
    const r = await c.run("kubectl get endpoints kubernetes -o jsonpath='{.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}'");
    expect(r).toEqual({ stdout: '192.168.100.2:6443', stderr: WARNING, status: 0 });
    expect((await c.run('kubectl get endpointslices kubernetes -o jsonpath={.endpoints[0].addresses[0]}')).stdout).toBe('192.168.100.2');
    expect((await c.run('kubectl describe svc kubernetes')).stdout).toContain('\nEndpoints:                192.168.100.2:6443\n');
  });

  it('warns once per command, only for requests that reach v1 Endpoints', async () => {
    const both = await c.run('kubectl get ep,svc -A -o name');
    expect(both.stderr).toBe(WARNING);
    expect(both.stdout).toContain('endpoints/kubernetes\n');
    expect((await c.run('kubectl get ep nope')).stderr).toBe(WARNING + 'Error from server (NotFound): endpoints "nope" not found\n');
    expect((await c.run('kubectl get svc,endpointslices')).stderr).toBe('');
    expect((await c.run('kubectl describe svc kubernetes')).stderr).toBe('');
  });
});
