/**
 * Pod and container fields as the API server checks them on pod create: environment variables, the deadline, and the
 * names of the classes and accounts a pod refers to. Ported from k8s.io/kubernetes v1.34.3
 * `pkg/apis/core/validation/validation.go` (`ValidateEnv`, `validateEnvVarValueFrom`, `validateObjectFieldSelector`,
 * `validateContainerResourceFieldSelector`, `validateConfigMapKeySelector`, `validateSecretKeySelector`,
 * `ValidatePodSpec`) and `pkg/apis/core/pods/helpers.go` (`ConvertDownwardAPIFieldLabel`).
 */
import { isConfigMapKey, isEnvVarName, isQualifiedName, isRelaxedEnvVarName, PRIORITY_CLASS_NAME, RUNTIME_CLASS_NAME, SECRET_NAME, SERVICE_ACCOUNT_NAME, validateName, validateOptionalName } from './names';
import { child, invalid, item, joined, oneOf, Problem, problem, required, struct, structs, text, wrongType } from './problem';
import { compareQuantities, parseQuantity, Quantity } from './quantity';

/** How `validateEnv` checks names. */
export interface EnvOptions {
  /**
   * The relaxed rule of Kubernetes 1.32 and later (printable ASCII except `=`), or the strict one of earlier versions.
   * @default true
   */
  readonly relaxed?: boolean;
  /**
   * A prefix the name gets in the container (kpack's build pod passes `env` as `PLATFORM_ENV_<name>`); the rule
   * applies to the prefixed name, messages show the name as written.
   * @default ''
   */
  readonly namePrefix?: string;
}

const ENV_VAR_FIELDS = ['name', 'value', 'valueFrom'];
const ENV_SOURCE_FIELDS = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

/** validation.go `ValidateEnv`: names, and `valueFrom` with exactly one valid source. */
export function validateEnv(path: string, value: unknown, options: EnvOptions = {}): Problem[] {
  const out: Problem[] = [];
  const relaxed = options.relaxed ?? true;
  const prefix = options.namePrefix ?? '';
  structs(value, path, out).forEach((element, i) => {
    const at = item(path, i);
    const env = struct(element, at, 'EnvVar', ENV_VAR_FIELDS, out);
    if (!env) return;
    const name = text(env.name, child(at, 'name'), out);
    if (name === '' && prefix === '') {
      out.push(required(child(at, 'name'), 'every environment variable needs a name'));
    } else if (name !== undefined) {
      const errs = relaxed ? isRelaxedEnvVarName(prefix + name) : isEnvVarName(prefix + name);
      if (errs.length > 0) out.push(invalid(child(at, 'name'), name, `is not a valid environment variable name: ${joined(errs)}`));
    }
    const literal = text(env.value, child(at, 'value'), out);
    out.push(...validateEnvSource(child(at, 'valueFrom'), env.valueFrom, literal ?? ''));
  });
  return out;
}

