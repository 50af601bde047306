/** controller.GetPodFromTemplate: the pod a workload controller creates from its template. */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KObject, OwnerReference } from '../../api/types.js';
import { clone } from '../../api/types.js';
import { splitApiVersion } from '../../api/types.js';

/** metav1.NewControllerRef: controller and blockOwnerDeletion set. */
export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function ownerApiVersion(owner: KObject): string {
  const { group, version } = splitApiVersion(owner.apiVersion);
  return group ? `${group}/${version}` : version;
}

export interface PodFromTemplateOptions {
  /** metadata.generateName; "<owner>-" when absent. */
  generateName?: string;
  name?: string;
}

export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KObject, ref: OwnerReference | undefined, opts: PodFromTemplateOptions = {}): KObject {
  const t = clone(template ?? {});
  const metadata: KObject['metadata'] = {};
  if (opts.name) metadata.name = opts.name;
  else metadata.generateName = opts.generateName ?? `${owner.metadata.name}-`;
  metadata.namespace = owner.metadata.namespace;
  if (t.metadata?.labels) metadata.labels = { ...t.metadata.labels };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
  if (ref) metadata.ownerReferences = [ref];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec ?? {} };
}
