/**
 * Reading Kubernetes YAML as kubectl reads it, for the command (src/cli) and the validation plugin (src/plugin):
 *
 * - the input: files and folders (every `*.yaml` / `*.yml` below, in name order) and standard input, bounded
 *   (source.ts): devices, FIFOs and sockets refused by type, the size limit applied while reading;
 * - the documents: split at `---` lines as kubectl splits them (k8s.io/apimachinery `YAMLReader`), each read
 *   into the JSON kubectl gets (go-yaml v2's YAML 1.1 rules, sigs.k8s.io/yaml's keys): by the fast reader
 *   (fast.ts) when the document is in its subset, else by the complete reader (slow.ts);
 * - lists: a document with a top-level `items` is a list to kubectl (`kind: List`, `v1/List`, `ImageList`, ...):
 *   its items are the objects, each with its own position;
 * - positions: each document knows its file, line and index, and finds the line of a field on demand;
 * - problems: returned as data (file, line, message), never thrown.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FALLBACK, fastLocator, readFast, SpecialCharacters } from './fast';
import { ChunkError, hasKey, Locator, PathSegments, ReadChunk } from './model';
import type * as Slow from './slow';
import { MAX_INPUT_BYTES, readFile, ReadPiece, readStdin, specialFileType } from './source';

export { MAX_INPUT_BYTES } from './source';
export { MAX_DEPTH } from './model';

let slowReader: typeof Slow | undefined;

/**
 * The complete reader, loaded the first time a document needs it: it brings the `yaml` package, which costs more to
 * load than reading the block-style YAML most input is.
 */
function slow(): typeof Slow {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return slowReader ??= require('./slow') as typeof Slow;
}

/** The name standard input is shown as. */
export const STDIN_NAME = '<stdin>';

/** One Kubernetes object of the input: a document, or an item of a list document. */
export interface ManifestDocument {
  /** The file, as given on the command line or found below a folder given there (`<stdin>` for standard input). */
  readonly file: string;
  /** Line (1-based) where the object starts: the document's first content, or the list item. */
  readonly line: number;
  /** Which document of the file it is (1-based, counting every document between `---` lines). */
  readonly index: number;
  /** For an item of a list document: its path in that document (`items[3]`). */
  readonly item?: string;
  /** The object, as kubectl gets it. */
  readonly value: { readonly [key: string]: unknown };
  /** The line of a field (an engine field path such as `spec.order[0].group`): of its deepest part present. */
  lineOf(fieldPath: string): number;
}

/** Input that cannot be read, as data: the command prints it in any format. */
export interface InputError {
  readonly file: string;
  /** @default - the problem is about the whole file */
  readonly line?: number;
  /** @default - the problem is not about one document */
  readonly document?: number;
  readonly message: string;
}

export interface ManifestInput {
  readonly documents: ManifestDocument[];
  readonly errors: InputError[];
  /** The files read. */
  readonly files: string[];
  /** How many documents the fast reader read (the others were read by the complete reader). */
  readonly fastDocuments: number;
}

/** Options of `readManifests`. */
export interface ReadOptions {
  /** Reads standard input in pieces (for the path `-`). @default fd 0 */
  readonly readStdin?: ReadPiece;
  /** @default MAX_INPUT_BYTES */
  readonly maxBytes?: number;
  /** Use only the complete reader (tests compare the two). @default false */
  readonly completeReaderOnly?: boolean;
}

/** Reads the files and folders given as `paths` (`-` is standard input). Never throws. */
export function readManifests(paths: readonly string[], options: ReadOptions = {}): ManifestInput {
  const documents: ManifestDocument[] = [];
  const errors: InputError[] = [];
  const files: string[] = [];
  const counts = { fast: 0 };
  for (const p of paths) {
    try {
      for (const file of p === '-' ? ['-'] : expand(p, errors)) {
        const shown = file === '-' ? STDIN_NAME : file;
        files.push(shown);
        const read = file === '-' ? readStdin(options.maxBytes ?? MAX_INPUT_BYTES, options.readStdin) : readFile(file, options.maxBytes ?? MAX_INPUT_BYTES);
        if ('error' in read) errors.push({ file: shown, message: read.error });
        else readBytes(shown, read.bytes, documents, errors, options, counts);
      }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      errors.push({ file: p, message: `cannot read the input: ${text.split('\n')[0]}` });
    }
  }
  return { documents, errors, files, fastDocuments: counts.fast };
}

