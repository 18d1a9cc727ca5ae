/**
 * Reads Kubernetes YAML the way the commands need it: files and folders, multi-document files, each document
 * with its file and line, and every way input can be unreadable turned into a message (never an exception):
 * missing files, binary or huge files, YAML syntax errors, alias bombs, nesting too deep for the parser.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

/** Files larger than this are refused (kpack manifests of 10,000 Images take about 6 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How many alias expansions a document may need (the `yaml` package's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** The name standard input is shown as. */
export const STDIN_NAME = '<stdin>';

/** One YAML document that holds an object. */
export interface SourceDocument {
  /** The file, as given on the command line or found below a folder given there. */
  readonly file: string;
  /** Line (1-based) where the document's content starts. */
  readonly line: number;
  /** The parsed object. */
  readonly value: { readonly [key: string]: unknown };
  /** The YAML syntax tree, to find the line of a field. */
  readonly ast: Document;
  readonly lines: LineCounter;
}

/** Input that cannot be read. */
export interface InputProblem {
  readonly file: string;
  /** @default - the problem is about the whole file */
  readonly line?: number;
  readonly message: string;
}

export interface LoadedInput {
  readonly documents: SourceDocument[];
  readonly problems: InputProblem[];
  /** The files read. */
  readonly files: string[];
}

/** Options of `loadPaths`. */
export interface LoadOptions {
  /** Reads standard input (for the path `-`). @default fs.readFileSync(0) */
  readonly readStdin?: () => Buffer;
  /** @default MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
}

/** Reads the files and folders (every `*.yaml` / `*.yml` below, in name order) given as `paths`. */
export function loadPaths(paths: readonly string[], options: LoadOptions = {}): LoadedInput {
  const documents: SourceDocument[] = [];
  const problems: InputProblem[] = [];
  const files: string[] = [];
  for (const p of paths) {
    const found = p === '-' ? [p] : expand(p, problems);
    for (const file of found) {
      files.push(file === '-' ? STDIN_NAME : file);
      const buffer = readSource(file, options, problems);
      if (buffer) loadBuffer(file === '-' ? STDIN_NAME : file, buffer, documents, problems);
    }
  }
  return { documents, problems, files };
}

/** Parses one file's content; documents go to `documents`, problems to `problems`. */
export function loadBuffer(file: string, buffer: Uint8Array, documents: SourceDocument[], problems: InputProblem[]): void {
  const text = decode(file, buffer, problems);
  if (text === undefined) return;
  const lines = new LineCounter();
  let parsed: Document.Parsed[];
  try {
    const result = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
    parsed = Array.isArray(result) ? result : [];
  } catch (e) {
    problems.push({ file, message: failure('cannot parse the YAML', e) });
    return;
  }
  const before = problems.length;
  parsed.forEach((doc, index) => {
    const line = lineOf(lines, doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    const error = doc.errors[0];
    if (error) {
      problems.push({ file, line: lineOf(lines, error.pos[0]), message: `YAML syntax error: ${firstLine(error.message)}` });
      return;
    }
    if (problems.length > before) return; // the file is reported already; its documents are not used
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      problems.push({ file, line, message: failure(`document ${index + 1} cannot be read`, e) });
      return;
    }
    if (value === null || value === undefined) return; // an empty document (a stray `---`)
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, line, message: `document ${index + 1} is ${describe(value)}, not a Kubernetes object (a mapping with apiVersion and kind)` });
      return;
    }
    documents.push({ file, line, value: value as SourceDocument['value'], ast: doc, lines });
  });
  if (problems.length > before) {
    // A file with a bad document is not used at all: its other objects would be judged without it.
    for (let i = documents.length - 1; i >= 0 && documents[i].file === file; i--) documents.pop();
  }
}

function expand(p: string, problems: InputProblem[]): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    problems.push({ file: p, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : failure('cannot read', e) });
    return [];
  }
  if (!stat.isDirectory()) return [p];
  const found: string[] = [];
  walk(p, found, new Set(), problems);
  if (found.length === 0) problems.push({ file: p, message: 'no *.yaml or *.yml files in this folder' });
  return found;
}

function walk(dir: string, found: string[], seen: Set<string>, problems: InputProblem[]): void {
  let entries: string[];
  try {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return; // a symbolic link loop
    seen.add(real);
    entries = fs.readdirSync(dir).sort();
  } catch (e) {
    problems.push({ file: dir, message: failure('cannot read the folder', e) });
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
    if (stat.isDirectory()) walk(full, found, seen, problems);
    else if (stat.isFile() && /\.ya?ml$/i.test(entry)) found.push(full);
  }
}

function readSource(file: string, options: LoadOptions, problems: InputProblem[]): Buffer | undefined {
  const limit = options.maxFileBytes ?? MAX_FILE_BYTES;
  const shown = file === '-' ? STDIN_NAME : file;
  try {
    if (file === '-') {
      const buffer = (options.readStdin ?? (() => fs.readFileSync(0)))();
      if (buffer.length > limit) throw new TooLarge(buffer.length);
      return buffer;
    }
    const size = fs.statSync(file).size;
    if (size > limit) throw new TooLarge(size);
    return fs.readFileSync(file);
  } catch (e) {
    const message = e instanceof TooLarge
      ? `is ${e.size} bytes, more than the ${limit} bytes this command reads: split it`
      : failure('cannot read', e);
    problems.push({ file: shown, message });
    return undefined;
  }
}

class TooLarge extends Error {
  constructor(public readonly size: number) {
    super('too large');
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decode(file: string, buffer: Uint8Array, problems: InputProblem[]): string | undefined {
  if (buffer.indexOf(0) >= 0) {
    problems.push({ file, message: 'is not a text file (it contains NUL bytes): give YAML files only' });
    return undefined;
  }
  try {
    return UTF8.decode(buffer);
  } catch {
    problems.push({ file, message: 'is not UTF-8 text: give YAML files only' });
    return undefined;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** A message for an exception from reading or parsing, never a stack trace. */
function failure(what: string, e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return `${what}: it is nested too deeply`;
  if (e instanceof ReferenceError && /alias/i.test(e.message)) {
    return `${what}: it expands too many aliases (more than ${MAX_ALIAS_COUNT}), which looks like an alias bomb`;
  }
  const code = (e as NodeJS.ErrnoException)?.code;
  const text = e instanceof Error ? e.message : String(e);
  return `${what}: ${code ? `${code} ` : ''}${firstLine(text).replace(/^[A-Z]+: /, '')}`;
}

function lineOf(lines: LineCounter, offset: number): number {
  return lines.linePos(offset).line;
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

/**
 * The line of a field of a document: the line of the deepest part of `fieldPath` that is in the YAML (the key
 * of a mapping entry, or the list item), else the document's first line.
 */
export function lineOfField(doc: SourceDocument, fieldPath: string): number {
  const segments = pathSegments(fieldPath) ?? [];
  let line = doc.line;
  let node: unknown = doc.ast.contents;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc.ast);
    if (isMap(node)) {
      const key = String(segment);
      const pair = node.items.find(p => keyText(p.key) === key)
        ?? node.items.find(p => keyText(p.key)?.toLowerCase() === key.toLowerCase()); // kpack matches field names case-insensitively
      if (!pair) break;
      const at = (pair.key as Node | null)?.range?.[0];
      if (at !== undefined) line = lineOf(doc.lines, at);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      const item = node.items[segment] as Node | null;
      const at = item?.range?.[0];
      if (at !== undefined) line = lineOf(doc.lines, at);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}
