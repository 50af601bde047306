/** Typed views of the stored objects controllers read (kubernetes-types over KObject). */
import type { Pod as KPod, Node as KNode, Service as KService, PersistentVolumeClaim as KPvc, PersistentVolume as KPv, Namespace as KNamespace, Endpoints as KEndpoints, ResourceQuota as KQuota } from 'kubernetes-types/core/v1.js';
import type { Deployment as KDeployment, ReplicaSet as KReplicaSet, DaemonSet as KDaemonSet, StatefulSet as KStatefulSet, ControllerRevision as KRevision } from 'kubernetes-types/apps/v1.js';
import type { Job as KJob, CronJob as KCronJob } from 'kubernetes-types/batch/v1.js';
import type { EndpointSlice as KEndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { StorageClass as KStorageClass } from 'kubernetes-types/storage/v1.js';
import type { Lease as KLease } from 'kubernetes-types/coordination/v1.js';
import type { HorizontalPodAutoscaler as KHpa } from 'kubernetes-types/autoscaling/v2.js';
import type { KObject, Stored } from '../../api/types.js';

type S<T> = Stored<Omit<T, 'metadata' | 'status'> & KObject & { status?: NonNullable<T extends { status?: infer X } ? X : never> }>;

export type Pod = S<KPod>;
export type Node = S<KNode>;
export type Service = S<KService>;
export type Pvc = S<KPvc>;
export type Pv = S<KPv>;
export type Namespace = S<KNamespace>;
export type Endpoints = S<KEndpoints>;
export type ResourceQuota = S<KQuota>;
export type Deployment = S<KDeployment>;
export type ReplicaSet = S<KReplicaSet>;
export type DaemonSet = S<KDaemonSet>;
export type StatefulSet = S<KStatefulSet>;
export type ControllerRevision = S<KRevision>;
export type Job = S<KJob>;
export type CronJob = S<KCronJob>;
export type EndpointSlice = S<KEndpointSlice>;
export type StorageClass = S<KStorageClass>;
export type Lease = S<KLease>;
export type Hpa = S<KHpa>;

/** A mutable working copy of a stored object (kubernetes-types marks status readonly). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
