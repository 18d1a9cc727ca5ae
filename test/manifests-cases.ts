/**
 * YAML as kubectl reads it: each case a file, with the JSON documents kubectl gets (or the error it gives). The
 * expectations were taken from kubectl's own reader (oracle/yaml: k8s.io/apimachinery's YAMLReader and
 * sigs.k8s.io/yaml v1.6.0 with go-yaml v2.4.2); test/manifests-oracle.test.ts checks them against it again
 * whenever Go is present. `npm11` is what the `yaml` package reads with `version: '1.1'` where it differs.
 */

export interface YamlCase {
  readonly yaml: string;
  /** The documents kubectl gets, or an error (kubectl refuses the file). */
  readonly json?: unknown[];
  readonly error?: RegExp;
  /** Where the `yaml` package's YAML 1.1 schema reads it differently (why src/manifests resolves scalars itself). */
  readonly npm11?: unknown;
  /** Where src/manifests deliberately refuses what kubectl reads (the reason); the oracle test expects the difference. */
  readonly refused?: string;
}

/** A scalar as a value (`v: S`) and as a key (`S: k`): what kubectl gets for each. */
export interface ScalarCase {
  readonly scalar: string;
  readonly value: unknown | Error;
  readonly key: string | Error;
  readonly npm11Value?: unknown;
}

const refused = new Error('refused');

export const SCALARS: readonly ScalarCase[] = [
  // Booleans: exactly the spellings of go-yaml v2's resolve table.
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(scalar => ({ scalar, value: true, key: 'true' })),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(scalar => ({ scalar, value: false, key: 'false' })),
  ...['yEs', 'oN', 'tRue', 'nULL', '.nAn'].map(scalar => ({ scalar, value: scalar, key: scalar })),
  // Null, and null keys (sigs.k8s.io/yaml: unsupported map key of type <nil>).
  ...['~', 'null', 'Null', 'NULL'].map(scalar => ({ scalar, value: null, key: refused })),
  // Integers: Go's strconv.ParseInt(s, 0, 64) after removing underscores, then ParseUint.
  { scalar: '0777', value: 511, key: '511' },
  { scalar: '0o17', value: 15, key: '15', npm11Value: '0o17' },
  { scalar: '0O17', value: 15, key: '15', npm11Value: '0O17' },
  { scalar: '0x1F', value: 31, key: '31' },
  { scalar: '0X1f', value: 31, key: '31', npm11Value: '0X1f' },
  { scalar: '-0x1F', value: -31, key: '-31' },
  { scalar: '+0x1F', value: 31, key: '31' },
  { scalar: '0b101', value: 5, key: '5' },
  { scalar: '0B101', value: 5, key: '5', npm11Value: '0B101' },
  { scalar: '-0b101', value: -5, key: '-5' },
  { scalar: '08', value: 8, key: '8' }, // not octal: a float
  { scalar: '00', value: 0, key: '0' },
  { scalar: '-0', value: 0, key: '0' },
  { scalar: '+1', value: 1, key: '1' },
  { scalar: '1_000', value: 1000, key: '1000' },
  { scalar: '1__0', value: 10, key: '10' },
  { scalar: '0x_1F', value: 31, key: '31' },
  { scalar: '1_', value: 1, key: '1' },
  { scalar: '_1', value: '_1', key: '_1' },
  { scalar: '9223372036854775807', value: 9223372036854775807, key: '9223372036854775807' },
  { scalar: '9223372036854775808', value: 9223372036854775808, key: refused }, // a uint64: no key
  { scalar: '-9223372036854775809', value: -9223372036854775809, key: '-9.223372e+18' }, // a float
  { scalar: '18446744073709551616', value: 18446744073709551616, key: '1.8446744e+19' },
  // Floats: go-yaml's yamlStyleFloat; keys formatted as float32 ('g', shortest).
  { scalar: '1e3', value: 1000, key: '1000' },
  { scalar: '-1e-3', value: -0.001, key: '-0.001' },
  { scalar: '.5', value: 0.5, key: '0.5' },
  { scalar: '+.5', value: 0.5, key: '0.5' },
  { scalar: '.5e3', value: 500, key: '500' },
  { scalar: '5.', value: 5, key: '5' },
  { scalar: '0.1_1', value: 0.11, key: '0.11' },
  { scalar: '1e6', value: 1000000, key: '1e+06' },
  { scalar: '0.00001', value: 0.00001, key: '1e-05' },
  { scalar: '3.14159265358979', value: 3.14159265358979, key: '3.1415927' },
  { scalar: '-0.0', value: 0, key: '-0' },
  { scalar: '1e999', value: '1e999', key: '1e999' }, // out of range: text
  { scalar: '.', value: '.', key: '.', npm11Value: null },
  { scalar: 'e3', value: 'e3', key: 'e3', npm11Value: null },
  // Infinities and NaN: go-yaml reads them, encoding/json refuses them as values.
  ...['.inf', '.Inf', '.INF', '+.inf'].map(scalar => ({ scalar, value: refused, key: '.inf', npm11Value: null })),
  { scalar: '-.inf', value: refused, key: '-.inf', npm11Value: null },
  ...['.nan', '.NaN', '.NAN'].map(scalar => ({ scalar, value: refused, key: '.nan', npm11Value: null })),
  // Timestamps stay the text they are (decoded into interface{}).
  { scalar: '2001-12-14', value: '2001-12-14', key: '2001-12-14', npm11Value: '2001-12-14T00:00:00.000Z' },
  { scalar: '2001-12-14t21:59:43.10-05:00', value: '2001-12-14t21:59:43.10-05:00', key: '2001-12-14t21:59:43.10-05:00', npm11Value: '2001-12-15T02:59:43.100Z' },
  { scalar: '2001-02-30', value: '2001-02-30', key: '2001-02-30', npm11Value: '2001-03-02T00:00:00.000Z' },
  // No sexagesimal numbers in go-yaml v2.
  { scalar: '190:20:30', value: '190:20:30', key: '190:20:30', npm11Value: 685230 },
  { scalar: '1:20', value: '1:20', key: '1:20', npm11Value: 80 },
  // Other texts.
  { scalar: '<<', value: '<<', key: refused }, // as a key: a merge of a text, refused
  { scalar: '0x', value: '0x', key: '0x' },
  { scalar: '++1', value: '++1', key: '++1' },
  { scalar: '1.2.3', value: '1.2.3', key: '1.2.3' },
];

