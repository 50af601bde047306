/**
 * `kubectl config view`: the merged kubeconfig (or --kubeconfig's file alone), --minify to the
 * current context (or --context), --flatten to embed the files it names, secrets redacted
 * unless --raw, printed as YAML by default or with any generic printer (`-o jsonpath=...` is
 * how exams ask for a user or context name).
 */
import { flagBool } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { outputFlags, TEMPLATE_FLAGS } from '../common-flags.js';
import { errorText, goJsonIndent, printGenericObjects, PrinterError, resolvePrinter } from '../printers/index.js';
import type { KObject } from '../../api/types.js';
import { dirname, normalizePath } from '../../vfs/fs.js';
import { printerEnv } from '../verbs/shared.js';
import { cloneKubeconfig, fileFields, minify, redact, toV1, type Kubeconfig, type Section } from './model.js';

/** clientcmdapi.FlattenConfig: file references replaced by their contents. */
function flatten(inv: Invocation, k: Kubeconfig): Kubeconfig {
  const out = cloneKubeconfig(k);
  const access = inv.kctx.kubeconfigAccess();
  for (const section of ['clusters', 'users'] as Section[]) {
    for (const entry of out[section].values()) {
      const base = dirname(access.abs(entry.origin ?? access.defaultFile()));
      for (const field of fileFields(section)) {
        const path = entry.value[field];
        if (field === 'tokenFile' || typeof path !== 'string' || !path) continue;
        const abs = normalizePath(path, base);
        let content: string;
        try {
          content = inv.proc.host.fs.readFile(abs, inv.proc.cred);
        } catch {
          throw new KubectlError(`error: open ${abs}: no such file or directory`);
        }
        entry.value = { ...entry.value, [`${field}-data`]: Buffer.from(content).toString('base64') };
        delete entry.value[field];
      }
    }
  }
  return out;
}

export const viewCommand: KubectlCommand = {
  path: ['config', 'view'],
  help: {
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
    long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    examples: `# Show merged kubeconfig settings
kubectl config view

# Show merged kubeconfig settings, raw certificate data, and exposed secrets
kubectl config view --raw

# Get the password for the e2e user
kubectl config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
    use: '',
    flagsInUse: true,
  },
  flags: [
    ...TEMPLATE_FLAGS,
    { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'merge', type: 'bool', default: true, usage: 'Merge the full hierarchy of kubeconfig files' },
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
  ],
  run(inv) {
    if (inv.args.length) throw new KubectlError(`error: unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl config view -h' for help and examples`);
    const access = inv.kctx.kubeconfigAccess();
    const merge = inv.flags.changed.has('merge') ? flagBool(inv.flags, 'merge') : !access.isExplicit();
    if (!merge && !access.isExplicit()) throw new KubectlError('error: if merge==false a precise file must be specified');
    let printer;
    try {
      printer = resolvePrinter(outputFlags(inv.flags), 'generic', printerEnv(inv));
    } catch (e) {
      if (e instanceof PrinterError) throw new KubectlError(`error: ${e.message}`);
      throw e;
    }
    let config = merge ? access.load() : access.loadFile(access.precedence()[0]!);
    if (flagBool(inv.flags, 'minify')) {
      const context = inv.kctx.globals.context;
      if (context) config = { ...config, currentContext: context };
      try {
        config = minify(config);
      } catch (e) {
        throw new KubectlError(`error: ${(e as Error).message}`);
      }
    }
    if (flagBool(inv.flags, 'flatten')) config = flatten(inv, config);
    else if (!flagBool(inv.flags, 'raw')) config = redact(config);
    const doc = toV1(config) as unknown as KObject;
    if (printer.kind !== 'generic') return 0;
    // A typed object: -o json keeps the Go struct order instead of sorting keys.
    if (printer.printer.format === 'json') {
      inv.out.write(goJsonIndent(doc, '    ', { sortKeys: false }) + '\n');
      return 0;
    }
    const r = printGenericObjects(printer, [doc], '');
    inv.out.write(r.stdout);
    if (r.error) throw new KubectlError(errorText(r.error));
    return 0;
  },
};
