import { describe, expect, it } from 'vitest';
import { bootOps } from './helpers.js';

const V133 = 'https://pkgs.k8s.io/core:/stable:/v1.33/deb';
const CDN = (minor: number) => `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.${minor}/deb`;
const LIST = '/etc/apt/sources.list.d/kubernetes.list';

describe('the node package state', () => {
  it('has kubeadm, kubelet and kubectl of the cluster version installed and held', async () => {
    const t = bootOps();
    expect((await t.sh('apt-mark showhold')).stdout).toBe('kubeadm\nkubectl\nkubelet\n');
    expect(t.cp.fs.readFile(LIST)).toBe(`deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] ${V133}/ /\n`);
    expect(t.cp.fs.readFile('/var/lib/dpkg/status')).toContain('Package: kubeadm\nStatus: hold ok installed\n');
    const dpkg = await t.sh('dpkg -l kubelet');
    expect(dpkg.stdout.split('\n').at(-2)).toBe('hi  kubelet 1.33.2-1.1 amd64        Node agent for Kubernetes clusters');
  });

  it('lists the versions of the configured repository with apt-cache madison and policy', async () => {
    const t = bootOps();
    const madison = await t.sh('apt-cache madison kubeadm');
    expect(madison.stdout).toBe([7, 6, 5, 4, 3, 2, 1, 0].map((p) => `   kubeadm | 1.33.${p}-1.1 | ${V133}  Packages\n`).join(''));
    const policy = await t.sh('apt-cache policy kubelet');
    expect(policy.stdout.split('\n').slice(0, 6).join('\n')).toBe(`kubelet:\n  Installed: 1.33.2-1.1\n  Candidate: 1.33.7-1.1\n  Version table:\n     1.33.7-1.1 500\n        500 ${V133}  Packages`);
    expect(policy.stdout).toContain(` *** 1.33.2-1.1 500\n        500 ${V133}  Packages\n        100 /var/lib/dpkg/status\n`);
  });

  it('sees a new repository only after apt-get update', async () => {
    const t = bootOps();
    t.cp.fs.writeFile(LIST, t.cp.fs.readFile(LIST).replace('v1.33', 'v1.34'));
    expect((await t.sh('apt-cache madison kubeadm')).stdout).toBe('');
    const update = await t.sh('apt-get update');
    expect(update.stdout).toBe(
      `Get:1 ${CDN(34)}  InRelease [1,227 B]\n` +
        `Get:2 ${CDN(34)}  Packages [13.6 kB]\n` +
        'Hit:3 http://archive.ubuntu.com/ubuntu noble InRelease\n' +
        'Hit:4 http://archive.ubuntu.com/ubuntu noble-updates InRelease\n' +
        'Hit:5 http://archive.ubuntu.com/ubuntu noble-backports InRelease\n' +
        'Hit:6 http://security.ubuntu.com/ubuntu noble-security InRelease\n' +
        'Fetched 14.8 kB in 1s (14.8 kB/s)\n' +
        'Reading package lists... Done\n',
    );
    expect((await t.sh('apt-cache madison kubeadm')).stdout.split('\n')[0]).toBe('   kubeadm | 1.34.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.34/deb  Packages');
    expect((await t.sh('apt-get update')).stdout.split('\n')[0]).toBe(`Hit:1 ${CDN(34)}  InRelease`);
    const apt = await t.sh('apt update');
    expect(apt.stdout.endsWith("Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n5 packages can be upgraded. Run 'apt list --upgradable' to see them.\n")).toBe(true);
  });

  it('reports a repository that does not exist', async () => {
    const t = bootOps();
    t.cp.fs.writeFile(LIST, t.cp.fs.readFile(LIST).replace('v1.33', 'v1.99'));
    const r = await t.sh('apt-get update');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`Err:1 ${CDN(99)}  InRelease`, '  403  Forbidden [IP: 3.160.150.63 443]']);
    expect(r.stderr.split('\n')[0]).toBe('E: Failed to fetch https://pkgs.k8s.io/core:/stable:/v1.99/deb/InRelease  403  Forbidden [IP: 3.160.150.63 443]');
    expect(r.status).toBe(100);
  });

  it('rejects a malformed source line', async () => {
    const t = bootOps();
    t.cp.fs.writeFile(LIST, `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] ${V133}/\n`);
    const r = await t.sh('apt-cache madison kubeadm');
    expect(r.stderr).toBe(`E: Malformed entry 1 in list file ${LIST} (dist)\nE: The list of sources could not be read.\n`);
    expect(r.status).toBe(100);
  });
});

