/**
 * explain's rendering compared with kubectl 1.33's own template: the real binary explains
 * against a loopback server that publishes the same OpenAPI v3 documents our renderer reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, ResourceRegistry, type ResourceInfo } from '../../../src/api/registry.js';
import { documentFor, type CrdSchema } from '../../../src/kubectl/explain/openapi.js';
import { ExplainError, PlaintextRenderer } from '../../../src/kubectl/explain/plaintext.js';
import { splitWithMatchingPrefix } from '../../../src/kubectl/explain/resolve.js';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { openApiServer, type OpenApiServer } from './openapi-server.js';

const WIDGET: ResourceInfo = { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', shortNames: ['wd'], namespaced: true, verbs: ['get', 'list'], categories: [], subresources: [] };
const WIDGET_CRD: CrdSchema = {
  info: WIDGET,
  schema: {
    type: 'object',
    description: 'Widget is a thing with a size.',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'string', enum: ['small', 'medium', 'large', 'huge', 'giant'], description: 'How big the widget is.' },
          replicas: { type: 'integer', minimum: 1 },
          tags: { type: 'array', items: { type: 'string' } },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        },
      },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  },
};
const RESOURCES = [...BUILTIN_RESOURCES, WIDGET];

function ours(arg: string, recursive = false): { stdout: string; stderr: string } {
  const registry = new ResourceRegistry(RESOURCES);
  let stdout = '';
  try {
    const { info, fieldPath } = splitWithMatchingPrefix(registry, arg);
    const doc = documentFor(info, RESOURCES, [WIDGET_CRD])!;
    new PlaintextRenderer(doc).render({ group: info.group, version: info.version, resource: info.resource }, fieldPath, recursive, (s) => (stdout += s));
    return { stdout, stderr: '' };
  } catch (e) {
    if (e instanceof ExplainError || e instanceof Error) return { stdout, stderr: e.message + '\n' };
    throw e;
  }
}

const CASES: [string, boolean][] = [
  ['pods', false],
  ['deployments', false],
  ['deploy.spec', false],
  ['deploy.spec.replicas', false],
  ['deployments.apps.spec.template.spec.containers', false],
  ['pod.spec.containers.resources', false],
  ['pod.spec.containers.resources.limits', false],
  ['pod.spec.containers.ports', false],
  ['svc.spec.ports.targetPort', false],
  ['pod.metadata.labels', false],
  ['pod.metadata.creationTimestamp', false],
  ['pod.foo', false],
  ['pod.spec.containers.foo.bar', false],
  ['pod.spec.nodeName.foo', false],
  ['node.spec', false],
  ['cronjob.spec.jobTemplate', false],
  ['networkpolicy.spec.ingress', false],
  ['ingress.spec.rules.http.paths.backend', false],
  ['pv.spec.hostPath', false],
  ['hpa.spec.metrics', false],
  ['clusterrole.rules', false],
  ['secret.data', false],
  ['crd.spec.versions.schema', false],
  ['Deployment.status.conditions', false],
  ['widgets', false],
  ['widget.spec', false],
  ['wd.spec.size', false],
  ['widgets.spec.port', false],
  ['deploy.spec', true],
  ['configmaps', true],
  ['widgets', true],
];

describe.skipIf(!hasKubectl())('kubectl explain against kubectl 1.33 over the same OpenAPI documents', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let server: OpenApiServer;
  beforeAll(async () => {
    server = await openApiServer(RESOURCES, [WIDGET_CRD]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(CASES)('kubectl explain %s (recursive: %s)', async (arg, recursive) => {
    const real = await kubectl(['explain', arg, ...(recursive ? ['--recursive'] : [])], { server: server.url });
    const mine = ours(arg, recursive);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.stderr).toBe(real.stderr);
  });

  it('pod --recursive', async () => {
    const real = await kubectl(['explain', 'pod', '--recursive'], { server: server.url });
    expect(ours('pod', true).stdout).toBe(real.stdout);
  });
});
