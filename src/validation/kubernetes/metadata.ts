/**
 * Object metadata as the API server checks it on create: labels, annotations, name and namespace. Ported from
 * k8s.io/apimachinery v0.34.3 `pkg/api/validation/objectmeta.go` (`ValidateObjectMetaAccessor`,
 * `ValidateAnnotations`) and `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabels`, `ValidateLabelName`).
 */
import { isQualifiedName, isValidLabelValue, NAMESPACE_NAME, NameRule, OBJECT_NAME, validateName } from './names';
import { byteLength, child, invalid, item, joined, Problem, problem, stringMap, strings, structs, text, wrongType } from './problem';
import { isObj } from '../json';

/** objectmeta.go `TotalAnnotationSizeLimitB`: keys and values of all annotations together, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * meta/v1 validation.go `ValidateLabelName`: a label key (also node selector keys, toleration keys, topology keys,
 * label selector keys).
 */
export function validateLabelKey(path: string, key: string, what = 'label key'): Problem[] {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? [] : [invalid(path, key, `is not a valid ${what}: ${joined(errs)}`)];
}

/** validation.go `IsValidLabelValue`, as a problem. */
export function validateLabelValue(path: string, value: string, what = 'label value'): Problem[] {
  const errs = isValidLabelValue(value);
  return errs.length === 0 ? [] : [invalid(path, value, `is not a valid ${what}: ${joined(errs)}`)];
}

/** meta/v1 validation.go `ValidateLabels`: every key a qualified name, every value a label value. */
export function validateLabels(path: string, labels: unknown, what = 'label'): Problem[] {
  const out: Problem[] = [];
  for (const [key, value] of stringMap(labels, path, out)) {
    out.push(...validateLabelKey(path, key, `${what} key`));
    out.push(...validateLabelValue(child(path, key), value, `${what} value`));
  }
  return out;
}

/**
 * objectmeta.go `ValidateAnnotations`: keys are qualified names once lower-cased, and keys and values together take
 * at most 256 KiB. Values are never shown (they may hold credentials).
 */
