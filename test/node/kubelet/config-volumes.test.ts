import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/api/client.js';
import { prepareVolumes } from '../../../src/node/kubelet/volumes.js';
import { VirtualFS } from '../../../src/vfs/fs.js';
import { boot, container, create, events, logs, pod, status } from '../helpers.js';

describe('container configuration from the API', () => {
  it('waits in CreateContainerConfigError until the ConfigMap exists, then sees its values', () => {
    const { world, cluster, admin } = boot();
    create(
      admin,
      pod('app', 'node01', [
        {
          name: 'app',
          image: 'busybox',
          command: ['sh', '-c', 'echo "mode=$MODE level=$LEVEL node=$NODE ip=$IP"; sleep 3600'],
          env: [
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          ],
          envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: 'X_', secretRef: { name: 'creds', optional: true } }],
        },
      ]),
    );
    world.loop.advance(5);
    expect(container(admin, 'app').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(events(admin, 'app')).toContain('Failed: Error: configmap "settings" not found');
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast', LEVEL: 'debug' } });
    world.loop.advance(12);
    expect(container(admin, 'app').state.running).toBeDefined();
    expect(logs(cluster, 'node01', 'app', 'app')).toEqual([`mode=fast level=debug node=node01 ip=${status(admin, 'app').podIP}`]);
  });

  it("sets the service variables of the namespace's services as they are when each container starts", () => {
    const { world, cluster, admin } = boot();
    const service = (name: string, port: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort: 80 }] } });
    const webEnv = (pod: string) => {
      const w = cluster.nodes.get('node01')!.kubelet.worker('default', pod)!;
      return w.exec(w.containerRecord('c')!, ['env']).stdout.split('\n').filter((l) => l.startsWith('WEB_')).sort();
    };
    const start = (name: string) => {
      create(admin, pod(name, 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }]));
      world.loop.advance(5);
    };
    start('before');
    admin.create('services', service('web', 8080));
    start('after-create');
    const ip = (admin.get('services', 'default', 'web')['spec'] as { clusterIP: string }).clusterIP;
    admin.patch('services', 'default', 'web', 'merge', { spec: { ports: [{ name: 'http', port: 9090, targetPort: 80 }] } });
    start('after-update');
    admin.delete('services', 'default', 'web');
    start('after-delete');
    expect(webEnv('before')).toEqual([]);
    expect(webEnv('after-create')).toEqual([`WEB_PORT=tcp://${ip}:8080`, `WEB_PORT_8080_TCP=tcp://${ip}:8080`, `WEB_PORT_8080_TCP_ADDR=${ip}`, 'WEB_PORT_8080_TCP_PORT=8080', 'WEB_PORT_8080_TCP_PROTO=tcp', `WEB_SERVICE_HOST=${ip}`, 'WEB_SERVICE_PORT=8080', 'WEB_SERVICE_PORT_HTTP=8080']);
    expect(webEnv('after-update')).toEqual([`WEB_PORT=tcp://${ip}:9090`, `WEB_PORT_9090_TCP=tcp://${ip}:9090`, `WEB_PORT_9090_TCP_ADDR=${ip}`, 'WEB_PORT_9090_TCP_PORT=9090', 'WEB_PORT_9090_TCP_PROTO=tcp', `WEB_SERVICE_HOST=${ip}`, 'WEB_SERVICE_PORT=9090', 'WEB_SERVICE_PORT_HTTP=9090']);
    expect(webEnv('after-delete')).toEqual([]);
  });

  it('names the missing key', () => {
    const { world, admin } = boot();
    admin.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { user: Buffer.from('admin').toString('base64') } });
    create(admin, pod('app', 'node01', [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }]));
    world.loop.advance(5);
    expect(container(admin, 'app').state.waiting?.message).toBe("couldn't find key password in Secret default/db");
  });
});

