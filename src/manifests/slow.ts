/**
 * The complete reader of one kubectl document (the text between two `---` lines): the `yaml` package parses any
 * YAML, and this module turns its syntax tree into the JSON kubectl gets, with go-yaml v2's rules rather than the
 * `yaml` package's: scalars resolved as YAML 1.1 as go-yaml does (resolve.ts), merge keys (`<<`) applied in
 * go-yaml's order, aliases expanded with go-yaml's limit on alias expansion, keys turned into strings as
 * sigs.k8s.io/yaml does. Duplicate keys are refused, in linear time (the `yaml` package's own check is quadratic).
 *
 * Followed: go.yaml.in/yaml/v2 v2.4.2 `decode.go` (`unmarshal`, `alias`, `mapping`, `merge`, `allowedAliasRatio`).
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, Pair, parseAllDocuments, Scalar } from 'yaml';
import { ChunkError, Locator, MAX_DEPTH, nonFiniteMessage, PathSegments, ReadChunk, setKey } from './model';
import { NonFinite, resolveKey, resolveScalar, ScalarError } from './resolve';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** The `yaml` options: syntax only (every scalar a string, no merges, no key check): go-yaml's rules are applied here. */
const PARSE_OPTIONS = {
  version: '1.1',
  schema: 'failsafe',
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
  logLevel: 'error',
  strict: false,
  keepSourceTokens: true,
} as const;

/** A failure that ends the reading of the document (go-yaml's `failf`). */
class Failure extends Error {
  constructor(public readonly offset: number | undefined, message: string) {
    super(message);
  }
}

/**
 * Reads a kubectl document from `text` (which starts at line `firstLine` of its file).
 * Never throws: problems are in `errors`.
 */
export function readSlow(text: string, firstLine: number): ReadChunk {
  const lines = new LineCounter();
  const lineAt = (offset: number) => lines.linePos(offset).line + firstLine - 1;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = []; // an empty stream
  } catch (e) {
    return failed(firstLine, failure('cannot parse the YAML', e));
  }
  if (/(^|\n)%/.test(text) && (docs.length === 0 || docs[0].directives?.yaml?.explicit)) {
    // kubectl splits the file at the `---` after a directive and reads the directive alone.
    return failed(firstLine, 'a directive (%YAML, %TAG): kubectl splits the file at the `---` line after it and refuses the '
      + 'directive alone (did not find expected <document start>); remove it');
  }
  if (docs.length === 0) return { line: firstLine, value: undefined, errors: [], locator: () => noLocator };
  const doc = docs[0];
  const line = lineAt(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
  for (const d of docs) {
    const error = d.errors[0];
    if (error && /call stack/i.test(error.message)) {
      return { line, value: undefined, errors: [{ line, ofDocument: true, message: 'cannot be read: it is nested too deeply' }], locator: () => noLocator };
    }
    if (error) return failed(line, `YAML syntax error: ${error.message.split('\n')[0]}`, lineAt(error.pos[0]));
  }
  const extra = docs.slice(1).find(d => d.contents !== null);
  if (extra) {
    return failed(line, 'a second YAML document without a `---` line before it (after `...`): kubectl reads only the first '
      + 'and silently drops the rest; start each document with a `---` line', lineAt(extra.contents?.range?.[0] ?? 0));
  }
  const errors: ChunkError[] = [];
  let value: unknown;
  try {
    value = new Converter(doc).document();
  } catch (e) {
    if (!(e instanceof Failure)) return { line, value: undefined, errors: [{ line, ofDocument: true, message: failure('cannot be read', e) }], locator: () => noLocator };
    errors.push({ line: e.offset === undefined ? line : lineAt(e.offset), ofDocument: true, message: e.message });
  }
  if (errors.length > 0) return { line, value: undefined, errors, locator: () => noLocator };
  return { line, value: value === null ? undefined : value, errors, locator: () => new SlowLocator(doc, lineAt) };
}

/** Finds lines of fields in any YAML (or JSON) text starting at line `firstLine`, whatever its values are. */
export function slowLocator(text: string, firstLine: number): Locator {
  const lines = new LineCounter();
  try {
    const doc = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines }) as Document.Parsed[];
    if (!Array.isArray(doc) || doc.length === 0) return noLocator;
    return new SlowLocator(doc[0], offset => lines.linePos(offset).line + firstLine - 1);
  } catch {
    return noLocator;
  }
}

function failed(line: number, message: string, at: number = line): ReadChunk {
  return { line, value: undefined, errors: [{ line: at, message }], locator: () => noLocator };
}

const noLocator: Locator = { lineOf: (_path, fallback) => fallback };

/** go-yaml v2's `allowedAliasRatio`: how much of the decoding may come from expanding aliases. */
function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

/** go-yaml v2's decoder, into JSON values, over the `yaml` package's syntax tree. */
class Converter {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly targets = new Map<Alias, Node>();
  private readonly expanding = new Set<Alias>();

