/** kubectl create quota NAME [--hard=resource=quantity,...] [--scopes=Scope,...]. */
import type { KObject } from '../../api/types.js';
import { canonicalQuantity, QUANTITY_REGEX_MESSAGE, validQuantity } from '../../api/validation/quantity.js';
import { flagString } from '../flags/index.js';
import { KubectlError } from '../errors.js';
import { defineGenerator } from './generator.js';
import { sortedMap } from './sources.js';

/** populateResourceListV1: "cpu=1,memory=1Gi" as canonical quantities. */
export function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    if (!validQuantity(parts[1])) throw new KubectlError(`error: ${QUANTITY_REGEX_MESSAGE}`);
    out[parts[0]!] = canonicalQuantity(parts[1]!);
  }
  return sortedMap(out);
}

function scopes(spec: string): string[] | undefined {
  if (!spec) return undefined;
  return spec.split(',').map((s) => {
    if (s === '') throw new KubectlError('error: invalid resource quota scope ""');
    return s;
  });
}

export const createQuotaCommand = defineGenerator({
  path: ['create', 'quota'],
  resource: 'resourcequotas',
  failure: 'quota',
  help: {
    short: 'Create a quota with the specified name',
    long: `Create a resource quota with the specified name, hard limits, and optional scopes.`,
    aliases: ['resourcequota'],
    examples: `# Create a new resource quota named my-quota
kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

# Create a new resource quota named best-effort
kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort`,
    use: 'NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'hard', type: 'string', usage: 'A comma-delimited set of resource=quantity pairs that define a hard limit.' },
    { name: 'scopes', type: 'string', usage: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.' },
  ],
  build({ inv, name, enforcedNamespace }): KObject {
    const hard = resourceList(flagString(inv.flags, 'hard'));
    const sc = scopes(flagString(inv.flags, 'scopes'));
    return {
      kind: 'ResourceQuota',
      apiVersion: 'v1',
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      spec: { ...(hard ? { hard } : {}), ...(sc ? { scopes: sc } : {}) },
      status: {},
    };
  },
});
