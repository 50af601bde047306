import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { goDuration, goTabwrite, humanizeBytes, renderTable } from '../../src/ops/format.js';
import { aptSize, compareDebVersions } from '../../src/ops/packages/cache.js';
import { bootstrapIds, initialCluster, memberId } from '../../src/ops/etcd/server.js';
import { crc32c, hasChecksum } from '../../src/ops/etcd/snapshot-file.js';
import { registryPrefix } from '../../src/ops/etcd/keyspace.js';

describe('Go output helpers', () => {
  it('renders tablewriter tables with centred upper-case headers and right-aligned cells', () => {
    expect(renderTable(['hash', 'revision', 'total keys', 'total size'], [['fe01cf57', '10', '7', '2.1 MB']])).toBe(
      '+----------+----------+------------+------------+\n' +
        '|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |\n' +
        '+----------+----------+------------+------------+\n' +
        '| fe01cf57 |       10 |          7 |     2.1 MB |\n' +
        '+----------+----------+------------+------------+\n',
    );
  });

  it('formats sizes as go-humanize and apt do', () => {
    expect([humanizeBytes(5), humanizeBytes(45056), humanizeBytes(5_600_000), humanizeBytes(12_000_000)]).toEqual(['5 B', '45 kB', '5.6 MB', '12 MB']);
    expect([aptSize(1227), aptSize(12_374_000), aptSize(7_090_000), aptSize(0)]).toEqual(['1,227 B', '12.4 MB', '7,090 kB', '0 B']);
  });

  it("prints durations with Go's time.Duration String", () => {
    expect([goDuration(8_217_466), goDuration(1_500_000_000), goDuration(750_000)]).toEqual(['8.217466ms', '1.5s', '750µs']);
  });

  it('aligns columns as text/tabwriter with minwidth 10 and padding 3', () => {
    expect(goTabwrite([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ['kubelet', 'node1', 'v1.18.1', 'v1.18.4']], 10, 3)).toBe('COMPONENT   NODE      CURRENT   TARGET\nkubelet     node1     v1.18.1   v1.18.4\n');
  });
});

describe('etcd identities and formats', () => {
  it('derives the member and cluster IDs a default restore reports', () => {
    expect(memberId(['http://localhost:2380'], 'etcd-cluster')).toBe('8e9e05c52164694d');
    expect(bootstrapIds(initialCluster('default=http://localhost:2380'), 'etcd-cluster').clusterId).toBe('cdf818194e3a8c32');
  });

  it('recognises a checksummed snapshot by its size', () => {
    expect([hasChecksum(4096 + 32), hasChecksum(4096), hasChecksum(512 * 7 + 32)]).toEqual([true, false, true]);
  });

  it('computes CRC-32C (Castagnoli)', () => {
    expect(crc32c(0, '123456789').toString(16)).toBe('e3069283');
  });

  it('names keys as the apiserver stores them', () => {
    expect(['pods', 'deployments.apps', 'services', 'nodes', 'ingresses.networking.k8s.io', 'widgets.example.com'].map(registryPrefix)).toEqual([
      '/registry/pods',
      '/registry/deployments',
      '/registry/services/specs',
      '/registry/minions',
      '/registry/ingress',
      '/registry/example.com/widgets',
    ]);
  });
});

describe('dpkg version ordering', () => {
  it('orders Debian versions as dpkg --compare-versions does', () => {
    const sorted = ['1.33.10-1.1', '1.33.2-1.1', '1:1.0-1', '1.33.2-1.1~rc1', '1.34.0-1.1'].sort(compareDebVersions);
    expect(sorted).toEqual(['1.33.2-1.1~rc1', '1.33.2-1.1', '1.33.10-1.1', '1.34.0-1.1', '1:1.0-1']);
  });
});

const hasDpkg = (() => {
  try {
    execFileSync('dpkg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('dpkg as the oracle', () => {
  it.skipIf(!hasDpkg)('agrees with dpkg --compare-versions (skipped: no dpkg on this machine)', () => {
    const versions = ['1.33.2-1.1', '1.33.10-1.1', '1.33.2-1.1~rc1', '1.34.0-1.1', '1:1.0-1', '1.7.27-0ubuntu1~24.04.1', '1.7.27-0ubuntu1'];
    for (const a of versions) {
      for (const b of versions) {
        let lt: boolean;
        try {
          execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
          lt = true;
        } catch {
          lt = false;
        }
        expect(compareDebVersions(a, b) < 0, `${a} < ${b}`).toBe(lt);
      }
    }
  });
});
