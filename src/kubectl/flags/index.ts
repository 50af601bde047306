/**
 * kubectl's argument layer: per-command flag tables (types.ts), pflag's parser and errors
 * (parse.ts), Go-compatible value parsing (values.ts), the global flags (global.ts) and the
 * --help renderer (help.ts), and the shared groups with their readers (common.ts: printFlags,
 * getFlags, filenameFlags, SELECTOR, DRY_RUN, ...; outputFlagsFrom → printers' OutputFlags,
 * dryRunStrategy, klogLine for kubectl's "W1125 22:08:46.739789   18353 helpers.go:703] ...").
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
export {
  GENERIC_OUTPUT_FORMATS,
  GET_OUTPUT_FORMATS,
  ALLOW_MISSING_TEMPLATE_KEYS,
  SHOW_MANAGED_FIELDS,
  TEMPLATE,
  SELECTOR,
  FIELD_SELECTOR,
  ALL_NAMESPACES,
  DRY_RUN,
  FIELD_MANAGER,
  VALIDATE,
  CHUNK_SIZE,
  printFlags,
  getPrintFlags,
  filenameFlags,
  getFlags,
  outputFlagsFrom,
  dryRunStrategy,
  klogLine,
} from './common.js';
export type { DryRunStrategy } from './common.js';
