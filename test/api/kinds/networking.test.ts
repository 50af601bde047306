import { describe, expect, it } from 'vitest';
import { harness } from './helpers.js';

const NET = 'networking.k8s.io/v1';
const netpol = (spec: Record<string, unknown>) => ({ apiVersion: NET, kind: 'NetworkPolicy', metadata: { name: 'np' }, spec });
const ingress = (spec: Record<string, unknown>) => ({ apiVersion: NET, kind: 'Ingress', metadata: { name: 'web' }, spec });
const backend = { service: { name: 'web', port: { number: 80 } } };

describe('NetworkPolicy', () => {
  it('defaults policyTypes to Ingress, plus Egress when egress rules exist, and port protocols to TCP', () => {
    const h = harness();
    const a = h.create('networkpolicies.networking.k8s.io', netpol({ podSelector: {} })) as any;
    expect(a.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    h.server.delete({ username: 'a', groups: ['system:masters'] }, 'networkpolicies.networking.k8s.io', 'default', 'np');
    const b = h.create('networkpolicies.networking.k8s.io', netpol({ podSelector: { matchLabels: { app: 'db' } }, egress: [{ ports: [{ port: 53 }] }] })) as any;
    expect(b.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(b.spec.egress[0].ports).toEqual([{ port: 53, protocol: 'TCP' }]);
  });

  it('rejects an empty peer, a bad CIDR and an unknown policy type', () => {
    const h = harness();
    const e = h.error(() => h.create('networkpolicies.networking.k8s.io', netpol({ podSelector: {}, ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/33' } }] }], policyTypes: ['Inbound'] })));
    expect(e.message).toBe(
      'NetworkPolicy.networking.k8s.io "np" is invalid: [spec.ingress[0].from[0]: Required value: must specify a peer, spec.ingress[0].from[1].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64), spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress"]',
    );
  });
});

describe('Ingress', () => {
  it('requires a pathType on every path', () => {
    const h = harness();
    const e = h.error(() => h.create('ingresses.networking.k8s.io', ingress({ rules: [{ http: { paths: [{ path: '/', backend }] } }] })));
    expect(e.message).toBe('Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
  });

  it('validates paths, hosts and backends', () => {
    const h = harness();
    const e = h.error(() =>
      h.create('ingresses.networking.k8s.io', ingress({ rules: [{ host: '*.Example.com', http: { paths: [{ path: 'api', pathType: 'Prefix', backend: { service: { name: 'web', port: {} } } }] } }] })),
    );
    expect(e.message).toContain("spec.rules[0].host: Invalid value: \"*.Example.com\": a wildcard DNS-1123 subdomain must start with '*.'");
    expect(e.message).toContain('spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    expect(e.message).toContain('spec.rules[0].http.paths[0].backend: Required value: port name or number is required');
  });

  it('needs rules or a default backend', () => {
    const h = harness();
    expect(h.error(() => h.create('ingresses.networking.k8s.io', ingress({}))).message).toBe(
      'Ingress.networking.k8s.io "web" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    );
  });

  it('takes the default IngressClass when none is named', () => {
    const h = harness();
    h.create('ingressclasses.networking.k8s.io', { apiVersion: NET, kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }, '');
    const ing = h.create('ingresses.networking.k8s.io', ingress({ rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })) as any;
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.status).toEqual({ loadBalancer: {} });
  });
});
