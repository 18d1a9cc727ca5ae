/** Runs every check over a list of parsed manifests: per object (schema, metadata, admission rules), then across objects. */
import { Finding } from './finding';
import { child, get, isAbsent, isArray, isObj, Obj, show, str } from './json';
import { CHECKED_API_VERSION, kindInfo, KPACK_GROUP, LEGACY_API_VERSION } from './kinds';
import { effectiveNamespace, ManifestObject, ObjectIndex } from './object-index';
import { ObjectReference, referencesOf } from './object-references';
import { ReferenceChecker } from './references';
import { promoted, Report } from './report';
import { KIND_RULES } from './rules';
import { CredentialChecker } from './rules/credentials';
import { checkMetadata } from './rules/metadata';
import { checkStoredAsWritten } from './rules/stored';
import { CompiledSchema, checkMetadataOnly, checkObject, foldedRunesNote, knownVersions, lastKeyFor, nearest, schemaFor } from './schema';
import { DEFAULT_KPACK_VERSION, featuresOf, KpackFeatures } from './versions';


interface Options {
  readonly version: string;
  readonly features: KpackFeatures;
  readonly schema: CompiledSchema;
  readonly strict: boolean;
  readonly strictReferences: boolean;
  /** Undefined: not known (assumed true, and said once in the result's assumptions). */
  readonly defaultStorageClass: boolean | undefined;
  readonly external: readonly unknown[];
  /** The objects that exist already, as kpack decoded them, by kind, namespace and name: the others are updates of them. */
  readonly previous: Map<string, Obj>;
}

/** A finding with the position of its object in the input list (the CLI maps it to file and line). */
export interface PositionedFinding {
  readonly position: number;
  readonly finding: Finding;
}

/** What a run found, and what it assumed of the cluster (each assumption said once, not per object). */
export interface PositionedResult {
  readonly findings: PositionedFinding[];
  readonly assumptions: string[];
}

/** Validates `manifests`; throws only for an unknown `options.kpackVersion` (a programming error of the caller). */
export function validate(manifests: unknown, options: unknown): Finding[] {
  return validatePositioned(manifests, options).findings.map(p => p.finding);
}

/** Like `validate`, each finding with the position of the object it is about, and the run's assumptions. */
export function validatePositioned(manifests: unknown, options: unknown): PositionedResult {
  const opts = readOptions(options);
  const assumed = new Assumptions();
  const list: readonly unknown[] = isArray(manifests) ? manifests : isAbsent(manifests) ? [] : [manifests];
  // One function per pass over the objects: the JIT compiles each loop on its own, with what it has seen of it.
  const reports: Report[] = [];
  const positions: number[] = [];
  const objects = checkEach(list, opts, assumed, reports, positions);
  checkAcross(objects, opts);
  return { findings: positioned(reports, positions, opts), assumptions: assumed.list() };
}

/** Checks each object on its own (its report and position in `reports` and `positions`); returns those others may name. */
function checkEach(list: readonly unknown[], opts: Options, assumed: Assumptions, reports: Report[], positions: number[]): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (let position = 0; position < list.length; position++) {
    const doc = list[position];
    if (!isObj(doc)) continue; // empty YAML documents and stray values are not Kubernetes objects
    const report = new Report(doc);
    reports.push(report);
    positions.push(position);
    // A try per check rather than a closure per object: these loops run for every object.
    try {
      const object = classify(doc, position, report, opts, assumed);
      if (object) objects.push(object);
    } catch (e) {
      internalError(report, e);
    }
  }
  return objects;
}

/** The checks across objects: duplicates, references and credentials. */
function checkAcross(objects: readonly ManifestObject[], opts: Options): void {
  const index = new ObjectIndex();
  for (const o of objects) {
    const earlier = index.add(o);
    if (earlier && o.name !== '') duplicate(o, earlier);
  }
  for (const ref of opts.external) addExternal(index, ref);
  const references = new ReferenceChecker(index, objects, opts.version);
  const credentials = new CredentialChecker(index, opts.external);
  for (const o of objects) {
    // What the object names, read once for both checks (and dropped after them: objects kept to the end of the
    // run cost more, in the garbage collector and in the code V8 recompiles for them).
    let refs: readonly ObjectReference[] | undefined;
    try {
      refs = referencesOf(o.doc);
      references.check(o, refs);
    } catch (e) {
      internalError(o.report, e);
    }
    try {
      credentials.check(o, refs ?? referencesOf(o.doc));
    } catch (e) {
      internalError(o.report, e);
    }
  }
}

