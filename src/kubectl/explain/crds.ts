/** The schemas CustomResourceDefinitions publish, read as the apiserver reads them (from its store). */
import type { ApiServer } from '../../api/server.js';
import type { CrdSchema, Schema } from './openapi.js';

interface CrdVersion {
  name: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: Schema };
}

export function crdSchemas(api: ApiServer): CrdSchema[] {
  const out: CrdSchema[] = [];
  for (const crd of api.store.list('customresourcedefinitions.apiextensions.k8s.io')) {
    const spec = crd['spec'] as { group?: string; names?: { plural?: string }; versions?: CrdVersion[] } | undefined;
    if (!spec?.group || !spec.names?.plural) continue;
    for (const v of spec.versions ?? []) {
      const info = api.registry.list().find((r) => r.group === spec.group && r.resource === spec.names!.plural && r.version === v.name);
      if (info) out.push({ info, schema: v.schema?.openAPIV3Schema });
    }
  }
  return out;
}
