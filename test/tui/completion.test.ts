import { describe, expect, it } from 'vitest';
import { complete, formatListing, scanLine, type CompletionSource } from '../../src/tui/completion/engine.js';

const FILES: Record<string, { name: string; dir: boolean }[]> = {
  '/home/candidate': [
    { name: '.kube', dir: true },
    { name: 'notes.txt', dir: false },
    { name: 'manifests', dir: true },
  ],
  '/etc/kubernetes': [
    { name: 'manifests', dir: true },
    { name: 'admin.conf', dir: false },
    { name: 'scheduler.conf', dir: false },
  ],
  '/etc/kubernetes/manifests': [
    { name: 'kube-apiserver.yaml', dir: false },
    { name: 'kube-scheduler.yaml', dir: false },
    { name: 'etcd.yaml', dir: false },
  ],
};

const source: CompletionSource = {
  cwd: '/home/candidate',
  home: '/home/candidate',
  commands: () => ['kubectl', 'kubeadm', 'ssh', 'sudo', 'systemctl', 'cat', 'cd', 'k'],
  files: (dir) => FILES[dir],
  kubectl: {
    types: () => ['pods', 'po', 'deployments', 'deploy', 'services', 'svc', 'namespaces', 'ns', 'nodes', 'no'],
    names: (type, ns, all) => {
      if (type === 'namespaces') return ['default', 'kube-system', 'shop'];
      if (type === 'nodes') return ['cluster1-controlplane1', 'cluster1-node1', 'cluster1-node2'];
      if (['pods', 'po'].includes(type)) return ns === 'shop' ? ['web-5d8f-abcde', 'web-5d8f-fghij'] : all ? ['coredns-1', 'web-5d8f-abcde'] : [];
      if (['deployments', 'deploy'].includes(type)) return ns === 'shop' ? ['web'] : [];
      return [];
    },
    contexts: () => ['k8s-c1', 'k8s-c2'],
  },
};

const tab = (line: string) => complete(line, line.length, source);