/** The findings of every report, in input order and, within an object, by path; as the strict options make them. */
function positioned(reports: readonly Report[], positions: readonly number[], opts: Options): PositionedFinding[] {
  const findings: PositionedFinding[] = [];
  for (let i = 0; i < reports.length; i++) {
    const found = reports[i].findings;
    if (found.length === 0) continue; // nearly every object
    for (const finding of sortByPath(found)) {
      findings.push({ position: positions[i], finding: promoted(finding, opts.strict, opts.strictReferences) });
    }
  }
  return findings;
}

/** What the run assumed of the cluster, with how many objects relied on it. */
class Assumptions {
  private defaultStorageClass = 0;

  /** An Image whose admission (or default cache) depends on a default StorageClass, which is not known. */
  public readonly reliesOnDefaultStorageClass = (): void => {
    this.defaultStorageClass++;
  };

  public list(): string[] {
    if (this.defaultStorageClass === 0) return [];
    const n = this.defaultStorageClass;
    return [`assumed the cluster has a default StorageClass, which ${n} Image${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} `
      + '(a volume cache without storageClassName, or kpack\'s default cache); without one kpack refuses them (rule I-14): '
      + 'say which with the defaultStorageClass option (--default-storage-class=true|false)'];
  }
}

function readOptions(options: unknown): Options {
  const requested = get(options, 'kpackVersion');
  const version = isAbsent(requested) ? DEFAULT_KPACK_VERSION : requested;
  const schema = typeof version === 'string' ? schemaFor(version) : undefined;
  if (typeof version !== 'string' || !schema) {
    throw new Error(`unknown kpackVersion ${show(version)}: the rule engine knows kpack ${knownVersions().join(', ')}`);
  }
  const external = get(options, 'externalObjects');
  const storageClass = get(options, 'defaultStorageClass');
  const previous = get(options, 'previousManifests');
  return {
    previous: isArray(previous) ? indexPrevious(previous, version, schema) : new Map(),
    version,
    features: featuresOf(version),
    schema,
    strict: get(options, 'strict') === true,
    strictReferences: get(options, 'strictReferences') === true,
    defaultStorageClass: typeof storageClass === 'boolean' ? storageClass : undefined,
    external: isArray(external) ? external.map(externalKey) : [],
  };
}

/**
 * An external object with the names the engine reads (`namespace`, `type`): ObjectKey's own (`namespaceName`,
 * `secretType`), or Kubernetes' as a plain object may give them.
 */
function externalKey(ref: unknown): unknown {
  if (!isObj(ref)) return ref;
  const either = (typed: string, plain: string) => (isAbsent(get(ref, typed)) ? get(ref, plain) : get(ref, typed));
  return { kind: get(ref, 'kind'), name: get(ref, 'name'), namespace: either('namespaceName', 'namespace'), type: either('secretType', 'type'), annotations: get(ref, 'annotations') };
}

/** Checks one object on its own; returns it when references may point to it (or from it). */
/** The key an object is updated under: kind, namespace (kubectl's default for namespaced kinds) and name. */
function updateKey(doc: Obj, kind: string): string | undefined {
  const metadata = get(doc, 'metadata');
  const name = str(metadata, 'name');
  if (!name) return undefined;
  return `${kind}\u0000${effectiveNamespace(kind, str(metadata, 'namespace'))}\u0000${name}`;
}

/** The previous objects kpack would have stored (checked ones without admission findings), decoded, by update key. */
function indexPrevious(list: readonly unknown[], version: string, schema: CompiledSchema): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const doc of list) {
    if (!isObj(doc) || get(doc, 'apiVersion') !== CHECKED_API_VERSION) continue;
    const kind = get(doc, 'kind');
    if (typeof kind !== 'string' || !schema.kinds.has(kind) || !kindInfo(kind)?.webhook) continue;
    const report = new Report(doc);
    const decoded = checkObject(doc, kind, schema, report, true);
    const rules = KIND_RULES.get(kind);
    const spec = get(decoded, 'spec');
    if (rules && (isAbsent(spec) || isObj(spec))) {
      rules(isObj(spec) ? spec : {}, {
        version, features: featuresOf(version), doc: decoded, report, defaultStorageClass: true, reliesOnDefaultStorageClass: () => undefined,
      });
    }
    if (report.refused) continue; // kpack never stored it
    const key = updateKey(decoded, kind);
    if (key) out.set(key, decoded);
  }
  return out;
}

