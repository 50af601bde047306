import { describe, expect, it } from 'vitest';
import { expandAliases } from '../../src/shell/aliases.js';
import { isComplete, parseLine } from '../../src/shell/syntax.js';

describe('isComplete: when the TUI shows a `> ` continuation prompt', () => {
  it.each([
    ['an open double quote', 'echo "abc'],
    ['an open single quote', "echo 'abc"],
    ['an open backtick', 'echo `date'],
    ['an open $(', 'echo $(kubectl get pods'],
    ['a trailing pipe', 'kubectl get pods |'],
    ['a trailing &&', 'cd /tmp &&'],
    ['a trailing ||', 'false ||'],
    ['a trailing backslash', 'kubectl run x \\'],
    ['a heredoc without its delimiter', 'cat <<EOF | kubectl apply -f -\napiVersion: v1'],
    ['a quoted heredoc without its delimiter', "cat <<'EOF'\nx"],
    ['an unfinished for loop', 'for p in $(kubectl get pods -o name); do'],
    ['an unfinished if', 'if true; then'],
    ['an open brace group', '{ echo a'],
    ['an open subshell', '(cd /tmp'],
  ])('needs more input after %s', (_, text) => {
    expect(isComplete(text)).toBe(false);
  });

  it.each([
    ['a simple command', 'kubectl get pods'],
    ['a closed heredoc', 'cat <<EOF\nx\nEOF'],
    ['a <<- heredoc closed by a tab-indented delimiter', 'cat <<-EOF\n\tx\n\tEOF'],
    ['an escaped backslash at the end', 'echo a \\\\'],
    ['a multi-line quoted string', 'echo "a\nb"'],
    ['a finished loop', 'for i in 1 2; do echo $i; done'],
    ['a syntax error (it will be reported, not continued)', 'ls | | wc'],
  ])('is complete with %s', (_, text) => {
    expect(isComplete(text)).toBe(true);
  });
});

describe('syntax errors in bash words', () => {
  it.each([
    ['ls | | wc', "bash: syntax error near unexpected token `|'"],
    ['echo )', "bash: syntax error near unexpected token `)'"],
    ['fi', "bash: syntax error near unexpected token `fi'"],
    ['echo a; ;', "bash: syntax error near unexpected token `;'"],
    ['{ }', "bash: syntax error near unexpected token `}'"],
    ['if true; then fi', "bash: syntax error near unexpected token `fi'"],
    ['echo "abc', 'bash: unexpected EOF while looking for matching `"\''],
    ["echo 'abc", "bash: unexpected EOF while looking for matching `''"],
    ['echo $(ls', "bash: unexpected EOF while looking for matching `)'"],
    ['for x in a; do', 'bash: syntax error: unexpected end of file'],
    ['echo a |', 'bash: syntax error: unexpected end of file'],
  ])('%s', (line, message) => {
    expect(parseLine(line).syntaxError).toBe(message);
  });
});

describe('alias expansion on the source text', () => {
  const aliases = new Map([
    ['k', 'kubectl'],
    ['kg', 'k get'],
    ['ls', 'ls --color=auto'],
    ['sudo', 'sudo '],
    ['kn', 'kubectl -n kube-system'],
  ]);

  it('replaces the first word of every simple command', () => {
    expect(expandAliases('k get po; echo k | k apply -f -', aliases)).toBe('kubectl get po; echo k | kubectl apply -f -');
  });

  it('expands aliases inside an alias, but never the same name twice', () => {
    expect(expandAliases('kg pods', aliases)).toBe('kubectl get pods');
    expect(expandAliases('ls /tmp', aliases)).toBe('ls --color=auto /tmp');
  });

  it('checks the next word too when the value ends in a blank', () => {
    expect(expandAliases('sudo k get nodes', aliases)).toBe('sudo  kubectl get nodes');
  });

  it('leaves quoted words, arguments and heredoc bodies alone', () => {
    expect(expandAliases("'k' get; \\k get; echo k", aliases)).toBe("'k' get; \\k get; echo k");
    expect(expandAliases('cat <<EOF\nk get\nEOF', aliases)).toBe('cat <<EOF\nk get\nEOF');
  });

  it('expands inside command substitutions and loop bodies', () => {
    expect(expandAliases('for p in $(k get po -o name); do kn delete $p; done', aliases)).toBe(
      'for p in $(kubectl get po -o name); do kubectl -n kube-system delete $p; done',
    );
  });
});
