import { oracleTable } from './harness.js';

const files = { a: 'one\ntwo\n', b: 'x\n\n\n\ny', t: 'a\tb\x01\x7f é\n', d: { dir: true as const } };

oracleTable('cat matches GNU cat', [
  { argv: ['cat', 'a'], files },
  { argv: ['cat', 'a', 'b', 'a'], files },
  { argv: ['cat', '-n', 'a', 'b', 'a'], files },
  { argv: ['cat', '-b', 'b', 'a'], files },
  { argv: ['cat', '-s', 'b'], files },
  { argv: ['cat', '-sn', 'b'], files },
  { argv: ['cat', '-A', 't', 'b'], files },
  { argv: ['cat', '-E', 'a'], files },
  { argv: ['cat', '-T', 't'], files },
  { argv: ['cat', '-v', 't'], files },
  { argv: ['cat', 'nope', 'a'], files },
  { argv: ['cat', 'd'], files },
  { argv: ['cat', '-', 'a'], files, stdin: 'in\n' },
  { argv: ['cat'], stdin: 'just stdin' },
  { argv: ['cat', '-Z'] },
  { argv: ['cat', '--nope'] },
  { argv: ['cat', '--num', 'a'], files },
  { argv: ['cat', "it's", 'a b'] },
]);