function classify(doc: Obj, position: number, report: Report, opts: Options, assumed: Assumptions): ManifestObject | undefined {
  const apiVersion = get(doc, 'apiVersion');
  const kind = get(doc, 'kind');
  if (apiVersion === 'v1' && (kind === 'ServiceAccount' || kind === 'Secret')) {
    return manifestObject(doc, '', kind, position, report, false);
  }
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${KPACK_GROUP}/`)) return undefined;
  if (typeof kind !== 'string' || kind === '') {
    report.add('unknown-kind', 'kind', `kind ${show(kind)} is not a kpack kind: use one of ${[...opts.schema.kinds.keys()].join(', ')}`);
    return undefined;
  }
  if (!opts.schema.kinds.has(kind)) {
    unknownKind(kind, apiVersion, report, opts);
    return undefined;
  }
  // A kind of a newer vendored schema that kinds.ts does not describe yet: assume the usual conventions.
  const info = kindInfo(kind) ?? { clusterScoped: kind.startsWith('Cluster'), plural: '', servedAsV1alpha1: false, webhook: true };
  if (apiVersion === LEGACY_API_VERSION && info.servedAsV1alpha1) {
    report.add('unchecked-version', 'apiVersion', `apiVersion "${LEGACY_API_VERSION}" bypasses kpack's admission webhooks, `
      + `so this ${kind} is not checked (by kpack or here): use ${CHECKED_API_VERSION}`);
    // The API server still decodes and validates its metadata.
    const decoded = checkMetadataOnly(doc, kind, opts.schema, report);
    checkMetadata(decoded, doc, kind, info.clusterScoped, report, undefined, false);
    return manifestObject(doc, KPACK_GROUP, kind, position, report, false);
  }
  if (apiVersion !== CHECKED_API_VERSION) {
    const served = info.servedAsV1alpha1 ? `${CHECKED_API_VERSION} or ${LEGACY_API_VERSION}` : CHECKED_API_VERSION;
    report.add('api-version', 'apiVersion', `apiVersion ${show(apiVersion)} is not served for ${kind}: use ${served}`);
    return undefined;
  }

  let decoded = withRequestNamespace(doc, checkObject(doc, kind, opts.schema, report, info.webhook), info.clusterScoped);
  if (info.webhook) decoded = checkTypeMetaKept(doc, decoded, kind, info.servedAsV1alpha1, report);
  const key = info.webhook && opts.previous.size > 0 ? updateKey(decoded, kind) : undefined;
  const previous = key === undefined ? undefined : opts.previous.get(key);
  checkMetadata(decoded, doc, kind, info.clusterScoped, report, previous, info.webhook);
  const rules = KIND_RULES.get(kind);
  const spec = get(decoded, 'spec');
  if (rules && (isAbsent(spec) || isObj(spec))) {
    rules(isObj(spec) ? spec : {}, {
      version: opts.version,
      features: opts.features,
      doc: decoded,
      report,
      defaultStorageClass: opts.defaultStorageClass,
      reliesOnDefaultStorageClass: assumed.reliesOnDefaultStorageClass,
      previous,
    });
  }
  if (info.webhook && !report.refused) {
    checkStoredAsWritten(decoded, kind, opts.schema, opts.features, opts.defaultStorageClass ?? true, report);
  }
  return manifestObject(decoded, KPACK_GROUP, kind, position, report, info.webhook);
}

/**
 * kpack's mutating webhook stores `kind` and `apiVersion` as Go decoded them, from the key it decodes last: a key Go
 * folds to the name and that sorts after it (only `K`, the Kelvin sign, in `kind` and `ſ`, the long s, in `apiVersion`
 * do) replaces the value the API server routed the request by. The API server refuses the object then: without a kind
 * it cannot decode it, another group or a version the CRD does not serve it cannot convert, another kind its CRD
 * strategy refuses (apiextensions-apiserver ValidateTypeMeta). A served v1alpha1 goes through kpack's conversion
 * webhook as a v1alpha1 object instead, which nothing here checks. Returns the object with the written kind and
 * apiVersion, which the other checks go by (as the API server routed it).
 */
function checkTypeMetaKept(doc: Obj, decoded: Obj, kind: string, servedAsV1alpha1: boolean, report: Report): Obj {
  if (decoded.kind === doc.kind && decoded.apiVersion === doc.apiVersion) return decoded;
  for (const field of ['kind', 'apiVersion']) {
    const written = doc[field];
    const stored = decoded[field];
    if (stored === written || !(stored === undefined || typeof stored === 'string')) continue; // a wrong type is refused already
    const key = lastKeyFor(doc, field) ?? field;
    const path = child('', key);
    const why = `${path}${foldedRunesNote(key)} is decoded by kpack's webhook after \`${field}\` (Go matches field names `
      + 'case-insensitively, and sorts them) and replaces it';
    if (field === 'apiVersion' && stored === LEGACY_API_VERSION && servedAsV1alpha1) {
      report.add('unchecked-version', path, `${why}: kpack stores apiVersion "${LEGACY_API_VERSION}", and the API server converts this ${kind} `
        + `as a ${LEGACY_API_VERSION} object with kpack's conversion webhook, which is not checked (by kpack or here): remove ${path}`);
      continue;
    }
    const outcome = isAbsent(stored) || stored === ''
      ? `kpack stores the object without ${field === 'kind' ? 'a kind' : 'an apiVersion'}, which the API server cannot `
        + (field === 'kind' ? 'decode (Object \'Kind\' is missing)' : `convert to ${CHECKED_API_VERSION}`)
      : field === 'kind'
        ? `kpack stores kind ${show(stored)}, and the API server refuses it: kind must be ${kind}`
        : `kpack stores apiVersion ${show(stored)}, which the API server cannot convert to ${CHECKED_API_VERSION}`;
    report.add('type-meta-replaced', path, `${why}: ${outcome}: remove ${path}`);
  }
  return { ...decoded, kind: doc.kind, apiVersion: doc.apiVersion };
}

