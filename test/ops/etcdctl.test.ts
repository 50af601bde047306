import { describe, expect, it } from 'vitest';
import { bootOps } from './helpers.js';

const PKI = '/etc/kubernetes/pki';
const GOOD = `--endpoints=https://127.0.0.1:2379 --cacert=${PKI}/etcd/ca.crt --cert=${PKI}/etcd/server.crt --key=${PKI}/etcd/server.key`;

/** etcd's zap timestamp of a virtual instant plus an offset in ms. */
const ts = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

describe('etcdctl snapshot save', () => {
  it('prints the client log lines on stderr and "Snapshot saved at" on stdout, and writes the file', async () => {
    const t = bootOps();
    const now = t.world.clock.now();
    const r = await t.sh(`ETCDCTL_API=3 etcdctl ${GOOD} snapshot save /opt/snapshot.db`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Snapshot saved at /opt/snapshot.db\n');
    const size = t.cp.fs.stat('/opt/snapshot.db').size;
    const human = `${Math.round(size / 1000)} kB`;
    expect(r.stderr).toBe(
      `{"level":"info","ts":"${ts(now)}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"/opt/snapshot.db.part"}\n` +
        `{"level":"info","ts":"${ts(now + 4)}","logger":"client","caller":"v3/maintenance.go:212","msg":"opened snapshot stream; downloading"}\n` +
        `{"level":"info","ts":"${ts(now + 4)}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"https://127.0.0.1:2379"}\n` +
        `{"level":"info","ts":"${ts(now + 96)}","logger":"client","caller":"v3/maintenance.go:220","msg":"completed snapshot read; closing"}\n` +
        `{"level":"info","ts":"${ts(now + 103)}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"https://127.0.0.1:2379","size":"${human}","took":"now"}\n` +
        `{"level":"info","ts":"${ts(now + 103)}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"/opt/snapshot.db"}\n`,
    );
    expect(t.cp.fs.stat('/opt/snapshot.db').mode).toBe(0o600);
    expect(t.cp.fs.exists('/opt/snapshot.db.part')).toBe(false);
    expect(t.cp.fs.readFile('/opt/snapshot.db').startsWith('KUBEDRILL-ETCD-DB v1\n')).toBe(true);
  });

  it('takes its certificates from ETCDCTL_* variables, and dies when a flag shadows one', async () => {
    const t = bootOps();
    const env = `ETCDCTL_CACERT=${PKI}/etcd/ca.crt ETCDCTL_CERT=${PKI}/etcd/server.crt ETCDCTL_KEY=${PKI}/etcd/server.key`;
    expect((await t.sh(`${env} etcdctl --endpoints=https://127.0.0.1:2379 snapshot save /tmp/a.db`)).stdout).toBe('Snapshot saved at /tmp/a.db\n');
    const now = t.world.clock.now();
    const r = await t.sh(`${env} etcdctl --cacert=${PKI}/etcd/ca.crt member list`);
    expect(r.stderr).toBe(`{"level":"fatal","ts":"${ts(now)}","caller":"flags/flag.go:85","msg":"conflicting environment variable is shadowed by corresponding command-line flag (either unset environment variable or disable flag))","environment-variable":"ETCDCTL_CACERT"}\n`);
    expect(r.status).toBe(1);
  });

  it('hangs without certificates until its --command-timeout, then removes the part file', async () => {
    const t = bootOps();
    const r = await t.sh('etcdctl snapshot save /opt/nocerts.db --command-timeout=3s');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/"msg":"created temporary db file","path":"\/opt\/nocerts.db.part"}\nError: context deadline exceeded\n$/);
    expect(r.status).toBe(5);
    expect(t.cp.fs.exists('/opt/nocerts.db.part')).toBe(false);
    expect(t.cp.fs.exists('/opt/nocerts.db')).toBe(false);
  });
});