/**
 * Reads one file's content: its objects go to `documents`, its problems to `errors`. A file with a problem gives
 * no objects (its other objects would be judged without the missing ones).
 */
export function readBytes(file: string, bytes: Uint8Array, documents: ManifestDocument[], errors: InputError[], options: ReadOptions = {},
  counts: { fast: number } = { fast: 0 }): void {
  const text = decode(bytes);
  if (typeof text !== 'string') {
    errors.push({ file, message: text.error });
    return;
  }
  const found: ManifestDocument[] = [];
  const before = errors.length;
  readText(file, text, found, errors, options, counts);
  if (errors.length === before) documents.push(...found);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string | { error: string } {
  if (bytes.indexOf(0) >= 0) return { error: 'is not a text file (it contains NUL bytes): give YAML files only' };
  try {
    return UTF8.decode(bytes);
  } catch {
    return { error: 'is not UTF-8 text: give YAML files only' };
  }
}

/** One kubectl document: where it is in the text, and how to find lines in it. */
interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
}

function readText(file: string, text: string, documents: ManifestDocument[], errors: InputError[], options: ReadOptions,
  counts: { fast: number }): void {
  if (JSON_START.test(text)) {
    readJson(file, text, documents, errors);
    return;
  }
  const special = new SpecialCharacters(text);
  let index = 0;
  for (const chunk of split(text, file, errors)) {
    index++;
    let read: ReadChunk;
    let fast = false;
    if (!options.completeReaderOnly && !special.within(chunk.start, chunk.end)) {
      const value = readFast(text, chunk.start, chunk.end, chunk.firstLine);
      if (value !== FALLBACK) {
        fast = true;
        counts.fast++;
        read = { line: firstContentLine(text, chunk), value, errors: [], locator: () => fastLocator(text, chunk.start, chunk.end, chunk.firstLine) };
      } else {
        read = slow().readSlow(text.slice(chunk.start, chunk.end), chunk.firstLine);
      }
    } else {
      read = slow().readSlow(text.slice(chunk.start, chunk.end), chunk.firstLine);
    }
    for (const e of read.errors) errors.push(chunkError(file, index, e));
    if (read.errors.length > 0 || read.value === undefined) continue;
    // Positions are found on demand: a fresh reading of this document, made once, only if a line is asked for.
    let locator: Locator | undefined;
    const locate = (): Locator => {
      if (!locator) {
        locator = fast
          ? fastLocator(text, chunk.start, chunk.end, chunk.firstLine)
          : slow().readSlow(text.slice(chunk.start, chunk.end), chunk.firstLine).locator();
      }
      return locator;
    };
    addObjects(file, index, read.line, read.value, locate, documents, errors);
  }
}

/** kubectl reads input that starts with `{` as a stream of JSON objects (k8s.io/apimachinery `YAMLOrJSONDecoder`). */
const JSON_START = /^\s*\{/;

/** A stream of JSON values, each read with JSON.parse (as Go's encoding/json reads it: the last of duplicate keys). */
function readJson(file: string, text: string, documents: ManifestDocument[], errors: InputError[]): void {
  let index = 0;
  let line = 1;
  let pos = 0;
  while (pos < text.length) {
    let start = pos;
    while (start < text.length && /\s/.test(text[start])) {
      if (text[start] === '\n') line++;
      start++;
    }
    if (start >= text.length) return;
    const end = jsonValueEnd(text, start);
    index++;
    const piece = text.slice(start, end);
    const firstLine = line;
    let value: unknown;
    try {
      value = JSON.parse(piece);
    } catch (e) {
      errors.push({ file, line: firstLine, document: index, message: `JSON syntax error: ${(e as Error).message.split('\n')[0]}` });
      return; // kubectl stops at the first error of a JSON stream
    }
    let locator: Locator | undefined;
    addObjects(file, index, firstLine, value, () => (locator ??= slow().slowLocator(piece, firstLine)), documents, errors);
    line += countLines(text, start, end);
    pos = end;
  }
}

/** Where the JSON value at `start` ends: after its closing bracket (strings skipped), or at the end of a scalar. */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && /\s/.test(c)) {
      return i;
    }
  }
  return text.length;
}

