/**
 * kubectl create configmap NAME --from-file/--from-literal/--from-env-file [--append-hash]:
 * files first, then literals, then env files, each key checked as the generator does.
 */
import type { KObject } from '../../api/types.js';
import { flagBool } from '../flags/index.js';
import { KubectlError, usageError } from '../errors.js';
import { goQuote } from '../../util/gofmt.js';
import { defineGenerator, listFlag } from './generator.js';
import { configMapHash, configMapKeyError, envFileEntries, fileSourceEntries, parseLiteralSource, readerFor, sortedMap } from './sources.js';

export const createConfigMapCommand = defineGenerator({
  path: ['create', 'configmap'],
  resource: 'configmaps',
  failure: 'configmap',
  help: {
    short: 'Create a config map from a local file, directory or literal value',
    long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
    aliases: ['cm'],
    examples: `# Create a new config map named my-config based on folder bar
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config with specified keys instead of file basenames on disk
kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

# Create a new config map named my-config with key1=config1 and key2=config2
kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

# Create a new config map named my-config from the key=value pairs in the file
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config from an env file
kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    use: 'NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'append-hash', type: 'bool', usage: 'Append a hash of the configmap to its name.' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
    { name: 'from-file', type: 'stringSlice', usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
  ],
  validate({ inv }) {
    if (listFlag(inv, 'from-env-file').length && (listFlag(inv, 'from-file').length || listFlag(inv, 'from-literal').length)) {
      throw usageError('from-env-file cannot be combined with from-file or from-literal');
    }
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const data: Record<string, string> = {};
    const add = (key: string, value: string) => {
      const err = configMapKeyError(key);
      if (err) throw new KubectlError(`error: ${goQuote(key)} is not a valid key name for a ConfigMap: ${err}`);
      if (key in data) throw new KubectlError(`error: cannot add key ${goQuote(key)}, another key by that name already exists in Data for ConfigMap ${goQuote(name)}`);
      data[key] = value;
    };
    const reader = readerFor(inv);
    fileSourceEntries(reader, listFlag(inv, 'from-file'), add);
    for (const s of listFlag(inv, 'from-literal')) add(...parseLiteralSource(s));
    envFileEntries(reader, listFlag(inv, 'from-env-file'), 'env config file cannot be a directory', add);
    const sorted = sortedMap(data);
    const finalName = flagBool(inv.flags, 'append-hash') ? `${name}-${configMapHash(name, sorted)}` : name;
    return {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: finalName, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      ...(Object.keys(sorted).length ? { data: sorted } : {}),
    };
  },
});
