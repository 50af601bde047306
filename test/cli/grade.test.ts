import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/cli.js';

const PYTHON = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();

function transcript(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-grade-'));
  const file = join(dir, 'transcript.txt');
  writeFileSync(file, text);
  return file;
}

describe('kubedrill grade', () => {
  it('grades an untouched broken cluster below the pass mark and exits 1', async () => {
    const r = await cli(['grade', 'dead-scheduler', '--transcript', transcript('kubectl get nodes\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Score: 0.0 % (pass mark 66 %) — FAIL');
    expect(r.stdout).toContain('✗ the kube-scheduler static Pod is Running and Ready (weight 2)');
  });

  it('produces byte-identical reports for the same scenario, transcript and seed', async () => {
    const t = transcript('kubectl get pods -A\nssh cluster1-controlplane1\nexit\n');
    const a = await cli(['grade', 'dead-scheduler', '--transcript', t, '--format', 'json', '--seed', '7']);
    const b = await cli(['grade', 'dead-scheduler', '--transcript', t, '--format', 'json', '--seed', '7']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toMatchObject({ reportVersion: 1, name: 'dead-scheduler', passMark: 66, passed: false });
  });

  it.skipIf(!PYTHON)('writes JUnit XML that parses, one testcase per check with expected and found', async () => {
    const r = await cli(['grade', 'dead-scheduler', '--transcript', transcript(''), '--format', 'junit']);
    const parsed = spawnSync(PYTHON, ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); print(len(d.getElementsByTagName("testcase")), len(d.getElementsByTagName("failure")))'], { input: r.stdout, encoding: 'utf8' });
    expect(parsed.stdout.trim()).toBe('3 3');
    expect(r.stdout).toContain('<failure message="expected &quot;True&quot;, found');
  });

  it('rejects an unknown format and a bad pass mark with exit 2', async () => {
    expect((await cli(['grade', 'dead-scheduler', '--format', 'xml', '--transcript', transcript('')])).code).toBe(2);
    expect((await cli(['grade', 'dead-scheduler', '--pass', 'lots', '--transcript', transcript('')])).code).toBe(2);
  });

  it('reports a missing transcript file with exit 2', async () => {
    const r = await cli(['grade', 'dead-scheduler', '--transcript', '/nonexistent/t.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kubedrill grade: cannot read transcript /nonexistent/t.txt\n');
  });
});
