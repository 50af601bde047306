/**
 * Pod-creation back-off after failures (job/backoff_utils.go): 10 s after the first failure
 * since the last success, doubling per further failure, capped at 10 minutes (the
 * controller's MaxJobPodFailureBackOff; the documentation rounds it to "six minutes"). Kept in
 * controller memory, as the real one is, so a controller-manager restart forgets it.
 */
import { parseTime } from '../../util/clock.js';
import { podCondition } from '../util/pods.js';
import type { Pod } from '../util/types.js';

export const DEFAULT_BACKOFF_SECONDS = 10;
export const MAX_BACKOFF_SECONDS = 600;

export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** getFinishedTime: containers' finish, else Ready=False transition, else deletion, else creation. */
export function finishedTime(p: Pod): number {
  const statuses = p.status?.containerStatuses ?? [];
  let finish: number | undefined;
  let allTerminated = statuses.length > 0;
  for (const s of statuses) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (t === undefined) {
      allTerminated = false;
      break;
    }
    finish = Math.max(finish ?? 0, t);
  }
  if (allTerminated && finish !== undefined) return finish;
  const ready = podCondition(p, 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return parseTime(ready.lastTransitionTime)!;
  if (p.metadata.deletionTimestamp) return parseTime(p.metadata.deletionTimestamp)! - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(p.metadata.creationTimestamp ?? undefined) ?? 0;
}

export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the stored record advanced by this sync's newly finished pods. */
  next(key: string, newSucceeded: Pod[], newFailed: Pod[]): BackoffRecord {
    const old = this.records.get(key);
    const rec: BackoffRecord = { key, failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0, lastFailureTime: old?.lastFailureTime };
    const succ = [...newSucceeded].sort((a, b) => finishedTime(a) - finishedTime(b));
    const fail = [...newFailed].sort((a, b) => finishedTime(a) - finishedTime(b));
    if (succ.length === 0) {
      if (fail.length === 0) return rec;
      rec.failuresAfterLastSuccess += fail.length;
      rec.lastFailureTime = finishedTime(fail.at(-1)!);
      return rec;
    }
    rec.failuresAfterLastSuccess = 0;
    rec.lastFailureTime = undefined;
    const lastSuccess = finishedTime(succ.at(-1)!);
    for (let i = fail.length - 1; i >= 0; i--) {
      const t = finishedTime(fail[i]!);
      if (t <= lastSuccess) break;
      rec.lastFailureTime ??= t;
      rec.failuresAfterLastSuccess++;
    }
    return rec;
  }

  update(rec: BackoffRecord): void {
    this.records.set(rec.key, rec);
  }

  remove(key: string): void {
    this.records.delete(key);
  }

  clear(): void {
    this.records.clear();
  }
}

/** Seconds until another pod may be created (getRemainingTimeForFailuresCount). */
export function remainingBackoff(rec: BackoffRecord, now: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_BACKOFF_SECONDS;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_BACKOFF_SECONDS) {
      backoff = MAX_BACKOFF_SECONDS;
      break;
    }
  }
  const elapsed = (now - rec.lastFailureTime) / 1000;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
