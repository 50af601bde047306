/**
 * `kubectl version` in each output format against kubectl 1.33 (offline with --client). The
 * simulated binary is a different 1.33 patch release, so the build fields are masked on both
 * sides; layout, field order and blank lines must match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { TestCluster } from './cluster.js';

/** Masks the values that name a build (version, commit, date, Go release). */
function masked(text: string): string {
  return text
    .replace(/v1\.33\.\d+/g, 'v1.33.x')
    .replace(/[0-9a-f]{40}/g, 'COMMIT')
    .replace(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'DATE')
    .replace(/go1\.\d+\.\d+/g, 'GO');
}

describe.skipIf(!hasKubectl())('kubectl version against kubectl 1.33', () => {
  let cluster: TestCluster;
  beforeAll(() => {
    cluster = new TestCluster();
  });

  it.each([[''], ['-o yaml'], ['-o json'], ['-o wide']])('kubectl version --client %s', async (output) => {
    const args = ['version', '--client', ...output.split(' ').filter(Boolean)];
    const real = await kubectl(args);
    const mine = await cluster.run(`kubectl ${args.join(' ')}`);
    expect({ ...mine, stdout: masked(mine.stdout) }).toEqual({ stdout: masked(real.stdout), stderr: real.stderr, status: real.code });
  });

  it('adds the server version in YAML as in the other formats', async () => {
    const yaml = await cluster.run('kubectl version -o yaml');
    expect(yaml.stdout).toMatch(/\nkustomizeVersion: v5\.6\.0\nserverVersion:\n  buildDate: "[^"]+"\n  compiler: gc\n[\s\S]*  platform: linux\/amd64\n\n$/);
  });
});

describe.skipIf(hasKubectl())('kubectl version oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
