/**
 * The fast reader: a small parser for the block-style YAML that cdk8s, kubectl and kustomize write, and nothing
 * else. It reads one kubectl document (the lines between two `---` lines) line by line into JSON, with the same
 * scalar and key rules as the complete reader (resolve.ts), and gives up (`FALLBACK`) at the first line outside
 * its subset, so the caller reads that document with the complete reader (slow.ts) instead.
 *
 * The subset, per line: blank lines; comment lines; `key: value`, `key:` (the value on the lines below), `- value`,
 * `-` and `- key: value` at the indentation the structure expects; keys plain (letters, digits, `_ . / -`) or
 * quoted on one line; values plain, single- or double-quoted on one line, `{}` or `[]`; comments after values.
 * Outside it (the complete reader takes over): tabs, CR line ends, anchors, aliases, tags, merge keys, flow
 * collections with content, block scalars (`|`, `>`), multi-line scalars, `? ` keys, directives, `...`, duplicate
 * keys, any key or value the complete reader would refuse (a null key, `.inf`), and anything else it does not know.
 * test/manifests-fast.test.ts proves with generated documents that it gives the complete reader's JSON wherever
 * it does not give up.
 */
import { hasKey, Locator, MAX_DEPTH, PathSegments, setKey } from './model';
import { NonFinite, resolvePlain, resolvePlainKey, ScalarError } from './resolve';

/** The fast reader gave up: read the document with the complete reader. */
export const FALLBACK: unique symbol = Symbol('fallback');

/** Where an entry of a read document is: its line, and those of its children. */
export interface Position {
  line: number;
  children?: Map<string | number, Position>;
}

type Container = { [key: string]: unknown } | unknown[];

/** Longest plain key taken (the `yaml` package and go-yaml refuse implicit keys longer than 1024 characters). */
const MAX_KEY = 1000;

/**
 * Reads the document in `text[start, end)`, whose first line is line `firstLine` of its file. The caller makes
 * sure the document has no tab and no CR (`SpecialCharacters`).
 * @returns its JSON value, undefined when it holds nothing, or FALLBACK
 */
export function readFast(text: string, start: number, end: number, firstLine: number, positions?: Position): unknown {
  const parser = new FastParser(text, start, end, firstLine, positions);
  try {
    return parser.parse();
  } catch (e) {
    if (e === FALLBACK) return FALLBACK;
    throw e;
  }
}

/**
 * Finds tabs and CRs for documents read in order, in linear time overall: `within(start, end)` is whether
 * `text[start, end)` has one (the fast reader leaves those to the complete reader).
 */
export class SpecialCharacters {
  private nextTab = -1;
  private nextCr = -1;
  private tabDone = false;
  private crDone = false;

  constructor(private readonly text: string) {}

  public within(start: number, end: number): boolean {
    if (!this.tabDone && this.nextTab < start) {
      this.nextTab = this.text.indexOf('\t', start);
      this.tabDone = this.nextTab < 0;
    }
    if (!this.crDone && this.nextCr < start) {
      this.nextCr = this.text.indexOf('\r', start);
      this.crDone = this.nextCr < 0;
    }
    return (!this.tabDone && this.nextTab < end) || (!this.crDone && this.nextCr < end);
  }
}

/** A Locator over positions recorded by a second fast reading of the document. */
export function fastLocator(text: string, start: number, end: number, firstLine: number): Locator {
  const root: Position = { line: firstLine };
  readFast(text, start, end, firstLine, root);
  return {
    lineOf(path: PathSegments, fallback: number): number {
      let line = fallback;
      let node: Position | undefined = root;
      for (const segment of path) {
        const children: Map<string | number, Position> | undefined = node?.children;
        if (!children) break;
        let child = children.get(segment);
        if (child === undefined && typeof segment === 'string') {
          // kpack matches field names ignoring case: so does the line of a finding about a wrongly cased one.
          const lower = segment.toLowerCase();
          for (const [k, v] of children) {
            if (typeof k === 'string' && k.toLowerCase() === lower) {
              child = v;
              break;
            }
          }
        }
        if (child === undefined) break;
        line = child.line;
        node = child;
      }
      return line;
    },
  };
}

