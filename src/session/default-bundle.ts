/**
 * The default cluster for `kubedrill run` without a scenario: the exam-style kubeadm cluster
 * (`controlplane`, `node01`, `node02`, context kubernetes-admin@kubernetes) and no tasks.
 */
import type { Bundle } from '../scenario/bundle.js';
import { YamlSource } from '../scenario/source.js';
import type { Scenario } from '../scenario/types.js';

const TEXT = `apiVersion: kubedrill.dev/v1
kind: Scenario
metadata: {name: default, title: The default cluster}
spec:
  clusters:
  - name: kubernetes
    context: kubernetes-admin@kubernetes
  tasks: []
`;

export function defaultBundle(): Bundle {
  const source = YamlSource.parse('<default cluster>', TEXT);
  const doc = source.value() as Scenario;
  return { name: 'default', title: 'The default cluster', kind: 'scenario', durationSeconds: 0, passMark: 66, scenarios: [{ file: '<default cluster>', source, doc }], tasks: [] };
}
