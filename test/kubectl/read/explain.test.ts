/** kubectl explain through a booted cluster: headers, fields, errors, the old format, CRDs. */
import { beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './cluster.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: backups.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: backups, singular: backup, kind: Backup, shortNames: [bk]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: Backup is a scheduled copy of a volume.
        properties:
          spec:
            type: object
            required: [schedule]
            properties:
              schedule: {type: string, description: Cron schedule of the backup.}
              retain: {type: integer}
`;

describe('kubectl explain', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('crd.yaml', CRD);
    await c.run('kubectl apply -f crd.yaml');
  });

  it('explains a field with its group, kind, version, type and wrapped description', async () => {
    const r = await c.run('kubectl explain deploy.spec.replicas');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods\. /);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('lists fields with types a user reads: references, lists, maps, required', async () => {
    const pod = await c.run('kubectl explain pods');
    expect(pod.stdout).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n/);
    expect(pod.stdout).toContain('\n  metadata\t<ObjectMeta>\n');
    expect(pod.stdout).toContain('\n  spec\t<PodSpec>\n');
    const spec = await c.run('kubectl explain pod.spec');
    expect(spec.stdout).toContain('\n  containers\t<[]Container> -required-\n');
    expect(spec.stdout).toContain('\n  nodeSelector\t<map[string]string>\n');
    const res = await c.run('kubectl explain pod.spec.containers.resources');
    expect(res.stdout).toContain('\n  limits\t<map[string]Quantity>\n');
  });

  it('prints every nested field with --recursive', async () => {
    const r = await c.run('kubectl explain deployment.spec.strategy --recursive');
    expect(r.stdout).toContain('FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n');
  });

  it('names an unknown field after printing the header, and exits 1', async () => {
    const r = await c.run('kubectl explain pods.spec.nope');
    expect(r.stdout).toBe('KIND:       Pod\nVERSION:    v1\n\n');
    expect(r.stderr).toBe('error: field "nope" does not exist\n');
    expect(r.status).toBe(1);
  });

  it('reports an unknown type and a version the server does not serve', async () => {
    expect(await c.run('kubectl explain widgets')).toMatchObject({ stderr: 'the server doesn\'t have a resource type "widgets"\n', status: 1 });
    expect((await c.run('kubectl explain deployments --api-version=apps/v1beta1')).stderr).toBe('error: couldn\'t find resource for "apps/v1beta1, Resource=deployments"\n');
    expect((await c.run('kubectl explain deployments --output=json')).stderr).toBe('error: unrecognized format: json\n');
  });

  it('keeps the pre-1.27 layout with --output=plaintext-openapiv2', async () => {
    const r = await c.run('kubectl explain deployment.spec.template.spec.containers --output=plaintext-openapiv2');
    expect(r.stdout).toMatch(
      /^KIND:     Deployment\nVERSION:  apps\/v1\n\nRESOURCE: containers <\[\]Object>\n\nDESCRIPTION:\n     List of containers belonging to the pod\. Containers cannot currently be\n     added or removed\. There must be at least one container in a Pod\. Cannot be\n     updated\.\n\n     A single application container that you want to run within a pod\.\n\nFIELDS:\n   args\t<\[\]string>\n/,
    );
    expect(r.stdout).toContain('\n   name\t<string> -required-\n');
  });

  it('explains a custom resource from its CRD schema', async () => {
    const r = await c.run('kubectl explain bk.spec');
    expect(r.stdout).toBe(
      'GROUP:      example.com\nKIND:       Backup\nVERSION:    v1\n\nFIELD: spec <Object>\n\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n  retain\t<integer>\n    <no description>\n\n  schedule\t<string> -required-\n    Cron schedule of the backup.\n\n\n',
    );
  });
});
