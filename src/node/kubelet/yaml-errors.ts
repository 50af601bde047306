/**
 * YAML syntax errors in go-yaml v2's words (which sigs.k8s.io/yaml, and so the kubelet and the
 * apiserver, print): a js-yaml exception is mapped to "yaml: line N: <reason>".
 */

interface JsYamlError {
  reason?: string;
  mark?: { line: number; column: number };
  message?: string;
}

export function goYamlError(e: unknown, text: string): string {
  const err = e as JsYamlError;
  const reason = err.reason ?? String(err.message ?? e);
  const line = (err.mark?.line ?? 0) + 1;
  const lines = text.split('\n');
  const indent = (l: string | undefined) => (l === undefined ? 0 : l.length - l.trimStart().length);
  let go: string;
  if (reason.startsWith('tab characters')) go = 'found character that cannot start any token';
  else if (reason.startsWith('bad indentation of a mapping entry')) {
    const cur = lines[line - 1];
    const prev = [...lines.slice(0, line - 1)].reverse().find((l) => l.trim() && !l.trim().startsWith('#'));
    if (cur !== undefined && /:\s*\S+.*:\s/.test(cur.replace(/"[^"]*"|'[^']*'/g, ''))) go = 'mapping values are not allowed in this context';
    else go = indent(cur) > indent(prev) ? 'mapping values are not allowed in this context' : 'did not find expected key';
  } else if (reason.includes('unexpected end of the stream within')) go = 'found unexpected end of stream';
  else if (reason.startsWith('end of the stream or a document separator')) go = "did not find expected '-' indicator";
  else if (reason.includes('duplicated mapping key')) go = `found duplicate mapping key`;
  else if (reason.includes('can not read a block mapping entry')) go = "could not find expected ':'";
  else if (reason.includes('incomplete explicit mapping pair')) go = "could not find expected ':'";
  else go = reason;
  if (reason.includes('mapping values') || go === 'mapping values are not allowed in this context') {
    if (line === 1 && !text.includes('\n')) return `yaml: ${go}`;
  }
  return `yaml: line ${line}: ${go}`;
}
