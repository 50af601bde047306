/**
 * The three file kinds an instructor writes, as TypeScript sees them after schema validation:
 * Scenario (candidate-facing: clusters, setup, breakages, tasks), Grader (the answer key) and
 * Exam (tasks from scenarios, a duration, a pass mark). The JSON Schemas in ./schemas are the
 * authority; these types mirror them.
 */
import type { KObject } from '../api/types.js';

export const API_VERSION = 'kubedrill.dev/v1';

export interface Meta {
  name: string;
  title?: string;
  description?: string;
  tags?: string[];
}

export interface NodeDecl {
  name: string;
  role?: 'control-plane' | 'worker';
  cpu?: number;
  memory?: string;
  maxPods?: number;
  labels?: Record<string, string>;
}

export interface FileDecl {
  host: string;
  path: string;
  content?: string;
  mode?: string;
  owner?: string;
  directory?: boolean;
}

export interface ClusterDecl {
  name: string;
  context?: string;
  version?: string;
  cni?: 'calico' | 'flannel' | 'weave' | 'cilium';
  podCidr?: string;
  serviceCidr?: string;
  nodes?: NodeDecl[];
  objects?: KObject[];
  files?: FileDecl[];
  breakages?: Breakage[];
}

export interface TaskDecl {
  id: string;
  context: string;
  weight: number;
  domain: string;
  title: string;
  text: string;
}

export interface ScenarioSpec {
  duration?: string;
  startTime?: string;
  seed?: number;
  workstation?: { hostname?: string; files?: FileDecl[] };
  clusters: ClusterDecl[];
  tasks: TaskDecl[];
}

export interface Scenario {
  apiVersion: typeof API_VERSION;
  kind: 'Scenario';
  metadata: Meta;
  spec: ScenarioSpec;
}

// ---- breakages --------------------------------------------------------------------------------

/** A path into a YAML/JSON document: `spec.containers[0].image`, `command[0]`. */
export type FieldPath = string;

export interface FileBreakage {
  file: {
    host: string;
    path: string;
    content?: string;
    append?: string;
    replace?: { from: string; to: string; all?: boolean }[];
    set?: Record<FieldPath, unknown>;
    remove?: FieldPath[];
    delete?: boolean;
    mode?: string;
  };
}

export interface StaticPodBreakage {
  staticPod: {
    node: string;
    component: string;
    /** Paths relative to the first container (`command[0]`, `image`), or `pod.` for the pod. */
    set?: Record<FieldPath, unknown>;
    /** Flags of the container command: a value sets or adds `--name=value`, null removes it. */
    flags?: Record<string, string | null>;
  };
}

export interface ServiceBreakage {
  service: { node: string; unit: string; stop?: boolean; disable?: boolean };
}

export interface ObjectBreakage {
  object: {
    cluster?: string;
    apiVersion?: string;
    kind: string;
    namespace?: string;
    name: string;
    set?: Record<FieldPath, unknown>;
    remove?: FieldPath[];
    delete?: boolean;
  };
}

export interface NodeBreakage {
  node: {
    cluster?: string;
    name: string;
    taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
    cordon?: boolean;
    labels?: Record<string, string | null>;
  };
}

export interface CniBreakage {
  cni: {
    /** A node name, or omitted for every node of the cluster. */
    node?: string;
    cluster?: string;
    /** Rewrite the IPAM range of the CNI config to this CIDR. */
    range?: string;
    removeConfig?: boolean;
    removeBinary?: string;
  };
}

export interface KubeconfigBreakage {
  kubeconfig: { host: string; path: string; server?: string; context?: string; user?: string; namespace?: string };
}

export interface CertificateBreakage {
  certificate: {
    host: string;
    path: string;
    /** Re-issue it so that it expired at this instant (or one day before the scenario starts when true). */
    expired?: boolean | string;
    /** Re-issue it signed by a CA that is not the cluster's. */
    wrongCa?: boolean;
    cn?: string;
    sans?: string[];
  };
}

