import { describe, expect, it } from 'vitest';
import { createTestHost, createTestSession, hostList } from '../../src/shell/testing.js';
import type { Account } from '../../src/shell/types.js';
import { VirtualClock } from '../../src/util/clock.js';
import { fakeCat, recorder } from './helpers.js';

function cluster(options: { canSudo?: (host: unknown, account: Account) => boolean } = {}) {
  const clock = new VirtualClock();
  const kubectl = recorder('ok\n');
  const programs = { cat: fakeCat, kubectl: kubectl.program };
  const terminal = createTestHost({ hostname: 'terminal', clock, programs });
  const controlplane = createTestHost({ hostname: 'controlplane', clock, programs });
  const node01 = createTestHost({ hostname: 'node01', clock, programs });
  const t = createTestSession({ host: terminal, hosts: hostList(terminal, controlplane, node01), clock, env: { KUBECONFIG: '/home/candidate/.kube/config' }, ...options });
  return { t, kubectl, terminal, controlplane, node01 };
}

describe('prompts and login frames', () => {
  it('walks terminal → ssh controlplane → sudo -i → exit → exit', async () => {
    const { t } = cluster();
    const s = t.session;
    expect(s.prompt()).toBe('candidate@terminal:~$ ');
    await t.run('cd /tmp');
    expect(s.prompt()).toBe('candidate@terminal:/tmp$ ');
    expect(await t.run('ssh controlplane')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(s.prompt()).toBe('candidate@controlplane:~$ ');
    await t.run('sudo -i');
    expect(s.prompt()).toBe('root@controlplane:~# ');
    expect(s.depth).toBe(3);
    expect(await t.run('exit')).toEqual({ stdout: '', stderr: 'logout\n', status: 0 });
    expect(s.prompt()).toBe('candidate@controlplane:~$ ');
    expect(await t.run('exit 3')).toEqual({ stdout: '', stderr: 'logout\nConnection to controlplane closed.\n', status: 3 });
    expect(s.prompt()).toBe('candidate@terminal:/tmp$ ');
    expect((await t.run('echo $?')).stdout).toBe('3\n');
    expect(s.ended).toBe(false);
  });

  it('keeps each host its own filesystem', async () => {
    const { t, node01 } = cluster();
    await t.run('ssh node01');
    await t.run('echo remote > ~/note');
    await t.run('exit');
    expect(node01.fs.readFile('/home/candidate/note')).toBe('remote\n');
    expect(t.host.fs.exists('/home/candidate/note')).toBe(false);
  });

  it('logs in as another user with ssh root@host, -i key, -l', async () => {
    const { t } = cluster();
    await t.run('ssh root@node01');
    expect(t.session.prompt()).toBe('root@node01:~# ');
    await t.run('logout');
    await t.run('ssh -i ~/.ssh/id_rsa -o StrictHostKeyChecking=no candidate@controlplane');
    expect(t.session.prompt()).toBe('candidate@controlplane:~$ ');
    await t.run('exit');
    await t.run('ssh -l root -p 22 node01');
    expect(t.session.user.name).toBe('root');
  });

  it('runs a remote command without logging in', async () => {
    const { t } = cluster();
    expect(await t.run('ssh node01 cat /etc/hostname; hostname')).toEqual({ stdout: 'node01\nterminal\n', stderr: '', status: 0 });
    expect(t.session.depth).toBe(1);
    expect((await t.run("ssh node01 'exit 7'; echo $?")).stdout).toBe('7\n');
  });

  it('fails like OpenSSH for unknown hosts and users', async () => {
    const { t } = cluster();
    expect(await t.run('ssh node09')).toEqual({ stdout: '', stderr: 'ssh: Could not resolve hostname node09: Name or service not known\n', status: 255 });
    expect(await t.run('ssh bob@node01')).toEqual({ stdout: '', stderr: 'bob@node01: Permission denied (publickey).\n', status: 255 });
    expect((await t.run('ssh')).status).toBe(255);
  });

  it('loads ~/.bashrc of the host when a shell starts', async () => {
    const { t, controlplane } = cluster();
    controlplane.fs.writeFile('/home/candidate/.bashrc', 'alias k=kubectl\nsource <(kubectl completion bash)\ncomplete -o default -F __start_kubectl k\n', { uid: 1000, gid: 1000 });
    await t.run('ssh controlplane');
    expect((await t.run('type k')).stdout).toBe("k is aliased to `kubectl'\n");
    await t.run('exit');
    expect((await t.run('type k')).stderr).toBe('bash: type: k: not found\n');
  });

  it('ends the terminal on exit from the first shell', async () => {
    const { t } = cluster();
    expect(await t.run('exit')).toEqual({ stdout: '', stderr: 'exit\n', status: 0 });
    expect(t.session.ended).toBe(true);
  });

  it('carries EDITOR but not KUBECONFIG into an ssh login', async () => {
    const { t } = cluster();
    await t.run('export EDITOR=nano');
    await t.run('ssh node01');
    expect((await t.run('echo "$EDITOR|$KUBECONFIG|$HOME|$USER"')).stdout).toBe('nano||/home/candidate|candidate\n');
  });
});

describe('sudo and su', () => {
  it('runs a command as root with a reset environment', async () => {
    const { t, kubectl } = cluster();
    await t.run('export FOO=bar; sudo kubectl get nodes');
    const call = kubectl.calls[0]!;
    expect(call.user).toBe('root');
    expect(call.env.get('HOME')).toBe('/root');
    expect(call.env.get('SUDO_USER')).toBe('candidate');
    expect(call.env.has('KUBECONFIG')).toBe(false);
    expect(call.env.has('FOO')).toBe(false);
    expect(call.cwd).toBe('/home/candidate');
    await t.run('sudo -E kubectl get nodes');
    expect(kubectl.calls[1]!.env.get('FOO')).toBe('bar');
  });

  it('lets root write where the user may not', async () => {
    const { t } = cluster();
    expect((await t.run('echo x > /etc/motd')).stderr).toBe('bash: /etc/motd: Permission denied\n');
    expect(await t.run("sudo bash -c 'echo x > /etc/motd'; sudo cat /etc/motd")).toEqual({ stdout: 'x\n', stderr: '', status: 0 });
  });

  it('runs as another user with -u and reports unknown commands and users', async () => {
    const { t } = cluster();
    expect((await t.run('sudo -u candidate whoami; sudo whoami')).stdout).toBe('candidate\nroot\n');
    expect(await t.run('sudo cd /root')).toEqual({ stdout: '', stderr: 'sudo: cd: command not found\n', status: 1 });
    expect(await t.run('sudo -u bob whoami')).toEqual({ stdout: '', stderr: 'sudo: unknown user bob\n', status: 1 });
  });

  it('opens root shells with sudo -s, sudo su -, sudo bash', async () => {
    const { t } = cluster();
    await t.run('cd /tmp; sudo -s');
    expect(t.session.prompt()).toBe('root@terminal:/tmp# ');
    expect((await t.run('exit')).stderr).toBe('exit\n');
    await t.run('sudo su -');
    expect(t.session.prompt()).toBe('root@terminal:~# ');
    expect((await t.run('logout')).stderr).toBe('logout\n');
    await t.run('sudo bash');
    expect(t.session.prompt()).toBe('root@terminal:/tmp# ');
    expect((await t.run('logout')).stderr).toBe("bash: logout: not login shell: use `exit'\n");
  });

  it('runs sudo -i with a command in a root login shell', async () => {
    const { t } = cluster();
    expect((await t.run('sudo -i pwd')).stdout).toBe('/root\n');
  });

  it('refuses su without the password, and lets root su anywhere', async () => {
    const { t } = cluster();
    expect(await t.run('su -')).toEqual({ stdout: '', stderr: 'Password: \nsu: Authentication failure\n', status: 1 });
    await t.run('sudo -i');
    await t.run('su - candidate');
    expect(t.session.prompt()).toBe('candidate@terminal:~$ ');
    expect((await t.run('su -c whoami root')).stderr).toContain('Authentication failure');
  });

  it('honours a sudoers policy', async () => {
    const { t } = cluster({ canSudo: () => false });
    expect(await t.run('sudo -i')).toEqual({ stdout: '', stderr: 'candidate is not in the sudoers file.  This incident will be reported.\n', status: 1 });
  });
});

describe('hooks and nested shells', () => {
  it('calls afterCommand after every simple command (the reconcile hook)', async () => {
    let calls = 0;
    const t = createTestSession({ afterCommand: () => void calls++ });
    await t.run('echo a; echo b | true; x=1');
    expect(calls).toBe(3);
  });

  it('lets the waiter move the cluster on when sleep advances the clock', async () => {
    const { VirtualWaiter } = await import('../../src/shell/waiter.js');
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const advanced: number[] = [];
    const t = createTestSession({ clock, waiter: new VirtualWaiter(clock, (ms) => void advanced.push(ms)) });
    await t.run('sleep 2; sleep 0.25');
    expect(advanced).toEqual([2000, 250]);
    expect(clock.iso()).toBe('2026-01-01T00:00:02Z');
  });

  it('starts a nested bash until exit, and reloads ~/.bashrc with exec bash', async () => {
    const t = createTestSession();
    await t.run('bash');
    expect(t.session.depth).toBe(2);
    expect((await t.run('echo $SHLVL; exit')).stdout).toBe('2\n');
    expect(t.session.depth).toBe(1);
    t.host.fs.writeFile('/home/candidate/.bashrc', 'alias k=kubectl\n', { uid: 1000, gid: 1000 });
    expect((await t.run('exec bash; alias')).stdout).toBe("alias k='kubectl'\n");
  });

  it('runs the first shell rc file before the first line', async () => {
    const host = createTestHost();
    host.fs.writeFile('/home/candidate/.bashrc', 'export do="--dry-run=client -o yaml"\n', { uid: 1000, gid: 1000 });
    const t = createTestSession({ host });
    expect((await t.run('echo $do')).stdout).toBe('--dry-run=client -o yaml\n');
    const quiet = createTestSession({ host, loadRc: false });
    expect((await quiet.run('echo "[$do]"')).stdout).toBe('[]\n');
  });

  it('reports where it is for the TUI', async () => {
    const { t } = cluster();
    await t.run('ssh node01');
    expect([t.session.host.hostname, t.session.user.name, t.session.cwd]).toEqual(['node01', 'candidate', '/home/candidate']);
    expect(t.session.history).toEqual(['ssh node01']);
    expect(t.session.environment().get('USER')).toBe('candidate');
  });
});
