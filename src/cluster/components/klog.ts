/** klog's line, as control-plane components print it (pid 1 inside their container), without the newline. */
import type { ContainerLaunch } from '../../node/process.js';
import { klogLine } from '../../util/klog.js';

export function klog(level: 'I' | 'W' | 'E' | 'F', launch: Pick<ContainerLaunch, 'now'>, location: string, message: string): string {
  return klogLine(level, launch.now, 1, location, message).replace(/\n$/, '');
}
