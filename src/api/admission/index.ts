/** Admission plugins by name, as --enable-admission-plugins names them. */
import type { AdmissionPlugin } from '../admission.js';
import { certificateSubjectRestriction } from './certificates.js';
import { certificateApproval, certificateSigning } from '../authz/certificate-admission.js';
import { defaultIngressClass, defaultStorageClass, defaultTolerationSeconds, storageObjectInUseProtection, taintNodesByCondition } from './defaults.js';
import { limitRanger } from './limitranger.js';
import { namespaceLifecycle } from './namespacelifecycle.js';
import { nodeRestriction } from './noderestriction.js';
import { podSecurity } from './podsecurity.js';
import { priorityAdmission } from './priority.js';
import { resourceQuotaAdmission } from './resourcequota.js';
import { serviceAccountAdmission } from './serviceaccount.js';
import { persistentVolumeClaimResize } from './storage.js';

/**
 * In the order the apiserver runs them (its recommended plugin order): mutating phases run in
 * this order, then validating ones, with ResourceQuota last.
 */
const ORDERED: AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccountAdmission,
  nodeRestriction,
  taintNodesByCondition,
  podSecurity,
  priorityAdmission,
  defaultTolerationSeconds,
  persistentVolumeClaimResize,
  defaultStorageClass,
  storageObjectInUseProtection,
  certificateApproval,
  certificateSigning,
  certificateSubjectRestriction,
  defaultIngressClass,
  resourceQuotaAdmission,
];

export const ADMISSION_PLUGINS: Record<string, AdmissionPlugin> = Object.fromEntries(ORDERED.map((p) => [p.name, p]));
