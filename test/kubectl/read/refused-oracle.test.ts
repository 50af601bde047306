/**
 * What each read-side command prints when the apiserver refuses connections: how many failed
 * discovery lines, what it writes before kubectl's connection message, against kubectl 1.33
 * pointed at a closed port.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { TestCluster } from './cluster.js';

const CASES: string[][] = [
  ['explain', 'pods'],
  ['api-resources'],
  ['api-versions'],
  ['cluster-info'],
  ['cluster-info', 'dump'],
  ['auth', 'can-i', 'get', 'pods'],
  ['auth', 'can-i', '--list'],
  ['auth', 'whoami'],
  ['top', 'pod'],
  ['top', 'node'],
  ['events'],
  ['exec', 'web', '--', 'ls'],
  ['cp', 'web:/a', 'b'],
  ['get', '--raw', '/healthz'],
];

/** Timestamps, pids and addresses differ; the lines and their order must not. */
function normalize(text: string): string {
  return text
    .replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'E ')
    .replace(/(https:\/\/|dial tcp |server )[\w.-]+:\d+/g, '$1HOST');
}

describe.skipIf(!hasKubectl())('connection refused against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let cluster: TestCluster;
  beforeAll(() => {
    cluster = new TestCluster();
  });

  it.each(CASES.map((c) => [c.join(' '), c]))('kubectl %s', async (_name, args) => {
    const real = await kubectl(['--server', 'https://127.0.0.1:1', '--token', 'x', '--insecure-skip-tls-verify', ...(args as string[])]);
    const mine = await cluster.run(`kubectl --server=https://controlplane:6444 ${(args as string[]).join(' ')}`);
    expect(normalize(mine.stderr)).toBe(normalize(real.stderr));
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.status).toBe(real.code);
  });
});
