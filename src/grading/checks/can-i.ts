/** `canI` checks: what RBAC allows a user, so both missing and excess privilege are graded. */
import type { CheckKind } from './types.js';
import { resolveResource } from './objects.js';
import type { CanICheck } from '../../scenario/types.js';

export const canICheck: CheckKind<CanICheck['canI']> = {
  kind: 'canI',
  evaluate(b, ctx) {
    const cluster = ctx.cluster(b.cluster);
    const info = resolveResource(cluster, { kind: b.resource });
    const allowed = cluster.api.can({
      user: { username: b.user, groups: [...(b.groups ?? []), 'system:authenticated'] },
      verb: b.verb,
      resourceRequest: true,
      group: info.group,
      resource: info.resource,
      subresource: b.subresource,
      namespace: info.namespaced ? (b.namespace ?? 'default') : undefined,
      name: b.name,
    });
    const what = `${b.user} ${b.verb} ${b.subresource ? `${info.resource}/${b.subresource}` : info.resource}${info.namespaced ? ` in ${b.namespace ?? 'default'}` : ''}`;
    return {
      passed: allowed === b.allowed,
      expected: `${what}: ${b.allowed ? 'allowed' : 'denied'}`,
      found: allowed ? 'allowed' : 'denied',
    };
  },
};
