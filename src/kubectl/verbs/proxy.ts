/**
 * kubectl proxy: announces where it serves, then serves until interrupted. Nothing else can run
 * while it does (the shell has no job control), so in the simulation it only holds the
 * terminal: until Ctrl-C, or for the headless watch limit of virtual time.
 */
import { flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { watchSeconds } from './watch.js';

export const proxyCommand: KubectlCommand = {
  path: ['proxy'],
  help: {
    short: 'Run a proxy to the Kubernetes API server',
    long: 'Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also allows serving static content over specified HTTP path. All incoming data enters through one port and gets forwarded to the remote Kubernetes API server port, except for the path matching the static content path.',
    examples: `# To proxy all of the Kubernetes API and nothing else
kubectl proxy --api-prefix=/

# To proxy only part of the Kubernetes API and also some static files
# You can get pods info with 'curl localhost:8001/api/v1/pods'
kubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/

# To proxy the entire Kubernetes API at a different root
# You can get pods info with 'curl localhost:8001/custom/api/v1/pods'
kubectl proxy --api-prefix=/custom/

# Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/
kubectl proxy --port=8011 --www=./local/www/

# Run a proxy to the Kubernetes API server on an arbitrary local port
# The chosen port for the server will be output to stdout
kubectl proxy --port=0

# Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api
# This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/
kubectl proxy --api-prefix=/k8s-api`,
    use: '[--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]',
  },
  flags: [
    { name: 'accept-hosts', type: 'string', default: '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$', usage: 'Regular expression for hosts that the proxy should accept.' },
    { name: 'accept-paths', type: 'string', default: '^.*', usage: 'Regular expression for paths that the proxy should accept.' },
    { name: 'address', type: 'string', default: '127.0.0.1', usage: 'The IP address on which to serve on.' },
    { name: 'api-prefix', type: 'string', default: '/', usage: 'Prefix to serve the proxied API under.' },
    { name: 'append-server-path', type: 'bool', usage: 'If true, enables automatic path appending of the kube context server path to each request.' },
    { name: 'disable-filter', type: 'bool', usage: 'If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port.' },
    { name: 'keepalive', type: 'duration', default: '0s', usage: 'keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive.' },
    { name: 'port', shorthand: 'p', type: 'int', default: 8001, usage: 'The port on which to run the proxy. Set to 0 to pick a random port.' },
    { name: 'reject-methods', type: 'string', default: '^$', usage: "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). " },
    { name: 'reject-paths', type: 'string', default: '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach', usage: 'Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths.' },
    { name: 'unix-socket', shorthand: 'u', type: 'string', usage: 'Unix socket on which to run the proxy.' },
    { name: 'www', shorthand: 'w', type: 'string', usage: 'Also serve static files from the given directory under the specified prefix.' },
    { name: 'www-prefix', shorthand: 'P', type: 'string', default: '/static/', usage: 'Prefix to serve static files under, if static file directory is specified.' },
  ],
  discovery: 'none',
  run: runProxy,
};

async function runProxy(inv: Invocation): Promise<number> {
  inv.kctx.client();
  const socket = flagString(inv.flags, 'unix-socket');
  const port = flagNumber(inv.flags, 'port') || 30000 + (inv.kctx.now() % 30000);
  inv.out.write(socket ? `Starting to serve on ${socket}\n` : `Starting to serve on ${flagString(inv.flags, 'address')}:${port}\n`);
  await holdTerminal(inv);
  return 0;
}

/** Blocks like a server does: until Ctrl-C, or the headless limit. */
export async function holdTerminal(inv: Invocation): Promise<void> {
  const limit = watchSeconds(inv);
  for (let t = 0; t < limit && !inv.proc.signal.aborted; t++) await inv.proc.sleep(1);
}
