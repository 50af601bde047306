/**
 * NamespaceLifecycle: no new objects in a missing or terminating namespace, and the immortal
 * namespaces (default, kube-system, kube-public) cannot be deleted.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import { ApiError, notFound } from '../errors.js';
import type { StrategyContext } from '../strategy.js';
import { admissionForbidden } from './util.js';

const ACCESS_REVIEWS = ['localsubjectaccessreviews', 'subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'];

function check(req: AdmissionRequest, ctx: StrategyContext): void {
  const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
  if (req.operation === 'DELETE' && isNamespace && ctx.config.immortalNamespaces.includes(req.name)) {
    throw admissionForbidden(req, 'this namespace may not be deleted');
  }
  if (isNamespace || !req.namespace || req.operation === 'DELETE') return;
  if (req.resource.group === 'authorization.k8s.io' && ACCESS_REVIEWS.includes(req.resource.resource)) return;
  const ns = ctx.get('namespaces', '', req.namespace);
  if (!ns) throw notFound({ group: '', resource: 'namespaces' }, req.namespace);
  if (req.operation === 'CREATE' && (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') {
    const e = admissionForbidden(req, `unable to create new content in namespace ${req.namespace} because it is being terminated`);
    throw new ApiError(e.code, e.reason, e.message, {
      ...e.details,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${req.namespace} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  mutate(req, ctx) {
    if (req.operation !== 'DELETE') check(req, ctx);
  },
  validate(req, ctx) {
    if (req.operation === 'DELETE') check(req, ctx);
  },
};
