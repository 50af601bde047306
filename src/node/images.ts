/**
 * The image registries as containerd sees them: which repositories and tags exist, how big
 * each image is, its default ENTRYPOINT/CMD, the executables it ships and the ports its
 * server listens on. A pod naming `nginx:1.277` fails to pull exactly as it would against
 * Docker Hub, and `nginx:1.27-alpine` pulls 20 MB and starts nginx on port 80.
 */

export interface ImageRef {
  /** As written in the pod spec. */
  original: string;
  /** Registry host: docker.io, registry.k8s.io, quay.io, ... */
  domain: string;
  /** Path in the registry: library/nginx, calico/node, pause. */
  path: string;
  tag?: string;
  digest?: string;
}

/** What kind of process the image's default command runs (see src/node/apps). */
export type ImageKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'mysql'
  | 'mariadb'
  | 'postgres'
  | 'memcached'
  | 'mongo'
  | 'rabbitmq'
  | 'shell'
  | 'python'
  | 'node'
  | 'pause'
  | 'control-plane'
  | 'coredns'
  | 'kube-proxy'
  | 'cni'
  | 'kubectl'
  | 'stress'
  | 'echoserver'
  | 'agnhost'
  | 'metrics-server'
  | 'busybox-httpd'
  | 'tool';

export interface ImageInfo {
  /** Fully qualified repository: docker.io/library/nginx. */
  repository: string;
  tag: string;
  /** docker.io/library/nginx:1.27 */
  fullName: string;
  /** Compressed size in bytes, as `Image size:` and `crictl images` report it. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  /** Executables on PATH inside the image (busybox applets, bash, curl, ...). */
  binaries: ReadonlySet<string>;
  /** Ports the default server listens on. */
  ports: number[];
  kind: ImageKind;
  /** Which shell /bin/sh is: dash on Debian images, busybox ash on Alpine/busybox. */
  shell: 'dash' | 'ash' | 'bash' | 'none';
  /** Default user of the image (uid). */
  uid: number;
  workingDir: string;
  env: Record<string, string>;
  /** Product version the server prints (nginx/1.27.5, Apache/2.4.63, ...). */
  version: string;
  /** sha256 image id (config digest) and repo digest, stable per image. */
  id: string;
  digest: string;
}

export type PullResult = { ok: true; image: ImageInfo } | { ok: false; code: 'NotFound' | 'Unknown'; message: string };

// ---- reference parsing (github.com/distribution/reference, ParseNormalizedNamed) ---------

