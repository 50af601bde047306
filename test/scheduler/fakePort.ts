/** An in-memory SchedulerPort: what the API server would record, kept in arrays to assert on. */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { SchedulerPodCondition, SchedulerPort } from '../../src/scheduler/scheduler.js';
import type { VolumeBindingDecision } from '../../src/scheduler/framework.js';

export interface RecordedEvent {
  object: string;
  type: string;
  reason: string;
  message: string;
}

export class FakePort implements SchedulerPort {
  events: RecordedEvent[] = [];
  deleted: string[] = [];
  volumeBindings: VolumeBindingDecision[][] = [];
  time = Date.parse('2026-01-01T00:00:00Z');

  constructor(
    public nodes: Node[],
    public pods: Pod[],
  ) {}

  listNodes(): Node[] {
    return this.nodes;
  }

  listPods(): Pod[] {
    return this.pods;
  }

  bind(pod: Pod, nodeName: string): void {
    this.replace(pod, (p) => ({ ...p, spec: { ...p.spec!, nodeName } }));
  }

  recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ object: `${pod.metadata?.namespace}/${pod.metadata?.name}`, type, reason, message });
  }

  setPodCondition(pod: Pod, condition: SchedulerPodCondition): void {
    this.replace(pod, (p) => ({
      ...p,
      status: { ...p.status, conditions: [...(p.status?.conditions ?? []).filter((c) => c.type !== condition.type), condition as PodCondition] },
    }));
  }

  setNominatedNodeName(pod: Pod, nodeName: string): void {
    this.replace(pod, (p) => ({ ...p, status: { ...p.status, nominatedNodeName: nodeName } }));
  }

  deletePod(pod: Pod): void {
    this.deleted.push(pod.metadata!.name!);
    this.pods = this.pods.filter((p) => p.metadata?.uid !== pod.metadata?.uid);
  }

  bindVolumes(_pod: Pod, _nodeName: string, decisions: VolumeBindingDecision[]): void {
    this.volumeBindings.push(decisions);
  }

  now(): number {
    return this.time;
  }

  get(name: string): Pod {
    return this.pods.find((p) => p.metadata?.name === name)!;
  }

  private replace(pod: Pod, f: (p: Pod) => Pod): void {
    this.pods = this.pods.map((p) => (p.metadata?.uid === pod.metadata?.uid ? f(p) : p));
  }
}
