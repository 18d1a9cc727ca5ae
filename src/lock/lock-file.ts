/**
 * The files an image lock is read from: cdk8s-kpack's own (`images: {reference: digest}`), kbld's lock output
 * (`kbld --lock-output`: a `kbld.k14s.io/v1alpha1` Config whose `overrides` map each image to its digest
 * reference, `preresolved: true`), and imgpkg's images lock (`imgpkg.carvel.dev/v1alpha1` ImagesLock, as
 * `kbld --imgpkg-lock-output` writes it: each digest reference with the image it came from in the annotation
 * `kbld.carvel.dev/id`). Free of constructs, so the command reads them without loading cdk8s.
 */
import type * as Yaml from 'yaml';
import { SHA256_DIGEST } from './references';
import { DEFAULT_REGISTRY, parseReference } from '../validation/image-reference';

/**
 * The `yaml` package, loaded when first used: `require('cdk8s-kpack')` does not load it (cdk8s has its own copy,
 * so loading ours up front is a second YAML library in every app; `npm run bench` measures the require time).
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

/** One entry of a lock: a reference and the digest it is pinned to (checked by the reader of the entries). */
export interface LockEntry {
  readonly reference: string;
  readonly digest: unknown;
  /** Where the entry is in the file, for messages: `images["a/b"]`, `overrides[2]`. */
  readonly at: string;
}

export const KBLD_API_VERSION = 'kbld.k14s.io/v1alpha1';
export const IMGPKG_API_VERSION = 'imgpkg.carvel.dev/v1alpha1';
/** The annotation of an imgpkg ImagesLock entry naming the image it was resolved from (kbld writes it). */
export const KBLD_ID_ANNOTATION = 'kbld.carvel.dev/id';

const FORMATS = 'cdk8s-kpack\'s lock ("images": reference -> sha256 digest), kbld\'s lock output '
  + `(${KBLD_API_VERSION} Config, from \`kbld --lock-output\`) or imgpkg's ImagesLock (${IMGPKG_API_VERSION})`;

/**
 * The entries of a lock file's text, in any of the three formats (several YAML documents are read in order).
 * Throws an Error naming `where`, the entry and what is wrong.
 */
export function parseLockText(text: string, where: string): LockEntry[] {
  let docs: ReturnType<typeof Yaml.parseAllDocuments>;
  try {
    docs = yaml().parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    throw new Error(`${where}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const entries: LockEntry[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) throw new Error(`${where}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new Error(`${where}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    entries.push(...documentEntries(value, where));
  }
  return entries;
}

function documentEntries(doc: unknown, where: string): LockEntry[] {
  if (doc === null || doc === undefined) return [];
  if (!isMap(doc)) throw new Error(`${where}: must be a map: ${FORMATS}`);
  if ('apiVersion' in doc || 'kind' in doc) {
    if (doc.apiVersion === KBLD_API_VERSION && (doc.kind === 'Config' || doc.kind === 'ImageOverrides')) return kbldEntries(doc, where);
    if (doc.apiVersion === IMGPKG_API_VERSION && doc.kind === 'ImagesLock') return imgpkgEntries(doc, where);
    throw new Error(`${where}: apiVersion ${JSON.stringify(doc.apiVersion)}, kind ${JSON.stringify(doc.kind)} is not an image lock: `
      + `give ${FORMATS}`);
  }
  const unknown = Object.keys(doc).filter(k => k !== 'images');
  if (unknown.length > 0) {
    throw new Error(`${where}: unknown key ${JSON.stringify(unknown[0])}, the only key is "images" (reference: sha256 digest)`);
  }
  const images = doc.images ?? {};
  if (!isMap(images)) throw new Error(`${where}: "images" must be a map of image reference to sha256 digest`);
  return Object.entries(images).map(([reference, digest]) => ({ reference, digest, at: `images[${JSON.stringify(reference)}]` }));
}

/** kbld's overrides: `{image, newImage: <repository>@sha256:..., preresolved: true}`. */
function kbldEntries(doc: { [key: string]: unknown }, where: string): LockEntry[] {
  const overrides = doc.overrides ?? [];
  if (!Array.isArray(overrides)) throw new Error(`${where}: "overrides" must be a list of {image, newImage}`);
  const entries: LockEntry[] = [];
  overrides.forEach((o: unknown, i: number) => {
    const at = `${where}: overrides[${i}]`;
    if (!isMap(o)) throw new Error(`${at} must be a map {image, newImage}`);
    if (typeof o.image !== 'string' || o.image === '') {
      throw new Error(o.imageRepo !== undefined
        ? `${at}: an override of a whole repository (imageRepo) is not an image lock entry: give the file \`kbld --lock-output\` writes`
        : `${at}: "image" is missing`);
    }
    if (typeof o.newImage !== 'string') throw new Error(`${at}: "newImage" is missing`);
    const entry = carvelEntry(o.image, o.newImage, `overrides[${i}]`, at, 'newImage');
    if (entry) entries.push(entry);
  });
  return entries;
}

