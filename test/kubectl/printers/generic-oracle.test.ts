/**
 * yaml, json, name, jsonpath and go-template output compared byte for byte with kubectl 1.33
 * printing the same objects (`kubectl label --local -f objects -o ...` needs no cluster).
 */

import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { errorsText, printGenericObjects, resolvePrinter } from '../../../src/kubectl/printers/index.js';
import { NO_KUBECTL, hasKubectl, printLocal } from '../oracle.js';
import { condition, deployment, node, pod, running, service, terminated, waiting } from '../fixtures.js';

const configMap: KObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'tricky', namespace: 'default', labels: { 'app.kubernetes.io/name': 'tricky', tier: 'true' }, annotations: { note: 'a long annotation with spaces that certainly runs past the eighty column limit of go-yaml' } },
  data: {
    'nginx.conf': 'server {\n  listen 80;\n\n  location / {\n    root /usr/share/nginx/html;\n  }\n}\n',
    'no-newline': 'line1\nline2',
    'keep-trailing': 'x\n\n',
    port: '8080',
    yes: 'yes',
    star: '*',
    empty: '',
    html: '<b>&amp;</b>',
    tab: 'a\tb',
    time: '2024-05-01T10:00:00Z',
    spaced: ' leading and trailing ',
    colon: 'key: value',
    hash: 'value # comment',
    unicode: 'héllo wörld ✓',
  },
} as unknown as KObject;

const objects: KObject[] = [
  pod('web-1', { status: { conditions: [condition('Ready', 'True')], containerStatuses: [running('nginx', 2)] } }),
  pod('init-pod', {
    spec: { initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'sleep 5'] }], containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] },
    status: { phase: 'Pending', initContainerStatuses: [terminated('init', 1, 'Error')], containerStatuses: [waiting('app', 'PodInitializing')] },
  }),
  deployment('web'),
  service('web', 'default', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] }),
  node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  configMap,
];

function mine(output: string[], objs: KObject[]): { stdout: string; error?: string } {
  const flags: Record<string, string> = {};
  for (const a of output) {
    const m = /^(-o|--output|--template|--allow-missing-template-keys)=(.*)$/s.exec(a);
    if (m) flags[m[1]!] = m[2]!;
  }
  let printer;
  try {
    printer = resolvePrinter({ output: flags['-o'] ?? flags['--output'], template: flags['--template'], allowMissingTemplateKeys: flags['--allow-missing-template-keys'] !== 'false' }, 'generic');
  } catch (e) {
    // label resolves its printer per object and reports each failure
    return { stdout: '', error: errorsText(objs.map(() => (e as Error).message)) };
  }
  // kubectl label builds a fresh printer per object: no "---" between YAML documents, and
  // every failure is reported (without CheckErr's "error: " prefix)
  let stdout = '';
  const errors: string[] = [];
  for (const obj of objs) {
    const r = printGenericObjects(printer, [obj], 'labeled');
    stdout += r.stdout;
    errors.push(...(r.errors ?? []));
  }
  return { stdout, error: errors.length ? errorsText(errors) : undefined };
}

async function compare(output: string[], objs = objects): Promise<void> {
  const real = await printLocal(objs, output);
  const ours = mine(output, objs);
  expect(ours.stdout).toBe(real.stdout);
  expect(ours.error ?? '').toBe(real.stderr);
}