class FastParser {
  // The open collections, innermost last: their indentation, whether a list, the value and (if asked) positions.
  private readonly indents: number[] = [];
  private readonly lists: boolean[] = [];
  private readonly containers: Container[] = [];
  private readonly where: Position[] = [];
  private root: unknown = undefined;
  // An entry whose value is on the lines below (`key:` or `-`): where to put that value.
  private pending = false;
  private pendingIndent = 0;
  private pendingFromMap = false;
  private pendingContainer: Container | undefined;
  private pendingKey: string | number = 0;
  private pendingPosition: Position | undefined;
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly firstLine: number,
    private readonly positions: Position | undefined,
  ) {}

  public parse(): unknown {
    const text = this.text;
    const end = this.end;
    let pos = this.start;
    this.line = this.firstLine - 1;
    while (pos < end) {
      this.line++;
      let eol = text.indexOf('\n', pos);
      if (eol < 0 || eol > end) eol = end;
      let i = pos;
      while (i < eol && text.charCodeAt(i) === 32) i++;
      if (i < eol) {
        const c = text.charCodeAt(i);
        if (c !== 35) { // not a comment line
          if (i === pos && (c === 37 || c === 46)) throw FALLBACK; // directives and `...`
          this.entry(i, i - pos, eol);
        }
      }
      pos = eol + 1;
    }
    if (this.pending) this.resolvePending(null);
    return this.root;
  }

  /** One line with content at `i` (its indentation `indent`) up to `eol`. */
  private entry(i: number, indent: number, eol: number): void {
    const text = this.text;
    if (text.charCodeAt(i) === 45 && (i + 1 === eol || text.charCodeAt(i + 1) === 32)) {
      this.place(indent, true);
      this.listItem(i, indent, eol);
    } else {
      this.place(indent, false);
      this.mapEntry(i, indent, eol, this.containers[this.containers.length - 1] as { [key: string]: unknown }, this.where[this.where.length - 1]);
    }
  }

  /** Makes the collection that an entry of kind `list` at `indent` belongs to the innermost one. */
  private place(indent: number, list: boolean): void {
    if (this.pending) {
      if (indent > this.pendingIndent || (list && this.pendingFromMap && indent === this.pendingIndent)) {
        const container: Container = list ? [] : {};
        // A list item (`-` alone) is where its content starts, as the complete reader places it.
        if (this.pendingPosition && Array.isArray(this.pendingContainer)) this.pendingPosition.line = this.line;
        this.resolvePending(container);
        this.push(indent, list, container, this.pendingPosition);
        this.pendingPosition = undefined;
        return;
      }
      this.resolvePending(null);
    }
    const indents = this.indents;
    if (indents.length === 0) {
      const container: Container = list ? [] : {};
      this.root = container;
      this.push(indent, list, container, this.positions);
      return;
    }
    let top = indents.length - 1;
    while (top > 0 && indents[top] > indent) top--;
    // A list written at the indentation of its key (`key:` then `- item`) ends at the next key.
    if (top > 0 && !list && this.lists[top] && indents[top] === indent && indents[top - 1] === indent && !this.lists[top - 1]) top--;
    if (indents[top] !== indent || this.lists[top] !== list) throw FALLBACK;
    indents.length = top + 1;
    this.lists.length = top + 1;
    this.containers.length = top + 1;
    this.where.length = top + 1;
  }

  private push(indent: number, list: boolean, container: Container, position: Position | undefined): void {
    if (this.indents.length >= MAX_DEPTH) throw FALLBACK;
    this.indents.push(indent);
    this.lists.push(list);
    this.containers.push(container);
    if (position) {
      position.children = new Map();
      this.where.push(position);
    }
  }

  private resolvePending(value: unknown): void {
    this.pending = false;
    const container = this.pendingContainer!;
    if (Array.isArray(container)) container[this.pendingKey as number] = value;
    else setKey(container, this.pendingKey as string, value);
    this.pendingContainer = undefined;
  }

  private awaitValue(indent: number, fromMap: boolean, container: Container, key: string | number, position: Position | undefined): void {
    this.pending = true;
    this.pendingIndent = indent;
    this.pendingFromMap = fromMap;
    this.pendingContainer = container;
    this.pendingKey = key;
    this.pendingPosition = position;
    if (Array.isArray(container)) container.push(null);
    else setKey(container, key as string, null);
  }

  /** `- ...` at `i`. */
  private listItem(i: number, indent: number, eol: number): void {
    const text = this.text;
    const list = this.containers[this.containers.length - 1] as unknown[];
    const parent = this.where[this.where.length - 1];
    const index = list.length;
    const position = parent ? { line: this.line } as Position : undefined;
    if (position) parent.children!.set(index, position);
    let j = i + 1;
    while (j < eol && text.charCodeAt(j) === 32) j++;
    if (j === eol || text.charCodeAt(j) === 35) { // `-` alone: the item is below
      if (j < eol && text.charCodeAt(j - 1) !== 32) throw FALLBACK; // `-#...` is not a list item
      this.awaitValue(indent, false, list, index, position);
      return;
    }
    const c = text.charCodeAt(j);
    if (c === 45 && (j + 1 === eol || text.charCodeAt(j + 1) === 32)) throw FALLBACK; // `- - a`
    const colon = this.keyEnd(j, eol);
    if (colon < 0) {
      list.push(this.value(j, eol));
      return;
    }
    // `- key: value`: a mapping whose keys are at the column of `key`.
    const map: { [key: string]: unknown } = {};
    list.push(map);
    const column = j - (i - indent);
    this.push(column, false, map, position);
    this.mapEntry(j, column, eol, map, position);
  }

  /** `key: value` or `key:` at `i` (column `column`), into `map`. */
  private mapEntry(i: number, column: number, eol: number, map: { [key: string]: unknown }, parent: Position | undefined): void {
    const colon = this.keyEnd(i, eol);
    if (colon < 0) throw FALLBACK;
    const key = this.key(i, colon);
    if (hasKey(map, key)) throw FALLBACK; // a duplicate: the complete reader reports it
    const position = parent ? { line: this.line } as Position : undefined;
    if (position) parent!.children!.set(key, position);
    const text = this.text;
    let j = colon + 1;
    while (j < eol && text.charCodeAt(j) === 32) j++;
    if (j === eol || text.charCodeAt(j) === 35) {
      if (j < eol && j === colon + 1) throw FALLBACK; // `key:#...`
      this.awaitValue(column, true, map, key, position);
      return;
    }
    setKey(map, key, this.value(j, eol));
  }

  /**
   * Where the `:` of a `key:` starting at `i` is, or -1 when the text at `i` is not a key (then it is a value).
   * A quoted key ends at its closing quote; a plain key at the first `: ` (or `:` at the end of the line).
   */
  private keyEnd(i: number, eol: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = c === 34 ? this.doubleQuotedEnd(i, eol) : this.singleQuotedEnd(i, eol);
      let j = close + 1;
      while (j < eol && text.charCodeAt(j) === 32) j++;
      if (j < eol && text.charCodeAt(j) === 58 && (j + 1 === eol || text.charCodeAt(j + 1) === 32)) return j;
      return -1;
    }
    for (let j = i; j < eol; j++) {
      const d = text.charCodeAt(j);
      if (d === 58 && (j + 1 === eol || text.charCodeAt(j + 1) === 32)) return j;
      if (d === 35 && j > i && text.charCodeAt(j - 1) === 32) return -1; // a comment starts
    }
    return -1;
  }

  /** The key of `text[i, colon)`, as a JSON key. */
  private key(i: number, colon: number): string {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = c === 34 ? this.doubleQuotedEnd(i, colon) : this.singleQuotedEnd(i, colon);
      if (close - i > MAX_KEY) throw FALLBACK;
      return c === 34 ? this.doubleQuoted(i, close) : this.singleQuoted(i, close);
    }
    if (colon - i > MAX_KEY) throw FALLBACK;
    for (let j = i; j < colon; j++) {
      const d = text.charCodeAt(j);
      // letters, digits, _ . / -
      if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 46 || d === 47 || (d === 45 && j > i))) {
        throw FALLBACK;
      }
    }
    const raw = text.slice(i, colon);
    if (raw === '<<') throw FALLBACK;
    const key = resolvePlainKey(raw);
    if (key instanceof ScalarError) throw FALLBACK;
    return key;
  }

  /** The scalar (or `{}`, `[]`) at `i`, which must end on this line. */
  private value(i: number, eol: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = c === 34 ? this.doubleQuotedEnd(i, eol) : this.singleQuotedEnd(i, eol);
      this.restIsComment(close + 1, eol);
      return c === 34 ? this.doubleQuoted(i, close) : this.singleQuoted(i, close);
    }
    if (c === 123 || c === 91) { // `{}` and `[]` only
      if (text.charCodeAt(i + 1) !== (c === 123 ? 125 : 93)) throw FALLBACK;
      this.restIsComment(i + 2, eol);
      return c === 123 ? {} : [];
    }
    // Indicators that start something else than a plain scalar (or a plain scalar too odd to bother with).
    // - ? : , ] } # & * ! | > % @ `
    if (c === 63 || c === 58 || c === 44 || c === 93 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33
      || c === 124 || c === 62 || c === 37 || c === 64 || c === 96) {
      throw FALLBACK;
    }
    if (c === 45 && (i + 1 === eol || text.charCodeAt(i + 1) === 32)) throw FALLBACK;
    // A plain scalar: up to a comment or the end of the line, without its trailing spaces.
    let last = i;
    for (let j = i; j < eol; j++) {
      const d = text.charCodeAt(j);
      if (d === 32) {
        const next = j + 1 < eol ? text.charCodeAt(j + 1) : -1;
        if (next === 35) break; // ` #`: a comment
        continue;
      }
      if (d === 58 && (j + 1 === eol || text.charCodeAt(j + 1) === 32)) throw FALLBACK; // `: ` in a value
      last = j;
    }
    const resolved = resolvePlain(text.slice(i, last + 1));
    if (resolved instanceof NonFinite || resolved instanceof ScalarError) throw FALLBACK;
    return resolved;
  }

  /** After a quoted scalar or `{}`: only spaces and a comment (after a space) may follow. */
  private restIsComment(j: number, eol: number): void {
    const text = this.text;
    const from = j;
    while (j < eol && text.charCodeAt(j) === 32) j++;
    if (j < eol && (text.charCodeAt(j) !== 35 || j === from)) throw FALLBACK;
  }

  /** The index of the `"` that closes the double-quoted scalar at `i`; FALLBACK when it is not on this line. */
  private doubleQuotedEnd(i: number, eol: number): number {
    const text = this.text;
    for (let j = i + 1; j < eol; j++) {
      const d = text.charCodeAt(j);
      if (d === 92) j++;
      else if (d === 34) return j;
    }
    throw FALLBACK;
  }

  private singleQuotedEnd(i: number, eol: number): number {
    const text = this.text;
    for (let j = i + 1; j < eol; j++) {
      if (text.charCodeAt(j) === 39) {
        if (j + 1 < eol && text.charCodeAt(j + 1) === 39) j++;
        else return j;
      }
    }
    throw FALLBACK;
  }

  /** The text of `"..."` in `text[i, close]`: the escapes go-yaml and the `yaml` package read alike. */
  private doubleQuoted(i: number, close: number): string {
    const text = this.text;
    const raw = text.slice(i + 1, close);
    if (raw.indexOf('\\') < 0) return raw;
    let out = '';
    let from = 0;
    for (let j = raw.indexOf('\\'); j >= 0; j = raw.indexOf('\\', from)) {
      out += raw.slice(from, j);
      const e = raw[j + 1];
      let length = 0;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case ' ': out += ' '; break;
        case 'x': length = 2; break;
        case 'u': length = 4; break;
        case 'U': length = 8; break;
        default: throw FALLBACK; // rarer escapes, and those the two readers disagree on (`\/`, `\'`)
      }
      if (length > 0) {
        const hex = raw.slice(j + 2, j + 2 + length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) throw FALLBACK;
        const code = parseInt(hex, 16);
        if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) throw FALLBACK;
        out += String.fromCodePoint(code);
      }
      from = j + 2 + length;
    }
    return out + raw.slice(from);
  }

  private singleQuoted(i: number, close: number): string {
    const raw = this.text.slice(i + 1, close);
    return raw.indexOf("'") < 0 ? raw : raw.replace(/''/g, "'");
  }
}