/** validation.go `validEnvDownwardAPIFieldPathExpressions`. */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** pods/helpers.go `ConvertDownwardAPIFieldLabel` (v1): the labels it converts (`spec.host` is `spec.nodeName`). */
const CONVERTIBLE_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host'];
/** validation.go `validContainerResourceFieldPathExpressions`. */
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const MEMORY_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** validation.go `validateEnvVarValueFrom`. */
function validateEnvSource(path: string, value: unknown, literal: string): Problem[] {
  const out: Problem[] = [];
  const from = struct(value, path, 'EnvVarSource', ENV_SOURCE_FIELDS, out);
  if (!from) return out;
  let sources = 0;
  const given = (key: string) => from[key] !== undefined && from[key] !== null;
  if (given('fieldRef')) {
    sources++;
    out.push(...validateFieldRef(child(path, 'fieldRef'), from.fieldRef));
  }
  if (given('resourceFieldRef')) {
    sources++;
    out.push(...validateResourceFieldRef(child(path, 'resourceFieldRef'), from.resourceFieldRef));
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    if (!given(key)) continue;
    sources++;
    const at = child(path, key);
    const ref = struct(from[key], at, key === 'configMapKeyRef' ? 'ConfigMapKeySelector' : 'SecretKeySelector', ['name', 'key', 'optional'], out);
    if (!ref) continue;
    // both use ValidateSecretName (NameIsDNSSubdomain); an empty name is reported as an invalid name
    const name = text(ref.name, child(at, 'name'), out);
    if (name !== undefined) out.push(...(name === '' ? [invalid(child(at, 'name'), name, `is not a valid ${key === 'configMapKeyRef' ? 'ConfigMap' : 'Secret'} name: it must not be empty`)] : validateName(child(at, 'name'), name, SECRET_NAME)));
    const key2 = text(ref.key, child(at, 'key'), out);
    if (key2 === '') {out.push(required(child(at, 'key'), 'name the key to read'));} else if (key2 !== undefined) {
      const errs = isConfigMapKey(key2);
      if (errs.length > 0) out.push(invalid(child(at, 'key'), key2, `is not a valid key: ${joined(errs)}`));
    }
  }
  // The API server drops fileKeyRef before it validates a pod (dropDisabledPodFields: the EnvFiles feature gate is alpha
  // in Kubernetes 1.34, off by default), so it is no source: only what is left counts (found by the oracle).
  const dropped = given('fileKeyRef') ? ' (fileKeyRef is dropped: it needs the EnvFiles feature gate, alpha in Kubernetes 1.34 and off by default)' : '';
  if (sources === 0) out.push(problem('invalid', path, `must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef${dropped}`));
  else if (literal.length !== 0) out.push(problem('invalid', path, 'may not be specified when value is not empty'));
  else if (sources > 1) out.push(problem('invalid', path, 'may not have more than one field specified at a time'));
  return out;
}

/** validation.go `validateObjectFieldSelector` with the env var field paths. */
function validateFieldRef(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const ref = struct(value, path, 'ObjectFieldSelector', ['apiVersion', 'fieldPath'], out);
  if (!ref) return out;
  // apiVersion is defaulted to v1 before validation when it is left out
  const apiVersion = ref.apiVersion === undefined || ref.apiVersion === null || ref.apiVersion === '' ? 'v1' : text(ref.apiVersion, child(path, 'apiVersion'), out);
  const fieldPath = text(ref.fieldPath, child(path, 'fieldPath'), out);
  if (apiVersion === undefined || fieldPath === undefined) return out;
  if (fieldPath === '') return [...out, required(child(path, 'fieldPath'), `name a field of the pod: ${oneOf(ENV_FIELD_PATHS)}`)];
  if (apiVersion !== 'v1') return [...out, invalid(child(path, 'fieldPath'), fieldPath, `cannot be converted: unsupported pod version: ${apiVersion}`)];
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub.path === 'metadata.annotations' || sub.path === 'metadata.labels') {
      const errs = isQualifiedName(sub.path === 'metadata.annotations' ? sub.subscript.toLowerCase() : sub.subscript);
      if (errs.length > 0) out.push(invalid(child(path, 'fieldPath'), fieldPath, `does not name a valid ${sub.path === 'metadata.labels' ? 'label' : 'annotation'} key: ${joined(errs)}`));
    } else {
      out.push(invalid(child(path, 'fieldPath'), fieldPath, `cannot be converted: field label does not support subscript: ${fieldPath}`));
    }
    return out;
  }
  if (!CONVERTIBLE_FIELD_PATHS.includes(fieldPath)) {
    out.push(invalid(child(path, 'fieldPath'), fieldPath, `cannot be converted: field label not supported: ${fieldPath}`));
  } else {
    const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
    if (!ENV_FIELD_PATHS.includes(internal)) {
      out.push(problem('not-supported', child(path, 'fieldPath'), `${JSON.stringify(fieldPath)} is not supported for environment variables: use ${oneOf(ENV_FIELD_PATHS)}, or metadata.labels['<key>'] or metadata.annotations['<key>']`));
    }
  }
  return out;
}

