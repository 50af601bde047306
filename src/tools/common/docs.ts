/**
 * Usage lines, one-paragraph summaries and authors of the coreutils programs (coreutils 9.1),
 * for --help (an abridged page: usage, summary, pointer to the manual) and --version.
 */

export interface ToolDoc {
  usage: string;
  summary: string;
  authors: string;
}

export const COREUTILS_DOCS: Record<string, ToolDoc> = {
  cat: {
    usage: "Usage: cat [OPTION]... [FILE]...",
    summary: "Concatenate FILE(s) to standard output.",
    authors: "Written by Torbjorn Granlund and Richard M. Stallman.",
  },
  ls: {
    usage: "Usage: ls [OPTION]... [FILE]...",
    summary: "List information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -cftuvSUX nor --sort is specified.",
    authors: "Written by Richard M. Stallman and David MacKenzie.",
  },
  mkdir: {
    usage: "Usage: mkdir [OPTION]... DIRECTORY...",
    summary: "Create the DIRECTORY(ies), if they do not already exist.",
    authors: "Written by David MacKenzie.",
  },
  rm: {
    usage: "Usage: rm [OPTION]... [FILE]...",
    summary: "Remove (unlink) the FILE(s).",
    authors: "Written by Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering.",
  },
  rmdir: {
    usage: "Usage: rmdir [OPTION]... DIRECTORY...",
    summary: "Remove the DIRECTORY(ies), if they are empty.",
    authors: "Written by David MacKenzie.",
  },
  cp: {
    usage: "Usage: cp [OPTION]... [-T] SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY\n  or:  cp [OPTION]... -t DIRECTORY SOURCE...",
    summary: "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.",
    authors: "Written by Torbjorn Granlund, David MacKenzie, and Jim Meyering.",
  },
  mv: {
    usage: "Usage: mv [OPTION]... [-T] SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY\n  or:  mv [OPTION]... -t DIRECTORY SOURCE...",
    summary: "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.",
    authors: "Written by Mike Parker, David MacKenzie, and Jim Meyering.",
  },
  chmod: {
    usage: "Usage: chmod [OPTION]... MODE[,MODE]... FILE...\n  or:  chmod [OPTION]... OCTAL-MODE FILE...\n  or:  chmod [OPTION]... --reference=RFILE FILE...",
    summary: "Change the mode of each FILE to MODE.\nWith --reference, change the mode of each FILE to that of RFILE.",
    authors: "Written by David MacKenzie and Jim Meyering.",
  },
  chown: {
    usage: "Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...\n  or:  chown [OPTION]... --reference=RFILE FILE...",
    summary: "Change the owner and/or group of each FILE to OWNER and/or GROUP.\nWith --reference, change the owner and group of each FILE to those of RFILE.",
    authors: "Written by David MacKenzie and Jim Meyering.",
  },
  chgrp: {
    usage: "Usage: chgrp [OPTION]... GROUP FILE...\n  or:  chgrp [OPTION]... --reference=RFILE FILE...",
    summary: "Change the group of each FILE to GROUP.\nWith --reference, change the group of each FILE to that of RFILE.",
    authors: "Written by David MacKenzie and Jim Meyering.",
  },
  ln: {
    usage: "Usage: ln [OPTION]... [-T] TARGET LINK_NAME\n  or:  ln [OPTION]... TARGET\n  or:  ln [OPTION]... TARGET... DIRECTORY\n  or:  ln [OPTION]... -t DIRECTORY TARGET...",
    summary: "In the 1st form, create a link to TARGET with the name LINK_NAME.\nIn the 2nd form, create a link to TARGET in the current directory.\nIn the 3rd and 4th forms, create links to each TARGET in DIRECTORY.\nCreate hard links by default, symbolic links with --symbolic.\nBy default, each destination (name of new link) should not already exist.\nWhen creating hard links, each TARGET must exist.  Symbolic links\ncan hold arbitrary text; if later resolved, a relative link is\ninterpreted in relation to its parent directory.",
    authors: "Written by Mike Parker and David MacKenzie.",
  },
  touch: {
    usage: "Usage: touch [OPTION]... FILE...",
    summary: "Update the access and modification times of each FILE to the current time.",
    authors: "Written by Paul Rubin, Arnold Robbins, Jim Kingdon,\nDavid MacKenzie, and Randy Smith.",
  },
  head: {
    usage: "Usage: head [OPTION]... [FILE]...",
    summary: "Print the first 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.",
    authors: "Written by David MacKenzie and Jim Meyering.",
  },
  tail: {
    usage: "Usage: tail [OPTION]... [FILE]...",
    summary: "Print the last 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.",
    authors: "Written by Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering.",
  },
  wc: {
    usage: "Usage: wc [OPTION]... [FILE]...\n  or:  wc [OPTION]... --files0-from=F",
    summary: "Print newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified.  A word is a non-zero-length sequence of\nprintable characters delimited by white space.",
    authors: "Written by Paul Rubin and David MacKenzie.",
  },
  sort: {
    usage: "Usage: sort [OPTION]... [FILE]...\n  or:  sort [OPTION]... --files0-from=F",
    summary: "Write sorted concatenation of all FILE(s) to standard output.",
    authors: "Written by Mike Haertel and Paul Eggert.",
  },
  uniq: {
    usage: "Usage: uniq [OPTION]... [INPUT [OUTPUT]]",
    summary: "Filter adjacent matching lines from INPUT (or standard input),\nwriting to OUTPUT (or standard output).",
    authors: "Written by Richard M. Stallman and David MacKenzie.",
  },
  cut: {
    usage: "Usage: cut OPTION... [FILE]...",
    summary: "Print selected parts of lines from each FILE to standard output.",
    authors: "Written by David M. Ihnat, David MacKenzie, and Jim Meyering.",
  },
  tr: {
    usage: "Usage: tr [OPTION]... STRING1 [STRING2]",
    summary: "Translate, squeeze, and/or delete characters from standard input,\nwriting to standard output.  STRING1 and STRING2 specify arrays of\ncharacters ARRAY1 and ARRAY2 that control the action.",
    authors: "Written by Jim Meyering.",
  },
  tee: {
    usage: "Usage: tee [OPTION]... [FILE]...",
    summary: "Copy standard input to each FILE, and also to standard output.",
    authors: "Written by Mike Parker, Richard M. Stallman, and David MacKenzie.",
  },
  base64: {
    usage: "Usage: base64 [OPTION]... [FILE]",
    summary: "Base64 encode or decode FILE, or standard input, to standard output.",
    authors: "Written by Simon Josefsson.",
  },
  date: {
    usage: "Usage: date [OPTION]... [+FORMAT]\n  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]",
    summary: "Display date and time in the given FORMAT.\nWith -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.",
    authors: "Written by David MacKenzie.",
  },
  env: {
    usage: "Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
    summary: "Set each NAME to VALUE in the environment and run COMMAND.",
    authors: "Written by Richard Mlynarik, David MacKenzie, and Assaf Gordon.",
  },
  whoami: {
    usage: "Usage: whoami [OPTION]...",
    summary: "Print the user name associated with the current effective user ID.\nSame as id -un.",
    authors: "Written by Richard Mlynarik.",
  },
  id: {
    usage: "Usage: id [OPTION]... [USER]...",
    summary: "Print user and group information for each specified USER,\nor (when USER omitted) for the current process.",
    authors: "Written by Arnold Robbins and David MacKenzie.",
  },
  uname: {
    usage: "Usage: uname [OPTION]...",
    summary: "Print certain system information.  With no OPTION, same as -s.",
    authors: "Written by David MacKenzie.",
  },
  sleep: {
    usage: "Usage: sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION",
    summary: "Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\ninteger.  Given two or more arguments, pause for the amount of time\nspecified by the sum of their values.",
    authors: "Written by Jim Meyering and Paul Eggert.",
  },
  seq: {
    usage: "Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST",
    summary: "Print numbers from FIRST to LAST, in steps of INCREMENT.",
    authors: "Written by Ulrich Drepper.",
  },
  yes: {
    usage: "Usage: yes [STRING]...\n  or:  yes OPTION",
    summary: "Repeatedly output a line with all specified STRING(s), or 'y'.",
    authors: "Written by David MacKenzie.",
  },
  printf: {
    usage: "Usage: printf FORMAT [ARGUMENT]...\n  or:  printf OPTION",
    summary: "Print ARGUMENT(s) according to FORMAT, or execute according to OPTION:",
    authors: "Written by David MacKenzie.",
  },
  echo: {
    usage: "Usage: echo [SHORT-OPTION]... [STRING]...\n  or:  echo LONG-OPTION",
    summary: "Echo the STRING(s) to standard output.",
    authors: "Written by Brian Fox and Chet Ramey.",
  },
  stat: {
    usage: "Usage: stat [OPTION]... FILE...",
    summary: "Display file or file system status.",
    authors: "Written by Michael Meskes.",
  },
  du: {
    usage: "Usage: du [OPTION]... [FILE]...\n  or:  du [OPTION]... --files0-from=F",
    summary: "Summarize device usage of the set of FILEs, recursively for directories.",
    authors: "Written by Torbjorn Granlund, David MacKenzie, Paul Eggert,\nand Jim Meyering.",
  },
  df: {
    usage: "Usage: df [OPTION]... [FILE]...",
    summary: "Show information about the file system on which each FILE resides,\nor all file systems by default.",
    authors: "Written by Torbjorn Granlund, David MacKenzie, and Paul Eggert.",
  },
  tac: {
    usage: "Usage: tac [OPTION]... [FILE]...",
    summary: "Write each FILE to standard output, last line first.",
    authors: "Written by Jay Lepreau and David MacKenzie.",
  },
  basename: {
    usage: "Usage: basename NAME [SUFFIX]\n  or:  basename OPTION... NAME...",
    summary: "Print NAME with any leading directory components removed.\nIf specified, also remove a trailing SUFFIX.",
    authors: "Written by David MacKenzie.",
  },
  dirname: {
    usage: "Usage: dirname [OPTION] NAME...",
    summary: "Output each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /'s, output '.' (meaning the current directory).",
    authors: "Written by David MacKenzie and Jim Meyering.",
  },
  realpath: {
    usage: "Usage: realpath [OPTION]... FILE...",
    summary: "Print the resolved absolute file name;\nall but the last component must exist",
    authors: "Written by Padraig Brady.",
  },
  readlink: {
    usage: "Usage: readlink [OPTION]... FILE...",
    summary: "Print value of a symbolic link or canonical file name",
    authors: "Written by Dmitry V. Levin.",
  },
  printenv: {
    usage: "Usage: printenv [OPTION]... [VARIABLE]...",
    summary: "Print the values of the specified environment VARIABLE(s).\nIf no VARIABLE is specified, print name and value pairs for them all.",
    authors: "Written by David MacKenzie and Richard Mlynarik.",
  },
  md5sum: {
    usage: "Usage: md5sum [OPTION]... [FILE]...",
    summary: "Print or check MD5 (128-bit) checksums.",
    authors: "Written by Ulrich Drepper, Scott Miller, and David Madore.",
  },
  sha1sum: {
    usage: "Usage: sha1sum [OPTION]... [FILE]...",
    summary: "Print or check SHA1 (160-bit) checksums.",
    authors: "Written by Ulrich Drepper, Scott Miller, and David Madore.",
  },
  sha256sum: {
    usage: "Usage: sha256sum [OPTION]... [FILE]...",
    summary: "Print or check SHA256 (256-bit) checksums.",
    authors: "Written by Ulrich Drepper, Scott Miller, and David Madore.",
  },
  sha512sum: {
    usage: "Usage: sha512sum [OPTION]... [FILE]...",
    summary: "Print or check SHA512 (512-bit) checksums.",
    authors: "Written by Ulrich Drepper, Scott Miller, and David Madore.",
  },
  nl: {
    usage: "Usage: nl [OPTION]... [FILE]...",
    summary: "Write each FILE to standard output, with line numbers added.",
    authors: "Written by Scott Bartram and David MacKenzie.",
  },
  paste: {
    usage: "Usage: paste [OPTION]... [FILE]...",
    summary: "Write lines consisting of the sequentially corresponding lines from\neach FILE, separated by TABs, to standard output.",
    authors: "Written by David M. Ihnat and David MacKenzie.",
  },
};
