import { describe, expect, it } from 'vitest';
import { toYaml, parseYaml } from '../../src/util/yaml.js';
import { kubectlYaml, SKIP_KUBECTL } from '../helpers/oracle.js';

const awkward = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', labels: { a: 'true', b: '80', c: 'y' }, annotations: { 'kubedrill.oracle/x': '1' } },
  data: {
    star: '*', dash: '--flag=1', colon: 'a: b', hash: 'a #b', empty: '', multi: 'line1\nline2\n', nomulti: 'line1\nline2', keep: 'a\n\n',
    date: '2024-01-01T00:00:00Z', float: '1.5', oct: '0755', q: "it's", lead: ' x', trail: 'x ', dashalone: '-', quote: '"hi"', tab: 'a\tb',
    exp: '1e3', onek: 'on', ver: 'v1.2', uni: 'héllo', url: 'http://example.com:8080/path', nul: 'null', tilde: '~',
    long: 'This is a very long sentence that goes past the eighty column limit of the emitter so it folds somewhere and folds again after that',
  },
};

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', creationTimestamp: null, annotations: { 'kubedrill.oracle/x': '1' } },
  spec: {
    containers: [{ name: 'c', image: 'nginx:1.27', command: ['sh', '-c', 'echo hello; sleep 3600'], ports: [{ containerPort: 80 }], resources: {}, env: [{ name: 'A', value: '1' }] }],
    tolerations: [{ operator: 'Exists' }],
    volumes: [],
    nodeSelector: {},
  },
  status: {},
};

describe('toYaml', () => {
  it.skipIf(SKIP_KUBECTL)('writes awkward strings exactly as kubectl does', () => {
    expect(toYaml(awkward)).toBe(kubectlYaml(awkward));
  });

  it.skipIf(SKIP_KUBECTL)('writes a pod with nested lists, empty maps and null exactly as kubectl does', () => {
    expect(toYaml(pod)).toBe(kubectlYaml(pod));
  });

  it('round-trips through the parser', () => {
    expect(parseYaml(toYaml(awkward))).toEqual(awkward);
    expect(parseYaml(toYaml(pod))).toEqual(pod);
  });

  it('keeps flags in manifests plain so that sed patterns match', () => {
    expect(toYaml({ command: ['kube-scheduler', '--leader-elect=true'] })).toBe('command:\n- kube-scheduler\n- --leader-elect=true\n');
  });
});