describe('volumes', () => {
  it('mounts a ConfigMap and serves it from nginx', () => {
    const { world, cluster, admin } = boot();
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default' }, data: { 'index.html': '<h1>hello</h1>\n' } });
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true }] }], { volumes: [{ name: 'html', configMap: { name: 'site' } }] }));
    world.loop.advance(10);
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'web')!;
    const res = w.endpoint(80)!.http!({ method: 'GET', path: '/', host: 'x', from: '10.244.2.1', userAgent: 'curl/8.5.0' });
    expect(res.body).toBe('<h1>hello</h1>\n');
    // The ServiceAccount admission plugin adds the kube-api-access volume; the kubelet reports both mounts.
    expect(container(admin, 'web').volumeMounts).toEqual([
      { mountPath: '/usr/share/nginx/html', name: 'html', readOnly: true, recursiveReadOnly: 'Disabled' },
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: expect.stringMatching(/^kube-api-access-[a-z0-9]{5}$/), readOnly: true, recursiveReadOnly: 'Disabled' },
    ]);
    expect(logs(cluster, 'node01', 'web', 'nginx').slice(-1)[0]).toMatch(/^10\.244\.2\.1 - - \[01\/Jan\/2026:09:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 15 "-" "curl\/8\.5\.0" "-"$/);
  });

  it("reads nginx's conf.d from a ConfigMap mounted over the image's, beside pods on the image's own", () => {
    const { world, cluster, admin } = boot();
    const ports = (name: string) => [...cluster.nodes.get('node01')!.kubelet.worker('default', name)!.containerRecord('nginx')!.process!.servers.keys()];
    create(admin, pod('plain', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(10);
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { 'app.conf': 'server {\n    listen 8080;\n}\n' } });
    create(admin, pod('custom', 'node01', [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }] }], { volumes: [{ name: 'conf', configMap: { name: 'conf' } }] }));
    create(admin, pod('plain2', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(10);
    expect(ports('plain')).toEqual([80]);
    expect(ports('custom')).toEqual([8080]);
    expect(ports('plain2')).toEqual([80]);
  });

  it("reads the nginx configuration a container wrote or removed over the image's", () => {
    const { world, cluster, admin } = boot();
    const rewrite = `echo 'server { listen 9090; }' > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'`;
    const remove = `rm /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'`;
    create(admin, pod('plain', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    create(admin, pod('rewritten', 'node01', [{ name: 'nginx', image: 'nginx:1.27', command: ['sh', '-c', rewrite] }]));
    create(admin, pod('removed', 'node01', [{ name: 'nginx', image: 'nginx:1.27', command: ['sh', '-c', remove] }]));
    world.loop.advance(10);
    const ports = (name: string) => [...cluster.nodes.get('node01')!.kubelet.worker('default', name)!.containerRecord('nginx')!.process!.servers.keys()];
    expect(ports('rewritten')).toEqual([9090]);
    expect(ports('removed')).toEqual([]);
    expect(ports('plain')).toEqual([80]);
  });

  it("lays a ConfigMap out as the kubelet's atomic writer does: a timestamped directory, ..data and a link per top-level name", () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default', resourceVersion: '42' }, data: { 'app.properties': 'mode=fast\n', '.hidden': 'dot\n', extra: 'x' } };
    const client = { find: (resource: string, ns: string, name: string) => (resource === 'configmaps' && ns === 'default' && name === 'app' ? configMap : undefined) } as unknown as ApiClient;
    const items = [{ key: 'app.properties', path: 'conf/app.properties' }, { key: '.hidden', path: '.hidden' }, { key: 'extra', path: 'conf/more/extra' }];
    const volume = { name: 'cfg', configMap: { name: 'app', items, defaultMode: 0o440 } };
    const p = pod('app', 'node01', [{ name: 'c', image: 'busybox' }], { volumes: [volume] });
    const now = Date.parse('2026-01-01T09:00:30.250Z');
    const r = prepareVolumes({ client, pod: p, nodeFs: new VirtualFS(), nodeName: 'node01', nodeIp: '192.168.0.2', now, token: () => '' });
    if (!r.ok) throw new Error(r.message);
    const fs = r.volumes.get('cfg')!.fs;
    const stamp = '..2026_01_01_09_00_30.250123456';
    expect(fs.readdir('/')).toEqual([stamp, '..data', '.hidden', 'conf']);
    expect(['/..data', '/conf', '/.hidden'].map((l) => fs.readlink(l))).toEqual([stamp, '..data/conf', '..data/.hidden']);
    expect(fs.readdir(`/${stamp}`)).toEqual(['.hidden', 'conf']);
    expect(fs.readdir('/conf/more')).toEqual(['extra']);
    expect(['/conf/app.properties', '/.hidden', '/conf/more/extra'].map((f) => fs.readFile(f))).toEqual(['mode=fast\n', 'dot\n', 'x']);
    expect([`/${stamp}/conf/app.properties`, `/${stamp}/conf`, `/${stamp}`].map((f) => fs.stat(f).mode.toString(8))).toEqual(['440', '755', '755']);
  });

  it('shows the files of a volume as they were when it was prepared, however late they are first read', () => {
    let configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default', resourceVersion: '42' }, data: { mode: 'fast', level: 'debug' } };
    const client = { find: () => configMap } as unknown as ApiClient;
    const p = pod('app', 'node01', [{ name: 'c', image: 'busybox' }], { volumes: [{ name: 'cfg', configMap: { name: 'app' } }] });
    const r = prepareVolumes({ client, pod: p, nodeFs: new VirtualFS(), nodeName: 'node01', nodeIp: '192.168.0.2', now: Date.parse('2026-01-01T09:00:30.250Z'), token: () => '' });
    if (!r.ok) throw new Error(r.message);
    configMap = { ...configMap, metadata: { ...configMap.metadata, resourceVersion: '43' }, data: { mode: 'slow', level: 'info' } };
    const fs = r.volumes.get('cfg')!.fs;
    expect(fs.readdir('/')).toEqual(['..2026_01_01_09_00_30.250123456', '..data', 'level', 'mode']);
    expect([fs.readFile('/mode'), fs.readFile('/level'), fs.readlink('/mode')]).toEqual(['fast', 'debug', '..data/mode']);
  });

  it('gives each stored version of a ConfigMap and Secret its own files, and pods of one version the same', () => {
    const { world, cluster, admin } = boot();
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'fast' } });
    admin.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'default' }, data: { pass: b64('one') } });
    const reader = (name: string) =>
      pod(name, 'node01', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }, { name: 'sec', mountPath: '/sec' }, { name: 'both', mountPath: '/both' }] }], {
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'sec', secret: { secretName: 'sec' } }, { name: 'both', projected: { sources: [{ configMap: { name: 'cfg' } }, { secret: { name: 'sec' } }] } }],
      });
    const read = (name: string) => {
      const w = cluster.nodes.get('node01')!.kubelet.worker('default', name)!;
      return w.exec(w.containerRecord('c')!, ['cat', '/cfg/mode', '/sec/pass', '/both/mode', '/both/pass']).stdout;
    };
    create(admin, reader('a'));
    create(admin, reader('b'));
    world.loop.advance(10);
    expect([read('a'), read('b')]).toEqual(['fastonefastone', 'fastonefastone']);
    admin.patch('configmaps', 'default', 'cfg', 'merge', { data: { mode: 'slow' } });
    admin.patch('secrets', 'default', 'sec', 'merge', { data: { pass: b64('two') } });
    create(admin, reader('c'));
    world.loop.advance(10);
    expect(read('c')).toBe('slowtwoslowtwo');
  });

  it('shares an emptyDir between an init container and the app', () => {
    const { world, cluster, admin } = boot();
    create(
      admin,
      pod('web', 'node02', [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'work', mountPath: '/usr/share/nginx/html' }] }], {
        initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'echo "built by init" > /work/index.html'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
        volumes: [{ name: 'work', emptyDir: {} }],
      }),
    );
    world.loop.advance(12);
    const w = cluster.nodes.get('node02')!.kubelet.worker('default', 'web')!;
    expect(w.endpoint(80)!.http!({ method: 'GET', path: '/', host: 'x', from: '1.1.1.1', userAgent: 'curl' }).body).toBe('built by init\n');
  });

  it('keeps the pod in ContainerCreating while a ConfigMap volume is missing', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }], { volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }] }));
    world.loop.advance(20);
    expect(container(admin, 'web').state.waiting?.reason).toBe('ContainerCreating');
    expect(events(admin, 'web')[0]).toMatch(/^FailedMount: MountVolume\.SetUp failed for volume "cfg" : configmap "app-config" not found/);
  });

  it('waits for a claim that does not exist or is not bound', () => {
    const { world, admin } = boot();
    create(admin, pod('db', 'node01', [{ name: 'db', image: 'busybox', command: ['sleep', '1d'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }], { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }));
    world.loop.advance(5);
    expect(events(admin, 'db')[0]!.startsWith('FailedMount: Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found')).toBe(true);
    admin.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } });
    world.loop.advance(10);
    expect(events(admin, 'db').some((e) => e.includes('error processing PVC default/data: PVC is not bound'))).toBe(true);
  });

  it('checks hostPath types on the node', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('hp', 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'], volumeMounts: [{ name: 'd', mountPath: '/data' }] }], { volumes: [{ name: 'd', hostPath: { path: '/srv/data', type: 'Directory' } }] }));
    world.loop.advance(5);
    expect(events(admin, 'hp')[0]).toMatch(/^FailedMount: MountVolume\.SetUp failed for volume "d" : hostPath type check failed: \/srv\/data is not a directory/);
    cluster.nodes.get('node01')!.fs.mkdir('/srv/data', { recursive: true });
    cluster.nodes.get('node01')!.fs.writeFile('/srv/data/hello', 'from the node\n');
    world.loop.advance(10);
    expect(container(admin, 'hp').state.running).toBeDefined();
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'hp')!;
    const r = w.exec(w.containerRecord('c')!, ['cat', '/data/hello']);
    expect(r.stdout).toBe('from the node\n');
  });
});

