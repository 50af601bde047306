/**
 * What `kubectl explain TYPE.FIELD...` names: the resource (its first segment, resolved as the
 * RESTMapper's ResourcesFor does: plural, singular, short name or kind, core group first) and
 * the field path after it, with kubectl's SplitAndParseResourceRequestWithMatchingPrefix rule
 * that a `resource.group` prefix selects that group ("events.events.k8s.io" is still core's
 * events, followed by the fields "events", "k8s", "io", as in kubectl).
 */
import type { ResourceInfo, ResourceRegistry } from '../../api/registry.js';
import { KubectlError } from '../errors.js';

export interface ExplainTarget {
  info: ResourceInfo;
  fieldPath: string[];
}

const BAD_PATH = 'error: invalid jsonpath syntax, first node must be field node';

/** Every resource a typed name may mean, highest priority first. */
export function resourcesFor(registry: ResourceRegistry, typed: string): ResourceInfo[] {
  const name = typed.toLowerCase();
  const hits = registry.list().filter((r) => r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name));
  return [...hits].sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1));
}

function segments(path: string): string[] {
  const parts = path.replace(/\.$/, '').split('.');
  for (const p of parts) if (p === '' || /[[\]*'"()?@$]/.test(p)) throw new KubectlError(BAD_PATH);
  return parts;
}

/** TYPE[.FIELD...], honouring a group prefix (explain without --api-version). */
export function splitWithMatchingPrefix(registry: ResourceRegistry, input: string): ExplainTarget {
  const parts = segments(input);
  const candidates = resourcesFor(registry, parts[0]!);
  if (candidates.length === 0) throw noResourceType(parts[0]!);
  for (const info of candidates) {
    const groupResource = info.group ? `${info.resource}.${info.group}` : info.resource;
    if (input.startsWith(groupResource)) {
      const suffix = input.slice(groupResource.length);
      return { info, fieldPath: suffix ? segments(suffix.replace(/^\./, '')) : [] };
    }
  }
  return { info: candidates[0]!, fieldPath: parts.slice(1) };
}

/** TYPE[.FIELD...] without the prefix rule (explain --api-version). */
export function splitResourceRequest(registry: ResourceRegistry, input: string): ExplainTarget {
  const parts = segments(input);
  const candidates = resourcesFor(registry, parts[0]!);
  if (candidates.length === 0) throw noResourceType(parts[0]!);
  return { info: candidates[0]!, fieldPath: parts.slice(1) };
}

/** A NoResourceMatchError reaching CheckErr: printed as the bare sentence, without "error: ". */
function noResourceType(typed: string): KubectlError {
  return new KubectlError(`the server doesn't have a resource type "${typed}"`);
}
