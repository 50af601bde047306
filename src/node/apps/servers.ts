/**
 * The servers images run: nginx, httpd, redis, mysql, postgres, memcached, mongo, python's
 * http.server, CoreDNS, agnhost, echoserver, pause, stress. Each prints the start-up lines
 * the real one prints, listens on the ports its configuration says (nginx reads its conf.d),
 * serves files from the container's filesystem, and ends the way it really ends: mysql
 * without MYSQL_ROOT_PASSWORD exits 1, nginx with an unknown directive stops with [emerg].
 */
import type { ImageInfo } from '../images.js';
import { httpResponse, type Endpoint, type HttpRequest, type HttpResponse } from '../net/types.js';
import type { VirtualFS } from '../../vfs/fs.js';
import { loadNginxConfig, nginxErrorPage, type NginxConfig, type NginxServer } from './nginx-conf.js';
import type { CommandCtx, CommandFn, Gen } from './script/interpreter.js';
import { formatDate } from './commands/info.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** 01/Jan/2026:09:00:00 +0000, the Common Log Format timestamp. */
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** The second nginxTime last formatted, and its text (many containers start within a second). */
let nginxTimeMemo = { second: NaN, text: '' };

/** 2026/01/01 09:00:00, nginx's error-log timestamp. */
function nginxTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === nginxTimeMemo.second) return nginxTimeMemo.text;
  const d = new Date(second * 1000);
  const text = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  nginxTimeMemo = { second, text };
  return text;
}

/** Serves forever; SIGTERM ends it with `code` after `delayMs`. */
function* serve(ctx: CommandCtx, code = 0, delayMs = 0): Gen {
  ctx.host.onTerm({ code, delayMs });
  yield { kind: 'block' };
  return code;
}

function readIf(ctx: CommandCtx, path: string): string | undefined {
  try {
    return ctx.host.fs.isFile(path) ? ctx.host.fs.read(path) : undefined;
  } catch {
    return undefined;
  }
}

function staticFile(ctx: CommandCtx, root: string, index: string[], reqPath: string): { status: number; body?: string } {
  const clean = decodeURIComponent(reqPath.split('?')[0]!).replace(/\/+/g, '/');
  const base = `${root.replace(/\/$/, '')}${clean}`;
  const fs = ctx.host.fs;
  if (clean.endsWith('/') || fs.isDir(base)) {
    if (!clean.endsWith('/')) return { status: 301 };
    for (const i of index) {
      const body = readIf(ctx, `${base.replace(/\/$/, '')}/${i}`);
      if (body !== undefined) return { status: 200, body };
    }
    return { status: fs.isDir(base) ? 403 : 404 };
  }
  const body = readIf(ctx, base);
  return body === undefined ? { status: 404 } : { status: 200, body };
}

// ---- nginx ---------------------------------------------------------------------------------

function nginxConfFiles(ctx: CommandCtx, confPath?: string): { path: string; text: string }[] {
  if (confPath) {
    const text = readIf(ctx, confPath);
    return text === undefined ? [] : [{ path: confPath, text }];
  }
  const main = readIf(ctx, '/etc/nginx/nginx.conf') ?? '';
  const files = [{ path: '/etc/nginx/nginx.conf', text: main }];
  if (main.includes('include /etc/nginx/conf.d/*.conf') || !main) {
    let names: string[] = [];
    try {
      names = ctx.host.fs.list('/etc/nginx/conf.d').filter((n) => n.endsWith('.conf'));
    } catch {
      names = [];
    }
    for (const n of names) files.push({ path: `/etc/nginx/conf.d/${n}`, text: readIf(ctx, `/etc/nginx/conf.d/${n}`) ?? '' });
  }
  return files;
}

/** Configurations read from an image layer's own /etc/nginx, by layer, at the layer's version. */
const imageConfigs = new WeakMap<VirtualFS, { version: number; conf: NginxConfig }>();

/**
 * nginx's configuration: the -c file, or nginx.conf and conf.d. Every container of an image
 * that has not touched /etc/nginx reads the same files (its image layer's), so those parse once.
 */
