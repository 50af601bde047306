import { describe, expect, it } from 'vitest';
import { admin, harness, has, kubectlClientObject } from './helpers.js';

const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

describe('Service defaults and allocation', () => {
  it.skipIf(!has('kubectl'))('defaults what kubectl create service clusterip sends and allocates a ClusterIP (needs kubectl)', () => {
    const h = harness();
    const s = h.create('services', kubectlClientObject(['create', 'service', 'clusterip', 'web', '--tcp=80:8080'])) as any;
    expect(s.spec).toEqual({
      clusterIP: s.spec.clusterIP,
      clusterIPs: [s.spec.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('defaults targetPort to port and allocates node ports for NodePort services', () => {
    const h = harness();
    const s = h.create('services', svc('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] })) as any;
    expect(s.spec.ports[0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
    expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('rejects a node port outside the range with the allocator message', () => {
    const h = harness();
    const e = h.error(() => h.create('services', svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })));
    expect(e.message).toBe('Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('refuses a node port already taken, and frees it when the service goes', () => {
    const h = harness();
    h.create('services', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(h.error(() => h.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    h.server.delete(admin, 'services', 'default', 'a');
    expect((h.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })) as any).spec.ports[0].nodePort).toBe(30080);
  });

  it('refuses a ClusterIP outside the service CIDR or in use', () => {
    const h = harness();
    expect(h.error(() => h.create('services', svc('a', { clusterIP: '10.0.0.5', ports: [{ port: 80 }] }))).message).toBe(
      'Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    h.create('services', svc('dns', { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }));
    expect(h.error(() => h.create('services', svc('b', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] }))).message).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('keeps headless services headless and gives ExternalName no IP', () => {
    const h = harness();
    const headless = h.create('services', svc('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] })) as any;
    expect([headless.spec.clusterIP, headless.spec.clusterIPs]).toEqual(['None', ['None']]);
    const ext = h.create('services', svc('ext', { type: 'ExternalName', externalName: 'example.com' })) as any;
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });

  it('keeps the ClusterIP when an update omits it, and refuses to change it', () => {
    const h = harness();
    const s = h.create('services', svc('web', { ports: [{ port: 80 }] })) as any;
    const replaced = h.update('services', svc('web', { ports: [{ port: 8080 }] })) as any;
    expect(replaced.spec.clusterIP).toBe(s.spec.clusterIP);
    const e = h.error(() => h.patch('services', 'web', { spec: { clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] } }));
    expect(e.message).toBe(`Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set`);
  });

  it('releases node ports when a NodePort service becomes ClusterIP', () => {
    const h = harness();
    h.create('services', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }));
    const changed = h.patch('services', 'a', { spec: { type: 'ClusterIP' } }) as any;
    expect(changed.spec.ports[0].nodePort).toBeUndefined();
    expect(changed.spec.externalTrafficPolicy).toBeUndefined();
    expect(h.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }))).toBeDefined();
  });
});

describe('Service validation', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no ports', { selector: { app: 'x' } }, 'Service "s" is invalid: spec.ports: Required value'],
    ['unnamed ports when there are several', { ports: [{ port: 80 }, { port: 443 }] }, 'Service "s" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]'],
    ['a node port on a ClusterIP service', { ports: [{ port: 80, nodePort: 30001 }] }, "Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ['an unknown type', { type: 'Internal', ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['an ExternalName without a name', { type: 'ExternalName' }, 'Service "s" is invalid: spec.externalName: Required value'],
    [
      'a duplicate port',
      { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] },
      'Service "s" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
  ];
  for (const [what, spec, message] of cases) {
    it(`rejects ${what}`, () => {
      const h = harness();
      expect(h.error(() => h.create('services', svc('s', spec))).message).toBe(message);
    });
  }

  it('names services as DNS-1035 labels', () => {
    const h = harness();
    expect(h.error(() => h.create('services', svc('1web', { ports: [{ port: 80 }] }))).message).toContain('Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of');
  });
});
