/**
 * kubectl autoscale (deployment|rs|sts|rc) NAME --max=N [--min=N] [--cpu-percent=N] [--name]:
 * an autoscaling/v2 HorizontalPodAutoscaler targeting the workload's scale subresource.
 */
import type { KObject } from '../../api/types.js';
import { apiVersionOf } from '../../api/registry.js';
import { flagBool, flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goOrdered } from '../create/order.js';
import { printObjects, resolveGenericPrinter, withLastApplied } from '../create/generator.js';
import { selectResources, warnSink, filenamesOf } from './shared.js';

function hpaFor(name: string, target: { apiVersion: string; kind: string; name: string }, max: number, min: number, cpu: number): KObject {
  return goOrdered({
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    metadata: { name, creationTimestamp: null },
    spec: {
      scaleTargetRef: { kind: target.kind, name: target.name, apiVersion: target.apiVersion },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpu >= 0 ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] } : {}),
    },
    status: { desiredReplicas: 0, currentMetrics: null },
  });
}

function runAutoscale(inv: Invocation): number {
  const { flags } = inv;
  const dry = dryRun(flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const max = flagNumber(flags, 'max');
  const min = flagNumber(flags, 'min');
  if (max < 1) throw usageError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw usageError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const sel = selectResources(inv, { resources: inv.args, filenames: files, verb: 'autoscale' });
  if (sel.errors.length) throw new KubectlError(sel.errors[0]!);
  const namespace = inv.kctx.namespace();
  let count = 0;
  for (const t of sel.targets) {
    if (!t.info.subresources.includes('scale')) {
      throw new KubectlError(`error: cannot autoscale a ${t.info.kind}: could not find scale subresource for ${t.info.group}/${t.info.version}, Resource=${t.info.resource} in discovery information`);
    }
    let hpa = hpaFor(flagString(flags, 'name') || t.name, { apiVersion: apiVersionOf(t.info), kind: t.info.kind, name: t.name }, max, min, flagNumber(flags, 'cpu-percent'));
    count++;
    if (dry === 'client') {
      printObjects(inv, printer, [hpa], 'created', dry, true);
      continue;
    }
    if (flagBool(flags, 'save-config')) hpa = withLastApplied(hpa);
    try {
      const body = { ...hpa, metadata: { ...hpa.metadata, namespace } };
      const created = inv.kctx.client().create('horizontalpodautoscalers.autoscaling', body, { dryRun: dry === 'server', fieldManager: flagString(flags, 'field-manager') });
      printObjects(inv, printer, [goOrdered(created)], 'autoscaled', dry, true);
    } catch (e) {
      throw new KubectlError(describeError(e));
    }
  }
  if (count === 0) throw usageError('no objects passed to autoscale');
  return 0;
}

export const autoscaleCommand: KubectlCommand = {
  path: ['autoscale'],
  help: {
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
    examples: `# Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
kubectl autoscale deployment foo --min=2 --max=10

# Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
kubectl autoscale rc foo --max=5 --cpu-percent=80`,
    use: '(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'cpu-percent', type: 'int32', default: -1, usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-autoscale'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to autoscale.'),
    { name: 'max', type: 'int32', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
    { name: 'min', type: 'int32', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: 'name', type: 'string', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  ],
  run: runAutoscale,
};
