import { describe, expect, it } from 'vitest';
import { FlagError, flagBool, flagList, flagNumber, flagString, formatFlagError, parseFlags, withGlobals } from '../../../src/kubectl/flags/index.js';
import type { FlagTable } from '../../../src/kubectl/flags/index.js';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { CREATE_DEPLOYMENT_FLAGS, CREATE_SECRET_FLAGS, EXEC_FLAGS, GET_FLAGS, LOGS_FLAGS, SCALE_FLAGS } from './tables.js';

const get = withGlobals(GET_FLAGS);

describe('flag syntax as pflag reads it', () => {
  it.each([
    [['pods', '-n', 'kube-system'], 'namespace', 'kube-system'],
    [['pods', '-n=kube-system'], 'namespace', 'kube-system'],
    [['pods', '-nkube-system'], 'namespace', 'kube-system'],
    [['pods', '--namespace', 'shop'], 'namespace', 'shop'],
    [['pods', '--namespace=shop'], 'namespace', 'shop'],
    [['pods', '-ojsonpath={.items[*].metadata.name}'], 'output', 'jsonpath={.items[*].metadata.name}'],
    [['pods', '-o', 'jsonpath={.items[0].metadata.name}'], 'output', 'jsonpath={.items[0].metadata.name}'],
    [['pods', '--output=custom-columns=NAME:.metadata.name'], 'output', 'custom-columns=NAME:.metadata.name'],
    [['pods', '-o=wide'], 'output', 'wide'],
    [['pods', '--sort-by', '.metadata.name'], 'sort-by', '.metadata.name'],
    [['pods', '--selector='], 'selector', ''],
  ])('%j sets --%s to %j', (argv, name, value) => {
    expect(flagString(parseFlags(argv, get), name)).toBe(value);
  });

  it('reads bools as present, =true/=false and the strconv spellings', () => {
    expect(flagBool(parseFlags(['-A'], get), 'all-namespaces')).toBe(true);
    expect(flagBool(parseFlags(['--all-namespaces'], get), 'all-namespaces')).toBe(true);
    expect(flagBool(parseFlags(['--all-namespaces=true'], get), 'all-namespaces')).toBe(true);
    expect(flagBool(parseFlags(['--all-namespaces=false'], get), 'all-namespaces')).toBe(false);
    expect(flagBool(parseFlags(['-A=0'], get), 'all-namespaces')).toBe(false);
    expect(flagBool(parseFlags(['--no-headers=T'], get), 'no-headers')).toBe(true);
    expect(flagBool(parseFlags([], get), 'all-namespaces')).toBe(false);
  });

  it('does not let a bool flag swallow the next word', () => {
    const p = parseFlags(['-A', 'true', 'pods'], get);
    expect(flagBool(p, 'all-namespaces')).toBe(true);
    expect(p.args).toEqual(['true', 'pods']);
  });

  it('bundles bool shorthands and ends the bundle at a value-taking one', () => {
    const exec = withGlobals(EXEC_FLAGS);
    const p = parseFlags(['-it', 'web', '-cnginx', '--', 'sh', '-c', 'echo hi'], exec);
    expect(flagBool(p, 'stdin')).toBe(true);
    expect(flagBool(p, 'tty')).toBe(true);
    expect(flagString(p, 'container')).toBe('nginx');
    expect(p.args).toEqual(['web', 'sh', '-c', 'echo hi']);
    expect(p.argsLenAtDash).toBe(1);
    const q = parseFlags(['-itc', 'app', 'web'], exec);
    expect(flagString(q, 'container')).toBe('app');
    expect(q.args).toEqual(['web']);
  });

  it('keeps positionals interspersed with flags, in order', () => {
    const p = parseFlags(['pod', '-n', 'x', 'web', '--show-labels', 'db'], get);
    expect(p.args).toEqual(['pod', 'web', 'db']);
    expect(p.changed).toEqual(new Set(['namespace', 'show-labels']));
  });

  it('treats everything after -- as positional, flags included', () => {
    const p = parseFlags(['--', '-n', '--foo'], get);
    expect(p.args).toEqual(['-n', '--foo']);
    expect(p.argsLenAtDash).toBe(0);
    expect(p.changed.size).toBe(0);
  });

  it('treats "-" alone as a positional (stdin)', () => {
    expect(parseFlags(['-f', '-'], get).args).toEqual([]);
    expect(flagList(parseFlags(['-f', '-'], get), 'filename')).toEqual(['-']);
    expect(parseFlags(['-'], get).args).toEqual(['-']);
  });

  it('stops at the first non-flag when interspersing is off', () => {
    const p = parseFlags(['web', '-c', 'x'], EXEC_FLAGS, { interspersed: false });
    expect(p.args).toEqual(['web', '-c', 'x']);
  });

  it('repeats list flags: slices split on commas, arrays keep each value whole', () => {
    const p = parseFlags(['-L', 'app,tier', '-L', 'zone', '-f', 'a.yaml,b.yaml', '-f', 'c.yaml'], get);
    expect(flagList(p, 'label-columns')).toEqual(['app', 'tier', 'zone']);
    expect(flagList(p, 'filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    const s = parseFlags(['--from-literal=a=1,2', '--from-literal', 'b=x y', '--from-file="k=v,w"'], CREATE_SECRET_FLAGS);
    expect(flagList(s, 'from-literal')).toEqual(['a=1,2', 'b=x y']);
    expect(flagList(s, 'from-file')).toEqual(['k=v,w']);
  });

  it('replaces a list default on the first use', () => {
    const table: FlagTable = [{ name: 'x', type: 'stringSlice', default: ['a'], usage: '' }];
    expect(flagList(parseFlags([], table), 'x')).toEqual(['a']);
    expect(flagList(parseFlags(['--x=b', '--x=c'], table), 'x')).toEqual(['b', 'c']);
  });

  it('reads integers in Go literal syntax', () => {
    const scale = withGlobals(SCALE_FLAGS);
    expect(flagNumber(parseFlags(['--replicas=3'], scale), 'replicas')).toBe(3);
    expect(flagNumber(parseFlags(['--replicas', '0x10'], scale), 'replicas')).toBe(16);
    expect(flagNumber(parseFlags(['--replicas=010'], scale), 'replicas')).toBe(8);
    expect(flagNumber(parseFlags(['--replicas=1_000'], scale), 'replicas')).toBe(1000);
    expect(flagNumber(parseFlags(['--replicas=-2'], scale), 'replicas')).toBe(-2);
    expect(flagNumber(parseFlags([], scale), 'current-replicas')).toBe(-1);
    expect(flagNumber(parseFlags(['-v6'], scale), 'v')).toBe(6);
  });

  it('uses the NoOptDefVal of a string flag given bare', () => {
    expect(flagString(parseFlags(['--dry-run'], withGlobals(SCALE_FLAGS)), 'dry-run')).toBe('unchanged');
    expect(flagString(parseFlags(['--dry-run=client'], withGlobals(SCALE_FLAGS)), 'dry-run')).toBe('client');
  });

  it('reports -h and --help as a help request', () => {
    expect(parseFlags(['pods', '--help'], get).help).toBe(true);
    expect(parseFlags(['-h'], get).help).toBe(true);
    expect(parseFlags(['-Ah'], get).help).toBe(true);
  });

  it('notes deprecated flags for stderr', () => {
    const table: FlagTable = [{ name: 'old', type: 'bool', deprecated: 'use --new instead', usage: '' }];
    expect(parseFlags(['--old'], table).warnings).toEqual(['Flag --old has been deprecated, use --new instead']);
  });

  it('accepts the global flags on any command', () => {
    const p = parseFlags(['--context', 'k8s-c2', '--kubeconfig=/tmp/kc', '--as', 'jane', '--as-group', 'dev', '--as-group', 'ops', '-s', 'https://x:6443', '--request-timeout=5s', '--insecure-skip-tls-verify', '--token=abc', '--user', 'u', '--cluster', 'c', '--warnings-as-errors', '--match-server-version', '--cache-dir=/c', '--password=p', '--username=u', '--certificate-authority=ca', '--client-certificate=cc', '--client-key=ck', '-v=4'], withGlobals(LOGS_FLAGS));
    expect(flagString(p, 'context')).toBe('k8s-c2');
    expect(flagList(p, 'as-group')).toEqual(['dev', 'ops']);
    expect(flagString(p, 'server')).toBe('https://x:6443');
    expect(flagNumber(p, 'v')).toBe(4);
    expect(p.args).toEqual([]);
  });
});

const errorCases: [string, string[], FlagTable, string][] = [
  ['an unknown long flag', ['pods', '--foo'], get, 'unknown flag: --foo'],
  ['an unknown long flag with a value', ['pods', '--foo=bar'], get, 'unknown flag: --foo'],
  ['an unknown shorthand', ['pods', '-z'], get, "unknown shorthand flag: 'z' in -z"],
  ['an unknown shorthand after a known one', ['pods', '-Az'], get, "unknown shorthand flag: 'z' in -z"],
  ['a missing value for a long flag', ['pods', '--sort-by'], get, 'flag needs an argument: --sort-by'],
  ['a missing value for a shorthand', ['pods', '-n'], get, "flag needs an argument: 'n' in -n"],
  ['a missing value for -o', ['pods', '-o'], get, "flag needs an argument: 'o' in -o"],
  ['a bad bool', ['pods', '--all-namespaces=maybe'], get, 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
  ['a bad bool on a shorthand', ['pods', '-A=yes'], get, 'invalid argument "yes" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "yes": invalid syntax'],
  ['a bad bool without a shorthand', ['pods', '--no-headers=2'], get, 'invalid argument "2" for "--no-headers" flag: strconv.ParseBool: parsing "2": invalid syntax'],
  ['a bad int', ['deploy', 'x', '--replicas=x'], withGlobals(SCALE_FLAGS), 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ['an empty int', ['--replicas='], withGlobals(SCALE_FLAGS), 'invalid argument "" for "--replicas" flag: strconv.ParseInt: parsing "": invalid syntax'],
  ['an int with a fraction', ['x', '--image=a', '--replicas=1.5'], withGlobals(CREATE_DEPLOYMENT_FLAGS), 'invalid argument "1.5" for "-r, --replicas" flag: strconv.ParseInt: parsing "1.5": invalid syntax'],
  ['an int32 out of range', ['x', '--port=99999999999'], withGlobals(CREATE_DEPLOYMENT_FLAGS), 'invalid argument "99999999999" for "--port" flag: strconv.ParseInt: parsing "99999999999": value out of range'],
  ['a bad -v level', ['pods', '-v=x'], get, 'invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ['a bad duration', ['web', '--since=5'], withGlobals(LOGS_FLAGS), 'invalid argument "5" for "--since" flag: time: missing unit in duration "5"'],
  ['an unknown duration unit', ['web', '--since=5q'], withGlobals(LOGS_FLAGS), 'invalid argument "5q" for "--since" flag: time: unknown unit "q" in duration "5q"'],
  ['three dashes', ['pods', '---x'], get, 'bad flag syntax: ---x'],
  ['--=value', ['pods', '--=x'], get, 'bad flag syntax: --=x'],
];

describe('flag errors, in pflag words', () => {
  it.each(errorCases)('%s', (_what, argv, table, message) => {
    expect(() => parseFlags(argv, table)).toThrow(FlagError);
    expect(() => parseFlags(argv, table)).toThrow(message);
  });

  it('frames errors as kubectl prints them', () => {
    let err: FlagError | undefined;
    try {
      parseFlags(['--foo'], get);
    } catch (e) {
      err = e as FlagError;
    }
    expect(formatFlagError(err!, 'kubectl get')).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
  });
});

describe.skipIf(!hasKubectl())('flag errors against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  const commands: Record<string, [string[], string, FlagTable]> = {
    get: [['get'], 'kubectl get', get],
    scale: [['scale'], 'kubectl scale', withGlobals(SCALE_FLAGS)],
    'create deployment': [['create', 'deployment'], 'kubectl create deployment', withGlobals(CREATE_DEPLOYMENT_FLAGS)],
    logs: [['logs'], 'kubectl logs', withGlobals(LOGS_FLAGS)],
  };
  const cases: [string, string[]][] = [
    ['get', ['pods', '--foo']],
    ['get', ['pods', '-z']],
    ['get', ['pods', '-Az']],
    ['get', ['pods', '-n']],
    ['get', ['pods', '--all-namespaces=maybe']],
    ['get', ['pods', '-A=yes']],
    ['get', ['pods', '---x']],
    ['get', ['pods', '-v=x']],
    ['scale', ['deploy', 'x', '--replicas=x']],
    ['scale', ['deploy', 'x', '--replicas']],
    ['scale', ['deploy', 'x', '--timeout=5']],
    ['create deployment', ['x', '--image']],
    ['create deployment', ['x', '--image=a', '--replicas=1.5']],
    ['create deployment', ['x', '--image=a', '-r', 'many']],
    ['logs', ['-f=x', 'po']],
    ['logs', ['po', '--tail=ten']],
    ['logs', ['po', '--since=1x']],
  ];
  it.each(cases)('kubectl %s %j', async (cmd, argv) => {
    const [words, path, table] = commands[cmd]!;
    const real = await kubectl([...words, ...argv]);
    let mine = '';
    try {
      parseFlags(argv, table);
    } catch (e) {
      mine = formatFlagError(e as FlagError, path);
    }
    expect(mine).toBe(real.stderr);
    expect(real.code).toBe(1);
  });
});
