/**
 * The real bash is the oracle: each line runs in /bin/bash (non-interactive, C locale) and in the
 * simulated shell, with the same files in the working directory; stdout, status and (normalised)
 * stderr must agree.
 */
import { describe, expect, it } from 'vitest';
import { HAS_BASH, realBash, session } from './helpers.js';

const FILES = { 'a.txt': 'alpha\n', 'b.txt': 'beta\n', 'c.log': 'log\n', 'dir/x.yaml': 'x: 1\n', '.hidden': 'h\n' };

const LINES: string[] = [
  `echo a   b "c  d" e'f'g`,
  `x="  a b  "; echo [$x] ["$x"]`,
  `x="a,b,,c"; IFS=,; printf "<%s>" $x; echo`,
  `IFS=", "; x=" a , b ,, c "; set -- $x; echo $# "$@"`,
  `x=",b"; IFS=,; set -- a$x; echo $#; set -- $x; echo $#`,
  `printf '%5s|%-5s|%05d|%x|%X|%o|%.2f|%c|%%|%+d|% d\\n' ab cd 42 255 255 8 3.14159 xyz 7 7`,
  `printf '%s\\n' a b c; printf '%s-%s\\n' 1 2 3`,
  `printf '%q\\n' 'a b' "it's" '' 'x*y' $'tab\\there' '~home' 'a=b'`,
  `printf '%e %g %g\\n' 1234.5 0.0001 1234567`,
  `printf "%d\\n" abc 12x`,
  `printf 'a\\tb\\x41\\101\\\\n\\n'`,
  `echo $((7/2)) $((-7%3)) $((2**10)) $((1<<4)) $((5>3?1:0)) $((0x1f)) $((010)) $((2#101)) $((x=4, x*2))`,
  `x=5; ((x+=3)); echo $x; ((x>100)); echo $?; ((y++)); echo $y`,
  `v=hello.tar.gz; echo \${v%.*} \${v%%.*} \${v#*.} \${v##*.} \${v/l/L} \${v//l/L} \${v:1:3} \${v: -2} \${#v} \${v^^} \${v^}`,
  `unset u; echo \${u:-d1} \${u-d2} [\${u:+x}] \${e:=set}; echo $e`,
  `echo {a,b}{1,2} x{1..3} {05..10..2} {c..a} {a,{b,c}d} {x}`,
  `echo -e "a\\tb\\nc"; echo -n x; echo -- -n; echo -ne "q\\n"; echo -e 'stop\\cnever'; echo`,
  `for i in 1 2 3; do for j in a b; do [ $j = b ] && continue; [ $i = 3 ] && break 2; echo $i$j; done; done`,
  `i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i`,
  `for ((i=0; i<3; i++)); do echo -n $i; done; echo`,
  `case foo.yaml in *.yml) echo yml;; *.yaml|*.json) echo data;; *) echo other;; esac`,
  `case b in a) echo a;& b) echo b;& c) echo c;; d) echo d;; esac`,
  `f() { local x=inner; echo "$1-$#-$x"; return 3; }; x=outer; f a b; echo $? $x`,
  `true && echo and; false || echo or; ! true; echo $?; false; echo $?`,
  `(cd /; exit 4); echo $?; { echo grouped; }; (echo sub) | cat`,
  `echo $(echo a; echo b) "$(printf "x\\n\\n")" \`echo back\``,
  `[[ abc == a* ]] && echo glob; [[ "abc" == "a*" ]] || echo literal; [[ 10 -gt 9 ]] && echo num; [[ abc =~ ^a.c$ ]] && echo re`,
  `[[ -f a.txt && ! -d a.txt ]] && echo file; [[ -z $nothing ]] && echo empty; [[ b > a ]] && echo greater`,
  `test -z "" && [ -n x ] && [ 1 -eq 1 ] && [ a != b ] && [ ! -e nope ] && [ -d dir -a -f a.txt ] && echo tests`,
  `[ 1 -eq a ]; echo $?`,
  `[ a = ]; echo $?; [ -f ]; echo $?`,
  `set -- x "y z"; for a in "$@"; do echo "<$a>"; done; echo $# "$*"; shift; echo $1`,
  `x=1; y=$x$x; echo $y; unset y; echo "[\${y}]"`,
  `echo "a\\$b" \\$HOME "\\\\" 'single \\ quote'`,
  `echo *.txt; echo *.none; echo [ab].txt; echo ?.log; echo [!a]*.txt; echo */*.yaml; echo *`,
  `x="*.txt"; echo $x "$x"; set -f; echo $x; set +f`,
  `cat < a.txt; cat a.txt b.txt`,
  `read a b <<< "one two three"; echo "$a|$b"`,
  `read -r x <<< 'back\\slash'; echo "$x"; read y <<< 'back\\slash'; echo "$y"`,
  `while read line; do echo "[$line]"; done <<EOF\nx y\n  z\nEOF`,
  `cat <<-EOF\n\tindented $((1+1))\n\t\tdouble\n\tEOF`,
  `cat <<'EOF'\nno $expansion \`here\`\nEOF`,
  `cat <<EOF\nescaped \\$x and \\\\ and \\n\nEOF`,
  `printf "%s\\n" one two | while read w; do echo got $w; done`,
  `echo a 2>&1 >/dev/null; echo b >&2`,
  `x=$(false); echo $?; false; x=1; echo $?; false; echo $(true) $?`,
  `echo \${#} $# \${#@}`,
  `echo $((1/0))`,
  `echo $((1+))`,
  `cd /nonexistent`,
  `nosuchcommand`,
  `./nosuchfile`,
  `echo a; echo b | cat; echo c > out.txt; cat out.txt; echo d >> out.txt; cat out.txt`,
  `echo hi > dir; echo $?`,
  `echo hi > missing/x; echo $?`,
  `x="a b"; echo hi > $x`,
  `type cd echo printf`,
  `a=(1 2 3); echo \${a[@]}; for v in \${a[@]}; do echo $v; done`,
  `echo ~nosuchuser/x "~" \\~`,
  `h=/home/x; echo "\${h:+set}" \${#h}`,
  `x=abc; echo \${x:5} [\${x:1}] \${x: -1}`,
  `echo $((x)) $((undefined+1))`,
  `exit 3`,
  `echo a | { read x; echo "in:$x"; }; echo "out:$x"`,
  `eval 'echo evaluated; x=9'; echo $x`,
  `printf '%s\\n' "$(printf 'l1\\nl2')"`,
  `echo 'a'"b"$'c'\\d`,
  `x=( ); y=; echo "[$y]" \${#y}`,
];

describe.skipIf(!HAS_BASH)('the simulated shell agrees with /bin/bash (skipped when bash is not installed)', () => {
  it.each(LINES)('%s', async (line) => {
    const expected = realBash(line, FILES);
    const t = session();
    const fs = t.host.fs;
    for (const [name, content] of Object.entries(FILES)) fs.writeFile(`/home/candidate/${name}`, content, { parents: true, uid: 1000, gid: 1000 });
    fs.chown('/home/candidate/dir', 1000, 1000);
    const actual = await t.run(line.replace(/\bexit 3\b/, '(exit 3)'));
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.status).toBe(expected.status);
    expect(actual.stderr).toBe(expected.stderr);
  });
});
