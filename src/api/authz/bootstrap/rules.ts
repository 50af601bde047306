/** Builders for the bootstrap policy, shaped like rbacv1helpers.NewRule(...).Groups(...).Resources(...). */
import type { PolicyRule } from '../rbac/rules.js';

export const LEGACY = '';
export const APPS = 'apps';
export const AUTHN = 'authentication.k8s.io';
export const AUTHZ = 'authorization.k8s.io';
export const AUTOSCALING = 'autoscaling';
export const BATCH = 'batch';
export const CERTIFICATES = 'certificates.k8s.io';
export const COORDINATION = 'coordination.k8s.io';
export const DISCOVERY = 'discovery.k8s.io';
export const EVENTS = 'events.k8s.io';
export const EXTENSIONS = 'extensions';
export const NETWORKING = 'networking.k8s.io';
export const POLICY = 'policy';
export const RBAC = 'rbac.authorization.k8s.io';
export const STORAGE = 'storage.k8s.io';
export const ADMISSION_REGISTRATION = 'admissionregistration.k8s.io';

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
export const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** A resource rule; every list sorted, as RuleOrDie leaves them. */
export function rule(verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule {
  const r: PolicyRule = { verbs: [...verbs].sort(), apiGroups: [...groups].sort(), resources: [...resources].sort() };
  if (names) r.resourceNames = [...names].sort();
  return r;
}

export function urls(verbs: string[], paths: string[]): PolicyRule {
  return { verbs: [...verbs].sort(), nonResourceURLs: [...paths].sort() };
}

/** eventsRule(): what every controller needs to record events. */
export const eventsRule = (): PolicyRule => rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']);
