/**
 * Usage errors the read-side commands report before talking to a server, against kubectl 1.33
 * run with no cluster at all (so these must not depend on one).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { TestCluster } from './cluster.js';

const CASES: string[][] = [
  ['explain'],
  ['explain', 'pods', 'nodes'],
  ['explain', '-o', 'x'],
  ['api-resources', '-o', 'yaml'],
  ['api-resources', '--sort-by=size'],
  ['api-resources', 'pods'],
  ['api-versions', 'extra'],
  ['auth', 'can-i'],
  ['auth', 'can-i', 'get'],
  ['auth', 'can-i', '--list', 'pods'],
  ['top', 'node', '--sort-by=name'],
  ['top', 'pod', '--sort-by=disk'],
  ['top', 'node', 'a', 'b'],
  ['top', 'pod', 'a', 'b'],
  ['events', '--types=Error'],
  ['events', '--for=pod'],
  ['exec'],
  ['exec', 'web'],
  ['exec', 'web', 'ls'],
  ['cp'],
  ['cp', 'a'],
  ['cp', 'a', 'b'],
  ['cp', ':a', 'b'],
  ['cp', 'a/b/c:x', 'y'],
  ['cp', 'a:x', 'b:y'],
  ['cp', 'a:', 'b'],
  ['get', '--raw', 'healthz'],
  ['get', '--raw', '/healthz', '-o', 'json'],
  ['get', '--raw', '/healthz', '-w'],
  ['get', 'pods', '--output-watch-events'],
  ['completion'],
  ['completion', 'bash', 'zsh'],
  ['completion', 'tcsh'],
  ['port-forward', 'web'],
  ['debug'],
  ['debug', 'web'],
  ['debug', 'web', '-t', '--image=busybox'],
];

describe.skipIf(!hasKubectl())('usage errors against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let cluster: TestCluster;
  beforeAll(() => {
    cluster = new TestCluster();
  });

  it.each(CASES.map((c) => [c.join(' '), c]))('kubectl %s', async (_name, args) => {
    const real = await kubectl(args as string[]);
    const mine = await cluster.run(`kubectl ${(args as string[]).map((a) => `'${a}'`).join(' ')}`);
    expect(mine.stderr).toBe(real.stderr);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.status).toBe(real.code);
  });
});
