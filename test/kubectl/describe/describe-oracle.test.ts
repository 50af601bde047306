/**
 * `kubectl describe` for every kind we describe, compared byte for byte with kubectl 1.33
 * describing the same objects from a loopback API server (describe computes its output
 * client-side, so the oracle is exact). Times are relative to the real clock here, because
 * kubectl reads it for ages.
 */

import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import type { ResourceInfo } from '../../../src/api/registry.js';
import type { KObject } from '../../../src/api/types.js';
import { describe, objectsLookup } from '../../../src/kubectl/describe/index.js';
import { setBase } from '../fixtures.js';
import { type FakeServer, NO_KUBECTL, fakeApiServer, hasKubectl, kubectl } from '../oracle.js';
import { DESCRIBE_CASES, buildCast, findCase } from './cast.js';

const CRONTABS: ResourceInfo = { group: 'stable.example.com', version: 'v1', kind: 'CronTab', resource: 'crontabs', singular: 'crontab', shortNames: ['ct'], namespaced: true, verbs: ['get', 'list'], categories: [], subresources: [] };

suite.skipIf(!hasKubectl())('kubectl describe against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let now = 0;
  let cast: KObject[] = [];
  let server: FakeServer;
  beforeAll(async () => {
    now = Date.now();
    setBase(now);
    cast = buildCast();
    server = await fakeApiServer(cast, undefined, [CRONTABS]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(DESCRIBE_CASES)('kubectl describe %s %s', async (resource, name, ns) => {
    const obj = findCase(cast, resource, name, ns);
    if (!obj) return; // the CSR needs openssl
    const real = await kubectl(['describe', resource, name, ...(ns ? ['-n', ns] : [])], { server: server.url });
    const mine = describe(obj, { now, showEvents: true, lookup: objectsLookup(cast) });
    expect(mine).toBe(real.stdout);
  });

  it('leaves events out with --show-events=false', async () => {
    const obj = cast.find((o) => o.kind === 'Deployment')!;
    const real = await kubectl(['describe', 'deployment', 'web', '--show-events=false'], { server: server.url });
    expect(describe(obj, { now, showEvents: false, lookup: objectsLookup(cast) })).toBe(real.stdout);
  });
});
