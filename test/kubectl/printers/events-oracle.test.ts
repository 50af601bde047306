/** `kubectl events` layouts compared with kubectl 1.33 over the describe cast's events. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { errorText, printEvents, validateEventTypes } from '../../../src/kubectl/printers/index.js';
import { setBase } from '../fixtures.js';
import { type FakeServer, NO_KUBECTL, fakeApiServer, hasKubectl, kubectl } from '../oracle.js';
import { buildCast } from '../describe/cast.js';

describe.skipIf(!hasKubectl())('kubectl events against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let now = 0;
  let events: KObject[] = [];
  let server: FakeServer;
  beforeAll(async () => {
    now = Date.now();
    setBase(now);
    const cast = buildCast();
    events = cast.filter((o) => o.kind === 'Event');
    server = await fakeApiServer(cast);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    [['events'], { namespace: 'default' }],
    [['events', '-A'], { namespace: 'default', allNamespaces: true }],
    [['events', '--types=Warning'], { namespace: 'default', types: ['Warning'] }],
    [['events', '--no-headers', '--types', 'normal'], { namespace: 'default', noHeaders: true, types: ['normal'] }],
    [['events', '-n', 'empty'], { namespace: 'empty' }],
    [['events', '-A', '--types=Error'], { namespace: 'default', allNamespaces: true, types: ['Error'] }],
  ])('kubectl %j', async (args, opts) => {
    const real = await kubectl(args, { server: server.url });
    const ns = (opts as { allNamespaces?: boolean }).allNamespaces ? events : events.filter((e) => e.metadata.namespace === opts.namespace);
    const invalid = validateEventTypes((opts as { types?: string[] }).types);
    const mine = invalid ? { stdout: '', stderr: errorText(invalid) } : printEvents(ns, { ...opts, now });
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.stderr).toBe(real.stderr);
  });
});