describe('etcdctl with wrong certificates', () => {
  const failure = (now: number) =>
    `{"level":"warn","ts":"${ts(now + 5000)}","logger":"etcd-client","caller":"v3/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000`;
  const tail = (desc: string) => `/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"${desc}\\""}\nError: context deadline exceeded\n`;

  it.each([
    ['the cluster CA instead of the etcd CA', `--cacert=${PKI}/ca.crt --cert=${PKI}/etcd/server.crt --key=${PKI}/etcd/server.key`, 'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority'],
    ['no client certificate', `--cacert=${PKI}/etcd/ca.crt`, 'error reading server preface: remote error: tls: certificate required'],
    ['a client certificate of the cluster CA', `--cacert=${PKI}/etcd/ca.crt --cert=${PKI}/apiserver-kubelet-client.crt --key=${PKI}/apiserver-kubelet-client.key`, 'error reading server preface: remote error: tls: unknown certificate authority'],
  ])('fails after the 5s command timeout with %s', async (_name, flags, desc) => {
    const t = bootOps();
    const now = t.world.clock.now();
    const r = await t.sh(`etcdctl --endpoints=https://127.0.0.1:2379 ${flags} member list`);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(failure(now))).toBe(true);
    expect(r.stderr.endsWith(tail(desc))).toBe(true);
    expect(r.status).toBe(1);
  });

  it('refuses switched, mismatched or missing files before connecting', async () => {
    const t = bootOps();
    const switched = await t.sh(`etcdctl ${GOOD.replace('server.crt', 'X').replace('server.key', 'server.crt').replace('X', 'server.key')} member list`);
    expect(switched.stderr).toBe('Error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n');
    expect(switched.status).toBe(128);
    const mismatched = await t.sh(`etcdctl ${GOOD.replace('etcd/server.key', 'etcd/peer.key')} member list`);
    expect(mismatched.stderr).toBe('Error: tls: private key does not match public key\n');
    const missing = await t.sh(`etcdctl ${GOOD.replace('etcd/ca.crt', 'etcd/nope.crt')} member list`);
    expect(missing.stderr).toBe(`Error: open ${PKI}/etcd/nope.crt: no such file or directory\n`);
    const half = await t.sh(`etcdctl --cert=${PKI}/etcd/server.crt member list`);
    expect(half.stderr).toBe(`Error: KeyFile and CertFile must both be present[key: , cert: ${PKI}/etcd/server.crt]\n`);
  });

  it('reports connection refused when etcd is not running', async () => {
    const t = bootOps();
    t.cp.fs.unlink('/etc/kubernetes/manifests/etcd.yaml');
    t.world.loop.advance(30);
    const r = await t.sh(`etcdctl ${GOOD} endpoint health`);
    expect(r.stderr).toContain('transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused');
    expect(r.stderr.endsWith('https://127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n')).toBe(true);
    expect(r.status).toBe(1);
  });
});

describe('etcdctl cluster views', () => {
  it('lists the member as a table and as simple lines', async () => {
    const t = bootOps();
    const table = await t.sh(`etcdctl ${GOOD} member list -w table`);
    expect(table.stdout).toMatch(
      /^\+------------------\+---------\+--------------\+----------------------------\+----------------------------\+------------\+\n\|        ID        \| STATUS  \|     NAME     \|         PEER ADDRS         \|        CLIENT ADDRS        \| IS LEARNER \|\n/,
    );
    expect(table.stdout).toContain('| started | controlplane | https://192.168.100.2:2380 | https://192.168.100.2:2379 |      false |\n');
    const simple = await t.sh(`etcdctl ${GOOD} member list`);
    expect(simple.stdout).toMatch(/^[0-9a-f]{16}, started, controlplane, https:\/\/192\.168\.100\.2:2380, https:\/\/192\.168\.100\.2:2379, false\n$/);
  });

  it('reports endpoint status with a trailing empty errors field and health with the time taken', async () => {
    const t = bootOps();
    const status = await t.sh(`etcdctl ${GOOD} endpoint status`);
    expect(status.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379, [0-9a-f]{16}, 3\.5\.21, \d+ kB, true, false, 2, \d+, \d+, \n$/);
    const health = await t.sh(`etcdctl ${GOOD} endpoint health`);
    expect(health.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = \d+\.\d+ms\n$/);
  });

  it('reads the registry key space and deletes through etcd', async () => {
    const t = bootOps();
    t.cluster.admin().create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { a: 'b' } });
    const keys = await t.sh(`etcdctl ${GOOD} get /registry/configmaps/default --prefix --keys-only`);
    expect(keys.stdout).toContain('/registry/configmaps/default/app\n\n');
    const value = await t.sh(`etcdctl ${GOOD} get /registry/configmaps/default/app --print-value-only`);
    expect(JSON.parse(value.stdout)).toMatchObject({ kind: 'ConfigMap', data: { a: 'b' } });
    expect((await t.sh(`etcdctl ${GOOD} put /kubedrill/note hello`)).stdout).toBe('OK\n');
    expect((await t.sh(`etcdctl ${GOOD} get /kubedrill/note`)).stdout).toBe('/kubedrill/note\nhello\n');
    expect((await t.sh(`etcdctl ${GOOD} del /registry/configmaps/default/app`)).stdout).toBe('1\n');
    expect(t.cluster.admin().find('configmaps', 'default', 'app')).toBeUndefined();
  });

  it('is installed on the control plane only', async () => {
    const t = bootOps();
    expect((await t.sh('etcdctl version')).stdout).toBe('etcdctl version: 3.5.21\nAPI version: 3.5\n');
    expect((await t.sh('etcdctl version', 'node01')).status).toBe(127);
  });
});

