/**
 * kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...: resolves the pod (a service's port name or
 * number becomes the pod's target port), checks it runs, announces the forwards on 127.0.0.1
 * and [::1] as kubectl does, then holds the terminal like kubectl proxy.
 */
import type { Stored } from '../../api/types.js';
import { flagList } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { usageError } from '../errors.js';
import { podForTarget } from './pod-target.js';
import { holdTerminal } from './proxy.js';

export const portForwardCommand: KubectlCommand = {
  path: ['port-forward'],
  help: {
    short: 'Forward one or more local ports to a pod',
    long: `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.`,
    examples: `# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
kubectl port-forward pod/mypod 5000 6000

# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
kubectl port-forward deployment/mydeployment 5000 6000

# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
kubectl port-forward service/myservice 8443:https

# Listen on port 8888 locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod 8888:5000

# Listen on port 8888 on all addresses, forwarding to 5000 in the pod
kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000

# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000

# Listen on a random port locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod :5000`,
    use: 'TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  },
  flags: [
    { name: 'address', type: 'stringSlice', default: ['localhost'], usage: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run: runPortForward,
};

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** A service port (number or name) as the pod port it targets. */
function translateServicePort(svc: Stored, port: string): string {
  const ports = ((svc['spec'] as { ports?: ServicePort[] }).ports ?? []);
  const p = ports.find((x) => String(x.port) === port || x.name === port);
  if (!p) throw usageError(/^\d+$/.test(port) ? `Service ${svc.metadata.name} does not have a service port ${port}` : `Service '${svc.metadata.name}' does not have a named port '${port}'`);
  return String(p.targetPort ?? p.port);
}

async function runPortForward(inv: Invocation): Promise<number> {
  if (inv.args.length < 2) throw usageError("TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples");
  const target = inv.args[0]!;
  const client = inv.kctx.client();
  const pod = podForTarget(inv, target);
  const isService = /^(svc|service|services)\//.test(target);
  const svc = isService ? client.get('services', inv.kctx.namespace(), target.split('/')[1]!) : undefined;
  const forwards = inv.args.slice(1).map((spec, i) => {
    const [local, remote] = spec.includes(':') ? (spec.split(':') as [string, string]) : [spec, spec];
    let remotePort = svc ? translateServicePort(svc, remote) : remote;
    if (!/^\d+$/.test(remotePort)) {
      const containers = ((pod['spec'] as { containers?: { ports?: { name?: string; containerPort: number }[] }[] }).containers ?? []);
      const named = containers.flatMap((c) => c.ports ?? []).find((p) => p.name === remotePort);
      if (!named) throw usageError(`Pod '${pod.metadata.name}' does not have a named port '${remotePort}'`);
      remotePort = String(named.containerPort);
    }
    const localPort = local === '' ? String(30000 + Math.floor((inv.kctx.now() / 1000 + i * 7919) % 30000)) : svc && !spec.includes(':') ? remote : local;
    return { local: localPort, remote: remotePort };
  });
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase !== 'Running') throw usageError(`unable to forward port because pod is not running. Current status=${phase ?? 'Pending'}`);
  const addresses = flagList(inv.flags, 'address');
  for (const f of forwards) {
    for (const a of addresses) {
      if (a === 'localhost') inv.out.write(`Forwarding from 127.0.0.1:${f.local} -> ${f.remote}\nForwarding from [::1]:${f.local} -> ${f.remote}\n`);
      else inv.out.write(`Forwarding from ${a}:${f.local} -> ${f.remote}\n`);
    }
  }
  await holdTerminal(inv);
  return 0;
}
