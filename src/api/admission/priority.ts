/**
 * Priority: resolves a pod's priorityClassName (or the global default class) into
 * spec.priority and spec.preemptionPolicy, and keeps a single global default PriorityClass.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import type { StrategyContext } from '../strategy.js';
import { child, type Obj } from '../kinds/util.js';
import { admissionForbidden, isMainWrite, obj } from './util.js';

const KEY = 'priorityclasses.scheduling.k8s.io';
/** The apiserver creates these at start; they exist even if no one listed them. */
const SYSTEM: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function classes(ctx: StrategyContext): Obj[] {
  return ctx.list(KEY) as unknown as Obj[];
}

/** The global default class, the lowest value first when several claim it. */
function globalDefault(ctx: StrategyContext): Obj | undefined {
  return classes(ctx)
    .filter((pc) => pc['globalDefault'] === true)
    .sort((a, b) => Number(a['value'] ?? 0) - Number(b['value'] ?? 0))[0];
}

function admitPod(req: AdmissionRequest, ctx: StrategyContext): void {
  const spec = child(obj(req), 'spec');
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  const name = spec['priorityClassName'];
  if (!name) {
    const def = globalDefault(ctx);
    if (def) {
      spec['priorityClassName'] = def['metadata']['name'];
      priority = Number(def['value'] ?? 0);
      policy = def['preemptionPolicy'] ?? policy;
    }
  } else {
    const pc = ctx.get(KEY, '', String(name)) as unknown as Obj | undefined;
    if (pc) {
      priority = Number(pc['value'] ?? 0);
      policy = pc['preemptionPolicy'] ?? policy;
    } else if (SYSTEM[name] !== undefined) {
      priority = SYSTEM[name]!;
    } else {
      throw admissionForbidden(req, `no PriorityClass with name ${String(name)} was found`);
    }
  }
  if (spec['priority'] !== undefined && spec['priority'] !== null && spec['priority'] !== priority) {
    throw admissionForbidden(req, `the integer value of priority (${spec['priority']}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec['priority'] = priority;
  if (spec['preemptionPolicy'] !== undefined && spec['preemptionPolicy'] !== null && spec['preemptionPolicy'] !== policy) {
    throw admissionForbidden(req, `the string value of PreemptionPolicy (${spec['preemptionPolicy']}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  spec['preemptionPolicy'] = policy;
}

export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  mutate(req, ctx) {
    if (isMainWrite(req, 'pods')) admitPod(req, ctx);
  },
  validate(req, ctx) {
    if (!isMainWrite(req, KEY, ['CREATE', 'UPDATE'])) return;
    const pc = obj(req);
    if (pc['globalDefault'] !== true) return;
    const def = globalDefault(ctx);
    if (def && (req.operation === 'CREATE' || def['metadata']['name'] !== pc['metadata']['name'])) {
      throw admissionForbidden(req, `PriorityClass ${String(def['metadata']['name'])} is already marked as default. Only one default can exist`);
    }
  },
};