describe('snapshot status and restore', () => {
  it('prints status as a table and restore logs with etcdctl\'s deprecation notice', async () => {
    const t = bootOps();
    await t.sh(`etcdctl ${GOOD} snapshot save /opt/s.db`);
    const status = await t.sh('etcdutl snapshot status /opt/s.db -w table');
    expect(status.stdout).toMatch(/^\+----------\+----------\+------------\+------------\+\n\|   HASH   \| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n\+----------\+----------\+------------\+------------\+\n\| [0-9a-f ]{8} \| +\d+ \| +\d+ \| +\d+ kB \|\n/);
    const old = await t.sh('etcdctl snapshot status /opt/s.db');
    expect(old.stderr).toBe('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
    const now = t.world.clock.now();
    const when = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const r = await t.sh('etcdctl snapshot restore /opt/s.db --data-dir /var/lib/etcd-backup');
    const where = '"path": "/opt/s.db", "wal-dir": "/var/lib/etcd-backup/member/wal", "data-dir": "/var/lib/etcd-backup", "snap-dir": "/var/lib/etcd-backup/member/snap", "initial-memory-map-size": 0';
    expect(r.stderr).toBe(
      'Deprecated: Use `etcdutl snapshot restore` instead.\n\n' +
        `${when}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t{${where}}\n` +
        `${when}\tinfo\tmembership/store.go:138\tTrimming membership information from the backend...\n` +
        `${when}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"], "added-peer-is-learner": false}\n` +
        `${when}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t{${where}}\n`,
    );
    expect(r.status).toBe(0);
  });

  it('rejects a tampered snapshot and accepts a copied database only with --skip-hash-check', async () => {
    const t = bootOps();
    await t.sh(`etcdctl ${GOOD} snapshot save /opt/s.db`);
    const text = t.cp.fs.readFile('/opt/s.db');
    t.cp.fs.writeFile('/opt/bad.db', text.replace('"kube-system"', '"kube-systex"'));
    const bad = await t.sh('etcdutl snapshot restore /opt/bad.db --data-dir /var/lib/x');
    expect(bad.stderr).toMatch(/\nError: expected sha256 \[[\d ]+\], got \[[\d ]+\]\n$/);
    // A database copied out of a data directory has no integrity trailer.
    t.cp.fs.writeFile('/opt/copy.db', text.slice(0, -32));
    const noHash = await t.sh('etcdutl snapshot restore /opt/copy.db --data-dir /var/lib/y');
    expect(noHash.stderr).toMatch(/\nError: snapshot missing hash but --skip-hash-check=false\n$/);
    expect((await t.sh('etcdutl snapshot restore /opt/copy.db --data-dir /var/lib/z --skip-hash-check')).status).toBe(0);
  });

  it('checks the restore name against --initial-cluster as etcd does', async () => {
    const t = bootOps();
    await t.sh(`etcdctl ${GOOD} snapshot save /opt/s.db`);
    const r = await t.sh('etcdutl snapshot restore /opt/s.db --data-dir /var/lib/n --name controlplane --initial-cluster controlplane=https://192.168.100.2:2380');
    expect(r.stderr).toBe(
      'Error: --initial-cluster has controlplane=https://192.168.100.2:2380 but missing from --initial-advertise-peer-urls=http://localhost:2380 ("http://localhost:2380"(resolved from "http://localhost:2380") != "https://192.168.100.2:2380"(resolved from "https://192.168.100.2:2380"))\n',
    );
    const name = await t.sh('etcdutl snapshot restore /opt/s.db --data-dir /var/lib/n --name foo');
    expect(name.stderr).toBe('Error: couldn\'t find local name "foo" in the initial cluster configuration\n');
    const noDir = await t.sh('etcdutl snapshot restore /opt/s.db');
    expect(noDir.stderr).toBe('Error: required flag(s) "data-dir" not set\n');
  });
});