function nginxConfig(ctx: CommandCtx, confPath?: string): NginxConfig {
  const layer = confPath === undefined ? ctx.host.fs.imageLayerFor('/etc/nginx') : undefined;
  if (!layer) return loadNginxConfig(nginxConfFiles(ctx, confPath));
  const hit = imageConfigs.get(layer);
  if (hit?.version === layer.version) return hit.conf;
  const conf = loadNginxConfig(nginxConfFiles(ctx));
  imageConfigs.set(layer, { version: layer.version, conf });
  return conf;
}

function nginxEndpoint(ctx: CommandCtx, server: NginxServer, version: string): Endpoint {
  return {
    describe: `nginx/${version}`,
    http: (req: HttpRequest): HttpResponse => {
      const path = req.path.split('?')[0]!;
      const loc =
        server.locations.find((l) => l.exact && l.match === path) ??
        [...server.locations].filter((l) => !l.exact && path.startsWith(l.match)).sort((a, b) => b.match.length - a.match.length)[0];
      let res: HttpResponse;
      if (loc?.ret) res = httpResponse(loc.ret.status, loc.ret.body, { 'Content-Type': 'application/octet-stream', Server: `nginx/${version}` });
      else {
        const f = staticFile(ctx, loc?.root ?? server.root, loc?.index ?? server.index, req.path);
        if (f.status === 200) res = httpResponse(200, req.method === 'HEAD' ? '' : f.body!, { Server: `nginx/${version}`, 'Content-Type': path.endsWith('.json') ? 'application/json' : 'text/html', 'Accept-Ranges': 'bytes' });
        else {
          const reason = f.status === 404 ? 'Not Found' : f.status === 403 ? 'Forbidden' : 'Moved Permanently';
          res = httpResponse(f.status, nginxErrorPage(f.status, reason, version), { Server: `nginx/${version}`, 'Content-Type': 'text/html' });
          if (f.status === 404) ctx.host.log('stderr', `${nginxTime(ctx.host.now())} [error] 29#29: *1 open() "${server.root}${path}" failed (2: No such file or directory), client: ${req.from}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`);
        }
      }
      const bytes = res.status === 200 ? Buffer.byteLength(res.body) : Buffer.byteLength(res.body);
      ctx.host.log('stdout', `${req.from} - - [${clfTime(ctx.host.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "-" "${req.userAgent}" "-"`);
      return res;
    },
  };
}

/** The start-up lines last written, by their time and version (containers of a second share them). */
let startLinesMemo = { at: '', version: '', text: '' };

/** What nginx prints to stderr as it starts, at `at` (nginxTime). */
function nginxStartLines(at: string, version: string): string {
  if (startLinesMemo.at === at && startLinesMemo.version === version) return startLinesMemo.text;
  const pid = 1;
  const text = [
    `${at} [notice] ${pid}#${pid}: using the "epoll" event method`,
    `${at} [notice] ${pid}#${pid}: nginx/${version}`,
    `${at} [notice] ${pid}#${pid}: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
    `${at} [notice] ${pid}#${pid}: OS: Linux 6.8.0-1029-aws`,
    `${at} [notice] ${pid}#${pid}: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${at} [notice] ${pid}#${pid}: start worker processes`,
    `${at} [notice] ${pid}#${pid}: start worker process 29`,
    `${at} [notice] ${pid}#${pid}: start worker process 30`,
    '',
  ].join('\n');
  startLinesMemo = { at, version, text };
  return text;
}

function nginxCommand(image: ImageInfo): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args.includes('-v') || args.includes('-V')) {
      ctx.stderr.write(`nginx version: nginx/${image.version}\n`);
      return 0;
    }
    const confIdx = args.indexOf('-c');
    const conf = nginxConfig(ctx, confIdx >= 0 ? args[confIdx + 1] : undefined);
    const now = () => nginxTime(ctx.host.now());
    if (!conf.ok) {
      ctx.stderr.write(`${now()} [emerg] 1#1: ${conf.message}\nnginx: [emerg] ${conf.message}\n`);
      return 1;
    }
    if (args.includes('-t')) {
      ctx.stderr.write(`nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n`);
      return 0;
    }
    ctx.stderr.write(nginxStartLines(now(), image.version)); // one instant: the start-up lines are written at once
    for (const s of conf.servers) for (const port of s.ports) ctx.host.listen(port, nginxEndpoint(ctx, s, image.version));
    const joined = args.join(' ');
    const daemonOff = joined.includes('daemon off') || /daemon\s+off/.test(joined);
    if (!daemonOff) return 0; // nginx daemonizes: the command returns while the server keeps running
    return yield* serve(ctx, 0, 0);
  };
}

