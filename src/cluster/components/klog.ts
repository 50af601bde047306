/** klog's line header, as control-plane components print it: `E0101 09:00:00.000000       1 run.go:72] ...`. */
import type { ContainerLaunch } from '../../node/process.js';

export function klog(level: 'I' | 'W' | 'E' | 'F', launch: Pick<ContainerLaunch, 'now'>, location: string, message: string): string {
  const d = new Date(launch.now);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
  return `${level}${stamp}       1 ${location}] ${message}`;
}
