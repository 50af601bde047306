/**
 * Admission: plugins that mutate, then validate, a write before it reaches the store, enabled
 * by the kube-apiserver manifest's --enable-admission-plugins (plus the defaults kubeadm's
 * apiserver runs with). One module per plugin under src/api/admission/.
 */
import type { UserInfo } from './auth.js';
import type { ResourceInfo } from './registry.js';
import type { StrategyContext } from './strategy.js';
import type { KObject, Stored } from './types.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionRequest {
  operation: Operation;
  resource: ResourceInfo;
  subresource?: string;
  namespace: string;
  name: string;
  /** A private, mutable copy for CREATE and UPDATE. */
  object?: KObject;
  old?: Stored;
  user: UserInfo;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Changes request.object in place. Throws ApiError to reject. */
  mutate?(request: AdmissionRequest, ctx: StrategyContext): void;
  /** Throws ApiError to reject. */
  validate?(request: AdmissionRequest, ctx: StrategyContext): void;
}

/** Plugins a v1.33 apiserver enables by default (plus those the manifest adds). */
export const DEFAULT_ADMISSION_PLUGINS = [
  'NamespaceLifecycle',
  'LimitRanger',
  'ServiceAccount',
  'TaintNodesByCondition',
  'PodSecurity',
  'Priority',
  'DefaultTolerationSeconds',
  'DefaultStorageClass',
  'StorageObjectInUseProtection',
  'PersistentVolumeClaimResize',
  'RuntimeClass',
  'CertificateApproval',
  'CertificateSigning',
  'ClusterTrustBundleAttest',
  'CertificateSubjectRestriction',
  'DefaultIngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionWebhook',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionWebhook',
  'ResourceQuota',
];
