/**
 * The programs a node has besides the shell's own: what the lead installs on each node machine
 * (`for (const [name, t] of Object.entries(nodeTools(node))) node.programs.install(name, t.path, t.program)`).
 */
import type { Program } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import { systemctl } from './systemctl.js';
import { journalctl } from './journalctl.js';
import { crictl } from './crictl.js';
import { curl, dig, nslookup, ping, wget } from './net.js';
import { hostname, ip, kubeletBinary, netstat, ps, ss } from './host.js';

export interface NodeTool {
  /** Where the binary lives (which, command -v). */
  path: string;
  program: Program;
}

export function nodeTools(node: NodeHost): Record<string, NodeTool> {
  return {
    systemctl: { path: '/usr/bin/systemctl', program: systemctl(node) },
    journalctl: { path: '/usr/bin/journalctl', program: journalctl(node) },
    crictl: { path: '/usr/bin/crictl', program: crictl(node) },
    ps: { path: '/usr/bin/ps', program: ps(node) },
    ip: { path: '/usr/sbin/ip', program: ip(node) },
    ss: { path: '/usr/bin/ss', program: ss(node) },
    netstat: { path: '/usr/bin/netstat', program: netstat(node) },
    curl: { path: '/usr/bin/curl', program: curl(node) },
    wget: { path: '/usr/bin/wget', program: wget(node) },
    nslookup: { path: '/usr/bin/nslookup', program: nslookup(node) },
    dig: { path: '/usr/bin/dig', program: dig(node) },
    ping: { path: '/usr/bin/ping', program: ping(node) },
    hostname: { path: '/usr/bin/hostname', program: hostname(node) },
    kubelet: { path: '/usr/bin/kubelet', program: kubeletBinary(node) },
  };
}