/** fieldpath.go `SplitMaybeSubscriptedPath`: `metadata.labels['key']`. */
function splitSubscript(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith('\']')) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf('[\'');
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

/** validation.go `validateContainerResourceFieldSelector` and `validateContainerResourceDivisor` (env vars). */
function validateResourceFieldRef(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const ref = struct(value, path, 'ResourceFieldSelector', ['containerName', 'resource', 'divisor'], out);
  if (!ref) return out;
  text(ref.containerName, child(path, 'containerName'), out);
  const resource = text(ref.resource, child(path, 'resource'), out);
  if (resource === '') {out.push(required(child(path, 'resource'), `name a resource: ${oneOf(RESOURCE_FIELD_PATHS)}`));} else if (resource !== undefined && !RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    out.push(problem('not-supported', child(path, 'resource'), `${JSON.stringify(resource)} is not supported: use ${oneOf(RESOURCE_FIELD_PATHS)}`));
  }
  const divisor = ref.divisor;
  if (divisor === undefined || divisor === null || resource === undefined) return out;
  if (typeof divisor !== 'string' && typeof divisor !== 'number') return [...out, wrongType(child(path, 'divisor'), divisor, 'a quantity')];
  const q = parseQuantity(divisor);
  if (typeof q === 'string') return [...out, invalid(child(path, 'divisor'), divisor, `is not a quantity (Kubernetes: ${q})`)];
  if (q.mantissa === 0n) return out; // an unset (zero) divisor is not checked
  // Kubernetes compares the canonical form (`1000m` is `1`, but `1024` is not `1Ki`); this compares values, so it
  // refuses fewer divisors than Kubernetes does, never more
  const allowed = resource.endsWith('.cpu') ? ['1m', '1'] : MEMORY_DIVISORS;
  const ok = allowed.some(a => compareQuantities(parseQuantity(a) as Quantity, q) === 0);
  const applies = resource.endsWith('.cpu') || resource.endsWith('.memory') || resource.endsWith('.ephemeral-storage') || resource.includes('.hugepages-');
  if (applies && !ok) out.push(invalid(child(path, 'divisor'), divisor, `is not supported with ${resource}: use ${oneOf(allowed)}`));
  return out;
}

/** validation.go `ValidatePodSpec`: `activeDeadlineSeconds` between 1 and 2^31-1. */
export function validateActiveDeadlineSeconds(path: string, value: unknown): Problem[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [wrongType(path, value, 'a whole number of seconds')];
  return value < 1 || value > 2147483647 ? [invalid(path, value, 'must be between 1 and 2147483647, inclusive')] : [];
}

/** validation.go `ValidatePodSpec`: `priorityClassName`, when given, a DNS subdomain. */
export function validatePriorityClassName(path: string, value: unknown): Problem[] {
  return validateOptionalName(path, value, PRIORITY_CLASS_NAME);
}

/** validation.go `ValidateRuntimeClassName`: when given (even empty), a DNS subdomain. */
export function validateRuntimeClassName(path: string, value: unknown): Problem[] {
  if (value === undefined || value === null) return [];
  return validateName(path, value, RUNTIME_CLASS_NAME);
}

/** validation.go `ValidatePodSpec`: `serviceAccountName`, when given, a DNS subdomain. */
export function validateServiceAccountName(path: string, value: unknown): Problem[] {
  return validateOptionalName(path, value, SERVICE_ACCOUNT_NAME);
}

/**
 * `schedulerName`: Kubernetes 1.34 checks no format (any string; an empty one is defaulted to `default-scheduler`).
 * A pod naming a scheduler that does not run stays Pending; only the type is checked here.
 */
export function validateSchedulerName(path: string, value: unknown): Problem[] {
  if (value === undefined || value === null) return [];
  return typeof value === 'string' ? [] : [wrongType(path, value, 'a string')];
}
