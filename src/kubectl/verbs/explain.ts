/**
 * kubectl explain: a resource's schema from the apiserver's OpenAPI documents. The default
 * "plaintext" format is kubectl 1.33's template over OpenAPI v3; "plaintext-openapiv2" is the
 * old explain. The schema of built-in kinds comes from the kubernetes-types declarations, that
 * of custom resources from their CRDs.
 */
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { crdSchemas } from '../explain/crds.js';
import { documentFor } from '../explain/openapi.js';
import { OpenApiV2Renderer } from '../explain/openapiv2.js';
import { ExplainError, gvrString, PlaintextRenderer, type Gvr } from '../explain/plaintext.js';
import { splitResourceRequest, splitWithMatchingPrefix } from '../explain/resolve.js';

const SUGGEST = 'Use "kubectl api-resources" for a complete list of supported resources.';

export const explainCommand: KubectlCommand = {
  path: ['explain'],
  help: {
    short: 'Get documentation for a resource',
    long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

${SUGGEST}`,
    examples: `# Get the documentation of the resource and its fields
kubectl explain pods

# Get all the fields in the resource
kubectl explain pods --recursive

# Get the explanation for deployment in supported api versions
kubectl explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
kubectl explain pods.spec.containers

# Get the documentation of resources in different format
kubectl explain deployment --output=plaintext-openapiv2`,
    use: 'TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
  },
  flags: [
    { name: 'api-version', type: 'string', usage: 'Get different explanations for particular API version (API group/version)' },
    { name: 'output', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema (plaintext, plaintext-openapiv2)' },
    { name: 'recursive', type: 'bool', usage: 'Print the fields of fields (Currently only 1 level deep)' },
  ],
  run: runExplain,
};

/** schema.ParseGroupVersion: "apps/v1", "v1"; more than one slash is an error. */
function parseGroupVersion(s: string): { group: string; version: string } {
  const parts = s.split('/');
  if (parts.length === 1) return { group: '', version: s };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new KubectlError(`error: unexpected GroupVersion string: ${s}`);
}

function runExplain(inv: Invocation): number {
  const { flags, kctx } = inv;
  if (inv.args.length === 0) throw new KubectlError(`error: You must specify the type of resource to explain. ${SUGGEST}\n`);
  if (inv.args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE\n');
  const cluster = kctx.cluster();
  kctx.client();
  const api = cluster.api;
  const apiVersion = flagString(flags, 'api-version');
  const target = apiVersion ? splitResourceRequest(api.registry, inv.args[0]!) : splitWithMatchingPrefix(api.registry, inv.args[0]!);
  const recursive = flagBool(flags, 'recursive');
  const output = flagString(flags, 'output');
  const crds = crdSchemas(api);
  const write = (s: string) => inv.out.write(s);
  try {
    if (output === 'plaintext-openapiv2') {
      const doc = documentFor('all', api.registry.list(), crds)!;
      const gv = apiVersion ? parseGroupVersion(apiVersion) : target.info;
      new OpenApiV2Renderer(doc).render({ group: gv.group, version: gv.version, kind: target.info.kind }, target.fieldPath, recursive, write);
      return 0;
    }
    const gvr: Gvr = { group: target.info.group, version: target.info.version, resource: target.info.resource };
    if (apiVersion) Object.assign(gvr, parseGroupVersion(apiVersion));
    const doc = documentFor(gvr, api.registry.list(), crds);
    if (!doc) throw new KubectlError(`error: couldn't find resource for "${gvrString(gvr)}"`);
    if (output !== 'plaintext') throw new KubectlError(`error: unrecognized format: ${output}`);
    new PlaintextRenderer(doc).render(gvr, target.fieldPath, recursive, write);
    return 0;
  } catch (e) {
    if (e instanceof ExplainError) throw new KubectlError(e.message);
    throw e;
  }
}