/**
 * The API server puts the request's namespace in the object's `metadata` (its exact key) before kpack's webhook decodes
 * it, and Go decodes that key after any other spelling (`Metadata` sorts first), so a namespace given only under another
 * spelling never survives: the object is in the namespace of the request (`default` when the manifest names none).
 */
function withRequestNamespace(doc: Obj, decoded: Obj, clusterScoped: boolean): Obj {
  const metadata = get(decoded, 'metadata');
  if (clusterScoped || !isObj(metadata) || isAbsent(get(metadata, 'namespace')) || !isAbsent(get(get(doc, 'metadata'), 'namespace'))) return decoded;
  const { namespace: _, ...rest } = metadata;
  return { ...decoded, metadata: rest };
}

function unknownKind(kind: string, apiVersion: string, report: Report, opts: Options): void {
  const known = [...opts.schema.kinds.keys()];
  const elsewhere = knownVersions().filter(v => v !== opts.version && schemaFor(v)!.kinds.has(kind));
  if (elsewhere.length > 0) {
    report.add('unknown-kind', 'kind', `kind "${kind}" does not exist in kpack ${opts.version} (it is in kpack ${elsewhere.join(', ')}): `
      + 'choose that kpack version, or do not use this kind');
    return;
  }
  const suggestion = nearest(kind, known);
  report.add('unknown-kind', 'kind', `kind ${show(kind)} is not a ${apiVersion} kind`
    + (suggestion ? `: did you mean \`${suggestion}\`?` : `: use one of ${known.join(', ')}`));
}

function manifestObject(doc: Obj, group: string, kind: string, position: number, report: Report, checked: boolean): ManifestObject {
  const metadata = get(doc, 'metadata');
  const namespace = str(metadata, 'namespace');
  return new Manifest(position, group, kind, str(metadata, 'name') ?? '', effectiveNamespace(kind, namespace), doc, checked, report);
}

/**
 * A class, not an object literal: these objects live to the end of the run, and when V8 decides mid-run to allocate
 * a literal's objects in the old generation, it throws away the code it optimized around the literal.
 */
class Manifest implements ManifestObject {
  public constructor(
    public readonly position: number,
    public readonly group: string,
    public readonly kind: string,
    public readonly name: string,
    public readonly namespace: string,
    public readonly doc: Obj,
    public readonly checked: boolean,
    public readonly report: Report,
  ) {}
}

function duplicate(o: ManifestObject, earlier: ManifestObject): void {
  const where = o.namespace === '' ? '' : ` in namespace ${show(o.namespace)}`;
  o.report.add('duplicate-object', 'metadata.name', `metadata.name ${show(o.name)}: another ${o.kind} with this name${where} `
    + `comes earlier in the manifests (#${earlier.position + 1}), one would overwrite the other: rename or remove one`);
}

function addExternal(index: ObjectIndex, ref: unknown): void {
  const kind = get(ref, 'kind');
  const name = get(ref, 'name');
  const namespace = get(ref, 'namespace');
  if (typeof kind !== 'string' || typeof name !== 'string' || name === '') return;
  index.addExternal({ kind, name, namespace: effectiveNamespace(kind, typeof namespace === 'string' ? namespace : undefined) });
}

/** The last line of defence of "never throws": a bug becomes a finding (the property tests assert there is none). */
function internalError(report: Report, e: unknown): void {
  let text = 'unknown error';
  try {
    text = e instanceof Error ? e.message : String(e);
  } catch {
    // keep the generic text
  }
  report.add('internal-error', '', `the rule engine failed on this object, please report it: ${text}`);
}

/** Orders findings by path, numbers in paths compared as numbers (`order[2]` before `order[10]`); stable. */
function sortByPath(findings: Finding[]): Finding[] {
  return findings.length < 2 ? findings : findings.sort((x, y) => comparePaths(x.path, y.path));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Character order, except that runs of digits compare as numbers. */
export function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return (ei - i) - (ej - j); // more digits, larger number
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  return (a.length - i) - (b.length - j);
}
