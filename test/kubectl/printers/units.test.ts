/**
 * Golden tests that need no kubectl binary: apimachinery durations, resource quantities,
 * go-yaml v2 scalar choices, encoding/json, printer resolution errors, success lines and
 * whole `kubectl get` layouts (alignment, -A, -L, --show-labels, --no-headers, kinds).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, type ResourceInfo } from '../../../src/api/registry.js';
import type { KObject } from '../../../src/api/types.js';
import {
  type OutputFlags,
  goJsonIndent,
  humanDuration,
  printGenericObjects,
  printGet,
  resolvePrinter,
  shortHumanDuration,
  successLine,
  toYaml,
} from '../../../src/kubectl/printers/index.js';
import { canonicalQuantity, milliValue, quantityValue } from '../../../src/kubectl/printers/quantity.js';
import { GoTemplate } from '../../../src/kubectl/printers/gotemplate/exec.js';
import { NOW, condition, deployment, pod, running, service, waiting } from '../fixtures.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('duration.HumanDuration', () => {
  it.each<[number, string]>([
    [-3 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 2 * s, '3m2s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [4 * 365 * d + 20 * d, '4y20d'],
    [8 * 365 * d + 100 * d, '8y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('duration.ShortHumanDuration', () => {
  it.each<[number, string]>([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [3 * m + 2 * s, '3m'],
    [59 * m, '59m'],
    [5 * h + 59 * m, '5h'],
    [2 * d + 3 * h, '2d'],
    [364 * d, '364d'],
    [400 * d, '1y'],
  ])('%d ms → %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('resource.Quantity', () => {
  it.each<[string, string]>([
    ['1', '1'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['100Mi', '100Mi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1Gi', '1Gi'],
    ['1000Ki', '1000Ki'],
    ['1e3', '1e3'],
    ['2000', '2k'],
    ['1.5Gi', '1536Mi'],
    ['0', '0'],
    ['128974848', '128974848'],
    ['129e6', '129e6'], // the exponent form is kept
  ])('%s canonicalizes to %s', (text, want) => {
    expect(canonicalQuantity(text)).toBe(want);
  });
  it('values and milli values', () => {
    expect(quantityValue('1Ki')).toBe(1024);
    expect(quantityValue('1500m')).toBe(1.5); // exact, for ordering (Quantity.Cmp)
    expect(milliValue('0.0001')).toBe(1); // MilliValue rounds up
    expect(milliValue('250m')).toBe(250);
    expect(milliValue('2')).toBe(2000);
  });
});

describe('yaml (go-yaml v2 through sigs.k8s.io/yaml)', () => {
  it('scalar quoting, block scalars, sorted keys, unindented lists, empty values', () => {
    const doc = {
      z: 'last',
      ports: [{ port: 80, name: 'http' }],
      strings: ['80', 'true', 'no', '*', '', 'a: b', 'plain text', '~', 'null', '1.5', '0x1F', '-', 'x #y', '@at'],
      text: 'line one\nline two\n',
      stripped: 'a\nb',
      empty: {},
      none: [],
      nil: null,
      n: 3,
      f: 2.5,
      b: false,
    };
    expect(toYaml(doc)).toBe(
      [
        'b: false',
        'empty: {}',
        'f: 2.5',
        '"n": 3', // "n" is a YAML 1.1 bool, so go-yaml quotes the key
        'nil: null',
        'none: []',
        'ports:',
        '- name: http',
        '  port: 80',
        'strings:',
        '- "80"',
        '- "true"',
        '- "no"',
        "- '*'",
        '- ""',
        "- 'a: b'",
        '- plain text',
        '- "~"',
        '- "null"',
        '- "1.5"',
        '- "0x1F"',
        "- '-'",
        "- 'x #y'",
        "- '@at'",
        'stripped: |-',
        '  a',
        '  b',
        'text: |',
        '  line one',
        '  line two',
        'z: last',
        '',
      ].join('\n'),
    );
  });
  it('a List wrapper for several objects from get', () => {
    const p = resolvePrinter({ output: 'yaml' }, 'get');
    const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } as KObject;
    const b = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } } as KObject;
    const r = printGet(p, { output: 'yaml' }, { groups: [{ info: info('configmaps'), objects: [a, b] }], namespace: 'default', now: NOW });
    expect(r.stdout).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });
});

describe('json (encoding/json MarshalIndent)', () => {
  it('4-space indent, HTML escaping, empty containers', () => {
    expect(goJsonIndent({ a: '<b>&', list: [], map: {}, n: 1.5, nested: [{ x: null }] })).toBe(
      '{\n    "a": "\\u003cb\\u003e\\u0026",\n    "list": [],\n    "map": {},\n    "n": 1.5,\n    "nested": [\n        {\n            "x": null\n        }\n    ]\n}',
    );
  });
});

describe('go-template', () => {
  const data = { metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } }, spec: { replicas: 3 }, items: [{ n: 'a' }, { n: 'b' }] };
  it.each<[string, string]>([
    ['{{.metadata.name}}', 'web'],
    ['{{range .items}}{{.n}},{{end}}', 'a,b,'],
    ['{{index .metadata.labels "app.kubernetes.io/name"}}', 'shop'],
    ['{{if gt .spec.replicas 2.0}}many{{end}}', 'many'],
    ['{{printf "%03d|%q" .spec.replicas .metadata.name}}', '003|"web"'],
    ['{{range $i, $e := .items}}{{$i}}:{{$e.n}} {{end}}', '0:a 1:b '],
    ['{{len .items}} {{.missing}}', '2 <no value>'],
    ['{{"aGVsbG8=" | base64decode}}', 'hello'],
  ])('%s', (tmpl, want) => {
    expect(GoTemplate.parse(tmpl).execute(data)).toBe(want);
  });
});

describe('printer resolution and success lines', () => {
  it('unknown formats list the allowed ones', () => {
    expect(() => resolvePrinter({ output: 'foo' }, 'get')).toThrow(
      'unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
    expect(() => resolvePrinter({ output: 'wide' }, 'generic')).toThrow(
      'unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml',
    );
  });
  it('success lines', () => {
    expect(successLine({ group: 'apps', kind: 'Deployment' }, 'web', 'created')).toBe('deployment.apps/web created\n');
    expect(successLine({ group: '', kind: 'Pod' }, 'x', 'configured', 'client')).toBe('pod/x configured (dry run)\n');
    expect(successLine({ group: 'apps', kind: 'Deployment' }, 'web', 'created', 'server')).toBe('deployment.apps/web created (server dry run)\n');
  });
  it('create -o name and -o yaml for several objects', () => {
    const objs = [deployment('web'), service('web')];
    expect(printGenericObjects(resolvePrinter({ output: 'name' }, 'generic'), objs, 'created').stdout).toBe('deployment.apps/web\nservice/web\n');
    const y = printGenericObjects(resolvePrinter({ output: 'yaml' }, 'generic'), objs, 'created').stdout;
    expect(y.split('\n').filter((l) => l === '---').length).toBe(1);
    expect(printGenericObjects(resolvePrinter({}, 'generic'), objs, 'created', 'client').stdout).toBe('deployment.apps/web created (dry run)\nservice/web created (dry run)\n');
  });
});

const info = (resource: string, group = ''): ResourceInfo => BUILTIN_RESOURCES.find((r) => r.resource === resource && r.group === group)!;

describe('kubectl get layouts', () => {
  const pods = [
    pod('web-7d4b9c8f6d-abcde', { labels: { app: 'web', tier: 'frontend' }, status: { conditions: [condition('Ready', 'True')], containerStatuses: [running('nginx', 0)] } }),
    pod('crashy', { labels: { app: 'crashy' }, status: { containerStatuses: [waiting('nginx', 'CrashLoopBackOff', 5)] } }),
    pod('db-0', { ns: 'shop', labels: { app: 'db' }, spec: { nodeName: 'node02' }, status: { containerStatuses: [running('nginx', 1)] } }),
  ];
  const get = (flags: OutputFlags & { allNamespaces?: boolean }, groups = [{ info: info('pods'), objects: pods.filter((p) => flags.allNamespaces || p.metadata.namespace === 'default') }]) =>
    printGet(resolvePrinter(flags, 'get'), flags, { groups, namespace: 'default', allNamespaces: flags.allNamespaces, now: NOW });

  it('the plain table', () => {
    expect(get({}).stdout).toBe(
      [
        'NAME                   READY   STATUS             RESTARTS        AGE',
        'web-7d4b9c8f6d-abcde   1/1     Running            0               26h',
        'crashy                 0/1     CrashLoopBackOff   5 (4m10s ago)   26h',
        '',
      ].join('\n'),
    );
  });
  it('-A -o wide --show-labels', () => {
    expect(get({ allNamespaces: true, output: 'wide', showLabels: true }).stdout).toBe(
      [
        'NAMESPACE   NAME                   READY   STATUS             RESTARTS        AGE   IP           NODE     NOMINATED NODE   READINESS GATES   LABELS',
        'default     web-7d4b9c8f6d-abcde   1/1     Running            0               26h   10.244.1.5   node01   <none>           <none>            app=web,tier=frontend',
        'default     crashy                 0/1     CrashLoopBackOff   5 (4m10s ago)   26h   10.244.1.5   node01   <none>           <none>            app=crashy',
        'shop        db-0                   1/1     Running            1 (95s ago)     26h   10.244.1.5   node02   <none>           <none>            app=db',
        '',
      ].join('\n'),
    );
  });
  it('-L columns, --no-headers', () => {
    expect(get({ labelColumns: ['tier', 'app'], noHeaders: true }).stdout).toBe(
      ['web-7d4b9c8f6d-abcde   1/1   Running            0               26h   frontend   web', 'crashy                 0/1   CrashLoopBackOff   5 (4m10s ago)   26h              crashy', ''].join('\n'),
    );
    expect(get({ labelColumns: ['tier'] }).stdout.split('\n')[0]).toBe('NAME                   READY   STATUS             RESTARTS        AGE   TIER');
  });
  it('several kinds: kind prefixes and a blank line between tables', () => {
    const r = get({}, [
      { info: info('pods'), objects: pods.slice(0, 1) },
      { info: info('services'), objects: [service('web')] },
      { info: info('deployments', 'apps'), objects: [deployment('web')] },
    ]);
    expect(r.stdout).toBe(
      [
        'NAME                       READY   STATUS    RESTARTS   AGE',
        'pod/web-7d4b9c8f6d-abcde   1/1     Running   0          26h',
        '',
        'NAME          TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE',
        'service/web   ClusterIP   10.96.12.34   <none>        80/TCP    26h',
        '',
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   2/3     3            2           26h',
        '',
      ].join('\n'),
    );
  });
  it('--sort-by', () => {
    const r = get({ sortBy: '.metadata.name' });
    expect(r.stdout.split('\n').map((l) => l.split(' ')[0])).toEqual(['NAME', 'crashy', 'web-7d4b9c8f6d-abcde', '']);
  });
  it('No resources found', () => {
    expect(get({}, [{ info: info('pods'), objects: [] }])).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(get({ allNamespaces: true }, [{ info: info('pods'), objects: [] }])).toMatchObject({ stdout: '', stderr: 'No resources found\n' });
  });
  it('custom-columns with <none> for missing fields', () => {
    expect(get({ output: 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,GATES:.spec.readinessGates[*].conditionType' }).stdout).toBe(
      ['NAME                   NODE     GATES', 'web-7d4b9c8f6d-abcde   node01   <none>', 'crashy                 node01   <none>', ''].join('\n'),
    );
  });
});
