/**
 * client-go util/jsonpath's parser_test.go and jsonpath_test.go, ported case for case.
 *
 * Inputs are always decoded JSON here (kubectl only ever hands the printer unstructured
 * maps), so the Go cases built from structs are fed as the equivalent JSON. Two differences
 * follow, both marked below: a map prints as compact JSON with sorted keys (Go's struct
 * field order does not exist for a map), and the type in "is not array or slice" is
 * `map[string]interface {}` rather than the struct's `map[string]int`.
 */
import { describe, expect, it } from 'vitest';
import { JsonPath } from '../../../src/kubectl/printers/jsonpath/eval.js';
import { parseJsonPath, type JPNode } from '../../../src/kubectl/printers/jsonpath/parser.js';

// ---- parser_test.go ------------------------------------------------------------------

/** node.go's String() for each node type. */
function nodeString(n: JPNode): string {
  switch (n.type) {
    case 'list':
      return 'NodeList';
    case 'text':
      return `NodeText: ${n.text}`;
    case 'field':
      return `NodeField: ${n.value}`;
    case 'identifier':
      return `NodeIdentifier: ${n.name}`;
    case 'array':
      return `NodeArray: [${n.params.map((p) => `{${p.value} ${p.known} ${p.derived}}`).join(' ')}]`;
    case 'filter':
      return `NodeFilter: NodeList ${n.operator} NodeList`;
    case 'int':
      return `NodeInt: ${n.value}`;
    case 'float':
      return `NodeFloat: ${n.value.value.toFixed(6)}`;
    case 'bool':
      return `NodeBool: ${n.value}`;
    case 'wildcard':
      return 'NodeWildcard';
    case 'recursive':
      return 'NodeRecursive';
    case 'union':
      return 'NodeUnion';
  }
}

function collectNodes(cur: JPNode, out: string[] = []): string[] {
  out.push(nodeString(cur));
  if (cur.type === 'list') for (const n of cur.nodes) collectNodes(n, out);
  if (cur.type === 'filter') {
    collectNodes(cur.left, out);
    collectNodes(cur.right, out);
  }
  if (cur.type === 'union') for (const n of cur.nodes) collectNodes(n, out);
  return out;
}

const L = 'NodeList';
const text = (s: string) => `NodeText: ${s}`;
const field = (s: string) => `NodeField: ${s}`;
const arr = (...p: [number, boolean, boolean][]) => `NodeArray: [${p.map(([v, k, d]) => `{${v} ${k} ${d}}`).join(' ')}]`;
const filter = (op: string) => `NodeFilter: NodeList ${op} NodeList`;
const osImageFilter = (s: string) => [L, filter('=='), L, field('status'), field('nodeInfo'), field('osImage'), L, text(s)];

