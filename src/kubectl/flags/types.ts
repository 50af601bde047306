/**
 * A command's flags as data, the way each kubectl command declares them to pflag: name,
 * optional one-letter shorthand, value type, default, usage text and visibility. Commands
 * list theirs in a table; `parseFlags` turns argv into typed values against it.
 */

/** mapStringString: cliflag.MapStringString ("k=v,k2=v2", repeatable), kept as its "k=v" pairs. */
export type FlagType = 'bool' | 'string' | 'int' | 'int32' | 'int64' | 'float' | 'duration' | 'stringArray' | 'stringSlice' | 'level' | 'moduleSpec' | 'mapStringString';

export type FlagValue = boolean | string | number | string[];

export interface FlagSpec {
  name: string;
  /** One letter: -n, -o, -A, ... */
  shorthand?: string;
  type: FlagType;
  /** Default value; bool false, string '', numbers 0, lists [], duration '0s' when omitted. */
  default?: FlagValue;
  usage: string;
  /** Hidden from --help (still parsed). */
  hidden?: boolean;
  /** Parsed, but prints "Flag --x has been deprecated, <message>" to stderr. */
  deprecated?: string;
  /** The value a flag takes when given without one: 'true' for every bool. */
  noOptDefVal?: string;
}

export type FlagTable = readonly FlagSpec[];

export interface ParsedFlags {
  /** Every flag of the table, by name: its value after parsing (default when not given). */
  values: Map<string, FlagValue>;
  /** Names given on the command line (pflag's Changed). */
  changed: Set<string>;
  /** Positional arguments, in order. */
  args: string[];
  /** Index into `args` where `--` was seen, or -1 (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
  /** Lines for stderr (deprecation notices), in order. */
  warnings: string[];
  /** -h or --help was given: print help instead of running. */
  help: boolean;
}

/** A flag error, worded as pflag says it (without kubectl's "error: " and usage hint). */
export class FlagError extends Error {}
