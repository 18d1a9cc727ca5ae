/**
 * Resource requirements, quotas and claims as the API server checks them. Ported from k8s.io/kubernetes v1.34.3
 * `pkg/apis/core/validation/validation.go` (`validateResourceRequirements`, `validateContainerResourceName`,
 * `validateResourceName`, `ValidateResourceQuotaResourceName`, `ValidateResourceQuantityValue`,
 * `ValidatePersistentVolumeClaimSpec`'s storage request) and `pkg/apis/core/helper/helpers.go` (resource name sets).
 */
import { isQualifiedName } from './names';
import { child, invalid, joined, Problem, problem, struct, required } from './problem';
import { compareQuantities, milliValue, parseQuantity, Quantity, quantityAt, sign } from './quantity';
import { isObj, show } from '../json';

const HUGEPAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGEPAGES_PREFIX = 'requests.hugepages-';
const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const DEFAULT_REQUESTS_PREFIX = 'requests.';

/** helpers.go `standardContainerResources`. */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** helpers.go `standardResources`. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

/** helpers.go `standardQuotaResources`. */
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);

/** helpers.go `integerResources`. */
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

const isHugePage = (name: string) => name.startsWith(HUGEPAGES_PREFIX);
const isQuotaHugePage = (name: string) => name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(REQUESTS_HUGEPAGES_PREFIX);
/** helpers.go `IsNativeResource`. */
const isNative = (name: string) => !name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX);
/** helpers.go `IsExtendedResourceName`. */
const isExtended = (name: string) => !isNative(name) && !name.startsWith(DEFAULT_REQUESTS_PREFIX)
  && isQualifiedName(DEFAULT_REQUESTS_PREFIX + name).length === 0;
/** helpers.go `IsOvercommitAllowed`. */
const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePage(name);
/** helpers.go `IsIntegerResourceName`. */
const isIntegerResource = (name: string) => INTEGER_RESOURCES.has(name) || isExtended(name);