function chunkError(file: string, index: number, e: ChunkError): InputError {
  return { file, line: e.line, document: index, message: e.ofDocument ? `document ${index} ${e.message}` : e.message };
}

/** The line of the first content of a document read by the fast reader (skipping blank and comment lines). */
function firstContentLine(text: string, chunk: Chunk): number {
  let line = chunk.firstLine;
  let pos = chunk.start;
  while (pos < chunk.end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > chunk.end) eol = chunk.end;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    if (i < eol && text.charCodeAt(i) !== 35) return line;
    line++;
    pos = eol + 1;
  }
  return chunk.firstLine;
}

/**
 * The documents of a text, split as kubectl splits them (k8s.io/apimachinery `YAMLReader.Read`): at each line that
 * starts with `---` followed by nothing but spaces or a comment. A line starting with `---` and other text is
 * kubectl's error "invalid Yaml document separator".
 */
function split(text: string, file: string, errors: InputError[]): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let firstLine = 1;
  let line = 1;
  let pos = 0;
  const add = (end: number) => {
    if (end > start) chunks.push({ start, end, firstLine });
  };
  while (pos < text.length) {
    // The next line that starts with `---`.
    const at = pos === 0 && text.startsWith('---') ? 0 : text.indexOf('\n---', pos - 1 < 0 ? 0 : pos - 1);
    if (at < 0) break;
    const lineStart = at === 0 && text.startsWith('---') ? 0 : at + 1;
    line += countLines(text, pos, lineStart);
    let eol = text.indexOf('\n', lineStart);
    if (eol < 0) eol = text.length;
    const rest = text.slice(lineStart + 3, eol).trim();
    if (rest !== '' && rest[0] !== '#') {
      const shown = JSON.stringify(rest.length > 40 ? rest.slice(0, 40) + '...' : rest);
      errors.push({ file, line, message: `invalid YAML document separator: ${shown} after \`---\`: kubectl refuses a line that starts with \`---\` and goes on; put the content on the next line` });
      pos = eol + 1;
      line++;
      continue;
    }
    add(lineStart);
    start = eol + 1;
    pos = eol + 1;
    line++;
    firstLine = line;
  }
  add(text.length);
  return chunks;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The objects of a document: itself, or, for a list (a document with a top-level `items`, as kubectl's
 * unstructured decoder sees it), its items, and the items of lists among them.
 *
 * Followed: k8s.io/apimachinery v0.34 `unstructuredJSONScheme.decode` and `decodeToList` (a document with `items`
 * is a list; an item with neither kind nor apiVersion gets the list's kind without `List` and the list's
 * apiVersion) and `Unstructured.IsList` (nested lists have an `items` array), k8s.io/cli-runtime
 * `FlattenListVisitor` (nested lists are flattened too).
 */
function addObjects(file: string, index: number, line: number, value: unknown, locate: () => Locator,
  documents: ManifestDocument[], errors: InputError[]): void {
  if (!isObject(value)) {
    errors.push({ file, line, document: index, message: `document ${index} is ${describe(value)}, not a Kubernetes object (a mapping with apiVersion and kind)` });
    return;
  }
  if (!hasKey(value, 'items')) {
    documents.push(objectAt(file, index, line, undefined, value, [], locate));
    return;
  }
  expandList(file, index, value, [], true, line, locate, documents, errors, 0);
}

