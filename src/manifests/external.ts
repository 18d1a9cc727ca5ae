/**
 * Objects that exist in the cluster (`cdk8s-kpack validate --external FILE`, the plugin's `external`): references
 * to them are neither warnings nor errors. The file is YAML (or JSON), either
 *
 * - a list of keys: `- {kind: ServiceAccount, name: builder, namespace: team-a}` (a Secret may add its `type`
 *   and `annotations`), or
 * - objects as `kubectl get -o yaml` prints them: a `v1` List of full objects (`items`), or objects as documents.
 *
 * Of an object only its kind, name and namespace are kept, and of a Secret its `type` and its `kpack.io/*`
 * annotations, which the credential rules read; never its data.
 */
import type { Document, Node } from 'yaml';
import { InputError } from './index';
import { MAX_INPUT_BYTES, readFile } from './source';
import { ObjectKey } from '../validation/finding';
import { KIND_INFO } from '../validation/kinds';

/** The objects of an external file, or its problems (then no objects). */
export interface ExternalObjects {
  readonly objects: ObjectKey[];
  readonly errors: InputError[];
}

/** The keys of an entry: Kubernetes' names, or ObjectKey's (`namespaceName`, `secretType`) as typed code writes them. */
const KEY_FIELDS = ['kind', 'name', 'namespace', 'type', 'annotations', 'namespaceName', 'secretType'];
/** The kinds references point to: a kind that matches one of them but for case is a mistake. */
const REFERENCED_KINDS = [...Object.keys(KIND_INFO), 'ServiceAccount', 'Secret'];
const KPACK_ANNOTATION = /^kpack\.io\//;

/** Reads an external-objects file, bounded as manifests are. Never throws. */
export function readExternalObjects(file: string, maxBytes: number = MAX_INPUT_BYTES): ExternalObjects {
  if (file === '-') return { objects: [], errors: [{ file, message: 'external objects are read from a file, not standard input' }] };
  const read = readFile(file, maxBytes);
  if ('error' in read) return { objects: [], errors: [{ file, message: read.error }] };
  if (read.bytes.indexOf(0) >= 0) return { objects: [], errors: [{ file, message: 'is not a text file (it contains NUL bytes): give a YAML file' }] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return { objects: [], errors: [{ file, message: 'is not UTF-8 text: give a YAML file' }] };
  }
  return parseExternalObjects(file, text);
}

/** Reads the text of an external-objects file; `file` names it in messages. Never throws. */
export function parseExternalObjects(file: string, text: string): ExternalObjects {
  // Loaded here, not with the module: `validate` without --external does not need the yaml package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap, isSeq, LineCounter, parseAllDocuments } = require('yaml') as typeof import('yaml');
  const objects: ObjectKey[] = [];
  const errors: InputError[] = [];
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', uniqueKeys: true, prettyErrors: false }) as Document.Parsed[];
  } catch (e) {
    return { objects, errors: [{ file, message: `cannot be read: ${firstLine(e)}` }] };
  }
  if (!Array.isArray(docs)) docs = [];
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) {
      const at = lines.linePos(problem.pos[0]).line;
      errors.push({ file, ...at ? { line: at } : {}, message: `YAML syntax error: ${problem.message.split('\n')[0]}` });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ file, line: lineOf(doc.contents), message: `cannot be read: ${firstLine(e)}` });
      continue;
    }
    const contents = doc.contents;
    if (value === null || value === undefined) continue;
    const add = (item: unknown, node: unknown, where: string) => {
      const line = lineOf(node as Node);
      const key = toObjectKey(item, where);
      if (typeof key === 'string') errors.push({ file, ...line ? { line } : {}, message: key });
      else objects.push(key);
    };
    if (Array.isArray(value)) {
      const nodes = isSeq(contents) ? contents.items : [];
      value.forEach((item, i) => add(item, nodes[i], `item ${i + 1}`));
    } else if (isObject(value) && Array.isArray(value.items)) {
      const itemsNode = isMap(contents) ? contents.get('items', true) : undefined;
      const nodes = isSeq(itemsNode) ? itemsNode.items : [];
      value.items.forEach((item: unknown, i: number) => add(item, nodes[i], `items[${i}]`));
    } else if (isObject(value) && 'metadata' in value) {
      add(value, contents, 'the object');
    } else {
      errors.push({
        file,
        line: lineOf(contents),
        message: 'is not a list of {kind, name, namespace}, a List of objects '
        + '(kubectl get -o yaml) or an object',
      });
    }
  }
  return errors.length > 0 ? { objects: [], errors } : { objects, errors };
}

/** The key of one entry, or what is wrong with it. */
function toObjectKey(item: unknown, where: string): ObjectKey | string {
  if (!isObject(item)) return `${where} is ${describe(item)}, not an object: give {kind, name, namespace}`;
  const full = 'metadata' in item;
  const metadata = full ? item.metadata : item;
  if (!isObject(metadata)) return `${where}: metadata is ${describe(metadata)}, not a mapping`;
  if (!full) {
    const unknown = Object.keys(item).filter(k => !KEY_FIELDS.includes(k));
    if (unknown.length > 0) {
      return `${where}: unknown key ${JSON.stringify(unknown[0])}: the keys are kind, name, namespace (and type, annotations for a Secret)`;
    }
  }
  for (const [k, typed] of [['namespace', 'namespaceName'], ['type', 'secretType']]) {
    if (!full && !absent(item[k]) && !absent(item[typed])) return `${where}: give ${k} or ${typed}, not both`;
  }
  const kind = item.kind;
  const name = metadata.name;
  const namespace = absent(metadata.namespace) && !full ? item.namespaceName : metadata.namespace;
  const field = (f: string) => (full && f !== 'kind' ? `metadata.${f}` : f);
  if (typeof kind !== 'string' || kind === '') return `${where}: ${field('kind')} ${absent(kind) ? 'is missing' : `is ${describe(kind)}, not text`}`;
  const known = REFERENCED_KINDS.find(k => k.toLowerCase() === kind.toLowerCase());
  if (known !== undefined && known !== kind) return `${where}: kind ${JSON.stringify(kind)} is spelled ${JSON.stringify(known)}`;
  if (typeof name !== 'string' || name === '') return `${where}: ${field('name')} ${absent(name) ? 'is missing' : `is ${describe(name)}, not text`}`;
  if (!absent(namespace) && typeof namespace !== 'string') return `${where}: ${field('namespace')} is ${describe(namespace)}, not text`;
  const key: { -readonly [K in keyof ObjectKey]: ObjectKey[K] } = { kind, name };
  if (typeof namespace === 'string' && namespace !== '') key.namespaceName = namespace;
  if (kind === 'Secret') {
    const type = absent(item.type) && !full ? item.secretType : item.type;
    if (!absent(type) && typeof type !== 'string') return `${where}: type is ${describe(type)}, not text`;
    if (typeof type === 'string' && type !== '') key.secretType = type;
    const annotations = full ? metadata.annotations : item.annotations;
    if (!absent(annotations) && !isObject(annotations)) return `${where}: ${field('annotations')} is ${describe(annotations)}, not a mapping`;
    const kept: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(annotations ?? {})) {
      if (KPACK_ANNOTATION.test(k) && typeof v === 'string') kept[k] = v;
    }
    if (Object.keys(kept).length > 0) key.annotations = kept;
  }
  return key;
}

function isObject(v: unknown): v is { [key: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `the ${typeof v} ${JSON.stringify(v)}`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
