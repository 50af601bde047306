/** kubectl create priorityclass NAME --value=N [--global-default] [--description] [--preemption-policy]. */
import type { KObject } from '../../api/types.js';
import { flagBool, flagNumber, flagString } from '../flags/index.js';
import { defineGenerator } from './generator.js';

export const createPriorityClassCommand = defineGenerator({
  path: ['create', 'priorityclass'],
  resource: 'priorityclasses.scheduling.k8s.io',
  failure: 'priorityclass',
  help: {
    short: 'Create a priority class with the specified name',
    long: `Create a priority class with the specified name, value, globalDefault and description.`,
    aliases: ['pc'],
    examples: `# Create a priority class named high-priority
kubectl create priorityclass high-priority --value=1000 --description="high priority"

# Create a priority class named default-priority that is considered as the global default priority
kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"

# Create a priority class named high-priority that cannot preempt pods with lower priority
kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"`,
    use: 'NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'description', type: 'string', usage: 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.' },
    { name: 'global-default', type: 'bool', usage: 'global-default specifies whether this PriorityClass should be considered as the default priority.' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority', usage: 'preemption-policy is the policy for preempting pods with lower priority.' },
    { name: 'value', type: 'int32', usage: 'the value of this priority class.' },
  ],
  build({ inv, name }): KObject {
    const description = flagString(inv.flags, 'description');
    return {
      kind: 'PriorityClass',
      apiVersion: 'scheduling.k8s.io/v1',
      metadata: { name, creationTimestamp: null },
      value: flagNumber(inv.flags, 'value'),
      ...(flagBool(inv.flags, 'global-default') ? { globalDefault: true } : {}),
      ...(description ? { description } : {}),
      preemptionPolicy: flagString(inv.flags, 'preemption-policy'),
    };
  },
});
