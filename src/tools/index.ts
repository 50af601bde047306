/**
 * The host tools registry: every text and file tool a candidate uses on a node or the
 * workstation, keyed by the name the shell looks up, with the path `which` reports.
 */
import type { Program } from '../shell/types.js';
import { cat } from './cat.js';

/** Programs by command name. */
export const textTools: Record<string, Program> = {
  cat,
};

/** Install paths as on Debian 12 (coreutils, grep, sed, findutils, diffutils live in /usr/bin). */
export const toolPaths: Record<string, string> = Object.fromEntries(
  Object.keys(textTools).map((name) => [name, `/usr/bin/${name}`]),
);
