/** completion, options, plugin list, proxy, port-forward, attach and debug on a booted cluster. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT, TestCluster } from './cluster.js';

describe('kubectl utility commands', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('deploy.yaml', DEPLOYMENT);
    await c.script('kubectl apply -f deploy.yaml', 'sleep 8');
  });

  it('prints a completion script the shell can source', async () => {
    const bash = await c.run('kubectl completion bash > c.sh; source c.sh; type -t __start_kubectl; complete -p kubectl');
    expect(bash.stdout).toBe('function\ncomplete -o default -F __start_kubectl kubectl\n');
    expect((await c.run('kubectl completion zsh')).stdout.startsWith('#compdef kubectl\ncompdef _kubectl kubectl\n')).toBe(true);
    expect((await c.run('kubectl completion tcsh')).stderr).toBe('error: Unsupported shell type "tcsh".\nSee \'kubectl completion -h\' for help and examples\n');
  });

  it('lists the global options', async () => {
    const r = await c.run('kubectl options');
    expect(r.stdout.startsWith("The following options can be passed to any command:\n\n    --as='':\n")).toBe(true);
    expect(r.stdout).toContain("    --cache-dir='/home/candidate/.kube/cache':\n");
  });

  it('finds kubectl-* plugins on PATH', async () => {
    expect(await c.run('kubectl plugin list')).toEqual({ stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', status: 1 });
    await c.run("mkdir -p ~/bin && printf '#!/bin/sh\\necho hi\\n' > ~/bin/kubectl-hello && chmod +x ~/bin/kubectl-hello && touch ~/bin/kubectl-noexec");
    const r = await c.run('PATH=$HOME/bin:$PATH kubectl plugin list --name-only');
    expect(r.stdout).toBe('The following compatible plugins are available:\n\nkubectl-hello\nkubectl-noexec\n');
    expect(r.stderr).toBe('  - warning: /home/candidate/bin/kubectl-noexec identified as a kubectl plugin, but it is not executable\nerror: one plugin warning was found\n');
    expect(r.status).toBe(1);
  });

  it('proxies and forwards until stopped', async () => {
    expect((await c.run('kubectl proxy --request-timeout=2s')).stdout).toBe('Starting to serve on 127.0.0.1:8001\n');
    expect((await c.run('kubectl proxy --port=8011 --request-timeout=2s')).stdout).toBe('Starting to serve on 127.0.0.1:8011\n');
    const pf = await c.run('kubectl port-forward deploy/web 8080:80 --request-timeout=2s');
    expect(pf.stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    // A random local port (":80") is a whole number whatever the clock's fraction of a second.
    expect((await c.run('sleep 0.25')).status).toBe(0);
    expect((await c.run('kubectl port-forward deploy/web :80 --request-timeout=2s')).stdout).toMatch(/^Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:\1 -> 80\n$/);
    expect((await c.run('kubectl port-forward deploy/web 8080:http')).stderr).toMatch(/^error: Pod 'web-[a-z0-9-]+' does not have a named port 'http'\n$/);
  });

  it('debugs a node with the pod kubectl creates for it', async () => {
    const r = await c.run('kubectl debug node/node01 --image=busybox:1.36 -- sleep 3600');
    expect(r.stdout).toMatch(/^Creating debugging pod node-debugger-node01-[a-z0-9]{5} with container debugger on node node01\.\n$/);
    expect(r.stderr).toBe('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
    const name = /node-debugger-node01-[a-z0-9]{5}/.exec(r.stdout)![0];
    const spec = JSON.parse((await c.run(`kubectl get pod ${name} -o jsonpath='{.spec}'`)).stdout);
    expect(spec).toMatchObject({ hostNetwork: true, hostPID: true, hostIPC: true, nodeName: 'node01', restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
    expect(spec.volumes[0]).toMatchObject({ name: 'host-root', hostPath: { path: '/' } });
    expect(spec.containers[0]).toMatchObject({ name: 'debugger', image: 'busybox:1.36', command: ['sleep', '3600'] });
    expect(spec.containers[0].volumeMounts[0]).toEqual({ mountPath: '/host', name: 'host-root' });
    await c.run('sleep 5');
    expect((await c.run(`kubectl exec ${name} -- cat /host/etc/hostname`)).stdout).toBe('node01\n');
  });

  it('shows the output of a debugging command that finished before kubectl could attach', async () => {
    const r = await c.run('kubectl debug node/node02 -it --image=busybox -- cat /host/etc/hostname');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Creating debugging pod node-debugger-node02-[a-z0-9]{5} with container debugger on node node02\.\nnode02\n$/);
  });

  it('copies a pod for debugging and refuses ephemeral containers it cannot run', async () => {
    const pod = (await c.run("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'")).stdout;
    const r = await c.run(`kubectl debug ${pod} --copy-to=web-debug --image=busybox:1.36 --profile=general`);
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    expect((await c.run("kubectl get pod web-debug -o jsonpath='{.spec.containers[*].name}'")).stdout).toMatch(/^nginx debugger-[a-z0-9]{5}$/);
    expect((await c.run(`kubectl debug ${pod} --image=busybox --profile=general`)).status).toBe(1);
  });
});
