/**
 * --dry-run as kubectl interprets it (GetDryRunStrategy): strategies, the deprecation warnings
 * for the bare and boolean spellings in klog form, and the error for anything else.
 */
import { describe, expect, it } from 'vitest';
import { DRY_RUN_FLAG } from '../../../src/kubectl/common-flags.js';
import { dryRunStrategy, flagString, klogLine, parseFlags } from '../../../src/kubectl/flags/index.js';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';

describe('--dry-run', () => {
  it('alone means "unchanged"; absent, "none"', () => {
    expect(flagString(parseFlags(['--dry-run'], [DRY_RUN_FLAG]), 'dry-run')).toBe('unchanged');
    expect(flagString(parseFlags([], [DRY_RUN_FLAG]), 'dry-run')).toBe('none');
  });

  it.each([
    ['none', 'none', undefined],
    ['client', 'client', undefined],
    ['server', 'server', undefined],
    ['unchanged', 'client', '--dry-run is deprecated and can be replaced with --dry-run=client.'],
    ['true', 'client', '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.'],
    ['false', 'none', '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.'],
    ['1', 'client', '--dry-run=1 is deprecated (boolean value) and can be replaced with --dry-run=client.'],
    ['F', 'none', '--dry-run=F is deprecated (boolean value) and can be replaced with --dry-run=none.'],
  ])('--dry-run=%s', (value, strategy, warning) => {
    const r = dryRunStrategy(value);
    expect(r.strategy).toBe(strategy);
    expect(r.warning).toBe(warning);
  });

  it('an invalid value', () => {
    expect(() => dryRunStrategy('maybe')).toThrow('Invalid dry-run value (maybe). Must be "none", "server", or "client".');
    expect(() => dryRunStrategy('')).toThrow('Invalid dry-run value (). Must be "none", "server", or "client".');
  });

  it('klog warning lines', () => {
    const now = Date.parse('2026-11-25T22:08:46.739Z');
    expect(klogLine('W', now, 18353, 'helpers.go:703', '--dry-run is deprecated and can be replaced with --dry-run=client.')).toBe(
      'W1125 22:08:46.739000   18353 helpers.go:703] --dry-run is deprecated and can be replaced with --dry-run=client.\n',
    );
  });
});

describe.skipIf(!hasKubectl())('--dry-run against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);

  it.each([
    ['--dry-run', 'unchanged'],
    ['--dry-run=true', 'true'],
    ['--dry-run=false', 'false'],
  ])('%s warns in klog form', async (arg, value) => {
    const real = await kubectl(['create', 'configmap', 'x', arg, '-o', 'name']);
    const r = dryRunStrategy(value);
    const line = real.stderr.split('\n').find((l) => l.includes(r.source!))!;
    expect(line).toMatch(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} {1,7}\d{1,7} /);
    expect(line.replace(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '')).toBe(`${r.source}] ${r.warning}`);
  });

  it('an invalid value fails as kubectl does', async () => {
    const real = await kubectl(['create', 'configmap', 'x', '--dry-run=maybe']);
    expect(() => dryRunStrategy('maybe')).toThrow(real.stderr.replace(/^error: /, '').trimEnd());
  });
});
