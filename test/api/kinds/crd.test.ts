import { describe, expect, it } from 'vitest';
import { admin, harness } from './helpers.js';

const CRD = 'customresourcedefinitions.apiextensions.k8s.io';

const crd = (schema: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'backups.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'backups', kind: 'Backup', shortNames: ['bk'] },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, ...extra }],
  },
});

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['schedule'],
      properties: {
        schedule: { type: 'string', pattern: '^[0-9*/ ,-]+$' },
        retention: { type: 'integer', minimum: 1, maximum: 30, default: 7 },
        storage: { type: 'string', enum: ['s3', 'gcs'] },
        labels: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

const backup = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Backup', metadata: { name: 'nightly' }, spec });

describe('CustomResourceDefinition', () => {
  it('defaults names, accepts and establishes the CRD, and serves its resource', () => {
    const h = harness();
    const c = h.create(CRD, crd(schema), '') as any;
    expect(c.spec.names).toEqual({ plural: 'backups', kind: 'Backup', shortNames: ['bk'], singular: 'backup', listKind: 'BackupList' });
    expect(c.spec.conversion).toEqual({ strategy: 'None' });
    expect(c.status.conditions.map((x: any) => [x.type, x.status])).toEqual([['NamesAccepted', 'True'], ['Established', 'True']]);
    expect(c.status.storedVersions).toEqual(['v1']);
    expect(h.server.registry.resolve('bk')).toMatchObject({ group: 'example.com', version: 'v1', kind: 'Backup', namespaced: true });
  });

  it('requires the name to be plural.group and a schema per version', () => {
    const h = harness();
    const bad = crd(schema) as any;
    bad.metadata.name = 'backup.example.com';
    delete bad.spec.versions[0].schema;
    const e = h.error(() => h.create(CRD, bad, ''));
    expect(e.message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "backup.example.com" is invalid: [metadata.name: Invalid value: "backup.example.com": must be spec.names.plural+"."+spec.group, spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required]',
    );
  });

  it('stops serving the resource and drops its objects when deleted', () => {
    const h = harness();
    h.create(CRD, crd(schema), '');
    h.create('backups.example.com', backup({ schedule: '0 1 * * *' }));
    h.server.delete(admin, CRD, '', 'backups.example.com');
    expect(h.server.registry.resolve('backups')).toBeUndefined();
    expect(h.server.store.list('backups.example.com')).toEqual([]);
  });
});

describe('Custom resources', () => {
  it('applies schema defaults and prunes unknown fields', () => {
    const h = harness();
    h.create(CRD, crd(schema), '');
    const b = h.create('backups.example.com', backup({ schedule: '0 1 * * *', bogus: true, labels: { any: { thing: 1 } } })) as any;
    expect(b.spec).toEqual({ schedule: '0 1 * * *', retention: 7, labels: { any: { thing: 1 } } });
    expect(b.metadata.generation).toBe(1);
  });

  it('validates types, required fields, enums, bounds and patterns', () => {
    const h = harness();
    h.create(CRD, crd(schema), '');
    expect(h.error(() => h.create('backups.example.com', backup({ retention: 'long' }))).message).toBe(
      'Backup.example.com "nightly" is invalid: [spec.schedule: Required value, spec.retention: Invalid value: "string": spec.retention in body must be of type integer: "long"]',
    );
    expect(h.error(() => h.create('backups.example.com', backup({ schedule: 'daily', retention: 40, storage: 'tape' }))).message).toBe(
      `Backup.example.com "nightly" is invalid: [spec.schedule: Invalid value: "daily": spec.schedule in body should match '^[0-9*/ ,-]+$', spec.retention: Invalid value: 40: spec.retention in body should be less than or equal to 30, spec.storage: Unsupported value: "tape": supported values: "s3", "gcs"]`,
    );
  });

  it('keeps status out of main-resource writes when the status subresource is on', () => {
    const h = harness();
    h.create(CRD, crd(schema, { subresources: { status: {} } }), '');
    const b = h.create('backups.example.com', { ...backup({ schedule: '0 1 * * *' }), status: { phase: 'Done' } }) as any;
    expect(b.status).toBeUndefined();
    h.update('backups.example.com', { ...b, status: { phase: 'Running' } }, 'default', 'status');
    const after = h.patch('backups.example.com', 'nightly', { spec: { retention: 3 }, status: { phase: 'Hacked' } }) as any;
    expect([after.status.phase, after.spec.retention, after.metadata.generation]).toEqual(['Running', 3, 2]);
  });
});

describe('CRDs in a restored store', () => {
  it('can be served again from the stored definitions', async () => {
    const { registerStoredCRDs } = await import('../../../src/api/kinds/crd.js');
    const { ResourceRegistry } = await import('../../../src/api/registry.js');
    const h = harness();
    h.create(CRD, crd(schema), '');
    const registry = new ResourceRegistry();
    registerStoredCRDs(h.server.store, (info) => registry.add(info));
    expect(registry.resolve('backups')?.kind).toBe('Backup');
  });
});
