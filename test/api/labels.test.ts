import { describe, expect, it } from 'vitest';
import { matchesAll, parseSelector, selectorMatches, SelectorParseError, formatLabelSelector } from '../../src/api/labels.js';

describe('label selectors', () => {
  const web = { app: 'web', tier: 'frontend', env: 'prod' };

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=web,tier=backend', false],
    ['env in (prod,staging)', true],
    ['env notin (prod)', false],
    ['tier', true],
    ['!tier', false],
    ['!legacy', true],
    ['', true],
  ])('%j matches {app: web, tier: frontend, env: prod}: %s', (sel, expected) => {
    expect(matchesAll(web, parseSelector(sel))).toBe(expected);
  });

  it('rejects an operator it does not know', () => {
    expect(() => parseSelector('app within (a)')).toThrow(SelectorParseError);
  });

  it('treats a missing spec selector as matching nothing and an empty one as everything', () => {
    expect(selectorMatches(undefined, web)).toBe(false);
    expect(selectorMatches({}, web)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, web)).toBe(true);
  });

  it('formats a spec selector as kubectl describe prints it', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['b', 'a'] }] })).toBe('app=web,env in (a,b)');
  });
});
