/**
 * kubectl's argument layer: per-command flag tables (types.ts), pflag's parser and errors
 * (parse.ts), Go-compatible value parsing (values.ts), the global flags (global.ts) and the
 * --help renderer (help.ts), and --dry-run's strategy with its klog warnings (dryrun.ts,
 * klog.ts: dryRunStrategy, klogLine for "W1125 22:08:46.739789   18353 helpers.go:703] ...").
 *
 * A verb declares `const FLAGS: FlagTable = [...]`, then:
 *   const parsed = parseFlags(argv, withGlobals(FLAGS, home));   // throws FlagError
 *   on FlagError: stderr.write(formatFlagError(err, 'kubectl scale')), exit 1
 *   on parsed.help: stdout.write(renderHelp(HELP)), exit 0
 *   parsed.warnings → stderr, one per line
 */

export type { FlagSpec, FlagTable, FlagType, FlagValue, ParsedFlags } from './types.js';
export { FlagError } from './types.js';
export { parseFlags, formatFlagError, flagBool, flagList, flagNumber, flagString } from './parse.js';
export { globalFlags, withGlobals, parseRequestTimeout } from './global.js';
export { renderHelp, renderOptions, flagsUsages, flagUsage } from './help.js';
export type { CommandHelp } from './help.js';
export { parseDuration, formatDuration, parseBool, parseInt64 } from './values.js';
export { dryRunStrategy } from './dryrun.js';
export type { DryRunStrategy } from './dryrun.js';
export { klogLine } from '../../util/klog.js';
