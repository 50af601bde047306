/**
 * kubectl auth whoami: the caller's attributes from a SelfSubjectReview, as an ATTRIBUTE/VALUE
 * table (Username, UID, Groups, Extra) or the review object in any generic format.
 */
import type { Invocation, KubectlCommand } from '../command.js';
import { GENERIC_OUTPUT_FLAGS, outputFlags } from '../common-flags.js';
import { usageError } from '../errors.js';
import { goJsonIndent, PrinterError, printGenericObjects, resolvePrinter, TabWriter } from '../printers/index.js';
import type { KObject } from '../../api/types.js';
import { printerEnv } from './shared.js';

export const authWhoamiCommand: KubectlCommand = {
  path: ['auth', 'whoami'],
  help: {
    short: 'Experimental: Check self subject attributes',
    long: `Experimental: Check who you are and your attributes (groups, extra).

        This command is helpful to get yourself aware of the current user attributes,
        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,
        is enabled in the Kubernetes cluster.`,
    examples: '# Get your subject attributes\nkubectl auth whoami\n\n# Get your subject attributes in JSON format\nkubectl auth whoami -o json',
    use: '',
  },
  flags: GENERIC_OUTPUT_FLAGS,
  run: runWhoami,
};

function runWhoami(inv: Invocation): number {
  const oflags = outputFlags(inv.flags);
  let printer;
  try {
    printer = oflags.output ? resolvePrinter(oflags, 'generic', printerEnv(inv)) : undefined;
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const user = inv.kctx.client().user;
  const userInfo: Record<string, unknown> = { username: user.username };
  if (user.uid) userInfo['uid'] = user.uid;
  if (user.groups.length) userInfo['groups'] = user.groups;
  if (user.extra && Object.keys(user.extra).length) userInfo['extra'] = user.extra;
  // A typed object: encoding/json writes its fields in struct order.
  const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: inv.kctx.world.clock.iso() }, status: { userInfo } };
  if (!printer) {
    let text = 'ATTRIBUTE\tVALUE\n';
    if (user.username) text += `Username\t${user.username}\n`;
    if (user.uid) text += `UID\t${user.uid}\n`;
    if (user.groups.length) text += `Groups\t[${user.groups.join(' ')}]\n`;
    for (const k of Object.keys(user.extra ?? {}).sort()) text += `Extra: ${k}\t[${user.extra![k]!.join(' ')}]\n`;
    const w = TabWriter.forTables();
    w.write(text);
    w.flush();
    inv.out.write(w.take());
    return 0;
  }
  if (printer.kind === 'generic' && printer.printer.format === 'json') {
    inv.out.write(goJsonIndent(review, '    ', { sortKeys: false }) + '\n');
    return 0;
  }
  const r = printGenericObjects(printer, [review as unknown as KObject], '');
  inv.out.write(r.stdout);
  if (r.error) throw usageError(r.error);
  return 0;
}
