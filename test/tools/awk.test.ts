import { describe, expect, it } from 'vitest';
import { makeWorld, oracleTable, run } from './harness.js';

const pods = [
  'NAME                      READY   STATUS             RESTARTS   AGE',
  'nginx-7c5ddbdf54-2xkqz    1/1     Running            0          5m',
  'nginx-7c5ddbdf54-8hj2k    0/1     CrashLoopBackOff   4          5m',
  'redis-0                   1/1     Running            0          2d',
  'api-6f7b9c-xx             0/1     ImagePullBackOff   12         1m',
].join('\n') + '\n';
const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\ncandidate:x:1000:1000::/home/candidate:/bin/bash\nbob:x:1001:1001:Bob,,,:/home/bob:/bin/sh\n';
const nums = 'a 10\nb 20\nc 30.5\nd -4\n';
const files = { pods, passwd, nums, csv: 'x,y,z\n1,2,3\n' };

oracleTable('awk matches Debian awk (mawk)', [
  { argv: ['awk', '{print $1}', 'pods'], files },
  { argv: ['awk', 'NR>1 {print $1, $3}', 'pods'], files },
  { argv: ['awk', '-F:', '$3 >= 1000 {print $1}', 'passwd'], files },
  { argv: ['awk', '-F', ':', '{print NF, $NF}', 'passwd'], files },
  { argv: ['awk', 'NR>1 {sum+=$2} END {print sum}', 'nums'], files },
  { argv: ['awk', '{sum+=$2} END {print sum, sum/NR, NR}', 'nums'], files },
  { argv: ['awk', '$3 != "Running" && NR > 1', 'pods'], files },
  { argv: ['awk', '/Crash|Image/ {print $1 ": " $3}', 'pods'], files },
  { argv: ['awk', '$4 > 3', 'pods'], files },
  { argv: ['awk', '{printf "%-10s|%5.1f|%d|%x\\n", $1, $2, $2, $2}', 'nums'], files },
  { argv: ['awk', 'BEGIN{printf "%5.2f|%-5d|%c|%c|%e|%g|%G|%i|%05d|%+d|%%\\n", 3.14159, 42, 65, "hi", 12345.678, 0.0001234, 1e10, 3.9, 42, 5}'] },
  { argv: ['awk', 'BEGIN{print 2^31, 2^53, 1e6, 0.1+0.2, 100000*100000, 1/3, 2147483647, -2147483647, 17/4}'] },
  { argv: ['awk', 'BEGIN{x = 2^31 ""; print x; CONVFMT="%.2f"; a=3.14159; b = a ""; print b, a; OFMT="%.3f"; print a, a ""}'] },
  { argv: ['awk', '{for(i=1;i<=NF;i++) printf "%s:%s:%d ", $i, $i+0, ($i==$i+0); print ""}'], stdin: '3.0 1e3 0x1A 12abc .5 +4\n' },
  { argv: ['awk', 'BEGIN{print length(12345.6789), 1==1.0, "10"<"9", 10<9}'] },
  { argv: ['awk', '{print ($1<$2)}'], stdin: '10 9\n' },
  { argv: ['awk', 'BEGIN{print substr("hello", 2), substr("hello", 2, 3), substr("hello", 4, 100), index("hello", "ll"), length("héllo")}'] },
  { argv: ['awk', 'BEGIN{n=split("a:b:c",arr,":"); print n, arr[3]; n=split("  a  b ", w); print n, w[1]; n=split("abc", c, ""); print n, c[2]; n=split("a1b22c", d, /[0-9]+/); print n, d[3]}'] },
  { argv: ['awk', 'BEGIN{s="hello"; gsub(/l/,"[&]",s); print s; t="aaa"; print gsub(/x*/,"-",t), t; u="a.b"; sub(/\\./,"\\\\&",u); print u}'] },
  { argv: ['awk', '{ $3 = "x"; print NF ":" $0 }'], stdin: '1 2\n' },
  { argv: ['awk', '{ $1 = $1; print "[" $0 "]" }'], stdin: '  a   b  \n' },
  { argv: ['awk', '{NF=2; print; print NF}'], stdin: 'a b c d\n' },
  { argv: ['awk', '-F:', '-v', 'OFS=-', '{$1=$1; print}'], stdin: 'a:b\n' },
  { argv: ['awk', '-F\\t', '{print $2}'], stdin: 'a\tb c\n' },
  { argv: ['awk', '-v', 'x=a\\tb', 'BEGIN{print x}'] },
  { argv: ['awk', '-F,', 'NR==1{for(i=1;i<=NF;i++) h[i]=$i; next} {for(i=1;i<=NF;i++) print h[i] "=" $i}', 'csv'], files },
  { argv: ['awk', '{count[$3]++} END {for (s in count) if (count[s] > 1) print s, count[s]}', 'pods'], files },
  { argv: ['awk', 'function max(a, b) { return a > b ? a : b } {m = max(m, $2)} END {print m}', 'nums'], files },
  { argv: ['awk', 'function fill(arr) { arr["k"] = 1 } BEGIN { fill(x); print length(x), x["k"] }'] },
  { argv: ['awk', 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'] },
  { argv: ['awk', 'BEGIN { x["a"]; if ("a" in x) print "yes"; delete x["a"]; print length(x); if (!("b" in x)) print "no" }'] },
  { argv: ['awk', 'BEGIN { i = 0; while (i < 3) { i++; if (i == 2) continue; print i }; do { i-- } while (i > 0); print i }'] },
  { argv: ['awk', 'BEGIN { for (i = 0; i < 10; i++) { if (i == 3) break }; print i }'] },
  { argv: ['awk', 'BEGIN { if (1) print "a"; else print "b"\n if (0) print "c"\n else print "d" }'] },
  { argv: ['awk', 'NR==2{exit 3} {print}'], stdin: 'a\nb\nc\n' },
  { argv: ['awk', 'BEGIN{exit 1} END{print "end"}'] },
  { argv: ['awk', '{print NR, FNR, FILENAME}', 'csv', 'nums'], files },
  { argv: ['awk', 'END{print NR, $0}', 'nums'], files },
  { argv: ['awk', '/b/,/c/', 'nums'], files },
  { argv: ['awk', 'NR==1, NR==2 {print "r", $0}', 'nums'], files },
  { argv: ['awk', '{print toupper($1) tolower("ABC")}', 'nums'], files },
  { argv: ['awk', 'BEGIN{print match("foobar", /o+/), RSTART, RLENGTH; print match("x", /y/), RSTART, RLENGTH}'] },
  { argv: ['awk', 'BEGIN{print sprintf("%3s|%-3s|%.1s", "a", "b", "cd"), int(-3.7), int("4x"), sqrt(16), exp(0), log(1)}'] },
  { argv: ['awk', 'BEGIN{print 1/0, -1/0, 5%0}'] },
  { argv: ['awk', 'BEGIN{print -3 % 2, 7 % 3, 2^3^2, -2^2, 2^-1}'] },
  { argv: ['awk', 'BEGIN { a = "x"; a = a a a; print a; print 1 " " 2+3; print 1 - -1; b = 5; b += 2; b *= 3; b /= 7; b -= 1; b %= 2; b ^= 3; print b }'] },
  { argv: ['awk', 'BEGIN { x = 5; print x++ + ++x, x--, x }'] },
  { argv: ['awk', '{ print $NF; print $(NF-1); print $NF-1 }'], stdin: 'a b 7\n' },
  { argv: ['awk', 'BEGIN { print length() }'] },
  { argv: ['awk', '{ print length }'], stdin: 'abc\n' },
  { argv: ['awk', 'BEGIN { RS = "" } { print NR ": " $1 "/" NF }'], stdin: 'a b\nc\n\n\nd e\n' },
  { argv: ['awk', 'BEGIN { RS = ";" } { print NR, $0 }'], stdin: 'a;b;c' },
  { argv: ['awk', 'BEGIN { FS = "," } { print $2 }'], stdin: 'a,b,c\n' },
  { argv: ['awk', 'BEGIN { FS = "[:,]" } { print $3 }'], stdin: 'a:b,c\n' },
  { argv: ['awk', '{ $0 = "x y z"; print $2, NF }'], stdin: 'a\n' },
  { argv: ['awk', 'NR % 2 == 0'], stdin: '1\n2\n3\n4\n' },
  { argv: ['awk', '!seen[$0]++'], stdin: 'a\nb\na\nc\nb\n' },
  { argv: ['awk', '{ getline; print "after getline:", $0 }'], stdin: '1\n2\n3\n4\n' },
  { argv: ['awk', '{ while ((getline line) > 0) n++; print n, $0, NR }'], stdin: '1\n2\n3\n' },
  { argv: ['awk', 'BEGIN { while ((getline line < "csv") > 0) print "got " line; close("csv") }'], files },
  { argv: ['awk', 'BEGIN { if ((getline x < "nofile") < 0) print "cannot" }'] },
  { argv: ['awk', '{ print $1 > "/dev/stderr" }'], stdin: 'err\n' },
  { argv: ['awk', 'BEGIN { printf "%s %s %s\\n", "a" }'] },
  { argv: ['awk', 'BEGIN { print substr("hello", 0) }'] },
  { argv: ['awk', 'BEGIN { x = "A"; printf "%c%c%c\\n", x, 66, "" }'] },
  { argv: ['awk', 'BEGIN { printf "%d %i %x\\n", 3000000000, -3000000000, 3000000000 }'] },
  { argv: ['awk', 'BEGIN { print index("abc", ""), "a" < "b", "a" > "B", 2 < 10, "2" < "10" }'] },
  { argv: ['awk', '{ print ($1 == 0), ($1 == ""), !$1 }'], stdin: '0\n0.0\n\nabc\n' },
  { argv: ['awk', 'BEGIN { print ENVIRON["NOPE"] "|" }'] },
  { argv: ['awk', '{ print }', 'x=1', 'csv'], files },
  { argv: ['awk', '{ print x, $0 }', 'x=1', 'csv', 'x=2', 'csv'], files },
  { argv: ['awk', '{print $1}', 'nofile'] },
  { argv: ['awk', '{print $1}', 'csv', 'nofile'], files },
  { argv: ['awk', 'BEGIN{x'] },
  { argv: ['awk', '{print $'], stdin: '' },
  { argv: ['awk', 'BEGIN { print 1 } }'] },
  { argv: ['awk', '-x', 'BEGIN{}'] },
  { argv: ['awk', '-F'] },
  { argv: ['awk', '-v', 'x', 'BEGIN{}'] },
  { argv: ['awk', '-W', 'version'] },
  { argv: ['awk'] },
  { argv: ['awk', '-f', 'nofile'] },
  { argv: ['awk', '# comment\nBEGIN {\n  x = 1 # trailing\n  print x \\\n    "y"\n}\n'] },
  { argv: ['awk', 'BEGIN { printf("%s-%s\\n", "a", "b"); print("p") }'] },
  { argv: ['awk', 'BEGIN { print (1,2) }'] },
  { argv: ['awk', 'BEGIN { print 1 > 2 ? "y" : "n" }'] },
  { argv: ['awk', 'BEGIN { print (1 > 2) ? "y" : "n" }'] },
  { argv: ['awk', 'BEGIN { s = sprintf("%s", 0.1 + 0.2); print s; print 0.1 + 0.2 == 0.3 }'] },
  { argv: ['awk', '$2 ~ /^[0-9]+$/ { print $1 } $2 !~ /^[0-9]+$/ { print "not", $1 }', 'nums'], files },
  { argv: ['awk', '{ re = "^" $1; if ("abc" ~ re) print "match", $1 }'], stdin: 'a\nb\nab\n' },
]);

describe('awk on the virtual host', () => {
  it('writes print > file into the virtual filesystem and appends with >>', async () => {
    const world = makeWorld({ in: 'a\nb\n' });
    const r = await run(world, ['awk', '{ print $0 > "out"; print "x" >> "log" }', 'in']);
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(world.fs.readFile('/root/work/out')).toBe('a\nb\n');
    expect(world.fs.readFile('/root/work/log')).toBe('x\nx\n');
  });

  it('pipes print | "cmd" through spawn, before its own buffered stdout as mawk does', async () => {
    const world = makeWorld();
    const spawned: string[] = [];
    // The harness has no sh; a pipe to a missing command shows up on stderr.
    const r = await run(world, ['awk', 'BEGIN { print "b\\na" | "sort"; print "end" }']);
    spawned.push(r.stderr);
    expect(r.stdout).toBe('end\n');
    expect(r.stderr).toBe('sh: 1: sh: not found\n');
  });

  it('keeps running deep recursion to a clean error instead of crashing', async () => {
    const r = await run(makeWorld(), ['awk', 'function f(n) { return f(n + 1) } BEGIN { f(1) }']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('awk: function call nesting too deep\n');
  });
});
