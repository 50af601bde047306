/** `--version` texts of the GNU packages Debian 12 ships. */

const LICENSE =
  'Copyright (C) 2022 Free Software Foundation, Inc.\n' +
  'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
  'This is free software: you are free to change and redistribute it.\n' +
  'There is NO WARRANTY, to the extent permitted by law.\n';

/** `NAME (PACKAGE) VERSION`, the licence block, then the authors paragraph. */
export function gnuVersion(name: string, pkg: string, version: string, authors: string): string {
  return `${name} (${pkg}) ${version}\n${LICENSE}\n${authors}\n`;
}

export function coreutilsVersion(name: string, authors: string): string {
  return gnuVersion(name, 'GNU coreutils', '9.1', authors);
}
