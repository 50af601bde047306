/**
 * Kubeconfigs written by `kubectl config` are the ones the next kubectl connects with: paths
 * stored relative to the kubeconfig resolve against its directory, contexts switch the
 * identity and namespace, and a missing credential file fails as kubectl does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { boot } from '../verbs/harness.js';
import type { Session } from '../../../src/session/session.js';

describe('kubeconfigs written by kubectl config', () => {
  let s: Session;
  beforeEach(() => {
    s = boot();
  });

  const run = (line: string) => s.capture(line);

  it('connects with certificate files stored relative to ~/.kube', async () => {
    await run(`kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > ~/.kube/admin.crt`);
    await run(`kubectl config view --raw -o jsonpath='{.users[0].user.client-key-data}' | base64 -d > ~/.kube/admin.key`);
    expect(await run('kubectl config set-credentials files --client-certificate=.kube/admin.crt --client-key=/home/candidate/.kube/admin.key')).toEqual({ stdout: 'User "files" set.\n', stderr: '', status: 0 });
    expect((await run('kubectl config view -o jsonpath=\'{.users[?(@.name=="files")].user}\'')).stdout).toBe('{"client-certificate":"admin.crt","client-key":"admin.key"}');
    await run('kubectl config set-context files --cluster=kubernetes --user=files --namespace=kube-system');
    expect((await run('kubectl config use-context files')).stdout).toBe('Switched to context "files".\n');
    const pods = await run('kubectl get pods -o name');
    expect(pods.status).toBe(0);
    expect(pods.stdout).toContain('pod/etcd-controlplane\n');
    expect((await run('kubectl auth whoami -o jsonpath={.status.userInfo.username}')).stdout).toBe('kubernetes-admin');
  });

  it('fails with the resolved path when a credential file is missing', async () => {
    await run('kubectl config set-credentials ghost --client-certificate=.kube/ghost.crt --client-key=.kube/ghost.key');
    await run('kubectl config set-context ghost --cluster=kubernetes --user=ghost');
    expect(await run('kubectl --context=ghost get nodes')).toEqual({
      stdout: '',
      stderr: 'error: unable to read client-cert /home/candidate/.kube/ghost.crt for ghost due to open /home/candidate/.kube/ghost.crt: no such file or directory\n',
      status: 1,
    });
  });

  it('deleting the current context leaves kubectl with no server to talk to', async () => {
    expect(await run('kubectl config delete-context kubernetes-admin@kubernetes')).toEqual({
      stdout: 'deleted context kubernetes-admin@kubernetes from /home/candidate/.kube/config\n',
      stderr: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      status: 0,
    });
    const klog = 'E0101 09:02:32.000000    4003 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n';
    const r = await run('kubectl get nodes');
    expect(r.stderr.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6}/gm, 'E0101 09:02:32.000000')).toBe(klog.repeat(5) + 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
  });
});
