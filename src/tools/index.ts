/**
 * The host tools registry: every text and file tool a candidate uses on a node or the
 * workstation, keyed by the name the shell looks up, with the path `which` reports.
 */
import type { Program } from '../shell/types.js';
import { awk } from './awk/awk.js';
import { basename, dirname } from './basename.js';
import { md5sum, sha1sum, sha256sum, sha512sum } from './checksum.js';
import { column } from './column.js';
import { nl } from './nl.js';
import { paste } from './paste.js';
import { printenv } from './printenv.js';
import { readlink, realpath } from './realpath.js';
import { rev, tac } from './tac.js';
import { base64 } from './base64.js';
import { cat } from './cat.js';
import { chgrp, chown } from './chown.js';
import { chmod } from './chmod.js';
import { withArgv } from './common/io.js';
import { cp } from './cp.js';
import { cut } from './cut.js';
import { date } from './date.js';
import { df } from './df.js';
import { diff } from './diff.js';
import { du } from './du.js';
import { echo } from './echo.js';
import { env } from './env.js';
import { file } from './file.js';
import { find } from './find.js';
import { grep } from './grep.js';
import { head } from './head.js';
import { hostname } from './hostname.js';
import { id } from './id.js';
import { jq } from './jq/jq.js';
import { less, more } from './less.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir } from './mkdir.js';
import { mv } from './mv.js';
import { printf } from './printf.js';
import { rm } from './rm.js';
import { rmdir } from './rmdir.js';
import { sed } from './sed/sed.js';
import { seq } from './seq.js';
import { sleep } from './sleep.js';
import { sort } from './sort.js';
import { stat } from './stat.js';
import { tail } from './tail.js';
import { tee } from './tee.js';
import { touch } from './touch.js';
import { tr } from './tr.js';
import { tree } from './tree.js';
import { falseProgram, trueProgram } from './true.js';
import { uname } from './uname.js';
import { uniq } from './uniq.js';
import { wc } from './wc.js';
import { which } from './which.js';
import { whoami } from './whoami.js';
import { xargs } from './xargs.js';
import { yes } from './yes.js';

/** Debian's egrep and fgrep are scripts that exec grep, so messages say "grep:". */
const egrep: Program = (ctx) => grep(withArgv(ctx, ['grep', '-E', ...ctx.argv.slice(1)]));
const fgrep: Program = (ctx) => grep(withArgv(ctx, ['grep', '-F', ...ctx.argv.slice(1)]));

/** Programs by command name. */
export const textTools: Record<string, Program> = {
  awk,
  base64,
  basename,
  cat,
  chgrp,
  chmod,
  chown,
  column,
  cp,
  cut,
  date,
  df,
  diff,
  dirname,
  du,
  echo,
  egrep,
  env,
  false: falseProgram,
  fgrep,
  file,
  find,
  grep,
  head,
  hostname,
  id,
  jq,
  less,
  ln,
  ls,
  mawk: awk,
  md5sum,
  mkdir,
  more,
  mv,
  nl,
  paste,
  printenv,
  printf,
  readlink,
  realpath,
  rev,
  rm,
  rmdir,
  sed,
  seq,
  sha1sum,
  sha256sum,
  sha512sum,
  sleep,
  sort,
  stat,
  tac,
  tail,
  tee,
  touch,
  tr,
  tree,
  true: trueProgram,
  uname,
  uniq,
  wc,
  which,
  whoami,
  xargs,
  yes,
};

/** Install paths as on Debian 12 (merged /usr: coreutils, grep, sed, findutils live in /usr/bin). */
export const toolPaths: Record<string, string> = Object.fromEntries(
  Object.keys(textTools).map((name) => [name, `/usr/bin/${name}`]),
);
