/**
 * Just enough of nginx's configuration language to run what candidates write: server blocks
 * with listen, root, index, location (prefix and `=`), return and add_header. An unknown
 * directive or a missing brace stops nginx with its own [emerg] message.
 */

export interface NginxLocation {
  match: string;
  exact: boolean;
  root?: string;
  index?: string[];
  ret?: { status: number; body: string };
}

export interface NginxServer {
  ports: number[];
  root: string;
  index: string[];
  locations: NginxLocation[];
}

export type NginxConfig = { ok: true; servers: NginxServer[] } | { ok: false; message: string };

const KNOWN = new Set([
  'user', 'worker_processes', 'error_log', 'pid', 'events', 'worker_connections', 'http', 'include', 'default_type', 'log_format', 'access_log', 'sendfile', 'tcp_nopush',
  'keepalive_timeout', 'gzip', 'server', 'listen', 'server_name', 'location', 'root', 'index', 'error_page', 'return', 'add_header', 'proxy_pass', 'proxy_set_header',
  'try_files', 'alias', 'autoindex', 'client_max_body_size', 'types', 'charset', 'rewrite', 'stub_status', 'allow', 'deny', 'expires', 'upstream', 'resolver',
  'proxy_http_version', 'proxy_read_timeout', 'ssl_certificate', 'ssl_certificate_key', 'multi_accept', 'server_tokens', 'set', 'if', 'default', 'map', 'worker_rlimit_nofile',
]);

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
  line: number;
}

class ConfError extends Error {
  constructor(
    msg: string,
    readonly line: number,
  ) {
    super(msg);
  }
}

function parse(text: string): Directive[] {
  const toks: { t: string; line: number; quoted?: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '{' || c === '}' || c === ';') {
      toks.push({ t: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ConfError('unexpected end of file, expecting ";" or "}"', line);
      toks.push({ t: text.slice(i + 1, end), line, quoted: true });
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s;{}]/.test(text[j]!)) j++;
      toks.push({ t: text.slice(i, j), line });
      i = j;
    }
  }
  let pos = 0;
  const block = (depth: number): Directive[] => {
    const out: Directive[] = [];
    while (pos < toks.length) {
      const tok = toks[pos]!;
      if (tok.t === '}' && !tok.quoted) {
        if (depth === 0) throw new ConfError('unexpected "}"', tok.line);
        pos++;
        return out;
      }
      const name = tok.t;
      const args: string[] = [];
      pos++;
      while (pos < toks.length && !['{', ';', '}'].includes(toks[pos]!.t)) args.push(toks[pos++]!.t);
      const end = toks[pos];
      if (!end) throw new ConfError('unexpected end of file, expecting ";" or "}"', tok.line);
      if (!KNOWN.has(name)) throw new ConfError(`unknown directive "${name}"`, tok.line);
      if (end.t === ';') {
        pos++;
        out.push({ name, args, line: tok.line });
      } else if (end.t === '{') {
        pos++;
        out.push({ name, args, line: tok.line, block: block(depth + 1) });
      } else throw new ConfError(`unexpected "}"`, end.line);
    }
    if (depth > 0) throw new ConfError('unexpected end of file, expecting "}"', toks[toks.length - 1]?.line ?? line);
    return out;
  };
  return block(0);
}

const cache = new Map<string, NginxConfig>();

/** Reads the server blocks of the given files (conf.d/*.conf, or nginx.conf's http block). */
export function loadNginxConfig(files: { path: string; text: string }[]): NginxConfig {
  const key = files.map((f) => `${f.path}\u0000${f.text}`).join('\u0001');
  let conf = cache.get(key);
  if (!conf) {
    conf = parseFiles(files);
    if (cache.size > 200) cache.clear();
    cache.set(key, conf);
  }
  return conf;
}

function parseFiles(files: { path: string; text: string }[]): NginxConfig {
  const servers: NginxServer[] = [];
  for (const f of files) {
    let directives: Directive[];
    try {
      directives = parse(f.text);
    } catch (e) {
      if (e instanceof ConfError) return { ok: false, message: `${e.message} in ${f.path}:${e.line}` };
      throw e;
    }
    const collect = (list: Directive[]) => {
      for (const d of list) {
        if (d.name === 'server' && d.block) servers.push(serverOf(d.block));
        else if (d.name === 'http' && d.block) collect(d.block);
      }
    };
    collect(directives);
  }
  return { ok: true, servers };
}

function serverOf(block: Directive[]): NginxServer {
  const s: NginxServer = { ports: [], root: '/usr/share/nginx/html', index: ['index.html'], locations: [] };
  for (const d of block) {
    if (d.name === 'listen') {
      const m = /(\d+)$/.exec(d.args[0] ?? '');
      if (m && !d.args[0]!.startsWith('[')) s.ports.push(Number(m[1]));
    } else if (d.name === 'root') s.root = d.args[0] ?? s.root;
    else if (d.name === 'index') s.index = d.args;
    else if (d.name === 'return') s.locations.push({ match: '/', exact: false, ret: returnOf(d.args) });
    else if (d.name === 'location' && d.block) {
      const exact = d.args[0] === '=';
      const loc: NginxLocation = { match: exact ? (d.args[1] ?? '/') : (d.args[d.args.length - 1] ?? '/'), exact };
      for (const inner of d.block) {
        if (inner.name === 'root') loc.root = inner.args[0];
        else if (inner.name === 'index') loc.index = inner.args;
        else if (inner.name === 'return') loc.ret = returnOf(inner.args);
      }
      s.locations.push(loc);
    }
  }
  if (s.ports.length === 0) s.ports.push(80);
  return s;
}

function returnOf(args: string[]): { status: number; body: string } {
  const status = Number(args[0]);
  return { status: Number.isFinite(status) ? status : 302, body: (args[1] ?? '').replace(/\\n/g, '\n') };
}

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`.slice(1);

export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

export function nginxErrorPage(status: number, reason: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}