const parserTests: [string, string, string[]][] = [
  ['plain', 'hello jsonpath', [text('hello jsonpath')]],
  ['variable', 'hello {.jsonpath}', [text('hello '), L, field('jsonpath')]],
  ['arrayfiled', "hello {['jsonpath']}", [text('hello '), L, field('jsonpath')]],
  ['quote', '{"{"}', [L, text('{')]],
  ['array', '{[1:3]}', [L, arr([1, true, false], [3, true, false], [0, false, false])]],
  ['allarray', '{.book[*].author}', [L, field('book'), arr([0, false, false], [0, false, false], [0, false, false]), field('author')]],
  ['wildcard', '{.bicycle.*}', [L, field('bicycle'), 'NodeWildcard']],
  ['filter', '{[?(@.price<3)]}', [L, filter('<'), L, field('price'), L, 'NodeInt: 3']],
  ['recursive', '{..}', [L, 'NodeRecursive']],
  ['recurField', '{..price}', [L, 'NodeRecursive', field('price')]],
  ['arraydict', "{['book.price']}", [L, field('book'), field('price')]],
  [
    'union',
    "{['bicycle.price', 3, 'book.price']}",
    [L, 'NodeUnion', L, field('bicycle'), field('price'), L, arr([3, true, false], [4, true, true], [0, false, false]), L, field('book'), field('price')],
  ],
  ['range', '{range .items}{.name},{end}', [L, 'NodeIdentifier: range', field('items'), L, field('name'), text(','), L, 'NodeIdentifier: end']],
  ['paired parentheses in quotes', '{[?(@.status.nodeInfo.osImage == "()")]}', osImageFilter('()')],
  ['paired parentheses in double quotes and with double quotes escape', '{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}', osImageFilter('("")')],
  ['unregular parentheses in double quotes', '{[?(@.test == "())(")]}', [L, filter('=='), L, field('test'), L, text('())(')]],
  ['plain text in single quotes', "{[?(@.status.nodeInfo.osImage == 'Linux')]}", osImageFilter('Linux')],
  ['test filter suffix', '{[?(@.status.nodeInfo.osImage == "{[()]}")]}', osImageFilter('{[()]}')],
  ['double inside single', `{[?(@.status.nodeInfo.osImage == "''")]}`, osImageFilter("''")],
  ['single inside double', `{[?(@.status.nodeInfo.osImage == '""')]}`, osImageFilter('""')],
  ['single containing escaped single', "{[?(@.status.nodeInfo.osImage == '\\\\\\'')]}", osImageFilter("\\'")],
  ['negative index slice, equals a[len-5] to a[len-1]', '{[-5:]}', [L, arr([-5, true, false], [0, false, false], [0, false, false])]],
  ['negative index slice, equals a[len-1]', '{[-1]}', [L, arr([-1, true, false], [0, true, true], [0, false, false])]],
  ['negative index slice, equals a[1] to a[len-1]', '{[1:-1]}', [L, arr([1, true, false], [-1, true, false], [0, false, false])]],
];

describe('jsonpath parser (parser_test.go)', () => {
  it.each(parserTests)('%s', (_name, tmpl, nodes) => {
    expect(collectNodes(parseJsonPath(tmpl)).slice(1)).toEqual(nodes);
  });

  it('malformat input', () => {
    expect(() => parseJsonPath('{\\\\\\}')).toThrow();
  });

  it.each([
    ['unclosed action', '{.hello', 'unclosed action'],
    ['unrecognized character', '{*}', "unrecognized character in action: U+002A '*'"],
    ['invalid number', '{+12.3.0}', 'cannot parse number +12.3.0'],
    ['unterminated array', '{[1}', 'unterminated array'],
    ['unterminated filter', '{[?(.price]}', 'unterminated filter'],
    ['invalid multiple recursive descent', '{........}', 'invalid multiple recursive descent'],
  ])('fails: %s', (_name, tmpl, err) => {
    expect(() => parseJsonPath(tmpl)).toThrow(new Error(err));
  });
});

// ---- jsonpath_test.go ----------------------------------------------------------------

type Case = [name: string, template: string, input: unknown, expect: string, expectError?: boolean];

function run(template: string, input: unknown, allowMissingKeys: boolean): string {
  const j = JsonPath.parse(template);
  j.allowMissingKeys = allowMissingKeys;
  return j.execute(input);
}

function cases(title: string, tests: Case[], allowMissingKeys: boolean) {
  describe(title, () => {
    it.each(tests)('%s: %s', (_name, template, input, want, expectError) => {
      if (expectError) expect(() => run(template, input, allowMissingKeys)).toThrow();
      else expect(run(template, input, allowMissingKeys)).toBe(want);
    });
  });
}

const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    { name: 'one', value: 1 },
    { name: 'two', value: 2.02 },
    { name: 'three', value: 3.03 },
    { name: 'four', value: 4.04 },
  ],
  structs: [
    { name: 'one', value: 1, type: 'integer' },
    { name: 'two', value: 2.002, type: 'float' },
    { name: 'three', value: 3, type: 'integer' },
    { name: 'four', value: 4.004, type: 'float' },
  ],
};

