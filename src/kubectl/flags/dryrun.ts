/**
 * --dry-run's value as kubectl interprets it (cmdutil.GetDryRunStrategy), with the deprecation
 * warnings it logs. The flag's spec is DRY_RUN_FLAG in ../common-flags.ts.
 */

export type DryRunStrategy = 'none' | 'client' | 'server';

/**
 * cmdutil.GetDryRunStrategy. `warning` is the klog warning kubectl prints for the deprecated
 * spellings (--dry-run alone, --dry-run=true/false); format it with klogLine('W', ...,
 * 'helpers.go:703' for the bare flag, 'helpers.go:717'/'helpers.go:720' for true/false).
 * Throws with kubectl's message for anything else.
 */
export function dryRunStrategy(value: string): { strategy: DryRunStrategy; warning?: string; source?: string } {
  const asBool = goParseBool(value);
  if (asBool === undefined) {
    switch (value) {
      case 'unchanged':
        return { strategy: 'client', warning: '--dry-run is deprecated and can be replaced with --dry-run=client.', source: 'helpers.go:703' };
      case 'client':
      case 'server':
      case 'none':
        return { strategy: value };
    }
    throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
  const strategy = asBool ? 'client' : 'none';
  return { strategy, warning: `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${strategy}.`, source: asBool ? 'helpers.go:717' : 'helpers.go:720' };
}

function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}
