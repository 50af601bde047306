/**
 * The security controllers of kube-controller-manager, in its registration order: the tokens
 * controller, CSR approving and signing, and ClusterRole aggregation. The lead's controller list
 * adds `securityReconcilers(deps)`; src/cluster/assemble.ts fills the deps from a cluster.
 */
import type { Reconciler } from '../cluster/runloop.js';
import { ClusterRoleAggregationController } from './clusterrole-aggregation.js';
import { CsrApprovingController } from './csr-approver.js';
import { CsrSigningController } from './csr-signer.js';
import type { SecurityControllerDeps } from './security-context.js';
import { ServiceAccountTokenController } from './serviceaccount-token.js';

export type { SecurityControllerDeps } from './security-context.js';

export function securityReconcilers(deps: SecurityControllerDeps): Reconciler[] {
  return [new ServiceAccountTokenController(deps), new CsrApprovingController(deps), new CsrSigningController(deps), new ClusterRoleAggregationController(deps)];
}
