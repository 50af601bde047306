/** `--help` of every read-side command, byte for byte against kubectl 1.33. */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { TestCluster } from './cluster.js';

const COMMANDS = [
  ['explain'],
  ['api-resources'],
  ['api-versions'],
  ['cluster-info'],
  ['cluster-info', 'dump'],
  ['auth', 'can-i'],
  ['auth', 'whoami'],
  ['auth', 'reconcile'],
  ['top', 'node'],
  ['top', 'pod'],
  ['events'],
  ['exec'],
  ['cp'],
  ['attach'],
  ['port-forward'],
  ['proxy'],
  ['debug'],
  ['completion'],
  ['plugin', 'list'],
];

describe.skipIf(!hasKubectl())('read-side help against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let cluster: TestCluster;
  beforeAll(() => {
    cluster = new TestCluster();
  });

  it.each(COMMANDS)('kubectl %s %s --help', async (...words) => {
    const args = words.filter((w): w is string => typeof w === 'string');
    const real = await kubectl([...args, '--help']);
    const mine = await cluster.run(`kubectl ${args.join(' ')} --help`);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.status).toBe(0);
  });
});