/** imgpkg's images: `{image: <repository>@sha256:..., annotations: {kbld.carvel.dev/id: <image as written>}}`. */
function imgpkgEntries(doc: { [key: string]: unknown }, where: string): LockEntry[] {
  const images = doc.images ?? [];
  if (!Array.isArray(images)) throw new Error(`${where}: "images" of an ImagesLock must be a list of {image, annotations}`);
  const entries: LockEntry[] = [];
  images.forEach((item: unknown, i: number) => {
    const at = `${where}: images[${i}]`;
    if (!isMap(item)) throw new Error(`${at} must be a map {image, annotations}`);
    if (typeof item.image !== 'string') throw new Error(`${at}: "image" is missing`);
    const annotations = item.annotations ?? {};
    if (!isMap(annotations)) throw new Error(`${at}: "annotations" must be a map`);
    const id = annotations[KBLD_ID_ANNOTATION];
    // Without kbld's id the entry does not say which reference it pins (imgpkg alone writes such entries).
    if (id === undefined) return;
    if (typeof id !== 'string' || id === '') throw new Error(`${at}: the annotation ${KBLD_ID_ANNOTATION} must be an image reference`);
    const entry = carvelEntry(id, item.image, `images[${i}]`, at, 'image');
    if (entry) entries.push(entry);
  });
  return entries;
}

/**
 * The entry pinning `image` to the digest of `resolved`, which must be a digest reference of the same repository
 * (the lock pins `<image>@<digest>`: a digest of another repository would name an image that is not there).
 * Undefined when `image` already is a digest reference (kbld lists those too): nothing to pin.
 */
function carvelEntry(image: string, resolved: string, key: string, at: string, field: string): LockEntry | undefined {
  const source = parseReference(image);
  if (!source.ok) throw new Error(`${at}: ${JSON.stringify(image)} is not a valid image reference: ${source.reason}`);
  if (source.reference.digest) return undefined;
  const target = parseReference(resolved);
  if (!target.ok || !target.reference.digest || !SHA256_DIGEST.test(target.reference.digest)) {
    throw new Error(`${at}: ${field} ${JSON.stringify(resolved)} is not a digest reference (repository@sha256:<64 hex characters>)`
      + `${target.ok ? '' : `: ${target.reason}`}`);
  }
  if (repositoryOf(source.reference) !== repositoryOf(target.reference)) {
    throw new Error(`${at}: ${JSON.stringify(image)} is resolved to another repository, ${JSON.stringify(resolved)}: `
      + 'an image lock pins the digest of the same repository; relocated images are applied with kbld itself');
  }
  return { reference: image, digest: target.reference.digest, at: key };
}

/** `registry/repository`, with Docker Hub's implied `library/`. */
function repositoryOf(r: { registry: string; repository: string }): string {
  const repository = r.registry === DEFAULT_REGISTRY && !r.repository.includes('/') ? `library/${r.repository}` : r.repository;
  return `${r.registry}/${repository}`;
}

function isMap(v: unknown): v is { [key: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
