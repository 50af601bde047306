/** kubectl create clusterrolebinding NAME --clusterrole=NAME [--user] [--group] [--serviceaccount=ns:name]. */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import { defineGenerator } from './generator.js';
import { subjects } from './rolebinding.js';

export const createClusterRoleBindingCommand = defineGenerator({
  path: ['create', 'clusterrolebinding'],
  resource: 'clusterrolebindings.rbac.authorization.k8s.io',
  failure: 'clusterrolebinding',
  required: ['clusterrole'],
  help: {
    short: 'Create a cluster role binding for a particular cluster role',
    long: `Create a cluster role binding for a particular cluster role.`,
    examples: `# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
    use: 'NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'clusterrole', type: 'string', usage: 'ClusterRole this ClusterRoleBinding should reference' },
    { name: 'group', type: 'stringArray', usage: 'Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.' },
    { name: 'serviceaccount', type: 'stringArray', usage: 'Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.' },
    { name: 'user', type: 'stringArray', usage: 'Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.' },
  ],
  build({ inv, name }): KObject {
    const subs = subjects(inv);
    return {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name, creationTimestamp: null },
      ...(subs ? { subjects: subs } : {}),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: flagString(inv.flags, 'clusterrole') },
    };
  },
});