describe.skipIf(!hasKubectl())('generic printers against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);

  it.each(['yaml', 'json', 'name', 'YAML'])('-o %s prints every object exactly as kubectl', async (format) => {
    await compare([`-o=${format}`]);
  });

  it.each([
    '{.metadata.name}',
    '{.metadata.name}{"\\n"}',
    '{.kind}/{.metadata.name} in {.metadata.namespace}{"\\t"}{.apiVersion}{"\\n"}',
    '{.spec.containers[*].name}',
    '{.spec.containers[0]}',
    '{.spec.containers[0].image}',
    '{.spec.containers[-1:].name}',
    '{.spec.containers[0:2].name}',
    '{.metadata.labels}',
    '{.metadata.labels.app}',
    "{.metadata.labels['app\\.kubernetes\\.io/name']}",
    '{.metadata.labels.app\\.kubernetes\\.io/name}',
    '{range .spec.containers[*]}{.name}{"="}{.image}{"\\n"}{end}',
    '{range .status.conditions[*]}{.type}:{.status} {end}',
    '{.status.conditions[?(@.type=="Ready")].status}',
    '{.status.containerStatuses[?(@.restartCount>0)].name}',
    '{.status.containerStatuses[?(@.restartCount==2)].restartCount}',
    '{.spec.containers[*].ports[*].containerPort}',
    '{.data.port}',
    '{.data}',
    '{.status.addresses[?(@.type=="InternalIP")].address}',
    '{.spec.taints[*].key}',
    '{.status.capacity.cpu}',
    '{@.metadata.name}',
    '{$.kind}',
    '{.spec.replicas} {.status.readyReplicas}',
    '{.nothing.here}',
    '{.metadata.name}{.nothing}{.kind}',
    '{.spec.containers[*].resources}',
    'plain text {.kind} more text',
    '{.spec.ports[*].nodePort}',
    '{.metadata.creationTimestamp}',
  ])('-o jsonpath=%s matches kubectl', async (template) => {
    await compare([`-o=jsonpath=${template}`]);
  });

  it.each(['{.metadata.name}', '{.spec.containers[*].name}', '{.metadata}'])('-o jsonpath-as-json=%s matches kubectl', async (template) => {
    await compare([`-o=jsonpath-as-json=${template}`]);
  });

  it.each([
    ['an unclosed action', '{.metadata.name'],
    ['a bad array index', '{.spec.containers[x]}'],
    ['an unterminated filter', '{.status.conditions[?(@.type=="Ready"}'],
    ['an unrecognized character', '{.metadata.name#}'],
  ])('a template with %s fails to parse as kubectl says', async (_what, template) => {
    await compare([`-o=jsonpath=${template}`]);
  });

  it('an index out of range fails with the debugging dump', async () => {
    await compare(['-o=jsonpath={.spec.containers[5].name}'], [objects[0]!]);
  });

  it('a missing key fails when --allow-missing-template-keys=false', async () => {
    await compare(['-o=jsonpath={.metadata.nothing}', '--allow-missing-template-keys=false'], [objects[0]!]);
  });

  it.each([
    '{{.metadata.name}}',
    '{{.metadata.name}}{{"\\n"}}',
    '{{range .spec.containers}}{{.name}} {{.image}}{{"\\n"}}{{end}}',
    '{{index .metadata.labels "app"}}',
    '{{index .metadata.labels "missing"}}',
    '{{.metadata.nothing}}',
    '{{if .spec.nodeName}}on {{.spec.nodeName}}{{else}}unscheduled{{end}}',
    '{{with .status}}{{.phase}}{{end}}',
    '{{printf "%s has %d" .metadata.name 3}}',
    '{{printf "%d" .spec.replicas}}',
    '{{printf "%v|%5s|%-6s|" .kind "ab" "cd"}}',
    '{{len .spec.containers}}',
    '{{.spec.replicas}}',
    '{{.status.capacity}}',
    '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}',
    '{{- range .spec.containers }}\n  {{ .name -}}\n{{ end }}',
    '{{if eq .kind "Pod"}}pod{{else if eq .kind "Service"}}svc{{else}}other{{end}}',
    '{{range .status.conditions}}{{if eq .status "True"}}{{.type}} {{end}}{{end}}',
    '{{.metadata.labels}}',
    '{{exists .metadata "labels"}} {{exists .metadata "nope"}}',
    '{{$name := .metadata.name}}{{$name}}-{{.kind}}',
    '{{not .spec.nodeName}} {{and .kind .apiVersion}} {{or .nothing "fallback"}}',
    '{{print .kind 1 2 "x" 3.5}}',
    '{{/* a comment */}}{{.kind}}',
  ])('-o go-template=%s matches kubectl', async (template) => {
    await compare([`-o=go-template=${template}`]);
  });

  it('base64decode decodes secret data in a go-template', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: {} }, type: 'Opaque', data: { password: Buffer.from('s3cr3t!').toString('base64') } } as unknown as KObject;
    await compare(['-o=go-template={{.data.password | base64decode}}'], [secret]);
  });

  it.each([
    ['an unclosed action', '{{.metadata.name'],
    ['an undefined function', '{{nosuch .x}}'],
    ['an unexpected end', '{{end}}'],
  ])('a go-template with %s fails to parse as kubectl says', async (_what, template) => {
    await compare([`-o=go-template=${template}`]);
  });

  it('an unknown format lists the formats create/apply accept', async () => {
    await compare(['-o=wide']);
  });
});
