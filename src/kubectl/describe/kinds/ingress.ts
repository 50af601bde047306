/** `kubectl describe ingress` and `ingressclass` (describe.go describeIngressV1). */

import type { Service } from 'kubernetes-types/core/v1.js';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { KObject } from '../../../api/types.js';
import { loadBalancerAddresses } from '../../printers/table/columns/network.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents } from '../common.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from '../writer.js';
import { formatEndpointSlices, serviceSlices } from './service.js';

function describeBackend(ctx: DescribeContext, ns: string | undefined, backend: IngressBackend): string {
  if (backend.service) {
    const svcRef = backend.service;
    const port = svcRef.port?.number ? String(svcRef.port.number) : svcRef.port?.name ?? '';
    const sb = `${svcRef.name}:${port}`;
    const service = ctx.lookup.get('services', ns, svcRef.name) as unknown as Service | undefined;
    if (!service) return `${sb} (<error: services "${svcRef.name}" not found>)`;
    let spName = '';
    for (const sp of service.spec?.ports ?? []) {
      if (svcRef.port?.number && svcRef.port.number === sp.port) spName = sp.name ?? '';
      else if (svcRef.port?.name && svcRef.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(serviceSlices(ctx, ns, svcRef.name), new Set([spName]))})`;
  }
  if (backend.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}

export function describeIngress(obj: KObject, ctx: DescribeContext): string {
  const ing = obj as unknown as Ingress;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const ns = obj.metadata.namespace;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns ?? ''}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerAddresses(ing.status?.loadBalancer?.ingress)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${ing.spec?.ingressClassName ?? '<none>'}\n`);
    const def = ing.spec?.defaultBackend;
    const defaultBackend = def ? describeBackend(ctx, ns, def) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    const tls = ing.spec?.tls ?? [];
    if (tls.length > 0) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const path of rule.http.paths) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(ctx, ns, path.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    describeEvents(events, w, ctx.now);
  });
}

export function describeIngressClass(obj: KObject, ctx: DescribeContext): string {
  const ic = obj as unknown as IngressClass;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind}\n`);
      w.write(LEVEL_1, `Name:\t${p.name}\n`);
    }
    describeEvents(events, w, ctx.now);
  });
}
