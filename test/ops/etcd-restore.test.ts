import { describe, expect, it } from 'vitest';
import { bootOps } from './helpers.js';

const CERTS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
const MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';

describe('etcd backup and restore', () => {
  it('restores the objects of the snapshot once the etcd manifest points its hostPath at the restored directory', async () => {
    const t = bootOps();
    const admin = t.cluster.admin();
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'before' } });
    expect((await t.sh(`ETCDCTL_API=3 etcdctl snapshot save /opt/snapshot.db ${CERTS}`)).status).toBe(0);
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after' } });
    admin.delete('namespaces', '', 'before');
    t.world.loop.advance(30);

    const restore = await t.sh('etcdutl snapshot restore /opt/snapshot.db --data-dir /var/lib/etcd-from-backup');
    expect(restore.status).toBe(0);
    expect(t.cp.fs.readdir('/var/lib/etcd-from-backup/member')).toEqual(['snap', 'wal']);
    expect(t.cp.fs.readdir('/var/lib/etcd-from-backup/member/snap')).toContain('db');

    const manifest = t.cp.fs.readFile(MANIFEST);
    t.cp.fs.writeFile(MANIFEST, manifest.replace('path: /var/lib/etcd\n', 'path: /var/lib/etcd-from-backup\n'));
    t.world.loop.advance(60);
    expect(t.cluster.apiAvailable()).toBe(true);
    const names = t.cluster.admin().list('namespaces').map((n) => n.metadata.name);
    expect(names).toContain('before');
    expect(names).not.toContain('after');
  }, 30_000);

  it('serves the restored database when --data-dir and the mount both move, and reads it from disk after a copy', async () => {
    const t = bootOps();
    t.cluster.admin().create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kept' } });
    await t.sh(`etcdctl snapshot save /root/backup.db ${CERTS}`);
    t.cluster.admin().delete('namespaces', '', 'kept');
    await t.sh('etcdctl snapshot restore /root/backup.db --data-dir=/var/lib/etcd-restored');
    // A copy of the restored directory has no registration: etcd opens member/snap/db.
    const db = t.cp.fs.readFile('/var/lib/etcd-restored/member/snap/db');
    t.cp.fs.writeFile('/var/lib/etcd-copy/member/snap/db', db, { parents: true });
    t.cp.fs.writeFile(MANIFEST, t.cp.fs.readFile(MANIFEST).replaceAll('/var/lib/etcd\n', '/var/lib/etcd-copy\n'));
    t.world.loop.advance(60);
    expect(t.cluster.admin().list('namespaces').map((n) => n.metadata.name)).toContain('kept');
    // The restored member keeps the restore's default identity, as a real restore does.
    const members = await t.sh(`etcdctl member list ${CERTS}`);
    expect(members.stdout).toBe('8e9e05c52164694d, started, controlplane, http://localhost:2380, https://192.168.100.2:2379, false\n');
  }, 30_000);

  it('refuses to restore into a directory that is not empty', async () => {
    const t = bootOps();
    await t.sh(`etcdctl snapshot save /opt/s.db ${CERTS}`);
    const r = await t.sh('etcdutl snapshot restore /opt/s.db --data-dir /var/lib/etcd');
    expect(r.stderr).toBe('Error: data-dir "/var/lib/etcd" not empty or could not be read\n');
    expect(r.status).toBe(1);
  }, 30_000);
});
