import { describe, expect, it } from 'vitest';
import { HeadlessEditor, NO_EDITOR } from '../../src/shell/editor.js';
import { fakeSed, session } from './helpers.js';

const MANIFEST = '/etc/kubernetes/manifests/kube-scheduler.yaml';

function withManifest() {
  const t = session({ sed: fakeSed });
  t.host.fs.writeFile(MANIFEST, 'command:\n- kube-schedulerr\n', { parents: true, mode: 0o600 });
  return t;
}

describe('vi, vim and nano in a headless run', () => {
  it('edits a file through the command in $EDITOR and leaves no temporary copy', async () => {
    const t = withManifest();
    await t.run('sudo -i');
    const r = await t.run(`EDITOR="sed -i 's/schedulerr/scheduler/'" vim ${MANIFEST}`);
    expect(r).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.host.fs.readFile(MANIFEST)).toBe('command:\n- kube-scheduler\n');
    expect(t.host.fs.stat(MANIFEST).mode).toBe(0o600);
    expect(t.host.fs.readdir('/tmp')).toEqual([]);
  });

  it('uses $VISUAL when $EDITOR is unset, for vi and nano alike', async () => {
    const t = session({ sed: fakeSed });
    await t.run('echo aaa > f.txt');
    await t.run("export VISUAL=\"sed -i 's/a/b/g'\"; vi f.txt; nano f.txt");
    expect(t.host.fs.readFile('/home/candidate/f.txt')).toBe('bbb\n');
  });

  it('explains how to edit when no editor command is set', async () => {
    const t = withManifest();
    expect(await t.run(`sudo vim ${MANIFEST}`)).toEqual({ stdout: '', stderr: `vim: ${NO_EDITOR}\n`, status: 1 });
    expect(NO_EDITOR).toBe('no editor available in a headless run: set EDITOR to a command, e.g. EDITOR="sed -i s/a/b/"');
  });

  it('creates a new file, as :wq would', async () => {
    const t = session();
    await t.run("export EDITOR=\"bash -c 'echo created > \\$0'\"");
    expect(await t.run('vim new.yaml')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.host.fs.readFile('/home/candidate/new.yaml')).toBe('created\n');
    expect(t.host.fs.stat('/home/candidate/new.yaml').uid).toBe(1000);
  });

  it("cannot read a root-only file without sudo, nor write a root-owned one", async () => {
    const t = withManifest();
    await t.run("export EDITOR=\"sed -i 's/a/b/'\"");
    expect(await t.run(`vim ${MANIFEST}`)).toEqual({ stdout: '', stderr: `vim: "${MANIFEST}" [Permission Denied]\n`, status: 1 });
    t.host.fs.writeFile('/etc/hosts', 'a\n');
    expect(await t.run('vi /etc/hosts')).toEqual({ stdout: '', stderr: '"/etc/hosts" E212: Can\'t open file for writing\n', status: 1 });
    expect(t.host.fs.readFile('/etc/hosts')).toBe('a\n');
  });

  it('reports an editor command that fails, and keeps the file', async () => {
    const t = session();
    await t.run('echo keep > f.txt');
    const r = await t.run('EDITOR=false vim f.txt');
    expect(r.stderr).toBe("vim: the editor command `false' exited with status 1\n");
    expect(t.host.fs.readFile('/home/candidate/f.txt')).toBe('keep\n');
  });
});

describe('HeadlessEditor for kubectl edit', () => {
  it('reads the variables the caller names, first one set wins', async () => {
    const t = session({ sed: fakeSed });
    const editor = new HeadlessEditor();
    let result: Awaited<ReturnType<HeadlessEditor['edit']>> | undefined;
    const kubectlEdit = async (ctx: import('../../src/shell/types.js').ProcessContext) => {
      result = await editor.edit({ path: '/tmp/kubectl-edit-1.yaml', content: 'replicas: 1\n', process: ctx, variables: ['KUBE_EDITOR', 'EDITOR'] });
      return 0;
    };
    const t2 = session({ sed: fakeSed, kubectl: kubectlEdit });
    await t2.run("EDITOR=false KUBE_EDITOR=\"sed -i 's/1/3/'\" kubectl edit deploy web");
    expect(result).toEqual({ ok: true, content: 'replicas: 3\n' });
    expect(t.host.fs.readdir('/tmp')).toEqual([]);
  });
});