export interface RbacBreakage {
  rbac: {
    cluster?: string;
    /** "Role/ns/name" style target: kind, namespace (for Role/RoleBinding) and name. */
    kind: 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding';
    namespace?: string;
    name: string;
    /** Drop rules that grant any of these verbs on any of these resources. */
    removeRule?: { resources?: string[]; verbs?: string[] };
    /** Drop subjects by name (bindings). */
    removeSubject?: string;
    delete?: boolean;
  };
}

export type Breakage =
  | FileBreakage
  | StaticPodBreakage
  | ServiceBreakage
  | ObjectBreakage
  | NodeBreakage
  | CniBreakage
  | KubeconfigBreakage
  | CertificateBreakage
  | RbacBreakage;

// ---- grader ---------------------------------------------------------------------------------

export interface Expectation {
  path?: string;
  equals?: unknown;
  notEquals?: unknown;
  matches?: string;
  exists?: boolean;
  contains?: unknown;
  in?: unknown[];
  count?: { min?: number; max?: number; equals?: number };
  all?: Expectation;
  any?: Expectation;
  gte?: number;
  lte?: number;
}

export interface ObjectRef {
  cluster?: string;
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name?: string;
  selector?: string;
  fieldSelector?: string;
}

export interface CheckBase {
  title: string;
  weight?: number;
  /** What to tell the candidate about this check when it fails (the "why"). */
  hint?: string;
}

export interface GetCheck extends CheckBase {
  get: ObjectRef & { name: string };
  expect: Expectation | Expectation[];
}

export interface ListCheck extends CheckBase {
  list: ObjectRef;
  expect: Expectation | Expectation[];
}

export interface CanICheck extends CheckBase {
  canI: {
    cluster?: string;
    user: string;
    groups?: string[];
    verb: string;
    resource: string;
    subresource?: string;
    namespace?: string;
    name?: string;
    allowed: boolean;
  };
}

export interface CertificateCheck extends CheckBase {
  certificate: {
    host?: string;
    path?: string;
    secret?: { cluster?: string; namespace: string; name: string; key: string };
    csr?: { cluster?: string; name: string };
    cluster?: string;
    expect: {
      signedByClusterCa?: boolean;
      validNow?: boolean;
      cn?: string;
      organizations?: string[];
      sans?: string[];
      usages?: string[];
      validForDaysAtLeast?: number;
    };
  };
}

export interface FileCheck extends CheckBase {
  file: {
    host: string;
    path: string;
    exists?: boolean;
    contains?: string;
    matches?: string;
    equals?: string;
    /** The file must equal what this command prints at grading time (whitespace-normalised). */
    equalsCommand?: { host?: string; run: string };
    /** The file must equal these values of live objects, one per line. */
    equalsQuery?: ObjectRef & { path: string; sort?: boolean };
  };
}

export interface CommandCheck extends CheckBase {
  command: {
    host?: string;
    user?: string;
    run: string;
    exitCode?: number;
    stdout?: { contains?: string; matches?: string; equals?: string };
  };
}

export interface ReadyCheck extends CheckBase {
  ready: ObjectRef & { ready?: boolean };
}

export type Check = GetCheck | ListCheck | CanICheck | CertificateCheck | FileCheck | CommandCheck | ReadyCheck;

export interface GraderTask {
  id: string;
  checks: Check[];
  solution: string;
  hints?: string[];
  explanation?: string;
}

export interface Grader {
  apiVersion: typeof API_VERSION;
  kind: 'Grader';
  metadata: Meta & { scenario?: string };
  spec: { tasks: GraderTask[] };
}

export interface Exam {
  apiVersion: typeof API_VERSION;
  kind: 'Exam';
  metadata: Meta;
  spec: {
    duration: string;
    passMark?: number;
    domains?: Record<string, number>;
    tasks: { scenario: string; task?: string }[];
  };
}
