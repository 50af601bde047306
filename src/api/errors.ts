/**
 * API errors as the apiserver returns them: a metav1.Status with code, reason and message.
 * kubectl turns these into `Error from server (Reason): message`; the wording here is the
 * apiserver's, byte for byte, because candidates learn to read these lines.
 */
import type { ResourceInfo } from './registry.js';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'Unauthorized'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'TooManyRequests'
  | 'Gone'
  /** metav1.StatusReasonUnknown: kubectl prints "Error from server: message". */
  | '';

export interface StatusCause {
  reason?: string; // FieldValueInvalid, FieldValueRequired, ...
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, details: this.details, code: this.code };
  }
}

/** "pods" or "deployments.apps": how the apiserver names a resource in messages. */
export function qualifiedResource(r: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** "Pod" or "Deployment.apps": how validation errors name a kind. */
export function qualifiedKind(r: Pick<ResourceInfo, 'group' | 'kind'>): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

export function notFound(r: Pick<ResourceInfo, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, { name, group: r.group, kind: r.resource });
}

export function alreadyExists(r: Pick<ResourceInfo, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, { name, group: r.group, kind: r.resource });
}

export function conflict(r: Pick<ResourceInfo, 'group' | 'resource'>, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`, { name, group: r.group, kind: r.resource });
}

export const STALE_OBJECT = 'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueDuplicate'
    | 'FieldValueNotSupported'
    | 'FieldValueNotFound'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTypeInvalid'
    | 'FieldValueTooMany'
    | 'FieldValueTooShort'
    | 'InternalError';
  field: string;
  /** The full cause text: "spec.replicas: Invalid value: -1: must be greater than or equal to 0". */
  message: string;
}

/** Builders for field errors, worded as apimachinery's field.Error.Error(). */
export const field = {
  invalid(path: string, value: unknown, detail: string): FieldError {
    return { type: 'FieldValueInvalid', field: path, message: `${path}: Invalid value: ${goValue(value)}: ${detail}` };
  },
  required(path: string, detail = ''): FieldError {
    return { type: 'FieldValueRequired', field: path, message: `${path}: Required value${detail ? `: ${detail}` : ''}` };
  },
  duplicate(path: string, value: unknown): FieldError {
    return { type: 'FieldValueDuplicate', field: path, message: `${path}: Duplicate value: ${goValue(value)}` };
  },
  notSupported(path: string, value: unknown, valid: string[]): FieldError {
    const list = valid.map((v) => JSON.stringify(v)).join(', ');
    return { type: 'FieldValueNotSupported', field: path, message: `${path}: Unsupported value: ${goValue(value)}: supported values: ${list}` };
  },
  forbidden(path: string, detail: string): FieldError {
    return { type: 'FieldValueForbidden', field: path, message: `${path}: Forbidden: ${detail}` };
  },
  tooLong(path: string, max: number): FieldError {
    return { type: 'FieldValueTooLong', field: path, message: `${path}: Too long: may not be more than ${max} bytes` };
  },
};

/** Go's %#v-ish rendering as field errors print values: strings quoted, numbers bare. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    if (entries.every(([, v]) => typeof v === 'string')) return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** `Deployment.apps "web" is invalid: [a, b]` with the causes kubectl prints one per line. */
export function invalid(r: Pick<ResourceInfo, 'group' | 'kind'>, name: string, all: FieldError[]): ApiError {
  // field.ErrorList.ToAggregate drops repeated messages; the causes keep every error.
  const errors = all.filter((e, i) => all.findIndex((o) => o.message === e.message) === i);
  const causes = all.map((e) => ({ reason: e.type, message: e.message.slice(e.field.length + 2), field: e.field }));
  const list = errors.length === 1 ? errors[0]!.message : `[${errors.map((e) => e.message).join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind(r)} "${name}" is invalid: ${list}`, { name, group: r.group, kind: r.kind, causes });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function forbidden(r: Pick<ResourceInfo, 'group' | 'resource'>, name: string, why: string): ApiError {
  const subject = name ? `${qualifiedResource(r)} "${name}"` : qualifiedResource(r);
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, { name: name || undefined, group: r.group, kind: r.resource });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}
