/**
 * The security flows as a candidate types them in a session: openssl on the workstation, kubectl
 * failing with kubectl 1.33's lines when credentials or the serving certificate are wrong.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { defaultBundle } from '../../src/session/default-bundle.js';
import { BufferSink } from '../../src/shell/types.js';
import { reissueCertificateFile } from '../../src/cluster/reissue.js';
import type { Cluster } from '../../src/cluster/cluster.js';

async function run(session: Session, line: string): Promise<{ stdout: string; stderr: string; status: number }> {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const status = await session.run(line, { stdout, stderr });
  return { stdout: stdout.text(), stderr: stderr.text(), status };
}

function setup(): { session: Session; cluster: Cluster } {
  const session = new Session(defaultBundle());
  return { session, cluster: session.built.clusters.get('kubernetes')! };
}

const MEMCACHE = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: (.*)"$/;

describe('kubectl in a session', () => {
  it('works with the kubeadm admin credentials', async () => {
    const { session } = setup();
    const r = await run(session, 'kubectl get nodes -o name');
    expect(r.stdout).toBe('node/controlplane\nnode/node01\nnode/node02\n');
  });

  it('has openssl on the workstation', async () => {
    const { session } = setup();
    expect((await run(session, 'openssl version')).stdout).toBe('OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n');
  });

  it('prints the discovery retries and the login error for an expired client certificate', async () => {
    const { session, cluster } = setup();
    reissueCertificateFile(cluster.world.workstation, '/home/candidate/.kube/config', { expiredAt: cluster.world.clock.now() - 3600_000 }, cluster);
    const r = await run(session, 'kubectl get pods');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => MEMCACHE.exec(l)?.[1])).toEqual(Array(5).fill('the server has asked for the client to provide credentials'));
    expect(lines.at(-1)).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    expect(r.status).toBe(1);
  });

  it('prints the TLS error for an expired apiserver certificate', async () => {
    const { session, cluster } = setup();
    reissueCertificateFile(cluster.controlPlane(), '/etc/kubernetes/pki/apiserver.crt', { expiredAt: cluster.world.clock.now() - 3600_000 }, cluster);
    const r = await run(session, 'kubectl get pods');
    const lines = r.stderr.trimEnd().split('\n');
    expect(MEMCACHE.exec(lines[0]!)?.[1]).toMatch(/^Get \\"https:\/\/192\.168\.100\.2:6443\/api\?timeout=32s\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \S+ is after \S+$/);
    expect(lines.at(-1)).toMatch(/^Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \S+ is after \S+$/);
  });
});
