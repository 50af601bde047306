/**
 * The YAML façade of the project: parsing (js-yaml) and emitting as Kubernetes tools do
 * (sigs.k8s.io/yaml over go-yaml v2, in yaml-emit.ts). kubeadm's manifests, kubeconfigs and
 * `kubectl -o yaml` all come out of the same emitter, so candidates' sed and grep patterns
 * match what a real node holds.
 */
import { load, loadAll } from 'js-yaml';

export { toYaml } from './yaml-emit.js';

export function parseYaml(text: string): unknown {
  return load(text);
}

export function parseYamlAll(text: string): unknown[] {
  return loadAll(text).filter((d) => d !== null && d !== undefined);
}
