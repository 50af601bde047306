/**
 * Informational commands inside containers: date, env/printenv, hostname, id, whoami, uname,
 * seq, expr, yes, basename, dirname, base64, nproc.
 */
import type { CommandFn, Gen } from '../script/interpreter.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** `date` with the default format and strftime-style +FORMAT (UTC, as containers run). */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const fmt = format ?? '%a %b %e %H:%M:%S %Z %Y';
  return fmt.replace(/%([a-zA-Z%:]|:z)/g, (_m, c: string) => {
    switch (c) {
      case 'a':
        return DAYS[d.getUTCDay()]!;
      case 'A':
        return FULL_DAYS[d.getUTCDay()]!;
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()]!;
      case 'B':
        return FULL_MONTHS[d.getUTCMonth()]!;
      case 'd':
        return p2(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'H':
        return p2(d.getUTCHours());
      case 'I':
        return p2(d.getUTCHours() % 12 || 12);
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 'N':
        return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return p2(d.getUTCFullYear() % 100);
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'j':
        return String(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0');
      case 'p':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case ':z':
        return '+00:00';
      case 's':
        return String(Math.floor(ms / 1000));
      case 'u':
        return String(d.getUTCDay() || 7);
      case 'w':
        return String(d.getUTCDay());
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'D':
        return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case 'R':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

// eslint-disable-next-line require-yield
export const date: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  const fmtArg = args.find((a) => a.startsWith('+'));
  const now = ctx.host.now();
  if (fmtArg) ctx.stdout.write(`${formatDate(now, fmtArg.slice(1))}\n`);
  else if (args.includes('-R')) ctx.stdout.write(`${formatDate(now, '%a, %d %b %Y %H:%M:%S %z')}\n`);
  else if (args.some((a) => a.startsWith('-I') || a.startsWith('--iso'))) ctx.stdout.write(`${formatDate(now, args.some((a) => a.includes('seconds')) ? '%Y-%m-%dT%H:%M:%S%:z' : '%Y-%m-%d')}\n`);
  else ctx.stdout.write(`${formatDate(now)}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const env: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  if (ctx.argv[0] === 'printenv' && args.length > 0) {
    let st = 0;
    for (const a of args) {
      const v = ctx.env.get(a);
      if (v === undefined) st = 1;
      else ctx.stdout.write(`${v}\n`);
    }
    return st;
  }
  for (const [k, v] of ctx.env) ctx.stdout.write(`${k}=${v}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const hostname: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  if (args.includes('-i')) ctx.stdout.write(`${ctx.host.net.sourceIp}\n`);
  else ctx.stdout.write(`${ctx.host.hostname}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const whoami: CommandFn = function* (ctx): Gen {
  const uid = ctx.host.identity.uid;
  ctx.stdout.write(`${uid === 0 ? 'root' : uid === 101 ? 'nginx' : uid === 999 ? 'redis' : uid === 65532 ? 'nonroot' : `${uid}`}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const id: CommandFn = function* (ctx): Gen {
  const { uid, gid, groups } = ctx.host.identity;
  if (uid === 0 && gid === 0) {
    ctx.stdout.write(ctx.host.flavour === 'ash' ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  }
  const all = [...new Set([gid, ...groups])].sort((a, b) => a - b);
  ctx.stdout.write(`uid=${uid} gid=${gid} groups=${all.join(',')}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const uname: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1).join('');
  const kernel = '6.8.0-1029-aws';
  if (args.includes('a')) ctx.stdout.write(`Linux ${ctx.host.hostname} ${kernel} #31-Ubuntu SMP Fri Apr 25 10:52:43 UTC 2025 x86_64${ctx.host.flavour === 'ash' ? ' Linux' : ' GNU/Linux'}\n`);
  else if (args.includes('r')) ctx.stdout.write(`${kernel}\n`);
  else if (args.includes('m')) ctx.stdout.write('x86_64\n');
  else if (args.includes('n')) ctx.stdout.write(`${ctx.host.hostname}\n`);
  else ctx.stdout.write('Linux\n');
  return 0;
};

// eslint-disable-next-line require-yield
export const seq: CommandFn = function* (ctx): Gen {
  const nums = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || /^-\d/.test(a)).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  for (let i = first, n = 0; step > 0 ? i <= last : i >= last; i += step, n++) {
    if (n > 100000) break;
    ctx.stdout.write(`${i}\n`);
  }
  return 0;
};

// eslint-disable-next-line require-yield
export const expr: CommandFn = function* (ctx): Gen {
  const a = ctx.argv.slice(1);
  if (a.length === 3) {
    const [x, op, y] = a as [string, string, string];
    const nx = Number(x);
    const ny = Number(y);
    const table: Record<string, () => string> = {
      '+': () => String(nx + ny),
      '-': () => String(nx - ny),
      '*': () => String(nx * ny),
      '/': () => String(Math.trunc(nx / ny)),
      '%': () => String(nx % ny),
      '=': () => (x === y ? '1' : '0'),
      '!=': () => (x !== y ? '1' : '0'),
      '<': () => (nx < ny ? '1' : '0'),
      '>': () => (nx > ny ? '1' : '0'),
    };
    const f = table[op];
    if (f) {
      const v = f();
      ctx.stdout.write(`${v}\n`);
      return v === '0' ? 1 : 0;
    }
  }
  ctx.stdout.write(`${a.join(' ')}\n`);
  return 0;
};

export const yes: CommandFn = function* (ctx): Gen {
  const word = ctx.argv.slice(1).join(' ') || 'y';
  for (;;) {
    for (let i = 0; i < 1000; i++) ctx.stdout.write(`${word}\n`);
    yield { kind: 'sleep', ms: 10 };
  }
};

// eslint-disable-next-line require-yield
export const basename: CommandFn = function* (ctx): Gen {
  const p = (ctx.argv[1] ?? '').replace(/\/+$/, '');
  let b = p.slice(p.lastIndexOf('/') + 1) || '/';
  if (ctx.argv[2] && b.endsWith(ctx.argv[2])) b = b.slice(0, -ctx.argv[2].length);
  ctx.stdout.write(`${b}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const dirname: CommandFn = function* (ctx): Gen {
  const p = (ctx.argv[1] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  ctx.stdout.write(`${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const base64: CommandFn = function* (ctx): Gen {
  const decode = ctx.argv.includes('-d') || ctx.argv.includes('--decode');
  const input = ctx.stdin;
  if (decode) ctx.stdout.write(Buffer.from(input.trim(), 'base64').toString('utf8'));
  else ctx.stdout.write(`${(Buffer.from(input).toString('base64').match(/.{1,76}/g) ?? ['']).join('\n')}\n`);
  return 0;
};

// eslint-disable-next-line require-yield
export const nproc: CommandFn = function* (ctx): Gen {
  ctx.stdout.write(`${ctx.host.identity.cpus}\n`);
  return 0;
};