describe('Tab completion', () => {
  it('completes command names in command position', () => {
    expect(tab('sys').text).toBe('systemctl ');
    expect(tab('kube').text).toBe('kube');
    expect(tab('kube').candidates).toEqual(['kubeadm', 'kubectl']);
    expect(tab('kubec').text).toBe('kubectl ');
  });

  it('completes commands after a pipe, && and sudo', () => {
    expect(tab('echo x | sy').text).toBe('echo x | systemctl ');
    expect(tab('true && ss').text).toBe('true && ssh ');
    expect(tab('sudo sys').text).toBe('sudo systemctl ');
  });

  it('completes paths on the current host, directories with a slash and no space', () => {
    expect(tab('cat /etc/kubernetes/man').text).toBe('cat /etc/kubernetes/manifests/');
    expect(tab('cat /etc/kubernetes/manifests/kube-s').text).toBe('cat /etc/kubernetes/manifests/kube-scheduler.yaml ');
    expect(tab('cat /etc/kubernetes/manifests/kube').candidates).toEqual(['kube-apiserver.yaml', 'kube-scheduler.yaml']);
    expect(tab('cat /etc/kubernetes/manifests/kube').text).toBe('cat /etc/kubernetes/manifests/kube-');
  });

  it('completes relative paths and ~, hiding dot files unless asked', () => {
    expect(tab('cat no').text).toBe('cat notes.txt ');
    expect(tab('cat ~/.k').text).toBe('cat ~/.kube/');
    expect(tab('cat ').candidates).toEqual(['manifests/', 'notes.txt']);
  });

  it('offers only directories to cd', () => {
    expect(tab('cd m').text).toBe('cd manifests/');
    expect(tab('cd n').changed).toBe(false);
  });

  it('completes after a redirection with a path', () => {
    expect(tab('echo hi > no').text).toBe('echo hi > notes.txt ');
  });

  it('completes kubectl verbs, subcommands and resource types', () => {
    expect(tab('kubectl desc').text).toBe('kubectl describe ');
    expect(tab('kubectl rollout sta').text).toBe('kubectl rollout status ');
    expect(tab('kubectl get deplo').text).toBe('kubectl get deploy');
    expect(tab('k get svc').text).toBe('k get svc ');
  });

  it('completes object names in the namespace the line names', () => {
    expect(tab('kubectl -n shop get deploy w').text).toBe('kubectl -n shop get deploy web ');
    expect(tab('kubectl get pods -n shop web-5d8f-a').text).toBe('kubectl get pods -n shop web-5d8f-abcde ');
    expect(tab('kubectl logs --namespace=shop web-5d8f-f').text).toBe('kubectl logs --namespace=shop web-5d8f-fghij ');
    expect(tab('kubectl get po -A core').text).toBe('kubectl get po -A coredns-1 ');
    expect(tab('kubectl -n shop get deploy/w').text).toBe('kubectl -n shop get deploy/web ');
  });

  it('completes namespaces, contexts, nodes and output formats', () => {
    expect(tab('kubectl -n kube-s').text).toBe('kubectl -n kube-system ');
    expect(tab('kubectl get pods --namespace=sh').text).toBe('kubectl get pods --namespace=shop ');
    expect(tab('kubectl config use-context k8s-c2').text).toBe('kubectl config use-context k8s-c2 ');
    expect(tab('kubectl cordon cluster1-node').candidates).toEqual(['cluster1-node1', 'cluster1-node2']);
    expect(tab('kubectl get po -o ya').text).toBe('kubectl get po -o yaml ');
    expect(tab('kubectl get po -o jsonp').candidates).toEqual(['jsonpath-file=', 'jsonpath=']);
    expect(tab('kubectl get po -o=go-template-f').text).toBe('kubectl get po -o=go-template-file=');
  });

  it('completes flags of the verb', () => {
    expect(tab('kubectl get pods --show-l').text).toBe('kubectl get pods --show-labels ');
    expect(tab('kubectl get pods --all-n').text).toBe('kubectl get pods --all-namespaces ');
  });

  it('completes file names after -f', () => {
    expect(tab('kubectl apply -f /etc/kubernetes/manifests/et').text).toBe('kubectl apply -f /etc/kubernetes/manifests/etcd.yaml ');
  });

  it('completes in the middle of a line, keeping what follows the cursor', () => {
    const line = 'sys status kubelet';
    const r = complete(line, 3, source);
    expect(r.text).toBe('systemctl status kubelet');
    expect(r.cursor).toBe('systemctl'.length);
  });

  it('escapes special characters in completed names', () => {
    const spaced: CompletionSource = { ...source, files: () => [{ name: 'my file.yaml', dir: false }] };
    expect(complete('cat my', 6, spaced).text).toBe('cat my\\ file.yaml ');
  });

  it('splits the line into the current command words', () => {
    expect(scanLine('FOO=1 sudo -E vim "/etc/my fi')).toMatchObject({ words: ['FOO=1', 'sudo', '-E', 'vim'], current: { value: '/etc/my fi', quote: '"' } });
  });

  it('lists ambiguous candidates in columns', () => {
    expect(formatListing(['a', 'bb', 'ccc'], 10)).toEqual(['a    ccc', 'bb']);
  });
});

describe('completion from a live session', () => {
  it('lists objects through the API as the candidate’s kubeconfig user, in the namespace the line names', async () => {
    const { sessionCompletionSource } = await import('../../src/tui/completion/session-source.js');
    const { makeModel } = await import('./helpers.js');
    const { model } = makeModel();
    const src = sessionCompletionSource(model.session);
    expect(complete('kubectl -n shop get deploy w', 28, src).text).toBe('kubectl -n shop get deploy web ');
    expect(complete('kubectl get ns sh', 17, src).text).toBe('kubectl get ns shop ');
    expect(complete('kubectl config use-context k8s', 30, src).text).toBe('kubectl config use-context k8s-c1 ');
    expect(src.kubectl!.names('nodes', undefined, false).sort()).toEqual(['cluster1-controlplane1', 'cluster1-node1', 'cluster1-node2']);
    expect(src.commands()).toEqual(expect.arrayContaining(['cd', 'echo', 'ssh', 'sudo', 'vim', 'k']));
  });

  it('offers no names when the kubeconfig is gone, as kubectl would fail', async () => {
    const { sessionCompletionSource } = await import('../../src/tui/completion/session-source.js');
    const { makeModel, typeLine } = await import('./helpers.js');
    const { model } = makeModel();
    await typeLine(model, 'echo > ~/.kube/config');
    expect(sessionCompletionSource(model.session).kubectl!.names('deployments', 'shop', false)).toEqual([]);
  });
});