// Sorted keys instead of Go's struct field order (name, value, type).
const s1 = '{"name":"one","type":"integer","value":1}';
const s2 = '{"name":"two","type":"float","value":2.002}';
const s3 = '{"name":"three","type":"integer","value":3}';
const s4 = '{"name":"four","type":"float","value":4.004}';

cases(
  'TestTypesInput',
  [
    ['boolSlice', '{ .bools }', types, '[true,false,true,false]'],
    ['boolSliceIndex', '{ .bools[0] }', types, 'true'],
    ['boolSliceIndex', '{ .bools[-1] }', types, 'false'],
    ['boolSubSlice', '{ .bools[0:2] }', types, 'true false'],
    ['boolSubSliceFirst2', '{ .bools[:2] }', types, 'true false'],
    ['boolSubSliceStep2', '{ .bools[:4:2] }', types, 'true true'],
    ['integerSlice', '{ .integers }', types, '[1,2,3,4]'],
    ['integerSliceIndex', '{ .integers[0] }', types, '1'],
    ['integerSliceIndexReverse', '{ .integers[-2] }', types, '3'],
    ['integerSubSliceFirst2', '{ .integers[0:2] }', types, '1 2'],
    ['integerSubSliceFirst2Alt', '{ .integers[:2] }', types, '1 2'],
    ['integerSubSliceStep2', '{ .integers[:4:2] }', types, '1 3'],
    ['floatSlice', '{ .floats }', types, '[1,2.2,3.3,4]'],
    ['floatSliceIndex', '{ .floats[0] }', types, '1'],
    ['floatSliceIndexReverse', '{ .floats[-2] }', types, '3.3'],
    ['floatSubSliceFirst2', '{ .floats[0:2] }', types, '1 2.2'],
    ['floatSubSliceFirst2Alt', '{ .floats[:2] }', types, '1 2.2'],
    ['floatSubSliceStep2', '{ .floats[:4:2] }', types, '1 3.3'],
    ['stringSlice', '{ .strings }', types, '["one","two","three","four"]'],
    ['stringSliceIndex', '{ .strings[0] }', types, 'one'],
    ['stringSliceIndexReverse', '{ .strings[-2] }', types, 'three'],
    ['stringSubSliceFirst2', '{ .strings[0:2] }', types, 'one two'],
    ['stringSubSliceFirst2Alt', '{ .strings[:2] }', types, 'one two'],
    ['stringSubSliceStep2', '{ .strings[:4:2] }', types, 'one three'],
    ['interfaceSlice', '{ .interfaces }', types, '[true,"one",1,1.1]'],
    ['interfaceSliceIndex', '{ .interfaces[0] }', types, 'true'],
    ['interfaceSliceIndexReverse', '{ .interfaces[-2] }', types, '1'],
    ['interfaceSubSliceFirst2', '{ .interfaces[0:2] }', types, 'true one'],
    ['interfaceSubSliceFirst2Alt', '{ .interfaces[:2] }', types, 'true one'],
    ['interfaceSubSliceStep2', '{ .interfaces[:4:2] }', types, 'true 1'],
    ['mapSlice', '{ .maps }', types, '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]'],
    ['mapSliceIndex', '{ .maps[0] }', types, '{"name":"one","value":1}'],
    ['mapSliceIndexReverse', '{ .maps[-2] }', types, '{"name":"three","value":3.03}'],
    ['mapSubSliceFirst2', '{ .maps[0:2] }', types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
    ['mapSubSliceFirst2Alt', '{ .maps[:2] }', types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
    ['mapSubSliceStepOdd', '{ .maps[::2] }', types, '{"name":"one","value":1} {"name":"three","value":3.03}'],
    ['mapSubSliceStepEven', '{ .maps[1::2] }', types, '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    ['structSlice', '{ .structs }', types, `[${s1},${s2},${s3},${s4}]`],
    ['structSliceIndex', '{ .structs[0] }', types, s1],
    ['structSliceIndexReverse', '{ .structs[-2] }', types, s3],
    ['structSubSliceFirst2', '{ .structs[0:2] }', types, `${s1} ${s2}`],
    ['structSubSliceFirst2Alt', '{ .structs[:2] }', types, `${s1} ${s2}`],
    ['structSubSliceStepOdd', '{ .structs[::2] }', types, `${s1} ${s3}`],
    ['structSubSliceStepEven', '{ .structs[1::2] }', types, `${s2} ${s4}`],
  ],
  false,
);

const storeData = {
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Name: 'jsonpath',
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

cases(
  'TestStructInput',
  [
    ['plain', 'hello jsonpath', null, 'hello jsonpath'],
    ['recursive', '{..}', [1, 2, 3], '[1,2,3]'],
    ['filter', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['quote', '{"{"}', null, '{'],
    ['union', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['array', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['variable', 'hello {.Name}', storeData, 'hello jsonpath'],
    ['dict/', '{$.Labels.web/html}', storeData, '15'],
    ['dict/', '{$.Employees.jason}', storeData, 'manager'],
    ['dict/', '{$.Employees.dan}', storeData, 'clerk'],
    ['dict-', '{.Labels.k8s-app}', storeData, '20'],
    ['nest', '{.Bicycle[*].Color}', storeData, 'red green'],
    ['allarray', '{.Book[*].Author}', storeData, 'Nigel Rees Evelyn Waugh Herman Melville'],
    ['allfields', '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', storeData, '{red 19.95 true} {green 20.01 false} '],
    ['recurfields', '{..Price}', storeData, '8.95 12.99 8.99 19.95 20.01'],
    ['recurdotfields', '{...Price}', storeData, '8.95 12.99 8.99 19.95 20.01'],
    ['superrecurfields', '{............................................................Price}', storeData, '', true],
    // Sorted keys (Color, IsNew, Price) where Go prints the struct's field order.
    ['allstructsSlice', '{.Bicycle}', storeData, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
    ['allstructs', '{range .Bicycle[*]}{ @ }{ " " }{end}', storeData, '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
    ['lastarray', '{.Book[-1:]}', storeData, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['recurarray', '{..Book[2]}', storeData, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['bool', '{.Bicycle[?(@.IsNew==true)]}', storeData, '{"Color":"red","IsNew":true,"Price":19.95}'],
  ],
  false,
);

cases(
  'TestStructInput missing keys allowed',
  [
    ['nonexistent field', '{.hello}', storeData, ''],
    ['nonexistent field 2', 'before-{.hello}after', storeData, 'before-after'],
  ],
  true,
);

describe('TestStructInput failures', () => {
  it.each([
    ['invalid identifier', '{hello}', 'unrecognized identifier hello'],
    ['nonexistent field', '{.hello}', 'hello is not found'],
    // Go's test has map[string]int; a decoded JSON map is map[string]interface {}.
    ['invalid array', '{.Labels[0]}', 'map[string]interface {} is not array or slice'],
    ['invalid filter operator', '{.Book[?(@.Price<>10)]}', 'unrecognized filter operator <>'],
    ['redundant end', '{range .Labels.*}{@}{end}{end}', 'not in range, nothing to end'],
  ])('%s', (_name, template, err) => {
    expect(() => run(template, storeData, false)).toThrow(new Error(err));
  });
});

const pointsData = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i4', x: -6, y: -1 },
  { id: 'i5', x: 0, y: 2, z: 1 },
  { id: 'i6', x: 1, y: 4 },
  { id: 'i7', x: null, y: 4 },
];

cases(
  'TestJSONInput',
  [
    ['exists filter', '{[?(@.z)].id}', pointsData, 'i2 i5'],
    ['bracket key', "{[0]['id']}", pointsData, 'i1'],
    ['nil value', "{[-1]['x']}", pointsData, 'null'],
  ],
  false,
);

const nodesData = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

cases(
  'TestKubernetes',
  [
    ['range item', '{range .items[*]}{.metadata.name}, {end}{.kind}', nodesData, '127.0.0.1, 127.0.0.2, List'],
    ['range item with quote', '{range .items[*]}{.metadata.name}{"\\t"}{end}', nodesData, '127.0.0.1\t127.0.0.2\t'],
    ['range addresss', '{.items[*].status.addresses[*].address}', nodesData, '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['double range', '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', nodesData, '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
    ['item name', '{.items[*].metadata.name}', nodesData, '127.0.0.1 127.0.0.2'],
    ['union nodes capacity', "{.items[*]['metadata.name', 'status.capacity']}", nodesData, '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['range nodes capacity', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', nodesData, '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['user password', '{.users[?(@.name=="e2e")].user.password}', nodesData, 'secret'],
    ['hostname', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', nodesData, '127.0.0.1'],
    ['hostname filter', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', nodesData, 'None'],
    ['bool item', '{.items[?(@..ready==true)].metadata.name}', nodesData, '127.0.0.1'],
  ],
  false,
);

it('TestKubernetes: recursive name (map order is random in Go: compare sorted words)', () => {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).sort();
  expect(words(run('{..name}', nodesData, false))).toEqual(words('127.0.0.1 127.0.0.2 myself e2e'));
});

cases(
  'TestEmptyRange',
  [
    ['empty range', '{range .items[*]}{.metadata.name}{end}', { items: [] }, ''],
    ['empty nested range', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', { items: [] }, ''],
  ],
  true,
);

const another = [{ name: 'value1' }, { name: 'value2' }];
const nested = {
  items: [
    { metadata: { name: 'pod1' }, spec: { containers: [{ name: 'foo', another }, { name: 'bar', another }] } },
    { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another }] } },
  ],
};

cases(
  'TestNestedRanges',
  [
    ['nested range with a trailing newline', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', nested, 'pod1:foo,bar,+pod2:baz,+'],
    [
      'nested range with a trailing character within another nested range',
      '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
      nested,
      'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#',
    ],
    [
      'two nested ranges at the same level',
      '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
      nested,
      'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n',
    ],
  ],
  false,
);

const annotated = {
  kind: 'List',
  items: [
    { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
    { kind: 'Pod', metadata: { name: 'pod2' } },
    { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
    { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
  ],
};
const colorFilter = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
cases('TestFilterPartialMatchesSometimesMissingAnnotations (tolerated)', [['subset', colorFilter, annotated, 'pod1 pod4']], true);
cases('TestFilterPartialMatchesSometimesMissingAnnotations (error)', [['subset', colorFilter, annotated, '', true]], false);

const fakes = (n: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) },
});

cases(
  'TestNegativeIndex',
  [
    ['containers[0]', '{.spec.containers[0].name}', fakes(4), 'fake0'],
    ['containers[0:0]', '{.spec.containers[0:0].name}', fakes(4), ''],
    ['containers[0:-1]', '{.spec.containers[0:-1].name}', fakes(4), 'fake0 fake1 fake2'],
    ['containers[-1:0]', '{.spec.containers[-1:0].name}', fakes(4), '', true],
    ['containers[-1]', '{.spec.containers[-1].name}', fakes(4), 'fake3'],
    ['containers[-1:]', '{.spec.containers[-1:].name}', fakes(4), 'fake3'],
    ['containers[-2]', '{.spec.containers[-2].name}', fakes(4), 'fake2'],
    ['containers[-2:]', '{.spec.containers[-2:].name}', fakes(4), 'fake2 fake3'],
    ['containers[-3]', '{.spec.containers[-3].name}', fakes(4), 'fake1'],
    ['containers[-4]', '{.spec.containers[-4].name}', fakes(4), 'fake0'],
    ['containers[-4:]', '{.spec.containers[-4:].name}', fakes(4), 'fake0 fake1 fake2 fake3'],
    ['containers[-5]', '{.spec.containers[-5].name}', fakes(4), '', true],
    ['containers[5:5]', '{.spec.containers[5:5].name}', fakes(4), ''],
    ['containers[-5:-5]', '{.spec.containers[-5:-5].name}', fakes(4), ''],
    ['containers[3:1]', '{.spec.containers[3:1].name}', fakes(4), '', true],
    ['containers[-1:-2]', '{.spec.containers[-1:-2].name}', fakes(4), '', true],
  ],
  false,
);

const running = {
  kind: 'List',
  items: [
    { kind: 'Pod', metadata: { name: 'pod1' }, status: { phase: 'Running' } },
    { kind: 'Pod', metadata: { name: 'pod2' }, status: { phase: 'Running' } },
    { kind: 'Pod', metadata: { name: 'pod3' }, status: { phase: 'Running' } },
    { resourceVersion: '' },
  ],
};
cases(
  'TestRunningPodsJSONPathOutput',
  [['range over pods without selecting the last one', '{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', running, 'pod1 is Running\npod2 is Running\npod3 is Running\n']],
  true,
);

cases(
  'TestStep',
  [
    ['containers[0:]', '{.spec.containers[0:].name}', fakes(6), 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['containers[0:6:]', '{.spec.containers[0:6:].name}', fakes(6), 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['containers[0:6:1]', '{.spec.containers[0:6:1].name}', fakes(6), 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['containers[0:6:0]', '{.spec.containers[0:6:0].name}', fakes(6), '', true],
    ['containers[0:6:-1]', '{.spec.containers[0:6:-1].name}', fakes(6), '', true],
    ['containers[1:4:2]', '{.spec.containers[1:4:2].name}', fakes(6), 'fake1 fake3'],
    ['containers[1:4:3]', '{.spec.containers[1:4:3].name}', fakes(6), 'fake1'],
    ['containers[1:4:4]', '{.spec.containers[1:4:4].name}', fakes(6), 'fake1'],
    ['containers[0:6:2]', '{.spec.containers[0:6:2].name}', fakes(6), 'fake0 fake2 fake4'],
    ['containers[0:6:3]', '{.spec.containers[0:6:3].name}', fakes(6), 'fake0 fake3'],
    ['containers[0:6:5]', '{.spec.containers[0:6:5].name}', fakes(6), 'fake0 fake5'],
    ['containers[0:6:6]', '{.spec.containers[0:6:6].name}', fakes(6), 'fake0'],
  ],
  false,
);

describe('kubectl-level extras', () => {
  it('escaped dots in keys and {@}/{$}', () => {
    const obj = { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } };
    expect(run('{.metadata.labels.app\\.kubernetes\\.io/name}', obj, false)).toBe('web');
    expect(run('{@.metadata.labels}', obj, false)).toBe('{"app.kubernetes.io/name":"web"}');
    expect(run('{$.metadata.labels}', obj, false)).toBe('{"app.kubernetes.io/name":"web"}');
  });
  it('maps print HTML-escaped like encoding/json', () => {
    expect(run('{.a}', { a: { x: '<&>' } }, false)).toBe('{"x":"\\u003c\\u0026\\u003e"}');
  });
  it('multiple top-level expressions and text', () => {
    expect(run('{.a} and {.b}', { a: 1, b: 'two' }, false)).toBe('1 and two');
  });
  it('outputJSON (jsonpath-as-json) prints the results as an indented JSON array', () => {
    const j = JsonPath.parse('{.items[*].name}');
    j.outputJSON = true;
    expect(j.execute({ items: [{ name: 'a' }, { name: 'b' }] })).toBe('[\n    "a",\n    "b"\n]\n');
  });
});
