/**
 * `sed --help`: the usage line GNU sed prints, then our own summary of the options the
 * simulation understands (GNU's help prose is not reproduced).
 */
export const SED_HELP = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent    print only what the script prints
  -e script                add a script (repeatable)
  -f script-file           read the script from a file
  -i[SUFFIX], --in-place[=SUFFIX]
                           edit files in place (keeping a backup with SUFFIX)
  -E, -r, --regexp-extended
                           use extended regular expressions
  -s, --separate           treat files as separate streams
  -z, --null-data          separate lines by NUL characters
      --help               show this help
      --version            show the version
`;
