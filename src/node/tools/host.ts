/**
 * Host views of a node: ps (the services systemd runs, the containerd shims, pause and every
 * container's main process with its real command line), ip addr/route (eth0, and the CNI's
 * tunl0/cali*, flannel.1/cni0/veth* interfaces and pod routes), ss and netstat (listening
 * sockets from the network's listeners, hostNetwork pods and kube-proxy's NodePorts),
 * hostname, and `kubelet --version`.
 */
import type { Program } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import { loadCni } from '../cni.js';
import { kubeProxyRunning } from '../proxy.js';
import { formatDate } from '../apps/commands/info.js';

interface Proc {
  user: string;
  pid: number;
  ppid: number;
  cpu: string;
  mem: string;
  vsz: number;
  rss: number;
  stat: string;
  start: number;
  time: string;
  cmd: string;
}

/** Every process on the node, in PID order. */
export function processes(node: NodeHost): Proc[] {
  const now = node.clock.now();
  const boot = now - 3_600_000;
  const out: Proc[] = [{ user: 'root', pid: 1, ppid: 0, cpu: '0.0', mem: '0.3', vsz: 22148, rss: 13184, stat: 'Ss', start: boot, time: '0:02', cmd: '/sbin/init' }];
  const fixed: [string, number, string, number, number][] = [
    ['root', 312, '/usr/lib/systemd/systemd-journald', 50304, 17792],
    ['root', 371, '/usr/lib/systemd/systemd-udevd', 25272, 7040],
    ['systemd-resolve', 498, '/usr/lib/systemd/systemd-resolved', 21448, 12800],
    ['root', 532, '/usr/sbin/cron -f -P', 7204, 2816],
    ['root', 601, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 12020, 8064],
  ];
  for (const [user, pid, cmd, vsz, rss] of fixed) out.push({ user, pid, ppid: 1, cpu: '0.0', mem: '0.1', vsz, rss, stat: 'Ss', start: boot, time: '0:00', cmd });
  for (const s of node.systemd.list()) {
    if (s.active !== 'active' || !s.pid || !s.argv || !['kubelet', 'containerd'].includes(s.name)) continue;
    const kubelet = s.name === 'kubelet';
    out.push({ user: 'root', pid: s.pid, ppid: 1, cpu: kubelet ? '1.6' : '0.7', mem: kubelet ? '2.1' : '1.3', vsz: kubelet ? 2253440 : 1875264, rss: kubelet ? 86336 : 52800, stat: 'Ssl', start: s.startedAt ?? boot, time: kubelet ? '0:41' : '0:18', cmd: s.argv.join(' ') });
  }
  for (const sb of node.runtime.sandboxes.values()) {
    if (sb.state !== 'ready') continue;
    const shim = 2000 + (parseInt(sb.id.slice(0, 4), 16) % 7000);
    out.push({ user: 'root', pid: shim, ppid: 1, cpu: '0.0', mem: '0.3', vsz: 1238332, rss: 13696, stat: 'Sl', start: sb.createdAt, time: '0:00', cmd: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sb.id} -address /run/containerd/containerd.sock` });
    out.push({ user: '65535', pid: shim + 21, ppid: shim, cpu: '0.0', mem: '0.0', vsz: 1020, rss: 640, stat: 'Ss', start: sb.createdAt, time: '0:00', cmd: '/pause' });
  }
  for (const c of node.runtime.containers.values()) {
    node.runtime.advance(c, now);
    if (c.state !== 'running' || !c.pid) continue;
    const uid = node.runtime.images.get(c.imageRef)?.info.uid ?? 0;
    out.push({ user: uid === 0 ? 'root' : String(uid), pid: c.pid, ppid: 0, cpu: '0.1', mem: '0.4', vsz: 4552 + c.argv.join(' ').length * 16, rss: 2816, stat: 'Ss', start: c.startedAt ?? c.createdAt, time: '0:00', cmd: c.argv.join(' ') });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

export function ps(node: NodeHost): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1).join(' ');
    const now = node.clock.now();
    const procs = processes(node);
    const self = 90000 + (now % 9000);
    const startCol = (t: number) => (now - t < 86_400_000 ? formatDate(t, '%H:%M') : formatDate(t, '%b%d'));
    if (/\baux\b|-aux|\baxu\b/.test(args)) {
      procs.push({ user: ctx.account.name, pid: self, ppid: 1, cpu: '0.0', mem: '0.1', vsz: 11320, rss: 4608, stat: 'R+', start: now, time: '0:00', cmd: ctx.argv.join(' ') });
      ctx.stdout.write('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
      for (const p of procs) {
        const user = p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user;
        ctx.stdout.write(`${user.padEnd(8)} ${String(p.pid).padStart(7)} ${p.cpu.padStart(4)} ${p.mem.padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${(p.stat.includes('+') ? 'pts/0' : '?').padEnd(8)} ${p.stat.padEnd(4)} ${startCol(p.start).padEnd(5)} ${p.time.padStart(6)} ${p.cmd}\n`);
      }
      return 0;
    }
    if (/-e|-A/.test(args)) {
      procs.push({ user: ctx.account.name, pid: self, ppid: 1, cpu: '0.0', mem: '0.1', vsz: 11320, rss: 4608, stat: 'R+', start: now, time: '0:00', cmd: ctx.argv.join(' ') });
      const full = /f/.test(args);
      ctx.stdout.write(full ? 'UID          PID    PPID  C STIME TTY          TIME CMD\n' : '    PID TTY          TIME CMD\n');
      for (const p of procs) {
        const tty = p.stat.includes('+') ? 'pts/0' : '?';
        const time = `00:${p.time.padStart(5, '0')}`;
        if (full) ctx.stdout.write(`${(p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${startCol(p.start)} ${tty.padEnd(8)} ${time} ${p.cmd}\n`);
        else ctx.stdout.write(`${String(p.pid).padStart(7)} ${tty.padEnd(8)} ${time} ${p.cmd.split(' ')[0]!.split('/').pop()!.replace(/:$/, '')}\n`);
      }
      return 0;
    }
    ctx.stdout.write(`    PID TTY          TIME CMD\n${String(self - 6).padStart(7)} pts/0    00:00:00 bash\n${String(self).padStart(7)} pts/0    00:00:00 ps\n`);
    return 0;
  };
}

// ---- ip ------------------------------------------------------------------------------------

interface Iface {
  name: string;
  flags: string;
  mtu: number;
  state: string;
  link: string;
  inet?: string;
  scope?: string;
  brd?: string;
  extra?: string;
}

function mac(seed: string): string {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const bytes = [0x02, 0x42, (h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function nodePodCidr(node: NodeHost): string {
  return node.kubelet.podCidr();
}

export function interfaces(node: NodeHost): Iface[] {
  const out: Iface[] = [
    { name: 'lo', flags: 'LOOPBACK,UP,LOWER_UP', mtu: 65536, state: 'UNKNOWN', link: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', inet: '127.0.0.1/8', scope: 'host lo' },
    { name: 'eth0', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1500, state: 'UP', link: `link/ether ${mac(node.ip)} brd ff:ff:ff:ff:ff:ff`, inet: `${node.ip}/24`, brd: node.ip.replace(/\.\d+$/, '.255'), scope: 'global eth0' },
  ];
  const cni = loadCni(node.fs);
  const type = cni.ready ? cni.config.types[0] : undefined;
  const cidr = nodePodCidr(node);
  const net = cidr.replace(/\/\d+$/, '');
  if (type === 'calico' && cidr) out.push({ name: 'tunl0@NONE', flags: 'NOARP,UP,LOWER_UP', mtu: 1480, state: 'UNKNOWN', link: 'link/ipip 0.0.0.0 brd 0.0.0.0', inet: `${net}/32`, scope: 'global tunl0' });
  if (type === 'flannel' && cidr) {
    out.push({ name: 'flannel.1', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1450, state: 'UNKNOWN', link: `link/ether ${mac(`${node.ip}f`)} brd ff:ff:ff:ff:ff:ff`, inet: `${net}/32`, scope: 'global flannel.1' });
    out.push({ name: 'cni0', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1450, state: 'UP', link: `link/ether ${mac(`${node.ip}c`)} brd ff:ff:ff:ff:ff:ff`, inet: cidr.replace(/\.0\//, '.1/'), brd: net.replace(/\.\d+$/, '.255'), scope: 'global cni0' });
  }
  for (const sb of node.runtime.sandboxes.values()) {
    if (sb.state !== 'ready' || sb.hostNetwork) continue;
    const suffix = sb.id.slice(0, 11);
    const name = type === 'calico' ? `cali${suffix}@if2` : `veth${suffix.slice(0, 8)}@if2`;
    out.push({ name, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: type === 'calico' ? 1480 : 1450, state: 'UP', link: `link/ether ${type === 'calico' ? 'ee:ee:ee:ee:ee:ee' : mac(sb.id)} brd ff:ff:ff:ff:ff:ff link-netns cni-${sb.id.slice(0, 8)}-${sb.id.slice(8, 12)}-${sb.id.slice(12, 16)}-${sb.id.slice(16, 20)}-${sb.id.slice(20, 32)}` });
  }
  return out;
}

export function ip(node: NodeHost): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !/^-[46]$/.test(a));
    const brief = args.includes('-br') || args.includes('-brief');
    const words = args.filter((a) => !a.startsWith('-'));
    const obj = words[0] ?? '';
    if (/^(a|ad|add|addr|addre|addres|address)$/.test(obj) || /^(l|li|lin|link)$/.test(obj)) {
      const dev = words[1] === 'show' ? words[2] : words[1] === 'dev' ? words[2] : undefined;
      let list = interfaces(node);
      if (dev) {
        list = list.filter((i) => i.name.split('@')[0] === dev);
        if (list.length === 0) {
          ctx.stderr.write(`Device "${dev}" does not exist.\n`);
          return 1;
        }
      }
      const linkOnly = /^l/.test(obj);
      list.forEach((i, n) => {
        if (brief) {
          ctx.stdout.write(`${i.name.padEnd(16)} ${i.state.padEnd(14)} ${linkOnly ? i.link.split(' ')[1] : (i.inet ?? '')} \n`);
          return;
        }
        ctx.stdout.write(`${n + 1}: ${i.name}: <${i.flags}> mtu ${i.mtu} qdisc ${i.name === 'eth0' ? 'fq_codel' : 'noqueue'} state ${i.state} group default qlen 1000\n    ${i.link}\n`);
        if (linkOnly) return;
        if (i.inet) ctx.stdout.write(`    inet ${i.inet}${i.brd ? ` brd ${i.brd}` : ''} scope ${i.scope}\n       valid_lft forever preferred_lft forever\n`);
        if (i.name === 'lo') ctx.stdout.write('    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever\n');
      });
      return 0;
    }
    if (/^(r|ro|rou|rout|route)$/.test(obj)) {
      for (const line of routes(node)) ctx.stdout.write(`${line}\n`);
      return 0;
    }
    ctx.stderr.write(`Object "${obj}" is unknown, try "ip help".\n`);
    return 255;
  };
}

export function routes(node: NodeHost): string[] {
  const gw = node.ip.replace(/\.\d+$/, '.1');
  const lines = [`default via ${gw} dev eth0 proto dhcp src ${node.ip} metric 100`];
  const cni = loadCni(node.fs);
  const type = cni.ready ? cni.config.types[0] : undefined;
  const own = nodePodCidr(node);
  const others: { cidr: string; ip: string }[] = [];
  const client = node.kubelet.connection();
  if (client.ok) {
    for (const n of client.client.api.store.list('nodes')) {
      const cidr = (n['spec'] as { podCIDR?: string }).podCIDR;
      const addr = ((n['status'] as { addresses?: { type: string; address: string }[] }).addresses ?? []).find((a) => a.type === 'InternalIP')?.address;
      if (cidr && addr && addr !== node.ip) others.push({ cidr, ip: addr });
    }
  }
  for (const o of others.sort((a, b) => a.cidr.localeCompare(b.cidr))) {
    if (type === 'calico') lines.push(`${o.cidr} via ${o.ip} dev tunl0 proto bird onlink`);
    else if (type === 'flannel') lines.push(`${o.cidr} via ${o.cidr.replace(/\/\d+$/, '')} dev flannel.1 onlink `);
  }
  if (type === 'calico' && own) lines.push(`blackhole ${own} proto bird `);
  if (type === 'flannel' && own) lines.push(`${own} dev cni0 proto kernel scope link src ${own.replace(/\.0\/\d+$/, '.1')} `);
  if (type === 'calico') for (const sb of node.runtime.sandboxes.values()) if (sb.state === 'ready' && !sb.hostNetwork && sb.ip) lines.push(`${sb.ip} dev cali${sb.id.slice(0, 11)} scope link `);
  lines.push(`${node.ip.replace(/\.\d+$/, '.0')}/24 dev eth0 proto kernel scope link src ${node.ip} metric 100 `);
  lines.push(`${gw} dev eth0 proto dhcp scope link src ${node.ip} metric 100 `);
  return lines;
}

// ---- ss and netstat ------------------------------------------------------------------------

interface Sock {
  local: string;
  port: number;
  process: string;
  pid: number;
  fd: number;
  v6?: boolean;
}

/** Listening TCP sockets on the node. */
export function listening(node: NodeHost): Sock[] {
  const out: Sock[] = [
    { local: '0.0.0.0', port: 22, process: 'sshd', pid: 601, fd: 3 },
    { local: '[::]', port: 22, process: 'sshd', pid: 601, fd: 4, v6: true },
    { local: '127.0.0.53%lo', port: 53, process: 'systemd-resolve', pid: 498, fd: 15 },
    { local: '127.0.0.54', port: 53, process: 'systemd-resolve', pid: 498, fd: 17 },
  ];
  const containerd = node.systemd.service('containerd');
  if (containerd?.active === 'active') out.push({ local: '127.0.0.1', port: 40000 + ((containerd.pid ?? 0) % 20000), process: 'containerd', pid: containerd.pid ?? 0, fd: 12 });
  const network = node.kubelet.network();
  const seen = new Map<string, Sock>();
  if (network) {
    const entries = network.listenersOn([node.ip, `127.0.0.1@${node.ip}`]);
    const byPort = new Map<number, { local: Set<string>; process: string; pid: number }>();
    for (const e of entries) {
      const addr = e.address.startsWith('127.0.0.1@') ? '127.0.0.1' : e.address;
      const cur = byPort.get(e.port) ?? { local: new Set<string>(), process: e.listener.process, pid: e.listener.pid };
      cur.local.add(addr);
      byPort.set(e.port, cur);
    }
    for (const [port, v] of byPort) {
      const pid = v.pid || pidOf(node, v.process);
      if (v.process === 'etcd' || v.local.size === 1) for (const a of v.local) seen.set(`${a}:${port}`, { local: a, port, process: v.process, pid, fd: 7 + (port % 13) });
      else seen.set(`*:${port}`, { local: '*', port, process: v.process, pid, fd: 7 + (port % 13) });
    }
  }
  for (const w of node.kubelet.podWorkers()) {
    if (!w.hostNetwork || w.finished) continue;
    for (const name of w.containerNames()) {
      const rec = w.containerRecord(name);
      if (rec?.state !== 'running' || !rec.process) continue;
      for (const port of rec.process.servers.keys()) if (!seen.has(`*:${port}`)) seen.set(`*:${port}`, { local: '*', port, process: (rec.argv[0] ?? name).split('/').pop()!, pid: rec.pid ?? 0, fd: 6 });
    }
  }
  const client = node.kubelet.connection();
  if (client.ok && kubeProxyRunning(node.runtime, node.clock.now())) {
    const kp = [...node.runtime.containers.values()].find((c) => c.state === 'running' && /\/kube-proxy:/.test(c.imageRef));
    for (const s of client.client.api.store.list('services')) {
      const spec = (s['spec'] ?? {}) as { type?: string; ports?: { nodePort?: number }[] };
      if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') continue;
      for (const p of spec.ports ?? []) if (p.nodePort) seen.set(`*:${p.nodePort}`, { local: '*', port: p.nodePort, process: 'kube-proxy', pid: kp?.pid ?? 0, fd: 9 });
    }
  }
  out.push(...seen.values());
  return out.sort((a, b) => a.port - b.port || a.local.localeCompare(b.local));
}

function pidOf(node: NodeHost, process: string): number {
  if (process === 'kubelet') return node.systemd.service('kubelet')?.pid ?? 0;
  for (const c of node.runtime.containers.values()) if (c.state === 'running' && (c.name === process || c.argv[0]?.split('/').pop() === process)) return c.pid ?? 0;
  return 0;
}

export function ss(node: NodeHost): Program {
  return (ctx) => {
    const opts = ctx.argv.slice(1).join('');
    const showProc = opts.includes('p');
    const numeric = opts.includes('n');
    const socks = listening(node);
    const service = (port: number) => (numeric ? String(port) : ({ 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https' } as Record<number, string>)[port] ?? String(port));
    const local = socks.map((s) => ({ addr: s.local, port: service(s.port) }));
    const aw = Math.max(...local.map((l) => l.addr.length), 13);
    const pw = Math.max(...local.map((l) => l.port.length), 4);
    ctx.stdout.write(`State  Recv-Q Send-Q ${'Local Address'.padStart(aw)}:${'Port'.padEnd(pw)} Peer Address:Port${showProc ? 'Process' : ''}\n`);
    socks.forEach((s, i) => {
      const peer = s.v6 ? '[::]:*' : s.local === '*' ? '*:*' : '0.0.0.0:*';
      const proc = showProc && ctx.cred.uid === 0 ? `users:(("${s.process}",pid=${s.pid},fd=${s.fd}))` : '';
      ctx.stdout.write(`LISTEN ${'0'.padEnd(6)} ${String(s.port === 22 ? 128 : 4096).padEnd(6)} ${local[i]!.addr.padStart(aw)}:${local[i]!.port.padEnd(pw)} ${peer.padStart(12)}    ${proc}\n`);
    });
    return 0;
  };
}

export function netstat(node: NodeHost): Program {
  return (ctx) => {
    const opts = ctx.argv.slice(1).join('');
    const socks = listening(node);
    ctx.stdout.write('Active Internet connections (only servers)\n');
    ctx.stdout.write(`Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${opts.includes('p') ? ' PID/Program name    ' : ''}\n`);
    for (const s of socks) {
      const v6 = s.v6 || s.local === '*';
      const addr = `${s.local === '*' ? (v6 ? ':::' : '0.0.0.0:') : s.v6 ? ':::' : `${s.local.replace('%lo', '')}:`}${s.port}`.replace('::::', ':::');
      const foreign = v6 ? ':::*' : '0.0.0.0:*';
      const prog = opts.includes('p') ? ` ${ctx.cred.uid === 0 ? `${s.pid}/${s.process}`.slice(0, 20) : '-'}`.padEnd(21) : '';
      ctx.stdout.write(`${(v6 ? 'tcp6' : 'tcp').padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${addr.padEnd(23)} ${foreign.padEnd(23)} LISTEN     ${prog}\n`);
    }
    return 0;
  };
}

// ---- small ones --------------------------------------------------------------------------------

export function hostname(node: NodeHost): Program {
  return (ctx) => {
    const a = ctx.argv[1];
    if (a === '-I' || a === '--all-ip-addresses') ctx.stdout.write(`${node.ip} \n`);
    else if (a === '-i') ctx.stdout.write(`${node.ip}\n`);
    else ctx.stdout.write(`${(node.fs.readFileIfExists('/etc/hostname') ?? node.hostname).trim()}\n`);
    return 0;
  };
}

export function kubeletBinary(node: NodeHost): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.includes('--version') || args.includes('--version=true')) {
      ctx.stdout.write(`Kubernetes ${node.kubelet.version()}\n`);
      return 0;
    }
    ctx.stderr.write('E0101 00:00:00.000000  999999 run.go:72] "command failed" err="failed to run Kubelet: the kubelet is already running under systemd"\n');
    return 1;
  };
}
