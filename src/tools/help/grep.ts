/**
 * `grep --help`: the usage line GNU grep prints, then our own summary of the options the
 * simulation understands (GNU's help prose is not reproduced).
 */
export const GREP_HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.

Patterns:   -E extended regex, -F fixed strings, -G basic regex (default), -e PATTERNS,
            -f FILE, -i/--ignore-case, -w whole words, -x whole lines
Selection:  -v invert, -m NUM stop after NUM matches, -s no error messages
Output:     -n line numbers, -H/-h with/without file names, -o only the match, -c count,
            -l/-L files with/without matches, -q quiet, -b byte offset, --color[=WHEN]
Context:    -A NUM after, -B NUM before, -C NUM around
Files:      -r/-R recursive, --include/--exclude GLOB, -a text

Exit status is 0 if any line is selected, 1 otherwise, 2 on error.
`;
