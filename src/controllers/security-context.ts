/**
 * What the security controllers of kube-controller-manager are given (the cluster wiring fills it
 * in): the store to read, the running process's flags, files those flags name as the process sees
 * them through its mounts (signing CA, service-account key, root CA), and per-controller clients.
 */
import type { ApiClient } from '../api/client.js';
import type { Store } from '../api/store.js';
import type { Rng } from '../util/rng.js';

export interface SecurityControllerDeps {
  store(): Store;
  now(): number;
  rng: Rng;
  /** A flag of the running kube-controller-manager. */
  flag(name: string): string | undefined;
  /** The contents of the file a flag names, read through the static pod's hostPath mounts. */
  readFlagFile(flag: string): string | undefined;
  /** The client a controller writes with (its own ServiceAccount under --use-service-account-credentials). */
  clientFor(controller: string): ApiClient;
  /** kube-controller-manager's own identity (the tokens controller runs with it). */
  rootClient(): ApiClient;
}

/** Controllers kube-controller-manager leaves off unless --controllers names them. */
const DISABLED_BY_DEFAULT = new Set(['bootstrap-signer-controller', 'token-cleaner-controller']);

/** --controllers: `*` for the defaults, `name` or `alias` to add, `-name` to remove. */
export function controllerEnabled(deps: Pick<SecurityControllerDeps, 'flag'>, canonical: string, alias: string): boolean {
  const list = (deps.flag('controllers') ?? '*').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.includes(`-${canonical}`) || list.includes(`-${alias}`)) return false;
  if (list.includes(canonical) || list.includes(alias)) return true;
  return list.includes('*') && !DISABLED_BY_DEFAULT.has(canonical);
}
