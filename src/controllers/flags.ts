/**
 * kube-controller-manager flags (as the static pod manifest spells them) to settings, so that a
 * broken or edited manifest changes what the controllers do: `--controllers=*,-ttl`,
 * `--allocate-node-cidrs=true --cluster-cidr=10.244.0.0/16`, `--node-monitor-grace-period=40s`.
 * Unknown flags are ignored here; whether the process starts at all is the process model's call.
 */
import type { ControllerManagerSettings } from './context.js';
import { parseControllersFlag } from './names.js';
import { parseGoDuration } from './cronjob/schedule.js';

function seconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const ms = parseGoDuration(v);
  return ms === undefined ? undefined : ms / 1000;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return v === '' || v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True';
}

/** Settings from `--name=value` arguments (the container command after the binary). */
export function optionsFromFlags(args: readonly string[]): Partial<ControllerManagerSettings> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq >= 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) flags.set(a.slice(2), args[++i]!);
    else flags.set(a.slice(2), '');
  }
  const out: Partial<ControllerManagerSettings> = {};
  const set = <K extends keyof ControllerManagerSettings>(k: K, v: ControllerManagerSettings[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  if (flags.has('controllers')) out.controllers = parseControllersFlag(flags.get('controllers'));
  set('allocateNodeCidrs', bool(flags.get('allocate-node-cidrs')));
  set('clusterCidr', flags.get('cluster-cidr'));
  const mask = flags.get('node-cidr-mask-size') ?? flags.get('node-cidr-mask-size-ipv4');
  set('nodeCidrMaskSize', mask === undefined ? undefined : Number(mask));
  set('serviceCidr', flags.get('service-cluster-ip-range'));
  set('nodeMonitorPeriodSeconds', seconds(flags.get('node-monitor-period')));
  set('nodeMonitorGracePeriodSeconds', seconds(flags.get('node-monitor-grace-period')));
  set('nodeStartupGracePeriodSeconds', seconds(flags.get('node-startup-grace-period')));
  const gc = flags.get('terminated-pod-gc-threshold');
  set('terminatedPodGcThreshold', gc === undefined ? undefined : Number(gc));
  set('hpaSyncPeriodSeconds', seconds(flags.get('horizontal-pod-autoscaler-sync-period')));
  set('hpaDownscaleStabilizationSeconds', seconds(flags.get('horizontal-pod-autoscaler-downscale-stabilization')));
  const tol = flags.get('horizontal-pod-autoscaler-tolerance');
  set('hpaTolerance', tol === undefined ? undefined : Number(tol));
  return out;
}