const REFERENCE_RE = /^((?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(?::\d+)?\/|localhost(?::\d+)?\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

export class InvalidReferenceError extends Error {}

/** Parses an image reference the way the kubelet and containerd normalise it. */
/** References parsed so far: every container start parses its image's name more than once. */
const parsedRefs = new Map<string, Readonly<ImageRef>>();

export function parseImageRef(image: string): Readonly<ImageRef> {
  let ref = parsedRefs.get(image);
  if (!ref) {
    ref = Object.freeze(parseUncached(image));
    if (parsedRefs.size >= 1024) parsedRefs.clear();
    parsedRefs.set(image, ref);
  }
  return ref;
}

function parseUncached(image: string): ImageRef {
  const m = REFERENCE_RE.exec(image);
  if (!m) {
    const lower = image.toLowerCase();
    if (lower !== image && REFERENCE_RE.test(lower)) throw new InvalidReferenceError('invalid reference format: repository name must be lowercase');
    throw new InvalidReferenceError('invalid reference format');
  }
  const domain = m[1] ? m[1].slice(0, -1) : 'docker.io';
  let path = m[2]!;
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { original: image, domain, path, tag: m[3], digest: m[4] };
}

/** docker.io/library/nginx:latest: the name containerd records and events quote. */
export function fullReference(ref: ImageRef): string {
  const base = `${ref.domain}/${ref.path}`;
  if (ref.digest) return `${base}${ref.tag ? `:${ref.tag}` : ''}@${ref.digest}`;
  return `${base}:${ref.tag ?? 'latest'}`;
}

/** The name `crictl images` shows: docker.io/library/nginx. */
export function repositoryOf(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

// ---- the catalogue -------------------------------------------------------------------------

interface Family {
  repository: string;
  /** Tag -> matches? Plus the tag's size and version label. */
  tags: TagRule[];
  entrypoint: string[];
  cmd: string[];
  binaries: readonly string[];
  ports?: number[];
  kind: ImageKind;
  shell: ImageInfo['shell'];
  uid?: number;
  workingDir?: string;
  env?: Record<string, string>;
}

interface TagRule {
  test(tag: string): boolean;
  size: number;
  /** A size for tags carrying this suffix instead. */
  variants?: Record<string, number>;
  version?(tag: string): string;
}

const BUSYBOX_APPLETS = [
  'sh', 'ash', 'echo', 'printf', 'sleep', 'cat', 'ls', 'env', 'printenv', 'date', 'hostname', 'wget', 'nslookup', 'ping', 'nc', 'telnet', 'touch', 'rm', 'mkdir',
  'cp', 'mv', 'head', 'tail', 'grep', 'sed', 'awk', 'true', 'false', 'id', 'whoami', 'ps', 'top', 'df', 'du', 'free', 'uname', 'pwd', 'test', '[', 'expr', 'seq',
  'wc', 'sort', 'uniq', 'tr', 'cut', 'find', 'xargs', 'tee', 'chmod', 'chown', 'ln', 'vi', 'httpd', 'dd', 'mount', 'ip', 'ifconfig', 'netstat', 'route', 'traceroute',
  'yes', 'timeout', 'kill', 'basename', 'dirname', 'stat', 'which', 'nohup', 'tar', 'gzip', 'base64', 'md5sum', 'sha256sum', 'od', 'hexdump', 'less', 'more',
];
const ALPINE_BINARIES = [...BUSYBOX_APPLETS.filter((b) => b !== 'httpd'), 'apk'];
const DEBIAN_BINARIES = [
  'sh', 'dash', 'bash', 'echo', 'printf', 'sleep', 'cat', 'ls', 'env', 'printenv', 'date', 'hostname', 'touch', 'rm', 'mkdir', 'cp', 'mv', 'head', 'tail', 'grep',
  'sed', 'awk', 'true', 'false', 'id', 'whoami', 'uname', 'pwd', 'test', '[', 'expr', 'seq', 'wc', 'sort', 'uniq', 'tr', 'cut', 'find', 'xargs', 'tee', 'chmod',
  'chown', 'ln', 'df', 'du', 'yes', 'timeout', 'kill', 'basename', 'dirname', 'stat', 'nohup', 'tar', 'gzip', 'base64', 'md5sum', 'sha256sum', 'od', 'mount',
  'apt', 'apt-get', 'dpkg',
];

/** Tags of a semantic-versioned image: exact majors/minors known, with the newest patch of each. */
function versions(majors: Record<string, number>, opts: { suffixes?: string[]; extra?: string[]; vPrefix?: boolean; size: number; variants?: Record<string, number>; latest?: string } = { size: 0 }): TagRule {
  const suffixes = ['', ...(opts.suffixes ?? [])];
  const extra = new Set(opts.extra ?? []);
  const v = opts.vPrefix ? 'v' : '';
  const matches = (tag: string): boolean => {
    for (const s of suffixes) {
      if (s && !tag.endsWith(s)) continue;
      const core = s ? tag.slice(0, -s.length) : tag;
      if (extra.has(core) || (s === '' && extra.has(tag))) return true;
      const m = new RegExp(`^${v}(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?$`).exec(core);
      if (!m) continue;
      const major = m[1]!;
      if (m[2] === undefined) {
        if (Object.keys(majors).some((k) => k.split('.')[0] === major)) return true;
        continue;
      }
      const maxPatch = majors[`${major}.${m[2]}`];
      if (maxPatch === undefined) continue;
      if (m[3] === undefined || Number(m[3]) <= maxPatch) return true;
    }
    return false;
  };
  return {
    test: matches,
    size: opts.size,
    variants: opts.variants,
    version: (tag) => {
      const m = /(\d+(?:\.\d+)*)/.exec(tag);
      if (!m) return opts.latest ?? tag;
      const parts = m[1]!.split('.');
      if (parts.length === 3) return m[1]!;
      const key = parts.length === 2 ? m[1]! : Object.keys(majors).filter((k) => k.startsWith(`${parts[0]}.`)).sort(versionCompare).pop()!;
      return `${key}.${majors[key] ?? 0}`;
    },
  };
}

function exact(tags: string[], size: number, version?: string): TagRule {
  const set = new Set(tags);
  return { test: (t) => set.has(t), size, version: version ? () => version : undefined };
}

function versionCompare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

const NGINX_MINORS: Record<string, number> = {
  '1.7': 12, '1.9': 15, '1.10': 3, '1.11': 13, '1.12': 2, '1.13': 12, '1.14': 2, '1.15': 12, '1.16': 1, '1.17': 10, '1.18': 0, '1.19': 10, '1.20': 2, '1.21': 6,
  '1.22': 1, '1.23': 4, '1.24': 0, '1.25': 5, '1.26': 3, '1.27': 5, '1.28': 0, '1.29': 0,
};

const K8S_VERSIONS: Record<string, number> = { 'v1.28': 15, 'v1.29': 15, 'v1.30': 14, 'v1.31': 10, 'v1.32': 11, 'v1.33': 7, 'v1.34': 3, 'v1.35': 0 };

function k8sComponent(name: string, size: number): Family {
  return {
    repository: `registry.k8s.io/${name}`,
    tags: [{ test: (t) => k8sVersion(t), size, version: (t) => t }],
    entrypoint: [],
    cmd: [],
    binaries: [name.split('/').pop()!],
    kind: name === 'kube-proxy' ? 'kube-proxy' : 'control-plane',
    shell: 'none',
  };
}

function k8sVersion(tag: string): boolean {
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  if (!m) return false;
  const max = K8S_VERSIONS[`v${m[1]}.${m[2]}`];
  return max !== undefined && Number(m[3]) <= max;
}

const FAMILIES: Family[] = [
  {
    repository: 'docker.io/library/nginx',
    tags: [
      { ...versions(NGINX_MINORS, { size: 72188133, suffixes: ['-alpine', '-alpine-slim', '-perl', '-alpine-perl', '-bookworm'], extra: ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'perl', 'stable-alpine', 'mainline-alpine', 'bookworm'], latest: '1.27.5', variants: { alpine: 20993364, 'alpine-slim': 5420122, perl: 79532488, 'alpine-perl': 27815036 } }) },
    ],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    binaries: [...DEBIAN_BINARIES, 'nginx', 'curl', '/docker-entrypoint.sh'],
    ports: [80],
    kind: 'nginx',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/httpd',
    tags: [versions({ '2.2': 34, '2.4': 63 }, { size: 58104518, suffixes: ['-alpine', '-bookworm'], extra: ['latest', 'alpine', 'bookworm'], latest: '2.4.63', variants: { alpine: 22416870 } })],
    entrypoint: [],
    cmd: ['httpd-foreground'],
    binaries: [...DEBIAN_BINARIES, 'httpd', 'httpd-foreground', 'apachectl'],
    ports: [80],
    kind: 'httpd',
    shell: 'dash',
    workingDir: '/usr/local/apache2',
  },
  {
    repository: 'docker.io/library/busybox',
    tags: [versions({ '1.28': 4, '1.29': 3, '1.30': 1, '1.31': 1, '1.32': 1, '1.33': 1, '1.34': 1, '1.35': 0, '1.36': 1, '1.37': 0 }, { size: 2155103, suffixes: ['-glibc', '-musl', '-uclibc'], extra: ['latest', 'stable', 'musl', 'glibc', 'uclibc'], latest: '1.37.0' })],
    entrypoint: [],
    cmd: ['sh'],
    binaries: BUSYBOX_APPLETS,
    kind: 'shell',
    shell: 'ash',
  },
  {
    repository: 'docker.io/library/alpine',
    tags: [versions({ '3.12': 12, '3.13': 12, '3.14': 10, '3.15': 11, '3.16': 9, '3.17': 10, '3.18': 12, '3.19': 7, '3.20': 6, '3.21': 3, '3.22': 0 }, { size: 3642247, extra: ['latest', 'edge'], latest: '3.21.3' })],
    entrypoint: [],
    cmd: ['/bin/sh'],
    binaries: ALPINE_BINARIES,
    kind: 'shell',
    shell: 'ash',
  },
  {
    repository: 'docker.io/library/ubuntu',
    tags: [exact(['latest', '24.04', '22.04', '20.04', '18.04', 'noble', 'jammy', 'focal', 'bionic', 'rolling', 'devel', '25.04', 'plucky', 'oracular', '24.10'], 29751785)],
    entrypoint: [],
    cmd: ['/bin/bash'],
    binaries: DEBIAN_BINARIES,
    kind: 'shell',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/debian',
    tags: [exact(['latest', 'bookworm', 'bookworm-slim', 'bullseye', 'bullseye-slim', 'buster', 'buster-slim', 'stable', 'stable-slim', 'trixie', '12', '12-slim', '11', '11-slim', '10', '12.10', '12.11', '11.11'], 48494272)],
    entrypoint: [],
    cmd: ['bash'],
    binaries: DEBIAN_BINARIES,
    kind: 'shell',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/centos',
    tags: [exact(['latest', '7', '8', 'centos7', 'centos8'], 83518086)],
    entrypoint: [],
    cmd: ['/bin/bash'],
    binaries: [...DEBIAN_BINARIES.filter((b) => !b.startsWith('apt') && b !== 'dpkg' && b !== 'dash'), 'yum', 'curl'],
    kind: 'shell',
    shell: 'bash',
  },
  {
    repository: 'docker.io/library/redis',
    tags: [versions({ '5.0': 14, '6.0': 20, '6.2': 17, '7.0': 15, '7.2': 8, '7.4': 3, '8.0': 2 }, { size: 45036587, suffixes: ['-alpine', '-bookworm'], extra: ['latest', 'alpine', 'bookworm'], latest: '8.0.2', variants: { alpine: 17221425 } })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    binaries: [...DEBIAN_BINARIES, 'redis-server', 'redis-cli', 'docker-entrypoint.sh'],
    ports: [6379],
    kind: 'redis',
    shell: 'dash',
    uid: 999,
    workingDir: '/data',
  },
  {
    repository: 'docker.io/library/mysql',
    tags: [versions({ '5.7': 44, '8.0': 42, '8.4': 5, '9.0': 1, '9.1': 0, '9.2': 0, '9.3': 0 }, { size: 170612245, suffixes: ['-oracle', '-debian'], extra: ['latest', 'lts', 'oracle', 'innovation'], latest: '9.3.0' })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    binaries: [...DEBIAN_BINARIES.filter((b) => !b.startsWith('apt') && b !== 'dpkg' && b !== 'dash'), 'mysqld', 'mysql', 'mysqladmin', 'docker-entrypoint.sh'],
    ports: [3306, 33060],
    kind: 'mysql',
    shell: 'bash',
  },
  {
    repository: 'docker.io/library/mariadb',
    tags: [versions({ '10.6': 22, '10.11': 13, '11.4': 7, '11.8': 2 }, { size: 117893652, extra: ['latest', 'lts'], latest: '11.8.2' })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mariadbd'],
    binaries: [...DEBIAN_BINARIES, 'mariadbd', 'mariadb', 'mysql', 'docker-entrypoint.sh'],
    ports: [3306],
    kind: 'mariadb',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/postgres',
    tags: [versions({ '12.22': 0, '13.21': 0, '14.18': 0, '15.13': 0, '16.9': 0, '17.5': 0, '12': 0, '13': 0, '14': 0, '15': 0, '16': 0, '17': 0 }, { size: 158443120, suffixes: ['-alpine', '-bookworm', '-bullseye'], extra: ['latest', 'alpine', 'bookworm'], latest: '17.5', variants: { alpine: 108329457 } })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    binaries: [...DEBIAN_BINARIES, 'postgres', 'psql', 'pg_isready', 'docker-entrypoint.sh'],
    ports: [5432],
    kind: 'postgres',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/memcached',
    tags: [versions({ '1.6': 38 }, { size: 32135688, suffixes: ['-alpine', '-bookworm'], extra: ['latest', 'alpine', 'bookworm'], latest: '1.6.38', variants: { alpine: 5316342 } })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    binaries: [...DEBIAN_BINARIES, 'memcached', 'docker-entrypoint.sh'],
    ports: [11211],
    kind: 'memcached',
    shell: 'dash',
    uid: 11211,
  },
  {
    repository: 'docker.io/library/mongo',
    tags: [versions({ '4.4': 29, '5.0': 31, '6.0': 24, '7.0': 21, '8.0': 10 }, { size: 283731208, extra: ['latest'], latest: '8.0.10' })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    binaries: [...DEBIAN_BINARIES, 'mongod', 'mongosh', 'docker-entrypoint.sh'],
    ports: [27017],
    kind: 'mongo',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/rabbitmq',
    tags: [versions({ '3.12': 14, '3.13': 7, '4.0': 9, '4.1': 1 }, { size: 94562221, suffixes: ['-management', '-alpine', '-management-alpine'], extra: ['latest', 'management', 'alpine'], latest: '4.1.1' })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['rabbitmq-server'],
    binaries: [...DEBIAN_BINARIES, 'rabbitmq-server', 'rabbitmqctl', 'docker-entrypoint.sh'],
    ports: [5672],
    kind: 'rabbitmq',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/python',
    tags: [versions({ '3.8': 20, '3.9': 23, '3.10': 18, '3.11': 13, '3.12': 11, '3.13': 5 }, { size: 391837516, suffixes: ['-slim', '-alpine', '-slim-bookworm', '-bookworm'], extra: ['latest', 'slim', 'alpine', '3'], latest: '3.13.5', variants: { slim: 43281564, alpine: 17883142 } })],
    entrypoint: [],
    cmd: ['python3'],
    binaries: [...DEBIAN_BINARIES, 'python', 'python3', 'pip', 'pip3', 'curl', 'wget'],
    kind: 'python',
    shell: 'dash',
  },
  {
    repository: 'docker.io/library/node',
    tags: [versions({ '16.20': 2, '18.20': 8, '20.19': 2, '22.16': 0, '24.2': 0, '16': 0, '18': 0, '20': 0, '22': 0, '24': 0 }, { size: 398521733, suffixes: ['-alpine', '-slim', '-bookworm', '-bookworm-slim'], extra: ['latest', 'lts', 'alpine', 'slim', 'current'], latest: '24.2.0', variants: { alpine: 56784210, slim: 77219643 } })],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    binaries: [...DEBIAN_BINARIES, 'node', 'npm', 'npx', 'curl', 'wget', 'docker-entrypoint.sh'],
    kind: 'node',
    shell: 'dash',
  },
  {
    repository: 'docker.io/curlimages/curl',
    tags: [versions({ '7.85': 0, '8.1': 2, '8.5': 0, '8.8': 0, '8.11': 1, '8.12': 1, '8.13': 0, '8.14': 1 }, { size: 10942187, extra: ['latest'], latest: '8.14.1' })],
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    binaries: [...ALPINE_BINARIES, 'curl', '/entrypoint.sh'],
    kind: 'tool',
    shell: 'ash',
    uid: 100,
  },
  {
    repository: 'docker.io/bitnami/kubectl',
    tags: [{ test: (t) => t === 'latest' || /^1\.(2[89]|3[0-3])(\.\d+)?$/.test(t), size: 80113845, version: (t) => t }],
    entrypoint: ['kubectl'],
    cmd: ['--help'],
    binaries: [...DEBIAN_BINARIES, 'kubectl'],
    kind: 'kubectl',
    shell: 'bash',
    uid: 1001,
  },
  {
    repository: 'docker.io/nicolaka/netshoot',
    tags: [exact(['latest', 'v0.13', 'v0.14'], 181429023)],
    entrypoint: [],
    cmd: ['zsh'],
    binaries: [...ALPINE_BINARIES, 'bash', 'zsh', 'curl', 'dig', 'nslookup', 'host', 'tcpdump', 'iperf3', 'nmap', 'ss', 'jq'],
    kind: 'shell',
    shell: 'ash',
  },
  {
    repository: 'docker.io/polinux/stress',
    tags: [exact(['latest', '1.0.4'], 4161294)],
    entrypoint: [],
    cmd: ['stress'],
    binaries: [...BUSYBOX_APPLETS, 'stress'],
    kind: 'stress',
    shell: 'ash',
  },
  {
    repository: 'docker.io/progrium/stress',
    tags: [exact(['latest'], 118143468)],
    entrypoint: ['/usr/bin/stress', '--verbose'],
    cmd: [],
    binaries: [...DEBIAN_BINARIES, 'stress', '/usr/bin/stress'],
    kind: 'stress',
    shell: 'dash',
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: [exact(['2.39', '2.40', '2.43', '2.45', '2.47', '2.52', '2.53'], 51358612)],
    entrypoint: ['/agnhost'],
    cmd: [],
    binaries: [...BUSYBOX_APPLETS, '/agnhost', 'agnhost', 'curl'],
    kind: 'agnhost',
    shell: 'ash',
  },
  {
    repository: 'registry.k8s.io/metrics-server/metrics-server',
    tags: [exact(['v0.6.3', 'v0.6.4', 'v0.7.0', 'v0.7.1', 'v0.7.2', 'v0.8.0'], 19355563)],
    entrypoint: ['/metrics-server'],
    cmd: [],
    binaries: ['/metrics-server'],
    ports: [10250],
    kind: 'metrics-server',
    shell: 'none',
    uid: 65534,
  },
  {
    repository: 'registry.k8s.io/echoserver',
    tags: [exact(['1.4', '1.10'], 46158744)],
    entrypoint: ['/usr/local/bin/run.sh'],
    cmd: [],
    binaries: [...DEBIAN_BINARIES, 'nginx', '/usr/local/bin/run.sh'],
    ports: [8080],
    kind: 'echoserver',
    shell: 'dash',
  },
  {
    repository: 'registry.k8s.io/busybox',
    tags: [exact(['latest', '1.27.2', '1.24'], 1144547)],
    entrypoint: [],
    cmd: ['sh'],
    binaries: BUSYBOX_APPLETS,
    kind: 'shell',
    shell: 'ash',
  },
  {
    repository: 'registry.k8s.io/pause',
    tags: [exact(['3.6', '3.7', '3.8', '3.9', '3.10', '3.10.1'], 320368)],
    entrypoint: ['/pause'],
    cmd: [],
    binaries: ['/pause'],
    kind: 'pause',
    shell: 'none',
  },
  k8sComponent('kube-apiserver', 30071307),
  k8sComponent('kube-controller-manager', 26790532),
  k8sComponent('kube-scheduler', 21152232),
  k8sComponent('kube-proxy', 30954625),
  {
    repository: 'registry.k8s.io/etcd',
    tags: [exact(['3.5.9-0', '3.5.10-0', '3.5.12-0', '3.5.15-0', '3.5.16-0', '3.5.21-0', '3.5.24-0', '3.6.1-1', '3.6.4-0', '3.6.5-0', '3.6.6-0'], 57680541)],
    entrypoint: [],
    cmd: [],
    binaries: ['etcd', 'etcdctl', 'etcdutl'],
    kind: 'control-plane',
    shell: 'none',
  },
  {
    repository: 'registry.k8s.io/coredns/coredns',
    tags: [exact(['v1.10.1', 'v1.11.1', 'v1.11.3', 'v1.12.0', 'v1.12.1', 'v1.13.1'], 20939036)],
    entrypoint: ['/coredns'],
    cmd: [],
    binaries: ['/coredns'],
    ports: [53, 8080, 8181, 9153],
    kind: 'coredns',
    shell: 'none',
    uid: 65532,
  },
  cni('docker.io/calico/node', 156970231, ['v3.27.3', 'v3.28.0', 'v3.28.2', 'v3.29.0', 'v3.29.3', 'v3.30.0', 'v3.30.2'], ['start_runit']),
  cni('docker.io/calico/cni', 94535610, ['v3.27.3', 'v3.28.0', 'v3.28.2', 'v3.29.0', 'v3.29.3', 'v3.30.0', 'v3.30.2'], ['/opt/cni/bin/install']),
  cni('docker.io/calico/kube-controllers', 35036437, ['v3.27.3', 'v3.28.0', 'v3.28.2', 'v3.29.0', 'v3.29.3', 'v3.30.0', 'v3.30.2'], ['/usr/bin/kube-controllers']),
  cni('quay.io/calico/node', 156970231, ['v3.29.3', 'v3.30.2'], ['start_runit']),
  cni('ghcr.io/flannel-io/flannel', 32115498, ['v0.25.7', 'v0.26.0', 'v0.26.4', 'v0.26.7', 'v0.27.0'], ['/opt/bin/flanneld']),
  cni('ghcr.io/flannel-io/flannel-cni-plugin', 4856373, ['v1.5.1-flannel2', 'v1.6.2-flannel1', 'v1.7.1-flannel1'], ['cp']),
  cni('docker.io/flannel/flannel', 32115498, ['v0.25.7', 'v0.26.7'], ['/opt/bin/flanneld']),
  cni('docker.io/weaveworks/weave-kube', 30924173, ['2.8.1', 'latest'], ['/home/weave/launch.sh']),
  cni('quay.io/cilium/cilium', 196783420, ['v1.16.5', 'v1.17.4'], ['cilium-agent']),
];

function cni(repository: string, size: number, tags: string[], entrypoint: string[]): Family {
  return { repository, tags: [exact(tags, size)], entrypoint, cmd: [], binaries: [...BUSYBOX_APPLETS, ...entrypoint], kind: 'cni', shell: 'ash' };
}

const BY_REPOSITORY = new Map(FAMILIES.map((f) => [f.repository, f]));

/** Registries whose host resolves; anything else fails name resolution. */
const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'quay.io', 'ghcr.io', 'gcr.io', 'registry-1.docker.io', 'mcr.microsoft.com', 'public.ecr.aws']);

/** Looks an image up in the registries: what a pull of this reference would produce. */
/** Resolutions by reference: every pod of a Deployment pulls the same image on every node. */
const resolved = new Map<string, PullResult>();

/** What pulling `image` gives (one shared, never-changed result per reference). */
export function resolveImage(image: string): PullResult {
  let r = resolved.get(image);
  if (!r) {
    r = resolveUncached(image);
    if (resolved.size >= 1024) resolved.clear();
    resolved.set(image, r);
  }
  return r;
}

function resolveUncached(image: string): PullResult {
  let ref: ImageRef;
  try {
    ref = parseImageRef(image);
  } catch (e) {
    return { ok: false, code: 'Unknown', message: `failed to pull and unpack image "${image}": ${(e as Error).message}` };
  }
  const full = fullReference(ref);
  const family = BY_REPOSITORY.get(repositoryOf(ref)) ?? BY_REPOSITORY.get(repositoryOf({ ...ref, domain: ref.domain === 'k8s.gcr.io' ? 'registry.k8s.io' : ref.domain }));
  const prefix = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
  if (!KNOWN_REGISTRIES.has(ref.domain)) {
    return { ok: false, code: 'Unknown', message: `${prefix}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? 'latest'}": dial tcp: lookup ${ref.domain.split(':')[0]} on 127.0.0.53:53: no such host` };
  }
  if (!family) {
    if (ref.domain === 'docker.io') {
      return { ok: false, code: 'Unknown', message: `${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
    }
    return { ok: false, code: 'NotFound', message: `${prefix}: ${full}: not found` };
  }
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  const rule = tag === undefined ? family.tags[0] : family.tags.find((r) => r.test(tag));
  if (!rule) return { ok: false, code: 'NotFound', message: `${prefix}: ${full}: not found` };
  return { ok: true, image: imageInfo(family, rule, tag ?? 'latest', ref) };
}

function imageInfo(f: Family, rule: TagRule, tag: string, ref: ImageRef): ImageInfo {
  const variant = Object.keys(rule.variants ?? {}).sort((a, b) => b.length - a.length).find((v) => tag === v || tag.endsWith(`-${v}`));
  const alpine = tag.includes('alpine');
  const size = variant ? rule.variants![variant]! : rule.size;
  const binaries = alpine && f.shell !== 'ash' ? [...ALPINE_BINARIES, ...f.binaries.filter((b) => !DEBIAN_BINARIES.includes(b))] : [...f.binaries];
  const full = `${f.repository}:${tag}`;
  return {
    repository: f.repository,
    tag,
    fullName: full,
    size,
    entrypoint: f.entrypoint,
    cmd: f.cmd,
    binaries: new Set(binaries),
    ports: f.ports ?? [],
    kind: f.kind,
    shell: alpine ? 'ash' : f.shell,
    uid: f.uid ?? 0,
    workingDir: f.workingDir ?? '/',
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(f.env ?? {}) },
    version: rule.version?.(tag) ?? tag,
    id: `sha256:${digestOf(`id:${full}`)}`,
    digest: ref.digest ?? `sha256:${digestOf(`digest:${full}`)}`,
  };
}

/** A stable 64-hex digest derived from a string (FNV-1a lanes; not cryptographic). */
export function digestOf(text: string): string {
  let out = '';
  for (let lane = 0; out.length < 64; lane++) {
    let h = 0x811c9dc5 ^ lane;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** Images kubeadm and the CNI pre-pull on every node (`kubeadm config images pull`). */
export function preloadedImages(version: string, etcdVersion: string, cniImages: string[]): string[] {
  return [
    `registry.k8s.io/kube-apiserver:${version}`,
    `registry.k8s.io/kube-controller-manager:${version}`,
    `registry.k8s.io/kube-scheduler:${version}`,
    `registry.k8s.io/kube-proxy:${version}`,
    'registry.k8s.io/coredns/coredns:v1.12.0',
    'registry.k8s.io/pause:3.10',
    `registry.k8s.io/etcd:${etcdVersion}`,
    ...cniImages,
  ];
}
