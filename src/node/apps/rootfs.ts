/**
 * The files an image brings: the usual directories, and what its server serves or reads
 * (nginx's configuration and welcome page, httpd's "It works!", redis' /data).
 */
import { VirtualFS } from '../../vfs/fs.js';
import type { ImageInfo } from '../images.js';
import { NGINX_50X, NGINX_CONF, NGINX_DEFAULT_CONF, NGINX_INDEX } from './nginx-conf.js';

/** Unpacked images by image (resolveImage hands out one ImageInfo per reference). */
const unpacked = new WeakMap<ImageInfo, VirtualFS>();

/**
 * The image's files as its read-only lower layer: built once per image and shared by every
 * container of it on every node. Containers write into their own layer above it (and delete
 * through whiteouts), so no container's write reaches another's view; and the layer is the
 * same wherever it is unpacked (no clock: every file dated 0), so sharing it changes nothing
 * anyone can see, while what is memoized per layer (nginx's parsed configuration) holds for all.
 */
export function imageLayer(image: ImageInfo): VirtualFS {
  let fs = unpacked.get(image);
  if (!fs) {
    fs = new VirtualFS();
    populateRootfs(fs, image);
    unpacked.set(image, fs);
  }
  return fs;
}

export function populateRootfs(fs: VirtualFS, image: ImageInfo | undefined): void {
  for (const d of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/run', '/sys', '/usr/bin', '/usr/local/bin', '/var/log', '/var/run', '/opt']) fs.mkdir(d, { recursive: true });
  fs.mkdir('/tmp', { mode: 0o1777 });
  if (!image) return;
  fs.writeFile('/etc/os-release', osRelease(image));
  if (image.workingDir !== '/') fs.mkdir(image.workingDir, { recursive: true });
  switch (image.kind) {
    case 'nginx':
      fs.writeFile('/etc/nginx/nginx.conf', NGINX_CONF, { parents: true });
      fs.writeFile('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF, { parents: true });
      fs.writeFile('/usr/share/nginx/html/index.html', NGINX_INDEX, { parents: true });
      fs.writeFile('/usr/share/nginx/html/50x.html', NGINX_50X, { parents: true });
      fs.mkdir('/var/log/nginx', { recursive: true });
      fs.mkdir('/docker-entrypoint.d', { recursive: true });
      break;
    case 'httpd':
      fs.writeFile('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n', { parents: true });
      fs.mkdir('/usr/local/apache2/conf', { recursive: true });
      break;
    case 'redis':
    case 'mongo':
      fs.mkdir('/data/db', { recursive: true });
      break;
    case 'mysql':
    case 'mariadb':
      fs.mkdir('/var/lib/mysql', { recursive: true });
      break;
    case 'postgres':
      fs.mkdir('/var/lib/postgresql/data', { recursive: true });
      break;
    case 'shell':
      if (image.shell === 'ash') fs.mkdir('/var/www', { recursive: true });
      break;
  }
}

function osRelease(image: ImageInfo): string {
  if (image.shell === 'ash' && image.repository.endsWith('/busybox')) return 'NAME=BusyBox\n';
  if (image.shell === 'ash') return 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n';
  if (image.repository.endsWith('/ubuntu')) return 'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n';
  return 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';
}
