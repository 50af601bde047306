/**
 * How kubectl words failures (cmdutil.CheckErr and StandardErrorMessage): server errors as
 * `Error from server (Reason): message`, invalid objects as `The Kind "name" is invalid: ...`
 * with one cause inline or several as a bulleted list, and its own `error: ...` lines.
 */
import { ApiError } from '../api/errors.js';

/** A kubectl failure already worded for the terminal, with its exit status. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /**
     * A connection that failed on the wire (TLS, 401): what the discovery client logs on each
     * retry and the line verbs that need discovery end with (see cluster/connect.ts).
     */
    readonly discovery?: { err: string; error: string },
  ) {
    super(message);
  }
}

/** `error: ...` as kubectl prints its own validation failures. */
export function usageError(message: string, exitCode = 1): KubectlError {
  return new KubectlError(`error: ${message}`, exitCode);
}

/** Formats an apiserver error; `action` is kubectl's "error when creating \"x.yaml\"" prefix. */
export function formatApiError(e: ApiError, action?: string): string {
  if (e.reason === 'Invalid') {
    const kind = e.details?.kind ?? 'object';
    const head = `The ${kind} "${e.details?.name ?? ''}" is invalid`;
    const causes = (e.details?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (causes.length === 0) return `${head}: ${e.message}`;
    if (causes.length === 1) return `${head}: ${causes[0]}`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  const body = action ? `${action}: ${e.message}` : e.message;
  return e.reason ? `Error from server (${e.reason}): ${body}` : `Error from server: ${body}`;
}

/** Any thrown value as kubectl's message text. */
export function describeError(e: unknown, action?: string): string {
  if (e instanceof KubectlError) return e.message;
  if (e instanceof ApiError) return formatApiError(e, action);
  return `error: ${(e as Error).message ?? String(e)}`;
}
