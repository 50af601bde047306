/**
 * PodSecurity: namespaces labelled pod-security.kubernetes.io/enforce=baseline|restricted
 * refuse pods that break the level, with the plugin's message: `violates PodSecurity
 * "restricted:latest": allowPrivilegeEscalation != false (container "c" must set ...), ...`.
 */
import type { AdmissionPlugin } from '../admission.js';
import type { Obj } from '../kinds/util.js';
import { evaluatePod, type Level } from './podsecurity-checks.js';
import { admissionForbidden, isResource, obj } from './util.js';

const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];

function significantUpdate(pod: Obj, old: Obj): boolean {
  const images = (o: Obj, k: string): string => JSON.stringify((o['spec']?.[k] ?? []).map((c: Obj) => c['image']));
  return images(pod, 'containers') !== images(old, 'containers') || images(pod, 'initContainers') !== images(old, 'initContainers') || JSON.stringify(pod['spec']?.['ephemeralContainers'] ?? []) !== JSON.stringify(old['spec']?.['ephemeralContainers'] ?? []);
}

export const podSecurity: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(req, ctx) {
    if (!isResource(req, 'pods') || !req.object) return;
    if (req.subresource && req.subresource !== 'ephemeralcontainers') return;
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
    if (req.operation === 'UPDATE' && req.old && !req.subresource && !significantUpdate(obj(req), req.old as unknown as Obj)) return;
    const ns = ctx.get('namespaces', '', req.namespace);
    const labels = ns?.metadata.labels ?? {};
    const level = labels['pod-security.kubernetes.io/enforce'] as Level | undefined;
    if (!level || level === 'privileged') return;
    if (!LEVELS.includes(level)) return;
    const version = labels['pod-security.kubernetes.io/enforce-version'] || 'latest';
    const reasons = evaluatePod(obj(req), level);
    if (reasons.length) throw admissionForbidden(req, `violates PodSecurity "${level}:${version}": ${reasons.join(', ')}`);
  },
};