export function validateAnnotations(path: string, annotations: unknown): Problem[] {
  const out: Problem[] = [];
  if (annotations !== undefined && annotations !== null && (typeof annotations !== 'object' || Array.isArray(annotations))) {
    return [wrongType(path, annotations, 'a map of strings')];
  }
  let total = 0;
  for (const key of Object.keys(annotations ?? {})) {
    const value = (annotations as Record<string, unknown>)[key];
    if (typeof value !== 'string') {
      out.push(problem('wrong-type', child(path, key), `must be a string, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`} (the value is not shown)`));
      continue;
    }
    const errs = isQualifiedName(key.toLowerCase());
    if (errs.length > 0) out.push(invalid(path, key, `is not a valid annotation key: ${joined(errs)}`));
    total += byteLength(key) + byteLength(value);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    out.push(problem('too-long', path, `are too long: keys and values take ${total} bytes together, at most ${TOTAL_ANNOTATION_SIZE_LIMIT} (256 KiB) are allowed`));
  }
  return out;
}

/** How `validateObjectMeta` checks an object's metadata. */
export interface ObjectMetaOptions {
  /** The rule for the name. @default OBJECT_NAME (a DNS subdomain) */
  readonly name?: NameRule;
  /** Whether the kind is namespaced: the namespace, if given, must then be a namespace name. @default true */
  readonly namespaced?: boolean;
  /** Whether a name must be given (false where one is generated, as cdk8s does). @default false */
  readonly nameRequired?: boolean;
}

/**
 * objectmeta.go `ValidateObjectMetaAccessor` for what an app writes: name (and generateName), namespace, labels,
 * annotations, finalizers and owner references. The API server sets generation, and its field manager rewrites
 * managed fields before it validates them: managed-fields.ts.
 */
export function validateObjectMeta(path: string, metadata: unknown, options: ObjectMetaOptions = {}): Problem[] {
  if (metadata === undefined || metadata === null) return options.nameRequired ? validateName(child(path, 'name'), undefined, options.name ?? OBJECT_NAME) : [];
  if (!isObj(metadata)) return [wrongType(path, metadata, 'an object (ObjectMeta)')];
  const meta = metadata as Record<string, unknown>;
  const known: Problem[] = [];
  const rule = options.name ?? OBJECT_NAME;
  const name = meta.name;
  if (name !== undefined || options.nameRequired) known.push(...validateName(child(path, 'name'), name, rule));
  const generateName = meta.generateName;
  if (generateName !== undefined && generateName !== '') {
    // NameIsDNSSubdomain(name, prefix=true): a trailing dash is allowed
    if (typeof generateName !== 'string') {known.push(wrongType(child(path, 'generateName'), generateName, 'a string'));} else {
      const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -2)}a` : generateName;
      const errs = rule.check(masked);
      if (errs.length > 0) known.push(invalid(child(path, 'generateName'), generateName, `is not a valid prefix of a ${rule.what}: ${joined(errs)}`));
      if (name === undefined || name === '') known.push(...validateGeneratedName(child(path, 'name'), generateName, rule));
    }
  }
  if (options.namespaced !== false && meta.namespace !== undefined) {
    known.push(...validateName(child(path, 'namespace'), meta.namespace, NAMESPACE_NAME));
  }
  // Absent maps have nothing to check (most objects have none).
  if (meta.labels !== undefined && meta.labels !== null) known.push(...validateLabels(child(path, 'labels'), meta.labels));
  if (meta.annotations !== undefined && meta.annotations !== null) known.push(...validateAnnotations(child(path, 'annotations'), meta.annotations));
  if (meta.finalizers !== undefined && meta.finalizers !== null) known.push(...validateFinalizers(child(path, 'finalizers'), meta.finalizers));
  if (meta.ownerReferences !== undefined && meta.ownerReferences !== null) {
    known.push(...validateOwnerReferences(child(path, 'ownerReferences'), meta.ownerReferences));
  }
  return known;
}

/** names.SimpleNameGenerator: at most 58 characters of generateName, then 5 random lowercase letters and digits. */
const GENERATED_BASE_MAX = 58;
const GENERATED_SUFFIX = 'x7k2q';

/**
 * The API server names an object given only generateName (rest.BeforeCreate) before it validates the name, so a bad
 * prefix is also a bad name, reported there too. Which 5 characters it adds makes no difference to the name's validity.
 */
function validateGeneratedName(path: string, generateName: string, rule: NameRule): Problem[] {
  const generated = generateName.slice(0, GENERATED_BASE_MAX) + GENERATED_SUFFIX;
  const errs = rule.check(generated);
  return errs.length === 0 ? [] : [invalid(path, generated, `(the name the API server makes of generateName, ending in 5 random characters) is not a valid ${rule.what}: ${joined(errs)}`)];
}

const ORPHAN_FINALIZER = 'orphan';
const FOREGROUND_FINALIZER = 'foregroundDeletion';

/**
 * apimachinery validation.go `ValidateFinalizers`: each a qualified name (reported at the list, as Kubernetes does),
 * and not both `orphan` and `foregroundDeletion`.
 */
export function validateFinalizers(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const finalizers = strings(value, path, out);
  for (const finalizer of finalizers) {
    const errs = isQualifiedName(finalizer);
    if (errs.length > 0) out.push(invalid(path, finalizer, `is not a valid finalizer name: ${joined(errs)}`));
  }
  if (finalizers.includes(ORPHAN_FINALIZER) && finalizers.includes(FOREGROUND_FINALIZER)) {
    out.push(invalid(path, finalizers, `may not hold both "${ORPHAN_FINALIZER}" and "${FOREGROUND_FINALIZER}"`));
  }
  return out;
}

/**
 * The group and version of an apiVersion as schema.FromAPIVersionAndKind reads it (ParseGroupVersion): `v1` is the
 * core group's, `<group>/<version>` a group's; empty, `/` or more than one `/` give neither.
 */
function groupVersionOf(apiVersion: string): [group: string, version: string] {
  const parts = apiVersion.split('/');
  return parts.length === 1 ? ['', apiVersion] : parts.length === 2 ? [parts[0], parts[1]] : ['', ''];
}

/** objectmeta.go `BannedOwners` (group, version and kind): the core v1 Event may own nothing. */
function isBannedOwner(group: string, version: string, kind: string): boolean {
  return group === '' && version === 'v1' && kind === 'Event';
}

/**
 * objectmeta.go `ValidateOwnerReferences`: each reference names its owner's apiVersion (with a version), kind, name
 * and uid, the owner is not an Event, and at most one reference is the controller.
 */
export function validateOwnerReferences(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  let controller: string | undefined;
  structs(value, path, out).forEach((ref, i) => {
    if (!isObj(ref)) {
      out.push(wrongType(item(path, i), ref, 'an object (OwnerReference)'));
      return;
    }
    const at = item(path, i);
    const field = (name: string) => text((ref as Record<string, unknown>)[name], child(at, name), out);
    const [apiVersion, kind, name, uid] = [field('apiVersion'), field('kind'), field('name'), field('uid')];
    const [group, version] = groupVersionOf(apiVersion ?? '');
    if (apiVersion !== undefined && version === '') {
      out.push(invalid(child(at, 'apiVersion'), apiVersion, 'has no version: an owner\'s apiVersion is `<group>/<version>`, or `v1` for the core group'));
    }
    for (const [key, v] of [['kind', kind], ['name', name], ['uid', uid]] as const) {
      if (v === '') out.push(invalid(child(at, key), v, `must not be empty: an owner reference names its owner's ${key}`));
    }
    if (apiVersion !== undefined && kind !== undefined && isBannedOwner(group, version, kind)) {
      out.push(invalid(at, `${apiVersion} ${kind}`, 'is disallowed from being an owner'));
    }
    if ((ref as Record<string, unknown>).controller === true) {
      const current = `${kind ?? ''}/${name ?? ''}`;
      if (controller === undefined) controller = current;
      else out.push(invalid(path, `${controller} and ${current}`, 'are both controllers: only one owner reference can have controller set to true'));
    }
  });
  return out;
}