  constructor(private readonly doc: Document.Parsed) {}

  public document(): unknown {
    const root = this.doc.contents as Node | null;
    if (root === null) return null;
    this.resolveAnchors(root, new Map(), 0);
    return this.unmarshal(root, 0);
  }

  /** go-yaml resolves each alias when it parses it: to the last node with that anchor before it. */
  private resolveAnchors(node: Node | null, anchors: Map<string, Node>, depth: number): void {
    if (node === null) return;
    if (depth > MAX_DEPTH) throw new Failure(node.range?.[0], `cannot be read: it is nested more than ${MAX_DEPTH} levels deep`);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new Failure(node.range?.[0], `cannot be read: the alias *${node.source} names no anchor before it (unknown anchor '${node.source}' referenced)`);
      this.targets.set(node, target);
      return;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) {
      for (const pair of node.items) {
        this.resolveAnchors(pair.key as Node | null, anchors, depth + 1);
        this.resolveAnchors(pair.value as Node | null, anchors, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) this.resolveAnchors(item as Node | null, anchors, depth + 1);
    }
  }

  private count(node: Node): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new Failure(node.range?.[0], 'cannot be read: it expands too many aliases (go-yaml: document contains excessive aliasing), which looks like an alias bomb');
    }
  }

  private unmarshal(node: Node | null, depth: number): unknown {
    if (node === null) return null;
    if (depth > MAX_DEPTH) throw new Failure(node.range?.[0], `cannot be read: it is nested more than ${MAX_DEPTH} levels deep`);
    this.count(node);
    if (isAlias(node)) return this.alias(node, n => this.unmarshal(n, depth + 1));
    if (isScalar(node)) return scalarValue(node);
    if (isMap(node)) return this.mapping(node, {}, new Set(), depth);
    if (isSeq(node)) return node.items.map(item => this.unmarshal(item as Node | null, depth + 1));
    throw new Failure(undefined, 'unexpected YAML node');
  }

  private alias<T>(node: Alias, f: (target: Node) => T): T {
    if (this.expanding.has(node)) throw new Failure(node.range?.[0], `cannot be read: anchor '${node.source}' value contains itself`);
    this.expanding.add(node);
    this.aliasDepth++;
    try {
      return f(this.targets.get(node)!);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(node);
    }
  }

  /**
   * go-yaml's `mapping` into an existing map: entries in order, each `<<` merging its maps in at that point (so a
   * merged key replaces an earlier one and a later key replaces a merged one). `explicit` holds the keys this
   * mapping itself wrote, to refuse duplicates.
   */
  private mapping(node: Node, out: { [key: string]: unknown }, explicit: Set<string>, depth: number): { [key: string]: unknown } {
    if (isAlias(node)) return this.alias(node, target => { this.count(target); return this.mapping(target, out, new Set(), depth + 1); });
    if (!isMap(node)) throw new Failure(node.range?.[0], 'cannot be read: a merge key (<<) needs a map or a list of maps (map merge requires map or sequence of maps as the value)');
    for (const pair of node.items as Array<Pair<Node | null, Node | null>>) {
      if (isMerge(pair.key)) {
        this.merge(pair.value, out, depth + 1);
        continue;
      }
      const key = this.key(pair.key, node, depth + 1);
      const value = this.unmarshal(pair.value, depth + 1);
      if (explicit.has(key)) {
        const at = pair.key?.range?.[0] ?? pair.value?.range?.[0];
        throw new Failure(at, `has the key ${JSON.stringify(key)} twice in one mapping: kubectl keeps only one of them; remove the other`);
      }
      explicit.add(key);
      setKey(out, key, value);
    }
    return out;
  }

  private merge(node: Node | null, out: { [key: string]: unknown }, depth: number): void {
    if (node !== null && depth > MAX_DEPTH) throw new Failure(node.range?.[0], `cannot be read: it is nested more than ${MAX_DEPTH} levels deep`);
    const wantMap = () => new Failure(node?.range?.[0], 'cannot be read: a merge key (<<) needs a map or a list of maps (map merge requires map or sequence of maps as the value)');
    if (node === null) throw wantMap();
    if (isMap(node)) {
      this.count(node);
      this.mapping(node, out, new Set(), depth);
    } else if (isAlias(node)) {
      if (!isMap(this.targets.get(node))) throw wantMap();
      this.count(node);
      this.mapping(node, out, new Set(), depth);
    } else if (isSeq(node)) {
      // Backwards, as go-yaml does: earlier maps take precedence.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as Node | null;
        if (item === null || !(isMap(item) || (isAlias(item) && isMap(this.targets.get(item))))) throw wantMap();
        this.count(item);
        this.mapping(item, out, new Set(), depth + 1);
      }
    } else {
      throw wantMap();
    }
  }

  private key(node: Node | null, map: Node, depth: number): string {
    if (node === null) throw new Failure(map.range?.[0], 'cannot be read: a key is empty (null), which kubectl cannot use as a map key (unsupported map key of type <nil>)');
    if (depth > MAX_DEPTH) throw new Failure(node.range?.[0], `cannot be read: it is nested more than ${MAX_DEPTH} levels deep`);
    this.count(node);
    if (isAlias(node)) return this.alias(node, target => this.key(target, map, depth + 1));
    if (!isScalar(node)) throw new Failure(node.range?.[0], 'cannot be read: a key is a list or a map, which kubectl cannot use as a map key (invalid map key)');
    checkEscapes(node);
    const key = resolveKey(String(node.source), node.tag, node.type === Scalar.PLAIN);
    if (key instanceof ScalarError) throw new Failure(node.range?.[0], `cannot be read: ${key.message}`);
    return key;
  }
}

