/** kubectl create rolebinding NAME --role=|--clusterrole= [--user] [--group] [--serviceaccount=ns:name]. */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import type { Invocation } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { defineGenerator, listFlag } from './generator.js';

const RBAC = 'rbac.authorization.k8s.io';

/** Users, then groups, then service accounts, as the generators append them. */
export function subjects(inv: Invocation): Record<string, string>[] | undefined {
  const out: Record<string, string>[] = [];
  for (const name of listFlag(inv, 'user')) out.push({ kind: 'User', apiGroup: RBAC, name });
  for (const name of listFlag(inv, 'group')) out.push({ kind: 'Group', apiGroup: RBAC, name });
  for (const sa of listFlag(inv, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new KubectlError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out.length ? out : undefined;
}

export const createRoleBindingCommand = defineGenerator({
  path: ['create', 'rolebinding'],
  resource: 'rolebindings.rbac.authorization.k8s.io',
  failure: 'rolebinding',
  help: {
    short: 'Create a role binding for a particular role or cluster role',
    long: `Create a role binding for a particular role or cluster role.`,
    examples: `# Create a role binding for user1, user2, and group1 using the admin cluster role
kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

# Create a role binding for service account monitoring:sa-dev using the admin role
kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
    use: 'NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'clusterrole', type: 'string', usage: 'ClusterRole this RoleBinding should reference' },
    { name: 'group', type: 'stringArray', usage: 'Groups to bind to the role. The flag can be repeated to add multiple groups.' },
    { name: 'role', type: 'string', usage: 'Role this RoleBinding should reference' },
    { name: 'serviceaccount', type: 'stringArray', usage: 'Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.' },
    { name: 'user', type: 'stringArray', usage: 'Usernames to bind to the role. The flag can be repeated to add multiple users.' },
  ],
  validate({ inv }) {
    if (!flagString(inv.flags, 'clusterrole') === !flagString(inv.flags, 'role')) throw usageError('exactly one of clusterrole or role must be specified');
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const role = flagString(inv.flags, 'role');
    const roleRef = role ? { apiGroup: RBAC, kind: 'Role', name: role } : { apiGroup: RBAC, kind: 'ClusterRole', name: flagString(inv.flags, 'clusterrole') };
    const subs = subjects(inv);
    return {
      kind: 'RoleBinding',
      apiVersion: `${RBAC}/v1`,
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      ...(subs ? { subjects: subs } : {}),
      roleRef,
    };
  },
});
