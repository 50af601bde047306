/**
 * kubectl create secret docker-registry NAME --docker-server/--docker-username/--docker-password
 * [--docker-email] or --from-file: a kubernetes.io/dockerconfigjson secret.
 */
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import { usageError } from '../errors.js';
import { goJsonCompact } from '../../util/gofmt.js';
import { defineGenerator, listFlag } from './generator.js';
import { fileSourceEntries, readerFor } from './sources.js';
import { secretAdder, secretObject } from './secret-generic.js';

export const createSecretDockerRegistryCommand = defineGenerator({
  path: ['create', 'secret', 'docker-registry'],
  resource: 'secrets',
  failure: 'secret',
  help: {
    short: 'Create a secret for use with a Docker registry',
    long: `Create a new secret for use with Docker registries.
        
        Dockercfg secrets are used to authenticate against Docker registries.
        
        When using the Docker command line to push images, you can authenticate to a given registry by running:
        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.
        
 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

        When creating applications, you may have a Docker registry that requires authentication.  In order for the
        nodes to pull images on your behalf, they must have the credentials.  You can provide this information
        by creating a dockercfg secret and attaching it to your service account.`,
    examples: `# If you do not already have a .dockercfg file, create a dockercfg secret directly
kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

# Create a new secret named my-secret from ~/.docker/config.json
kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json`,
    use: 'NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'append-hash', type: 'bool', usage: 'Append a hash of the secret to its name.' },
    { name: 'docker-email', type: 'string', usage: 'Email for Docker registry' },
    { name: 'docker-password', type: 'string', usage: 'Password for Docker registry authentication' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/', usage: 'Server location for Docker registry' },
    { name: 'docker-username', type: 'string', usage: 'Username for Docker registry authentication' },
    { name: 'from-file', type: 'stringSlice', usage: 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.' },
  ],
  validate({ inv }) {
    const s = (n: string) => flagString(inv.flags, n);
    if (!listFlag(inv, 'from-file').length && (!s('docker-username') || !s('docker-password') || !s('docker-server'))) {
      throw usageError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const data: Record<string, string> = {};
    const add = secretAdder(data);
    if (listFlag(inv, 'from-file').length) {
      fileSourceEntries(readerFor(inv), listFlag(inv, 'from-file'), add);
    } else {
      const s = (n: string) => flagString(inv.flags, n);
      add('.dockerconfigjson', dockerConfigJson(s('docker-server'), s('docker-username'), s('docker-password'), s('docker-email')));
    }
    return secretObject(name, enforcedNamespace, 'kubernetes.io/dockerconfigjson', data, flagBool(inv.flags, 'append-hash'));
  },
});

/** The .dockerconfigjson document: {"auths":{server:{username,password,email,auth}}}, empty fields left out. */
export function dockerConfigJson(server: string, username: string, password: string, email: string): string {
  const entry: Record<string, string> = {};
  if (username) entry['username'] = username;
  if (password) entry['password'] = password;
  if (email) entry['email'] = email;
  const auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  if (auth) entry['auth'] = auth;
  return goJsonCompact({ auths: { [server]: entry } }, { sortKeys: false });
}