function expandList(file: string, index: number, list: { [key: string]: unknown }, prefix: PathSegments, top: boolean, line: number,
  locate: () => Locator, documents: ManifestDocument[], errors: InputError[], depth: number): void {
  const items = list.items;
  const where = (segments: PathSegments) => `${pathText(segments)}`;
  if (items === null) return; // kubectl: an empty list
  if (!Array.isArray(items)) {
    errors.push({
      file,
      line: locate().lineOf([...prefix, 'items'], line),
      document: index,
      message: `document ${index} has a top-level items that is ${describe(items)}: kubectl reads a document with items as a list of objects, and refuses it`,
    });
    return;
  }
  const listKind = typeof list.kind === 'string' ? list.kind : '';
  const listApiVersion = typeof list.apiVersion === 'string' ? list.apiVersion : '';
  items.forEach((item, i) => {
    const segments = [...prefix, 'items', i];
    const itemLine = locate().lineOf(segments, line);
    if (!isObject(item)) {
      errors.push({ file, line: itemLine, document: index, message: `document ${index}: ${where(segments)} is ${describe(item)}, not a Kubernetes object: kubectl refuses the list` });
      return;
    }
    let object = item;
    if (top && (typeof item.kind !== 'string' || item.kind === '') && (typeof item.apiVersion !== 'string' || item.apiVersion === '')) {
      // kubectl's decoder fills them in from the list (`ImageList` of kpack.io/v1alpha2: Images).
      object = { ...item, kind: listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind, apiVersion: listApiVersion };
    }
    if (Array.isArray(item.items) && depth < 10) {
      expandList(file, index, item, segments, false, itemLine, locate, documents, errors, depth + 1);
    } else {
      documents.push(objectAt(file, index, itemLine, where(segments), object, segments, locate));
    }
  });
}

function objectAt(file: string, index: number, line: number, item: string | undefined, value: { [key: string]: unknown }, prefix: PathSegments,
  locate: () => Locator): ManifestDocument {
  return {
    file,
    line,
    index,
    item,
    value,
    lineOf: (fieldPath: string) => locate().lineOf([...prefix, ...pathSegments(fieldPath) ?? []], line),
  };
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathText(segments: PathSegments): string {
  return segments.map((s, i) => typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`).join('');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function expand(p: string, errors: InputError[]): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    errors.push({ file: p, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(e as Error).message.split('\n')[0]}` });
    return [];
  }
  if (!stat.isDirectory()) return [p]; // a regular file, or something readFile refuses by its type
  const found: string[] = [];
  walk(p, found, new Set(), errors);
  if (found.length === 0) errors.push({ file: p, message: 'no *.yaml or *.yml files in this folder' });
  return found;
}

function walk(dir: string, found: string[], seen: Set<string>, errors: InputError[]): void {
  let entries: string[];
  try {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return; // a symbolic link loop
    seen.add(real);
    entries = fs.readdirSync(dir).sort();
  } catch (e) {
    errors.push({ file: dir, message: `cannot read the folder: ${(e as Error).message.split('\n')[0]}` });
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue; // a dangling link
    }
    if (stat.isDirectory()) {walk(full, found, seen, errors);} else if (/\.ya?ml$/i.test(entry) && stat.isFile()) {found.push(full);} else if (/\.ya?ml$/i.test(entry) && specialFileType(stat)) {
      errors.push({ file: full, message: `is ${specialFileType(stat)}, not a regular file: give YAML files or folders (or - for standard input)` });
    }
  }
}

/** Path segments of an engine field path: `spec.order[0].group["a.b"]` is spec, order, 0, group, a.b. */
export function pathSegments(fieldPath: string): Array<string | number> | undefined {
  const segments: Array<string | number> = [];
  let i = 0;
  while (i < fieldPath.length) {
    const c = fieldPath[i];
    if (c === '.') {
      i++;
    } else if (c === '[' && fieldPath[i + 1] === '"') {
      let j = i + 2;
      while (j < fieldPath.length && fieldPath[j] !== '"') j += fieldPath[j] === '\\' ? 2 : 1;
      try {
        segments.push(JSON.parse(fieldPath.slice(i + 1, j + 1)));
      } catch {
        return undefined;
      }
      i = j + 2; // past `"]`
    } else if (c === '[') {
      const end = fieldPath.indexOf(']', i);
      const n = Number(fieldPath.slice(i + 1, end));
      if (end < 0 || !Number.isInteger(n)) return undefined;
      segments.push(n);
      i = end + 1;
    } else {
      let j = i;
      while (j < fieldPath.length && fieldPath[j] !== '.' && fieldPath[j] !== '[') j++;
      segments.push(fieldPath.slice(i, j));
      i = j;
    }
  }
  return segments;
}