/** go-yaml's `isMerge`: the plain (or `!`- or `!!merge`-tagged) key `<<`. */
function isMerge(key: Node | null): boolean {
  if (!isScalar(key) || key.source !== '<<') return false;
  return key.tag === MERGE_TAG || ((key.tag === undefined || key.tag === '!') && key.type === Scalar.PLAIN);
}

function scalarValue(node: Scalar): unknown {
  checkEscapes(node);
  const value = resolveScalar(String(node.source ?? ''), node.tag, node.type === Scalar.PLAIN);
  if (value instanceof NonFinite) throw new Failure(node.range?.[0], nonFiniteMessage(value.text));
  if (value instanceof ScalarError) throw new Failure(node.range?.[0], `cannot be read: ${value.message}`);
  return value;
}

/**
 * Escapes of double-quoted text that the `yaml` package reads and go-yaml v2 refuses: `\/` (YAML 1.2 only) and
 * `\u` codes of UTF-16 surrogates (go-yaml wants the code point: `\U0001F600`, not `\uD83D\uDE00`).
 */
function checkEscapes(node: Scalar): void {
  if (node.type !== Scalar.QUOTE_DOUBLE) return;
  const raw = (node.srcToken as { source?: string } | undefined)?.source ?? '';
  if (raw.indexOf('\\') < 0) return;
  const re = /\\(?:(\/)|u([dD][89a-fA-F][0-9a-fA-F]{2})|.)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m[1]) throw new Failure(node.range?.[0], 'cannot be read: the escape \\/ in double-quoted text: kubectl\'s YAML reader (YAML 1.1) refuses it (found unknown escape character); write / alone');
    if (m[2]) throw new Failure(node.range?.[0], `cannot be read: the escape \\u${m[2]} is half of a UTF-16 surrogate pair: kubectl's YAML reader refuses it (found invalid Unicode character escape code); write the character itself or \\U and its 8-digit code point`);
  }
}

/** The line of a field: the key of a mapping entry or the list item, through aliases and merged maps. */
class SlowLocator implements Locator {
  constructor(private readonly doc: Document.Parsed, private readonly lineAt: (offset: number) => number) {}

  public lineOf(path: PathSegments, fallback: number): number {
    let line = fallback;
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = this.find(node, String(segment), 0);
        if (!pair) break;
        const at = (pair.key as Node | null)?.range?.[0];
        if (at !== undefined) line = this.lineAt(at);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        const item = node.items[segment] as Node | null;
        const at = item?.range?.[0];
        if (at !== undefined) line = this.lineAt(at);
        node = item;
      } else {
        break;
      }
    }
    return line;
  }

  private deref(node: unknown): unknown {
    for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(this.doc);
    return node;
  }

  /** The entry for a key: its own (exact, then ignoring case: kpack matches field names so), else a merged one. */
  private find(map: Node, key: string, depth: number): Pair | undefined {
    if (!isMap(map) || depth > 10) return undefined;
    const pairs = map.items as Pair[];
    const keyOf = (p: Pair) => isScalar(p.key) ? resolveKey(String(p.key.source), p.key.tag, p.key.type === Scalar.PLAIN) : undefined;
    const own = pairs.find(p => keyOf(p) === key) ?? pairs.find(p => {
      const k = keyOf(p);
      return typeof k === 'string' && !isMerge(p.key as Node) && k.toLowerCase() === key.toLowerCase();
    });
    if (own) return own;
    for (const p of pairs) {
      if (!isMerge(p.key as Node)) continue;
      const sources = isSeq(p.value) ? p.value.items : [p.value];
      for (const source of sources) {
        const found = this.find(this.deref(source) as Node, key, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }
}

/** A message for an exception from the parser, never a stack trace. */
function failure(what: string, e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return `${what}: it is nested too deeply`;
  const text = e instanceof Error ? e.message : String(e);
  return `${what}: ${text.split('\n')[0]}`;
}