export const FILES: readonly YamlCase[] = [
  // Tags.
  { yaml: 'v: !!int "12"\n', json: [{ v: 12 }] },
  { yaml: 'v: !!int abc\n', error: /cannot decode !!str `abc` as a !!int/, npm11: { v: 'abc' } },
  { yaml: 'v: !!float 1\n', json: [{ v: 1 }] },
  { yaml: 'v: !!float 0x10\n', json: [{ v: 16 }], npm11: { v: '0x10' } },
  { yaml: 'v: !!str 12\n', json: [{ v: '12' }] },
  { yaml: 'v: ! 12\n', json: [{ v: '12' }] },
  { yaml: 'v: !custom 12\n', json: [{ v: '12' }] },
  { yaml: 'v: !!bool yes\n', json: [{ v: true }] },
  { yaml: 'v: !!timestamp 2001-01-01\n', json: [{ v: '2001-01-01' }] },
  { yaml: 'v: !!binary aGVsbG8=\n', json: [{ v: 'hello' }] },
  { yaml: 'v: !!binary "#"\n', error: /!!binary value contains invalid base64 data/ },
  { yaml: '!!binary aGk=: a\n', json: [{ hi: 'a' }] },
  // Quoted scalars are never resolved.
  { yaml: 'v: "yes"\nw: \'0777\'\n', json: [{ v: 'yes', w: '0777' }] },
  // Escapes go-yaml v2 refuses though the `yaml` package reads them.
  { yaml: 'v: "\\/"\n', error: /escape \\\/ in double-quoted text.*found unknown escape character/, npm11: { v: '/' } },
  { yaml: 'v: "\\ud83d\\ude00"\n', error: /surrogate.*found invalid Unicode character escape code/, npm11: { v: '😀' } },
  { yaml: 'v: "\\U0001F600 \\x41\\u00e9"\n', json: [{ v: '😀 Aé' }] },
  // Keys that are not text.
  { yaml: '[a]: b\n', error: /a key is a list or a map.*invalid map key/ },
  { yaml: 'a: &x {k: 1}\nb:\n  k: 2\n  <<: *x\n', json: [{ a: { k: 1 }, b: { k: 1 } }], npm11: { a: { k: 1 }, b: { k: 2 } } },
  // Merge keys, in go-yaml's order: each `<<` overwrites what came before it, later keys overwrite it.
  { yaml: 'a: &x {k: 1}\nb:\n  <<: *x\n  k: 2\n', json: [{ a: { k: 1 }, b: { k: 2 } }] },
  { yaml: 'a: &x {k: 1}\nc: &y {k: 3, j: 4}\nb:\n  <<: [*x, *y]\n', json: [{ a: { k: 1 }, b: { k: 1, j: 4 }, c: { k: 3, j: 4 } }] },
  { yaml: 'b:\n  <<: {k: 1}\n  <<: {k: 2}\n', json: [{ b: { k: 2 } }], npm11: { b: { k: 1 } } },
  { yaml: 'b: {<<: [5]}\n', error: /map merge requires map or sequence of maps/ },
  { yaml: 'a: *nope\n', error: /unknown anchor 'nope' referenced/ },
  { yaml: 'a: &x [*x]\n', error: /anchor 'x' value contains itself|unknown anchor/ },
  // kubectl's document split.
  { yaml: 'a: 1\n--- # next\nb: 2\n', json: [{ a: 1 }, { b: 2 }] },
  { yaml: '--- a: 1\n', error: /invalid YAML document separator: "a: 1"/ },
  { yaml: 'a: 1\n---foo\nb: 2\n', error: /invalid YAML document separator: "foo"/ },
  { yaml: '%YAML 1.1\n---\na: 1\n', error: /a directive \(%YAML, %TAG\)/ },
  { yaml: '---\n---\n# only a comment\n---\na: 1\n', json: [{ a: 1 }] },
  // Structure.
  { yaml: 'a:\n- x\n- y\n', json: [{ a: ['x', true] }] },
  { yaml: 'a:\n  - x\n  -\n  - z\n', json: [{ a: ['x', null, 'z'] }] },
  { yaml: 'a: b\n  c\n', json: [{ a: 'b c' }] },
  { yaml: 'a: |\n  x\n  y\nb: >\n  x\n  y\n', json: [{ a: 'x\ny\n', b: 'x y\n' }] },
  { yaml: 'a: b # c\nd: e#f\n', json: [{ a: 'b', d: 'e#f' }] },
  { yaml: 'a: - 1\n', error: /YAML syntax error/ },
  // Refused here, read by kubectl.
  { yaml: '"1": a\n1: b\n', json: [{ 1: 'a or b' }], refused: 'the same key twice (kubectl keeps one, in Go\'s random map order when the keys differ before conversion)' },
  { yaml: 'true: a\nyes: b\n', json: [{ true: 'b' }], refused: 'the same key twice' },
  { yaml: 'a: 1\n...\nb: 2\n', json: [{ a: 1 }], refused: 'a document after `...` without `---`: kubectl silently drops it' },
  { yaml: 'v: "\\\'"\n', json: [{ v: '\'' }], refused: 'the escape \\\' (go-yaml reads it, the `yaml` package does not)' },
];

/** The YAML file of a scalar as a value, and as a key. */
export function valueYaml(scalar: string): string {
  return `v: ${scalar}\n`;
}

export function keyYaml(scalar: string): string {
  return `${scalar}: k\n`;
}

export function isRefused(x: unknown): boolean {
  return x === refused;
}