/** validation.go `validateResourceName`. */
function validateResourceName(path: string, name: string): Problem[] {
  const errs = isQualifiedName(name);
  if (errs.length > 0) return [invalid(path, name, `is not a valid resource name: ${joined(errs)}`)];
  if (!name.includes('/') && !(STANDARD_RESOURCES.has(name) || isQuotaHugePage(name))) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** validation.go `validateContainerResourceName`. */
function validateContainerResourceName(path: string, name: string): Problem[] {
  const out = validateResourceName(path, name);
  if (!name.includes('/')) {
    if (!(STANDARD_CONTAINER_RESOURCES.has(name) || isHugePage(name))) {
      out.push(invalid(path, name, 'must be a standard resource for containers: "cpu", "memory", "ephemeral-storage" or "hugepages-<size>"'));
    }
  } else if (!isNative(name) && !isExtended(name)) {
    out.push(invalid(path, name, 'doesn\'t follow extended resource name standard'));
  }
  return out;
}

/** The integer value of a quantity, rounded up (quantity.go `Value()`). */
function integerValue(q: Quantity): bigint {
  const milli = milliValue(q);
  return milli >= 0n ? (milli + 999n) / 1000n : milli / 1000n;
}

/** helpers.go `IsHugePageResourceValueDivisible`. */
function isHugePageValueDivisible(name: string, q: Quantity): boolean {
  const pageSize = parseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  if (typeof pageSize === 'string' || sign(pageSize) <= 0 || milliValue(pageSize) % 1000n !== 0n) return false;
  return integerValue(q) % integerValue(pageSize) === 0n;
}

/** validation.go `ValidateResourceQuantityValue`: not negative; a whole number for countable resources. */
export function validateResourceQuantityValue(path: string, resource: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const q = quantityAt(path, value, out);
  if (!q) return out;
  if (sign(q) < 0) out.push(invalid(path, value, 'must be greater than or equal to 0'));
  if (isIntegerResource(resource) && milliValue(q) % 1000n !== 0n) out.push(invalid(path, value, 'must be an integer'));
  return out;
}

const REQUIREMENTS_FIELDS = ['limits', 'requests', 'claims'];

/**
 * validation.go `validateResourceRequirements` for a container: resource names, quantities, requests at most the
 * limits (equal to them for resources that cannot be overcommitted, such as huge pages), huge pages with CPU or
 * memory. `claims` must name the pod's resource claims; build pods have none, so any claim is refused.
 */
export function validateContainerResources(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const r = struct(value, path, 'ResourceRequirements', REQUIREMENTS_FIELDS, out);
  if (!r) return out;
  const limits = quantities(child(path, 'limits'), r.limits, out);
  const requests = quantities(child(path, 'requests'), r.requests, out);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, { q, raw, at }] of limits) {
    out.push(...validateContainerResourceName(at, name));
    out.push(...validateResourceQuantityValue(at, name, raw));
    if (isHugePage(name)) {
      hugePages = true;
      if (q && !isHugePageValueDivisible(name, q)) out.push(invalid(at, raw, `is not a positive integer multiple of ${name}`));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, { q, raw, at }] of requests) {
    out.push(...validateContainerResourceName(at, name));
    out.push(...validateResourceQuantityValue(at, name, raw));
    const limit = limits.get(name);
    if (limit) {
      if (q && limit.q) {
        const c = compareQuantities(q, limit.q);
        if (c !== 0 && !isOvercommitAllowed(name)) {
          out.push(invalid(at, raw, `must be equal to the ${name} limit ${show(limit.raw)}: ${name} cannot be overcommitted`));
        } else if (c > 0) {
          out.push(invalid(at, raw, `must be less than or equal to the ${name} limit ${show(limit.raw)}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      out.push(required(child(child(path, 'limits'), name), `a limit must be set for ${name}, which cannot be overcommitted`));
    }
    if (isHugePage(name)) {
      hugePages = true;
      if (q && !isHugePageValueDivisible(name, q)) out.push(invalid(at, raw, `is not a positive integer multiple of ${name}`));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) out.push(problem('forbidden', path, 'sets huge pages without cpu or memory: HugePages require cpu or memory'));
  if (Array.isArray(r.claims) && r.claims.length > 0) {
    out.push(problem('invalid', child(path, 'claims'), 'must name resource claims of the pod (pod.spec.resourceClaims), and build pods have none'));
  }
  return out;
}

interface Entry {
  readonly q: Quantity | undefined;
  readonly raw: unknown;
  readonly at: string;
}

/** A `ResourceList` map: each entry with its parsed quantity (parse problems are reported later, per entry). */
function quantities(path: string, value: unknown, out: Problem[]): Map<string, Entry> {
  const result = new Map<string, Entry>();
  if (value === undefined || value === null) return result;
  if (!isObj(value)) {
    out.push(problem('wrong-type', path, 'must be a map of resource names to quantities'));
    return result;
  }
  for (const name of Object.keys(value)) {
    // Go decodes a null quantity in the map as zero: the entry is there, with the value 0.
    const given = (value as Record<string, unknown>)[name];
    const raw = given === null ? '0' : given;
    const q = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
    result.set(name, { q: typeof q === 'object' ? q : undefined, raw, at: child(path, name) });
  }
  return result;
}

/** validation.go `ValidateResourceQuotaSpec`'s `hard`: quota resource names and quantity values. */
export function validateResourceQuotaHard(path: string, hard: unknown): Problem[] {
  const out: Problem[] = [];
  for (const [name, { raw, at }] of quantities(path, hard, out)) {
    const errs = validateResourceName(at, name);
    if (!name.includes('/') && !(STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePage(name))) {
      errs.push(invalid(at, name, 'must be a standard resource for quota'));
    }
    out.push(...errs, ...validateResourceQuantityValue(at, name, raw));
  }
  return out;
}

/**
 * validation.go `ValidatePersistentVolumeClaimSpec`'s storage request: required, greater than zero (a cache written
 * as `0Ki` is refused).
 */
export function validateStorageRequest(path: string, value: unknown): Problem[] {
  if (value === undefined || value === null || value === '') return [required(path, 'a PersistentVolumeClaim needs a storage size, e.g. "2Gi"')];
  const out: Problem[] = [];
  const q = quantityAt(path, value, out);
  if (q && sign(q) <= 0) out.push(invalid(path, value, 'must be greater than zero'));
  return out;
}