describe('holds', () => {
  it('refuse changes with -y until released or overridden', async () => {
    const t = bootOps();
    const refused = await t.sh('apt-get install -y kubeadm=1.33.7-1.1');
    expect(refused.stdout).toBe(
      'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n' +
        'The following held packages will be changed:\n  kubeadm\nThe following packages will be upgraded:\n  kubeadm\n' +
        '1 upgraded, 0 newly installed, 0 to remove and 2 not upgraded.\n',
    );
    expect(refused.stderr).toBe('E: Held packages were changed and -y was used without --allow-change-held-packages.\n');
    expect(refused.status).toBe(100);
    expect((await t.sh('kubeadm version -o short')).stdout).toBe('v1.33.2\n');

    expect((await t.sh('apt-mark unhold kubeadm')).stdout).toBe('Canceled hold on kubeadm.\n');
    expect((await t.sh('apt-mark unhold kubeadm')).stdout).toBe('kubeadm was already not on hold.\n');
    const installed = await t.sh('apt-get install -y kubeadm=1.33.7-1.1');
    expect(installed.stdout).toBe(
      'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n' +
        'The following packages will be upgraded:\n  kubeadm\n1 upgraded, 0 newly installed, 0 to remove and 2 not upgraded.\n' +
        'Need to get 12.4 MB of archives.\nAfter this operation, 41.0 kB of additional disk space will be used.\n' +
        `Get:1 ${CDN(33)}  kubeadm 1.33.7-1.1 [12.4 MB]\nFetched 12.4 MB in 0s (24.8 MB/s)\n` +
        '(Reading database ... 71523 files and directories currently installed.)\n' +
        'Preparing to unpack .../kubeadm_1.33.7-1.1_amd64.deb ...\nUnpacking kubeadm (1.33.7-1.1) over (1.33.2-1.1) ...\nSetting up kubeadm (1.33.7-1.1) ...\n',
    );
    expect((await t.sh('apt-mark hold kubeadm')).stdout).toBe('kubeadm set on hold.\n');
    expect((await t.sh('kubeadm version -o short')).stdout).toBe('v1.33.7\n');
  });

  it('keep held packages back on apt-get upgrade and ask before upgrading the rest', async () => {
    const t = bootOps();
    t.cp.fs.writeFile(LIST, t.cp.fs.readFile(LIST).replace('v1.33', 'v1.34'));
    await t.sh('apt-get update');
    const r = await t.sh('apt-get upgrade');
    expect(r.stdout).toBe(
      'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nCalculating upgrade... Done\n' +
        'The following packages have been kept back:\n  kubeadm kubectl kubelet\n' +
        'The following packages will be upgraded:\n  cri-tools kubernetes-cni\n' +
        '2 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n' +
        'Need to get 53.1 MB of archives.\nAfter this operation, 0 B of additional disk space will be used.\n' +
        'Do you want to continue? [Y/n] Abort.\n',
    );
    expect(r.status).toBe(1);
  });

  it('selects versions by glob and refuses downgrades with -y', async () => {
    const t = bootOps();
    const r = await t.sh("apt-get install -y --allow-change-held-packages kubectl='1.33.0-*'");
    expect(r.stdout).toContain("Selected version '1.33.0-1.1' (isv:kubernetes:core:stable:v1.33:pkgs.k8s.io [amd64]) for 'kubectl'\n");
    expect(r.stdout).toContain('The following packages will be DOWNGRADED:\n  kubectl\n0 upgraded, 0 newly installed, 1 downgraded, 0 to remove and 2 not upgraded.\n');
    expect(r.stderr).toBe('E: Packages were downgraded and -y was used without --allow-downgrades.\n');
    const missing = await t.sh('apt-get install -y kubeadm=1.34.3-1.1');
    expect(missing.stderr).toBe("E: Version '1.34.3-1.1' for 'kubeadm' was not found\n");
  });

  it('need root', async () => {
    const t = bootOps();
    const r = await t.sh('su candidate -c "apt-get install -y kubeadm"');
    expect(r.stderr).toContain('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  });
});
