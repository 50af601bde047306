/**
 * The shared flag groups: their help text against kubectl 1.33, and the readers that hand
 * parsed flags to the printers (-o and friends) and to mutating verbs (--dry-run).
 */
import { describe, expect, it } from 'vitest';
import { DRY_RUN, dryRunStrategy, flagString, flagsUsages, getFlags, klogLine, outputFlagsFrom, parseFlags, printFlags } from '../../../src/kubectl/flags/index.js';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';

const optionsBlock = (help: string): string => help.slice(help.indexOf('Options:\n') + 'Options:\n'.length, help.indexOf('\nUsage:'));

describe('flag groups', () => {
  it('output flags as the printers take them', () => {
    const p = parseFlags(['get', 'pods', '-owide', '--show-labels', '-L', 'app,tier', '-L', 'zone', '--sort-by=.metadata.name', '--no-headers'], getFlags());
    expect(outputFlagsFrom(p)).toEqual({
      output: 'wide',
      template: undefined,
      allowMissingTemplateKeys: true,
      noHeaders: true,
      showLabels: true,
      labelColumns: ['app', 'tier', 'zone'],
      showKind: false,
      sortBy: '.metadata.name',
      showManagedFields: false,
    });
    const generic = outputFlagsFrom(parseFlags(['-o', 'jsonpath={.x}', '--allow-missing-template-keys=false'], printFlags()));
    expect(generic).toMatchObject({ output: 'jsonpath={.x}', allowMissingTemplateKeys: false, noHeaders: undefined, labelColumns: undefined });
  });

  it('--dry-run alone means "unchanged"', () => {
    expect(flagString(parseFlags(['--dry-run'], [DRY_RUN]), 'dry-run')).toBe('unchanged');
    expect(flagString(parseFlags([], [DRY_RUN]), 'dry-run')).toBe('none');
  });

  it.each([
    ['none', 'none', undefined],
    ['client', 'client', undefined],
    ['server', 'server', undefined],
    ['unchanged', 'client', '--dry-run is deprecated and can be replaced with --dry-run=client.'],
    ['true', 'client', '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.'],
    ['false', 'none', '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.'],
    ['1', 'client', '--dry-run=1 is deprecated (boolean value) and can be replaced with --dry-run=client.'],
  ])('--dry-run=%s', (value, strategy, warning) => {
    const r = dryRunStrategy(value);
    expect(r.strategy).toBe(strategy);
    expect(r.warning).toBe(warning);
  });

  it('an invalid --dry-run value', () => {
    expect(() => dryRunStrategy('maybe')).toThrow('Invalid dry-run value (maybe). Must be "none", "server", or "client".');
  });

  it('klog warning lines', () => {
    const now = Date.parse('2026-11-25T22:08:46.739Z');
    expect(klogLine('W', now, 18353, 'helpers.go:703', '--dry-run is deprecated and can be replaced with --dry-run=client.')).toBe(
      'W1125 22:08:46.739000   18353 helpers.go:703] --dry-run is deprecated and can be replaced with --dry-run=client.\n',
    );
  });
});

describe.skipIf(!hasKubectl())('flag groups against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);

  it("kubectl get's options", async () => {
    const real = await kubectl(['get', '--help']);
    expect(flagsUsages(getFlags()).replace(/\s+$/, '')).toBe(optionsBlock(real.stdout).replace(/\s+$/, ''));
  });

  it("create's -o, --template and friends", async () => {
    const real = optionsBlock((await kubectl(['create', 'deployment', '--help'])).stdout);
    for (const chunk of flagsUsages(printFlags()).split('\n\n').filter(Boolean)) expect(real).toContain(chunk + '\n\n');
  });

  it('deprecated --dry-run spellings warn in klog form', async () => {
    for (const [arg, source] of [
      ['--dry-run', 'helpers.go:703'],
      ['--dry-run=true', 'helpers.go:717'],
      ['--dry-run=false', 'helpers.go:720'],
    ] as const) {
      const real = await kubectl(['create', 'configmap', 'x', arg, '-o', 'name']);
      const value = arg.includes('=') ? arg.split('=')[1]! : 'unchanged';
      const r = dryRunStrategy(value);
      expect(r.source).toBe(source);
      const line = real.stderr.split('\n').find((l) => l.includes(source))!;
      expect(line.replace(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '')).toBe(`${source}] ${r.warning}`);
      expect(line).toMatch(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} {1,7}\d{1,7} /);
    }
  });
});