/** What the nginx image's /docker-entrypoint.sh prints before it execs nginx. */
const NGINX_ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
  '',
].join('\n');

/** The nginx image's /docker-entrypoint.sh: its start-up lines, then exec "$@". */
function nginxEntrypoint(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args[0] === 'nginx' || args[0] === 'nginx-debug') ctx.stdout.write(NGINX_ENTRYPOINT_LINES);
    if (args.length === 0) return 0;
    return yield* ctx.shell.invoke(args, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr }, ctx.env);
  };
}

// ---- httpd ---------------------------------------------------------------------------------

function httpdCommand(image: ImageInfo): CommandFn {
  return function* (ctx): Gen {
    const stamp = () => formatDate(ctx.host.now(), '%a %b %d %H:%M:%S.%N %Y').replace(/\.(\d{6})\d{3}/, '.$1');
    const ip = ctx.host.net.sourceIp;
    ctx.stderr.write(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`.repeat(2));
    ctx.stderr.write(`[${stamp()}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${image.version} (Unix) configured -- resuming normal operations\n`);
    ctx.stderr.write(`[${stamp()}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
    const root = '/usr/local/apache2/htdocs';
    ctx.host.listen(80, {
      describe: `Apache/${image.version}`,
      http: (req) => {
        const f = staticFile(ctx, root, ['index.html'], req.path);
        const res = f.status === 200 ? httpResponse(200, f.body!, { Server: `Apache/${image.version} (Unix)`, 'Content-Type': 'text/html' }) : httpResponse(404, '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', { Server: `Apache/${image.version} (Unix)` });
        ctx.host.log('stdout', `${req.from} - - [${clfTime(ctx.host.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${Buffer.byteLength(res.body)}`);
        return res;
      },
    });
    return yield* serve(ctx, 0, 0);
  };
}

// ---- redis, memcached, mongo, rabbitmq -------------------------------------------------------

function redisCommand(image: ImageInfo): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args.includes('--version') || args.includes('-v')) {
      ctx.stdout.write(`Redis server v=${image.version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=6b9ed4e2ddd2c5b3\n`);
      return 0;
    }
    const portIdx = args.indexOf('--port');
    const port = portIdx >= 0 ? Number(args[portIdx + 1]) : 6379;
    const t = () => {
      const d = new Date(ctx.host.now());
      return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
    };
    const conf = args.find((a) => a.endsWith('.conf'));
    if (conf && !ctx.host.fs.isFile(conf)) {
      ctx.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Redis ${image.version}) ***\nFatal error, can't open config file '${conf}': No such file or directory\n`);
      return 1;
    }
    ctx.stdout.write(
      [
        `1:C ${t()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t()} * Redis version=${image.version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        conf ? `1:C ${t()} * Configuration loaded` : `1:C ${t()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${t()} * monotonic clock: POSIX clock_gettime`,
        `1:M ${t()} * Running mode=standalone, port=${port}.`,
        `1:M ${t()} * Server initialized`,
        `1:M ${t()} * Ready to accept connections tcp`,
        '',
      ].join('\n'),
    );
    ctx.host.listen(port, { describe: 'redis', banner: '' });
    return yield* serve(ctx, 0, 0);
  };
}

function memcachedCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const pIdx = args.indexOf('-p');
    ctx.host.listen(pIdx >= 0 ? Number(args[pIdx + 1]) : 11211, { describe: 'memcached', banner: '' });
    return yield* serve(ctx, 0, 0);
  };
}

function mongoCommand(): CommandFn {
  return function* (ctx): Gen {
    const ts = () => new Date(ctx.host.now()).toISOString().replace('Z', '+00:00');
    ctx.stdout.write(`{"t":{"$date":"${ts()}"},"s":"I",  "c":"NETWORK",  "id":4915701, "ctx":"main","msg":"Initialized wire specification","attr":{"spec":{"incomingExternalClient":{"minWireVersion":0,"maxWireVersion":25}}}}\n`);
    ctx.stdout.write(`{"t":{"$date":"${ts()}"},"s":"I",  "c":"CONTROL",  "id":4615611, "ctx":"initandlisten","msg":"MongoDB starting","attr":{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${ctx.host.hostname}"}}\n`);
    ctx.stdout.write(`{"t":{"$date":"${ts()}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}\n`);
    ctx.host.listen(27017, { describe: 'mongod', banner: '' });
    return yield* serve(ctx, 0, 0);
  };
}

function rabbitCommand(): CommandFn {
  return function* (ctx): Gen {
    ctx.stdout.write(`${new Date(ctx.host.now()).toISOString().replace('T', ' ').replace('Z', '+00:00')} [info] <0.254.0> Starting RabbitMQ\n`);
    yield { kind: 'sleep', ms: 8000 };
    ctx.stdout.write(`${new Date(ctx.host.now()).toISOString().replace('T', ' ').replace('Z', '+00:00')} [info] <0.254.0> Server startup complete; 0 plugins started.\n`);
    ctx.host.listen(5672, { describe: 'rabbitmq', banner: '' });
    return yield* serve(ctx, 0, 0);
  };
}

// ---- databases with required settings -----------------------------------------------------------

function mysqlEntrypoint(image: ImageInfo, flavour: 'mysql' | 'mariadb'): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const ts = () => new Date(ctx.host.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
    const server = flavour === 'mysql' ? 'mysqld' : 'mariadbd';
    if (args[0] !== server && args[0] !== 'mysqld') return yield* ctx.shell.invoke(args.length ? args : ['true'], { stdin: '', stdout: ctx.stdout, stderr: ctx.stderr }, ctx.env);
    const label = flavour === 'mysql' ? `MySQL Server ${image.version}-1.el9` : `MariaDB Server ${image.version}`;
    ctx.stdout.write(`${ts()} [Note] [Entrypoint]: Entrypoint script for ${label} started.\n`);
    const env = ctx.env;
    const prefix = flavour === 'mysql' ? 'MYSQL' : 'MARIADB';
    const has = (k: string) => !!(env.get(`${prefix}_${k}`) ?? env.get(`MYSQL_${k}`));
    if (!has('ROOT_PASSWORD') && !has('ALLOW_EMPTY_PASSWORD') && !has('RANDOM_ROOT_PASSWORD') && !has('ROOT_PASSWORD_HASH')) {
      ctx.stderr.write(
        flavour === 'mysql'
          ? `${ts()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`
          : `${ts()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n`,
      );
      return 1;
    }
    ctx.stdout.write(`${ts()} [Note] [Entrypoint]: Initializing database files\n`);
    ctx.host.allocate(360 * 1024 * 1024);
    yield { kind: 'sleep', ms: 12000 };
    ctx.stdout.write(`${ts()} [Note] [Entrypoint]: Database files initialized\n${ts()} [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n`);
    ctx.stderr.write(`${ts()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${image.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`);
    ctx.host.listen(3306, { describe: 'mysqld', banner: `J\u0000\u0000\u0000\n${image.version}\u0000` });
    if (flavour === 'mysql') ctx.host.listen(33060, { describe: 'mysqlx', banner: '' });
    return yield* serve(ctx, 0, 2000);
  };
}

function postgresEntrypoint(image: ImageInfo): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args[0] !== 'postgres') return yield* ctx.shell.invoke(args.length ? args : ['true'], { stdin: '', stdout: ctx.stdout, stderr: ctx.stderr }, ctx.env);
    const pw = ctx.env.get('POSTGRES_PASSWORD');
    if (!pw && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      ctx.stderr.write(
        'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n',
      );
      return 1;
    }
    const ts = () => new Date(ctx.host.now()).toISOString().replace('T', ' ').replace('Z', ' UTC').replace(/\.(\d{3}) UTC/, '.$1 UTC');
    ctx.stdout.write('The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\n');
    yield { kind: 'sleep', ms: 3000 };
    ctx.stdout.write(`PostgreSQL init process complete; ready for start up.\n\n${ts()} [1] LOG:  starting PostgreSQL ${image.version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit\n${ts()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n${ts()} [1] LOG:  database system is ready to accept connections\n`);
    ctx.host.listen(5432, { describe: 'postgres', banner: '' });
    return yield* serve(ctx, 0, 1000);
  };
}

