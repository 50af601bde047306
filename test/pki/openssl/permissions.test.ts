import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeControlPlanePki } from '../../../src/pki/kubeadm.js';
import { makeOpenssl } from '../../../src/pki/openssl/index.js';
import { CANDIDATE, hasOpenssl, newFs, normalizeTid, realDir, runProgram, Rng, VirtualClock } from '../harness.js';

/** The real openssl run as an unprivileged user, to see its permission errors. */
const canDropPrivileges = hasOpenssl && process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;

function setup() {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const fs = newFs(clock);
  const rng = new Rng(2);
  writeControlPlanePki(fs, { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  const openssl = makeOpenssl({ clock, rng });
  return { fs, run: (args: string[]) => runProgram(openssl, fs, ['openssl', ...args], { account: CANDIDATE, cwd: '/etc/kubernetes/pki' }) };
}

describe('a candidate without sudo', () => {
  const { fs, run } = setup();

  it('reads certificates but not keys', async () => {
    expect((await run(['x509', '-in', 'ca.crt', '-noout', '-subject'])).stdout).toBe('subject=CN = kubernetes\n');
    const r = await run(['rsa', '-in', 'ca.key', '-noout']);
    expect(r.rc).toBe(1);
    expect(normalizeTid(r.stderr)).toBe(
      'Could not open file or uri for loading private key from ca.key\n' +
        'TID:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n' +
        'TID:error:8000000D:system library:BIO_new_file:Permission denied:../crypto/bio/bss_file.c:67:calling fopen(ca.key, rb)\n' +
        'TID:error:10080002:BIO routines:BIO_new_file:system lib:../crypto/bio/bss_file.c:77:\n',
    );
  });

  it.skipIf(!canDropPrivileges)('gets the same errors as the real openssl run as an unprivileged user', async () => {
    const dir = realDir();
    chmodSync(dir, 0o755);
    for (const f of ['ca.crt', 'ca.key']) writeFileSync(join(dir, f), fs.readFile(`/etc/kubernetes/pki/${f}`), { mode: f.endsWith('.key') ? 0o600 : 0o644 });
    for (const args of [
      ['rsa', '-in', 'ca.key', '-noout'],
      ['x509', '-req', '-in', 'ca.crt', '-CA', 'ca.crt', '-CAkey', 'ca.key'],
      ['x509', '-in', 'ca.crt', '-out', 'copy.crt'],
    ]) {
      const real = spawnSync('runuser', ['-u', 'nobody', '--', 'openssl', ...args], { cwd: dir, encoding: 'utf8' });
      const ours = await run(args);
      expect({ rc: ours.rc, stderr: normalizeTid(ours.stderr) }, args.join(' ')).toEqual({ rc: real.status, stderr: normalizeTid(real.stderr) });
    }
  });
});