describe('the files the kubelet writes into a container', () => {
  const HOSTS = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

  it('writes /etc/hosts, /etc/hostname and /etc/resolv.conf from the pod, its DNS policy and the node', () => {
    const { world, cluster, admin } = boot();
    const sleeper = [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }];
    create(admin, pod('cf', 'node01', sleeper, { hostname: 'db', subdomain: 'dbs', hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo', 'bar'] }], dnsConfig: { searches: ['example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }));
    create(admin, pod('def', 'node01', sleeper, { dnsPolicy: 'Default' }));
    create(admin, pod('hn', 'node01', sleeper, { hostNetwork: true }));
    world.loop.advance(10);
    const files = (name: string) => {
      const w = cluster.nodes.get('node01')!.kubelet.worker('default', name)!;
      return ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'].map((f) => w.exec(w.containerRecord('c')!, ['cat', f]).stdout);
    };
    const ip = (name: string) => status(admin, name).podIP;
    expect(files('cf')).toEqual([
      `${HOSTS}${ip('cf')}\tdb.dbs.default.svc.cluster.local\tdb\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo\tbar\n`,
      'db\n',
      'search default.svc.cluster.local svc.cluster.local cluster.local example.com\nnameserver 10.96.0.10\noptions ndots:2 edns0\n',
    ]);
    expect(files('def')).toEqual([`${HOSTS}${ip('def')}\tdef\n`, 'def\n', 'search .\nnameserver 192.168.100.1\n']);
    const node = cluster.nodes.get('node01')!.fs;
    expect(files('hn')).toEqual([node.readFile('/etc/hosts'), 'node01\n', 'search .\nnameserver 192.168.100.1\n']);
  });

  it('has the files in place when the container starts, and writes them again over its changes when it restarts', () => {
    const { world, cluster, admin } = boot();
    const script = 'cat /etc/hostname /etc/resolv.conf; tail -n 1 /etc/hosts; echo "1.2.3.4 mine" >> /etc/hosts; echo changed > /etc/hostname; sleep 2; exit 1';
    create(admin, pod('app', 'node01', [{ name: 'c', image: 'busybox', command: ['sh', '-c', script] }]));
    world.loop.advance(5);
    const ip = status(admin, 'app').podIP;
    const firstRun = ['app', 'search default.svc.cluster.local svc.cluster.local cluster.local', 'nameserver 10.96.0.10', 'options ndots:5', `${ip}\tapp`];
    expect(container(admin, 'app').restartCount).toBe(1);
    expect(logs(cluster, 'node01', 'app', 'c', true)).toEqual(firstRun);
    expect(logs(cluster, 'node01', 'app', 'c')).toEqual(firstRun);
  });
});

describe('projected service-account volumes', () => {
  it('mounts a token the apiserver accepts, the namespace and ca.crt', () => {
    const { world, cluster, admin } = boot();
    // The root-CA publisher (controller-manager) keeps kube-root-ca.crt in every namespace.
    const rootCa = (admin.get('configmaps', 'default', 'kube-root-ca.crt')['data'] as Record<string, string>)['ca.crt'];
    create(
      admin,
      pod('sa', 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'], volumeMounts: [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }], {
        serviceAccountName: 'default',
        volumes: [
          {
            name: 'kube-api-access-x7k2p',
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
              ],
            },
          },
        ],
      }),
    );
    world.loop.advance(5);
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'sa')!;
    const rec = w.containerRecord('c')!;
    expect(w.exec(rec, ['ls', '/var/run/secrets/kubernetes.io/serviceaccount']).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    expect(w.exec(rec, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default');
    expect(w.exec(rec, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt']).stdout).toBe(rootCa);
    const token = w.exec(rec, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).stdout;
    const who = cluster.api.tokenAuthenticator!(token);
    expect(who.ok && who.user.username).toBe('system:serviceaccount:default:default');
  });
});