/** Entrypoints that only exec their arguments (redis, memcached, mongo, node images). */
function passThroughEntrypoint(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args.length === 0) return 0;
    return yield* ctx.shell.invoke(args, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr }, ctx.env);
  };
}

// ---- language runtimes -------------------------------------------------------------------------

function pythonCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const unbuffered = args.includes('-u') || !!ctx.env.get('PYTHONUNBUFFERED');
    const rest = args.filter((a) => a !== '-u');
    if (rest[0] === '--version' || rest[0] === '-V') {
      ctx.stdout.write('Python 3.13.5\n');
      return 0;
    }
    if (rest[0] === '-m' && rest[1] === 'http.server') {
      const port = Number(rest.find((a, i) => i > 1 && /^\d+$/.test(a)) ?? 8000);
      const dirIdx = rest.findIndex((a) => a === '--directory' || a === '-d');
      const root = dirIdx >= 0 ? rest[dirIdx + 1]! : ctx.cwd;
      if (unbuffered) ctx.stdout.write(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
      ctx.host.listen(port, {
        describe: 'python http.server',
        http: (req) => {
          const f = staticFile(ctx, root, ['index.html', 'index.htm'], req.path);
          let body = f.body;
          if (f.status === 403) body = listing(ctx, root, req.path);
          const res = body !== undefined ? httpResponse(200, body, { Server: 'SimpleHTTP/0.6 Python/3.13.5', 'Content-type': 'text/html' }) : httpResponse(404, '', { Server: 'SimpleHTTP/0.6 Python/3.13.5' });
          const d = new Date(ctx.host.now());
          ctx.host.log('stderr', `${req.from} - - [${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`);
          return res;
        },
      });
      return yield* serve(ctx, 143, 0);
    }
    if (rest[0] === '-c') {
      const code = rest[1] ?? '';
      for (const m of code.matchAll(/print\((['"])(.*?)\1\)/g)) ctx.stdout.write(`${m[2]}\n`);
      const sleep = /time\.sleep\((\d+(?:\.\d+)?)\)/.exec(code);
      if (sleep) yield { kind: 'sleep', ms: Number(sleep[1]) * 1000 };
      if (/while True/.test(code)) yield { kind: 'block' };
      const exit = /(?:sys\.)?exit\((\d+)\)/.exec(code);
      return exit ? Number(exit[1]) : 0;
    }
    const script = rest.find((a) => !a.startsWith('-'));
    if (!script) {
      yield { kind: 'block' };
      return 0;
    }
    const path = script.startsWith('/') ? script : `${ctx.cwd.replace(/\/$/, '')}/${script}`;
    if (!ctx.host.fs.isFile(path)) {
      ctx.stderr.write(`${ctx.argv[0]!.split('/').pop()}: can't open file '${path}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    yield { kind: 'block' };
    return 0;
  };
}

function listing(ctx: CommandCtx, root: string, path: string): string {
  const dir = `${root.replace(/\/$/, '')}${path}`;
  let names: string[] = [];
  try {
    names = ctx.host.fs.list(dir);
  } catch {
    names = [];
  }
  const items = names.map((n) => `<li><a href="${n}${ctx.host.fs.isDir(`${dir}/${n}`) ? '/' : ''}">${n}${ctx.host.fs.isDir(`${dir}/${n}`) ? '/' : ''}</a></li>`).join('\n');
  return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items}\n</ul>\n<hr>\n</body>\n</html>\n`;
}

function nodeCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-v') {
      ctx.stdout.write('v24.2.0\n');
      return 0;
    }
    if (args[0] === '-e') {
      for (const m of (args[1] ?? '').matchAll(/console\.log\((['"`])(.*?)\1\)/g)) ctx.stdout.write(`${m[2]}\n`);
      return 0;
    }
    const script = args.find((a) => !a.startsWith('-'));
    if (!script) {
      yield { kind: 'block' };
      return 0;
    }
    const path = script.startsWith('/') ? script : `${ctx.cwd.replace(/\/$/, '')}/${script}`;
    if (!ctx.host.fs.isFile(path)) {
      ctx.stderr.write(`node:internal/modules/cjs/loader:1413\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n    at Function._resolveFilename (node:internal/modules/cjs/loader:1410:15)\n    at defaultResolveImpl (node:internal/modules/cjs/loader:1061:19)\n    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1066:22)\n    at Function._load (node:internal/modules/cjs/loader:1215:37)\n    at TracingChannel.traceSync (node:diagnostics_channel:322:14)\n    at wrapModuleLoad (node:internal/modules/cjs/loader:235:24)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:152:5)\n    at node:internal/main/run_main_module:33:47 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v24.2.0\n`);
      return 1;
    }
    yield { kind: 'block' };
    return 0;
  };
}

// ---- cluster add-ons and test images --------------------------------------------------------------

function corednsCommand(image: ImageInfo): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const confIdx = args.indexOf('-conf');
    const conf = confIdx >= 0 ? args[confIdx + 1]! : 'Corefile';
    const text = readIf(ctx, conf.startsWith('/') ? conf : `/${conf}`);
    if (text === undefined) {
      ctx.stdout.write(`Error: open ${conf}: no such file or directory\n`);
      return 1;
    }
    if ((text.match(/{/g) ?? []).length !== (text.match(/}/g) ?? []).length) {
      ctx.stdout.write(`${conf}:${text.split('\n').length - 1} - Error during parsing: Unexpected EOF\n`);
      return 1;
    }
    ctx.stdout.write(`.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-${image.version.replace(/^v/, '')}\nlinux/amd64, go1.23.3, 51e11f1\n`);
    const ok = (body: string) => ({ describe: 'coredns', http: () => httpResponse(200, body, { 'Content-Type': 'text/plain; charset=utf-8' }) });
    ctx.host.listen(53, { describe: 'coredns dns', banner: '' });
    ctx.host.listen(8080, ok('OK'));
    ctx.host.listen(8181, ok('OK'));
    ctx.host.listen(9153, ok('# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n'));
    ctx.host.allocate(30 * 1024 * 1024);
    return yield* serve(ctx, 0, 5000);
  };
}

function agnhostCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const sub = args[0];
    const flag = (name: string, fallback: string) => {
      const a = args.find((x) => x.startsWith(`--${name}=`));
      if (a) return a.slice(name.length + 3);
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1]! : fallback;
    };
    const started = ctx.host.now();
    switch (sub) {
      case 'netexec': {
        const port = Number(flag('http-port', '8080'));
        ctx.stderr.write(`I0101 00:00:00.000000       1 log.go:245] Started HTTP server on port ${port}\n`);
        ctx.host.listen(port, {
          describe: 'agnhost netexec',
          http: (req) => {
            const path = req.path.split('?')[0];
            const q = new URLSearchParams(req.path.split('?')[1] ?? '');
            if (path === '/hostname') return httpResponse(200, ctx.host.hostname);
            if (path === '/echo') return httpResponse(200, q.get('msg') ?? '');
            if (path === '/clientip') return httpResponse(200, `${req.from}:44212`);
            if (path === '/healthz' || path === '/' || path === '/readyz') return httpResponse(200, path === '/' ? 'NOW: ' + new Date(ctx.host.now()).toISOString() : 'ok');
            if (path === '/exit') return httpResponse(200, '');
            return httpResponse(404, '404 page not found\n');
          },
        });
        return yield* serve(ctx, 0, 0);
      }
      case 'serve-hostname': {
        const port = Number(flag('port', '9376'));
        ctx.host.listen(port, { describe: 'agnhost serve-hostname', http: () => httpResponse(200, ctx.host.hostname) });
        return yield* serve(ctx, 0, 0);
      }
      case 'liveness':
        ctx.host.listen(8080, { describe: 'agnhost liveness', http: () => (ctx.host.now() - started < 10000 ? httpResponse(200, 'ok') : httpResponse(500, `error: ${Math.floor((ctx.host.now() - started) / 1000)}`)) });
        return yield* serve(ctx, 0, 0);
      case 'test-webserver': {
        const port = Number(flag('port', '80'));
        ctx.host.listen(port, { describe: 'agnhost test-webserver', http: () => httpResponse(200, 'hello\n') });
        return yield* serve(ctx, 0, 0);
      }
      case 'pause':
        ctx.stdout.write('Paused\n');
        return yield* serve(ctx, 0, 0);
      default:
        ctx.stderr.write(`Error: unknown command "${sub ?? ''}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        return 1;
    }
  };
}

function echoserverCommand(): CommandFn {
  return function* (ctx): Gen {
    ctx.host.listen(8080, {
      describe: 'echoserver',
      http: (req) =>
        httpResponse(
          200,
          `\n\nHostname: ${ctx.host.hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address=${req.from}\n\tmethod=${req.method}\n\treal path=${req.path.split('?')[0]}\n\tquery=${req.path.split('?')[1] ?? ''}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${req.host}${req.path}\n\nRequest Headers:\n\taccept=*/*\n\thost=${req.host}\n\tuser-agent=${req.userAgent}\n\nRequest Body:\n\t-no body in request-\n\n`,
          { Server: 'echoserver', 'Content-Type': 'text/plain' },
        ),
    });
    return yield* serve(ctx, 0, 0);
  };
}

function busyboxHttpd(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const pIdx = args.indexOf('-p');
    const hIdx = args.indexOf('-h');
    const port = Number((pIdx >= 0 ? args[pIdx + 1] : '80')!.split(':').pop());
    const root = hIdx >= 0 ? args[hIdx + 1]! : '/var/www';
    ctx.host.listen(port, {
      describe: 'busybox httpd',
      http: (req) => {
        const f = staticFile(ctx, root, ['index.html'], req.path);
        return f.status === 200 ? httpResponse(200, f.body!, { 'Content-type': 'text/html' }) : httpResponse(404, '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n');
      },
    });
    if (args.includes('-f')) return yield* serve(ctx, 0, 0);
    return 0;
  };
}

function pauseCommand(): CommandFn {
  return function* (ctx): Gen {
    return yield* serve(ctx, 0, 0);
  };
}

/** stress (polinux/progrium): --vm N --vm-bytes SIZE [--vm-hang] [--timeout N]. */
function stressCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const opt = (name: string) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const vm = Number(opt('vm') ?? 0);
    const bytes = parseSize(opt('vm-bytes') ?? '256M');
    const cpu = Number(opt('cpu') ?? 0);
    const timeout = opt('timeout');
    ctx.stdout.write(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
    yield { kind: 'sleep', ms: 200 };
    if (vm > 0) ctx.host.allocate(vm * bytes);
    if (timeout) {
      const secs = parseDuration(timeout);
      yield { kind: 'sleep', ms: secs * 1000 };
      ctx.stdout.write(`stress: info: [1] successful run completed in ${secs}s\n`);
      return 0;
    }
    return yield* serve(ctx, 143, 0);
  };
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([bBkKmMgG]?)$/.exec(s);
  if (!m) return 256 * 1024 * 1024;
  const mult: Record<string, number> = { '': 1, b: 1, B: 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 };
  return Number(m[1]) * mult[m[2]!]!;
}

function parseDuration(s: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(s);
  if (!m) return 0;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
}

/** Long-running agents of CNI images (calico-node, flanneld, weave): run quietly. */
function agentCommand(name: string): CommandFn {
  return function* (ctx): Gen {
    ctx.stdout.write(`${formatDate(ctx.host.now(), '%Y-%m-%d %H:%M:%S.%N').slice(0, 23)} [INFO][1] ${name} starting\n`);
    return yield* serve(ctx, 0, 0);
  };
}

/**
 * metrics-server: serves the metrics API on --secure-port (10250). It scrapes the kubelets'
 * serving certificates, which kubeadm leaves self-signed: without --kubelet-insecure-tls every
 * scrape fails and /readyz stays unhealthy, the classic reason `kubectl top` has no metrics.
 */
function metricsServerCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const port = Number(args.find((a) => a.startsWith('--secure-port='))?.slice(14) ?? '10250');
    const insecure = args.includes('--kubelet-insecure-tls') || args.includes('--kubelet-insecure-tls=true');
    const stamp = () => formatDate(ctx.host.now(), '%m%d %H:%M:%S.%N').slice(0, 20);
    ctx.stderr.write(`I${stamp()}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)\n`);
    ctx.stderr.write(`I${stamp()}       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager\n`);
    ctx.stderr.write(`I${stamp()}       1 secure_serving.go:213] Serving securely on [::]:${port}\n`);
    if (!insecure) ctx.stderr.write(`E${stamp()}       1 scraper.go:149] "Failed to scrape node" err="Get \\"https://node01:10250/metrics/resource\\": tls: failed to verify certificate: x509: cannot validate certificate for node01 because it doesn't contain any IP SANs" node="node01"\n`);
    const health = (path: string) => (path.startsWith('/livez') || (path.startsWith('/readyz') && insecure) ? httpResponse(200, 'ok') : httpResponse(500, '[-]metric-storage-ready failed: reason withheld\nreadyz check failed\n'));
    ctx.host.listen(port, { describe: 'metrics-server', tls: true, http: (req) => health(req.path) });
    ctx.host.allocate(20 * 1024 * 1024);
    return yield* serve(ctx, 0, 0);
  };
}

function kubectlCommand(): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    if (args[0] === 'version' && args.includes('--client')) {
      ctx.stdout.write('Client Version: v1.33.2\nKustomize Version: v5.6.0\n');
      return 0;
    }
    if (args.length === 0 || args[0] === '--help') {
      ctx.stdout.write('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
      return 0;
    }
    ctx.stderr.write('error: You must be logged in to the server (Unauthorized)\n');
    yield { kind: 'sleep', ms: 100 };
    return 1;
  };
}

/** The server and entrypoint programs of an image, by the names its command may use. */
export function serverCommands(image: ImageInfo): Record<string, CommandFn> {
  const out: Record<string, CommandFn> = {};
  const add = (names: string[], fn: CommandFn) => names.forEach((n) => (out[n] = fn));
  switch (image.kind) {
    case 'nginx':
      add(['nginx', 'nginx-debug', '/usr/sbin/nginx'], nginxCommand(image));
      add(['/docker-entrypoint.sh', 'docker-entrypoint.sh'], nginxEntrypoint());
      break;
    case 'echoserver':
      add(['/usr/local/bin/run.sh', 'run.sh'], echoserverCommand());
      break;
    case 'httpd':
      add(['httpd-foreground', 'httpd', '/usr/local/bin/httpd-foreground', 'apachectl'], httpdCommand(image));
      break;
    case 'redis':
      add(['redis-server', '/usr/local/bin/redis-server'], redisCommand(image));
      add(['docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'mysql':
    case 'mariadb':
      add(['mysqld', 'mariadbd', 'docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh'], mysqlEntrypoint(image, image.kind));
      break;
    case 'postgres':
      add(['docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh'], postgresEntrypoint(image));
      add(['postgres'], function* (ctx) {
        return yield* postgresEntrypoint(image)({ ...ctx, argv: ['docker-entrypoint.sh', ...ctx.argv] });
      });
      break;
    case 'memcached':
      add(['memcached'], memcachedCommand());
      add(['docker-entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'mongo':
      add(['mongod'], mongoCommand());
      add(['docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'rabbitmq':
      add(['rabbitmq-server'], rabbitCommand());
      add(['docker-entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'python':
      add(['python', 'python3', '/usr/local/bin/python', '/usr/local/bin/python3'], pythonCommand());
      break;
    case 'node':
      add(['node', '/usr/local/bin/node'], nodeCommand());
      add(['docker-entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'coredns':
      add(['/coredns', 'coredns'], corednsCommand(image));
      break;
    case 'agnhost':
      add(['/agnhost', 'agnhost'], agnhostCommand());
      break;
    case 'pause':
      add(['/pause', 'pause'], pauseCommand());
      break;
    case 'stress':
      add(['stress', '/usr/bin/stress'], stressCommand());
      break;
    case 'metrics-server':
      add(['/metrics-server', 'metrics-server'], metricsServerCommand());
      break;
    case 'kubectl':
      add(['kubectl', '/opt/bitnami/kubectl/bin/kubectl'], kubectlCommand());
      break;
    case 'tool':
      add(['/entrypoint.sh'], passThroughEntrypoint());
      break;
    case 'cni':
      for (const b of image.binaries) if (b.startsWith('/') || b === 'start_runit' || b === 'cilium-agent') add([b, b.split('/').pop()!], agentCommand(b.split('/').pop()!));
      break;
  }
  if (image.binaries.has('httpd') && image.kind !== 'httpd') add(['httpd'], busyboxHttpd());
  return out;
}
