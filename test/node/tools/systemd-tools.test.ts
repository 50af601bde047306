import { describe, expect, it } from 'vitest';
import { boot } from '../helpers.js';
import { run } from './run.js';

describe('systemctl', () => {
  it('shows the kubelet unit the way systemd 255 does', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    const pid = node.systemd.service('kubelet')!.pid!;
    const r = await run(world, node, ['systemctl', 'status', 'kubelet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '● kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
      '    Drop-In: /etc/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: active (running) since Thu 2026-01-01 09:00:00 UTC; 30s ago',
      '       Docs: https://kubernetes.io/docs/',
      `   Main PID: ${pid} (kubelet)`,
    ]);
    expect(lines[11]).toBe(`             └─${pid} /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --node-ip=192.168.100.3`);
    expect(lines[13]).toMatch(/^Jan 01 09:00:00 node01 kubelet\[\d+\]: I0101 09:00:00\.000000 +\d+ server\.go:530\] "Kubelet version" kubeletVersion="v1\.33\.2"$/);
  });

  it('shows a crash-looping kubelet as activating (auto-restart) with its exit status', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.unlink('/var/lib/kubelet/config.yaml');
    await run(world, node, ['systemctl', 'restart', 'kubelet']);
    world.loop.advance(4);
    const pid = node.systemd.service('kubelet')!.lastPid!;
    const r = await run(world, node, ['systemctl', 'status', 'kubelet']);
    expect(r.code).toBe(3);
    expect(r.stdout.split('\n').slice(0, 8)).toEqual([
      '● kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
      '    Drop-In: /etc/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: activating (auto-restart) (Result: exit-code) since Thu 2026-01-01 09:00:30 UTC; 4s ago',
      '       Docs: https://kubernetes.io/docs/',
      `    Process: ${pid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=1/FAILURE)`,
      `   Main PID: ${pid} (code=exited, status=1/FAILURE)`,
    ]);
    expect(r.stdout).toContain(`Jan 01 09:00:30 node01 systemd[1]: kubelet.service: Failed with result 'exit-code'.`);
  });

  it('answers is-active and is-enabled, and prints symlink messages', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node02')!;
    expect((await run(world, node, ['systemctl', 'is-active', 'kubelet'])).stdout).toBe('active\n');
    const dis = await run(world, node, ['systemctl', 'disable', 'kubelet']);
    expect(dis.stderr).toBe('Removed "/etc/systemd/system/multi-user.target.wants/kubelet.service".\n');
    expect((await run(world, node, ['systemctl', 'is-enabled', 'kubelet'])).stdout).toBe('disabled\n');
    const en = await run(world, node, ['systemctl', 'enable', 'kubelet']);
    expect(en.stderr).toBe('Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /usr/lib/systemd/system/kubelet.service.\n');
    await run(world, node, ['systemctl', 'stop', 'kubelet']);
    const st = await run(world, node, ['systemctl', 'is-active', 'kubelet']);
    expect([st.stdout, st.code]).toEqual(['inactive\n', 3]);
    const status = await run(world, node, ['systemctl', 'status', 'kubelet']);
    expect(status.stdout.split('\n')[0]).toBe('○ kubelet.service - kubelet: The Kubernetes Node Agent');
    expect(status.stdout.split('\n')[4]).toMatch(/^     Active: inactive \(dead\) since Thu 2026-01-01 09:00:30 UTC; \d+ms ago|^     Active: inactive \(dead\) since Thu 2026-01-01 09:00:30 UTC; now$/);
  });

  it('needs root to change units', async () => {
    const { world, cluster } = boot();
    const r = await run(world, cluster.nodes.get('node01')!, ['systemctl', 'restart', 'kubelet'], { uid: 1000 });
    expect([r.code, r.stderr]).toEqual([1, "Failed to restart kubelet.service: Interactive authentication required.\nSee system logs and 'systemctl status kubelet.service' for details.\n"]);
  });

  it('warns when a unit changed on disk without daemon-reload', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.appendFile('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '# edited\n');
    const r = await run(world, node, ['systemctl', 'restart', 'kubelet']);
    expect(r.stderr).toBe("Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n");
  });

  it('cats the unit with its drop-ins', async () => {
    const { world, cluster } = boot();
    const r = await run(world, cluster.nodes.get('node01')!, ['systemctl', 'cat', 'kubelet']);
    expect(r.stdout.startsWith('# /usr/lib/systemd/system/kubelet.service\n[Unit]\nDescription=kubelet: The Kubernetes Node Agent\n')).toBe(true);
    expect(r.stdout).toContain('\n# /etc/systemd/system/kubelet.service.d/10-kubeadm.conf\n# Note: This dropin only works with kubeadm and kubelet v1.11+\n');
  });
});

describe('journalctl', () => {
  it('prints unit lines in the short format and -- No entries -- when there are none', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    const r = await run(world, node, ['journalctl', '-u', 'containerd', '--no-pager', '-n', '1']);
    expect(r.stdout).toMatch(/^Jan 01 09:00:00 node01 containerd\[\d+\]: time="2026-01-01T09:00:00\.000456789Z" level=info msg="containerd successfully booted in 0\.041297s"\n$/);
    expect((await run(world, node, ['journalctl', '-u', 'nothing'])).stdout).toBe('-- No entries --\n');
    world.loop.advance(120);
    expect((await run(world, node, ['journalctl', '-u', 'containerd', '--since', '1 min ago'])).stdout).toBe('-- No entries --\n');
  });

  it('explains systemd messages with -x', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.unlink('/var/lib/kubelet/config.yaml');
    await run(world, node, ['systemctl', 'restart', 'kubelet']);
    const r = await run(world, node, ['journalctl', '-xeu', 'kubelet']);
    expect(r.stdout.endsWith("Jan 01 09:00:30 node01 systemd[1]: kubelet.service: Failed with result 'exit-code'.\n░░ Subject: Unit failed\n░░ Defined-By: systemd\n░░ Support: http://www.ubuntu.com/support\n░░ \n░░ The unit kubelet.service has entered the 'failed' state with result 'exit-code'.\n")).toBe(true);
  });
});
