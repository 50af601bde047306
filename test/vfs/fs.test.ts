import { describe, expect, it } from 'vitest';
import { VirtualFS, VfsError, normalizePath } from '../../src/vfs/fs.js';
import { VirtualClock } from '../../src/util/clock.js';

const candidate = { uid: 1000, gid: 1000 };

describe('VirtualFS', () => {
  it('normalises relative paths, dot segments and duplicate slashes', () => {
    expect(normalizePath('../etc//kubernetes/./manifests/', '/root')).toBe('/etc/kubernetes/manifests');
  });

  it('creates parents on request and reads back what was written', () => {
    const fs = new VirtualFS();
    fs.writeFile('/etc/kubernetes/manifests/kube-scheduler.yaml', 'kind: Pod\n', { parents: true });
    expect(fs.readdir('/etc/kubernetes/manifests')).toEqual(['kube-scheduler.yaml']);
    expect(fs.readFile('/etc/kubernetes/manifests/kube-scheduler.yaml')).toBe('kind: Pod\n');
  });

  it('denies an unprivileged user a write to a root-owned 0644 file', () => {
    const fs = new VirtualFS();
    fs.writeFile('/etc/hosts', '127.0.0.1 localhost\n', { parents: true });
    expect(() => fs.writeFile('/etc/hosts', '', {}, candidate)).toThrow(/Permission denied/);
    expect(fs.readFile('/etc/hosts', candidate)).toContain('localhost');
  });

  it('hides a 0600 key from other users', () => {
    const fs = new VirtualFS();
    fs.writeFile('/etc/kubernetes/pki/ca.key', 'KEY', { parents: true, mode: 0o600 });
    const err = (() => {
      try {
        fs.readFile('/etc/kubernetes/pki/ca.key', candidate);
      } catch (e) {
        return e as VfsError;
      }
    })();
    expect(err?.code).toBe('EACCES');
  });

  it('follows symlinks, also when writing through one', () => {
    const fs = new VirtualFS();
    fs.mkdir('/var/lib/kubelet/pki', { recursive: true });
    fs.writeFile('/var/lib/kubelet/pki/kubelet-client-2026.pem', 'CERT');
    fs.symlink('/var/lib/kubelet/pki/kubelet-client-2026.pem', '/var/lib/kubelet/pki/kubelet-client-current.pem');
    expect(fs.readFile('/var/lib/kubelet/pki/kubelet-client-current.pem')).toBe('CERT');
    expect(fs.lstat('/var/lib/kubelet/pki/kubelet-client-current.pem').type).toBe('symlink');
  });

  it('resolves relative symlinks mid-path as the atomic writer lays out a volume (..data)', () => {
    const fs = new VirtualFS();
    const vol = '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~projected/kube-api-access-abcde';
    fs.writeFile(`${vol}/..2026_11_26_01_02_03.123/token`, 'TOKEN', { parents: true });
    fs.symlink('..2026_11_26_01_02_03.123', `${vol}/..data`);
    fs.symlink('..data/token', `${vol}/token`);
    expect(fs.readFile(`${vol}/token`)).toBe('TOKEN');
    expect(fs.readFile(`${vol}/..data/token`)).toBe('TOKEN');
    expect(fs.realpath(`${vol}/token`)).toBe(`${vol}/..2026_11_26_01_02_03.123/token`);
    expect(fs.realpath(`${vol}//..data/./token`)).toBe(`${vol}/..2026_11_26_01_02_03.123/token`);
    fs.symlink('../../../../etc', '/var/lib/kubelet/pods/etc-link');
    fs.writeFile('/etc/hostname', 'node01\n', { parents: true });
    expect(fs.readFile('/var/lib/kubelet/pods/etc-link/hostname')).toBe('node01\n');
    expect(fs.realpath('/var/lib/kubelet/pods/etc-link')).toBe('/etc');
  });

  it('reports ENOENT, ENOTDIR and ELOOP on the component that fails, and "/" as itself', () => {
    const fs = new VirtualFS();
    fs.writeFile('/etc/hosts', 'x', { parents: true });
    fs.symlink('/loop/b', '/loop-a');
    fs.mkdir('/loop');
    fs.symlink('/loop-a', '/loop/b');
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'ok';
      } catch (e) {
        return (e as VfsError).code;
      }
    };
    expect(code(() => fs.readFile('/etc/missing'))).toBe('ENOENT');
    expect(code(() => fs.readFile('/etc/hosts/inner'))).toBe('ENOTDIR');
    expect(code(() => fs.readFile('/loop-a'))).toBe('ELOOP');
    expect(fs.exists('/etc/hosts/inner')).toBe(false);
    expect(fs.isDir('/')).toBe(true);
    expect(fs.realpath('/')).toBe('/');
  });

  it('stamps mtimes from the virtual clock and bumps its version on change', () => {
    const clock = new VirtualClock('2026-03-01T10:00:00Z');
    const fs = new VirtualFS(clock);
    const v0 = fs.version;
    clock.advance(5000);
    fs.writeFile('/a', 'x');
    expect(fs.stat('/a').mtimeMs).toBe(Date.parse('2026-03-01T10:00:05Z'));
    expect(fs.version).toBeGreaterThan(v0);
  });

  it('refuses to rmdir a non-empty directory but removes trees', () => {
    const fs = new VirtualFS();
    fs.writeFile('/opt/course/1/x', '', { parents: true });
    expect(() => fs.rmdir('/opt/course')).toThrow(/Directory not empty/);
    fs.removeTree('/opt/course');
    expect(fs.exists('/opt/course')).toBe(false);
  });

  it('moves a file into a directory named as the target', () => {
    const fs = new VirtualFS();
    fs.writeFile('/tmp/kube-scheduler.yaml', 'x', { parents: true });
    fs.mkdir('/etc/kubernetes/manifests', { recursive: true });
    fs.rename('/tmp/kube-scheduler.yaml', '/etc/kubernetes/manifests');
    expect(fs.readFile('/etc/kubernetes/manifests/kube-scheduler.yaml')).toBe('x');
    expect(fs.exists('/tmp/kube-scheduler.yaml')).toBe(false);
  });
});
