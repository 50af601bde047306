/**
 * The host tools registry: every text and file tool a candidate uses on a node or the
 * workstation, keyed by the name the shell looks up, with the path `which` reports.
 */
import type { Program } from '../shell/types.js';
import { awk } from './awk/awk.js';
import { cat } from './cat.js';
import { withArgv } from './common/io.js';
import { cut } from './cut.js';
import { chgrp, chown } from './chown.js';
import { chmod } from './chmod.js';
import { cp } from './cp.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir } from './mkdir.js';
import { mv } from './mv.js';
import { rm } from './rm.js';
import { rmdir } from './rmdir.js';
import { touch } from './touch.js';
import { grep } from './grep.js';
import { head } from './head.js';
import { sed } from './sed/sed.js';
import { sort } from './sort.js';
import { tail } from './tail.js';
import { tr } from './tr.js';
import { uniq } from './uniq.js';
import { wc } from './wc.js';

/** Debian's egrep and fgrep are scripts that exec grep, so messages say "grep:". */
const egrep: Program = (ctx) => grep(withArgv(ctx, ['grep', '-E', ...ctx.argv.slice(1)]));
const fgrep: Program = (ctx) => grep(withArgv(ctx, ['grep', '-F', ...ctx.argv.slice(1)]));

/** Programs by command name. */
export const textTools: Record<string, Program> = {
  awk,
  mawk: awk,
  cat,
  chgrp,
  chmod,
  chown,
  cp,
  cut,
  egrep,
  fgrep,
  grep,
  head,
  ln,
  ls,
  mkdir,
  mv,
  rm,
  rmdir,
  sed,
  sort,
  tail,
  touch,
  tr,
  uniq,
  wc,
};

/** Install paths as on Debian 12 (merged /usr: coreutils, grep, sed, findutils live in /usr/bin). */
export const toolPaths: Record<string, string> = Object.fromEntries(
  Object.keys(textTools).map((name) => [name, `/usr/bin/${name}`]),
);
