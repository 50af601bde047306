/** kubectl create secret generic NAME --from-literal/--from-file/--from-env-file [--type] [--append-hash]. */
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import { KubectlError, usageError } from '../errors.js';
import { goQuote } from '../../util/gofmt.js';
import { defineGenerator, listFlag } from './generator.js';
import { base64, configMapKeyErrorsForSecret, envFileEntries, fileSourceEntries, parseLiteralSource, readerFor, secretHash, sortedMap } from './sources.js';

export const createSecretGenericCommand = defineGenerator({
  path: ['create', 'secret', 'generic'],
  resource: 'secrets',
  failure: 'secret',
  help: {
    short: 'Create a secret from a local file, directory, or literal value',
    long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
    examples: `# Create a new secret named my-secret with keys for each file in folder bar
kubectl create secret generic my-secret --from-file=path/to/bar

# Create a new secret named my-secret with specified keys instead of names on disk
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub

# Create a new secret named my-secret with key1=supersecret and key2=topsecret
kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret

# Create a new secret named my-secret using a combination of a file and a literal
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret

# Create a new secret named my-secret from env files
kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    use: 'NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'append-hash', type: 'bool', usage: 'Append a hash of the secret to its name.' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
    { name: 'from-file', type: 'stringSlice', usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.' },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
    { name: 'type', type: 'string', usage: 'The type of secret to create' },
  ],
  validate({ inv }) {
    if (listFlag(inv, 'from-env-file').length && (listFlag(inv, 'from-file').length || listFlag(inv, 'from-literal').length)) {
      throw usageError('from-env-file cannot be combined with from-file or from-literal');
    }
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const data: Record<string, string> = {};
    const add = secretAdder(data);
    const reader = readerFor(inv);
    for (const s of listFlag(inv, 'from-literal')) add(...parseLiteralSource(s));
    fileSourceEntries(reader, listFlag(inv, 'from-file'), add);
    envFileEntries(reader, listFlag(inv, 'from-env-file'), 'env secret file cannot be a directory', add);
    return secretObject(name, enforcedNamespace, flagString(inv.flags, 'type'), data, flagBool(inv.flags, 'append-hash'));
  },
});

/** addKeyFromLiteralToSecret: the key must be a valid config map key, and new. */
export function secretAdder(data: Record<string, string>): (key: string, value: string) => void {
  return (key, value) => {
    const err = configMapKeyErrorsForSecret(key);
    if (err) throw new KubectlError(`error: ${goQuote(key)} is not valid key name for a Secret ${err}`);
    if (key in data) throw new KubectlError(`error: cannot add key ${key}, another key by that name already exists`);
    data[key] = base64(value);
  };
}

/** newSecretObj with its data (base64 values), and the hash suffix when asked. */
export function secretObject(name: string, namespace: string, type: string, data: Record<string, string>, appendHash: boolean): KObject {
  const sorted = sortedMap(data);
  const finalName = appendHash ? `${name}-${secretHash(name, type, sorted)}` : name;
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: finalName, ...(namespace ? { namespace } : {}), creationTimestamp: null },
    ...(Object.keys(sorted).length ? { data: sorted } : {}),
    ...(type ? { type } : {}),
  };
}
