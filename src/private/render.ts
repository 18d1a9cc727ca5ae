import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BuildSettings, ServiceBinding } from '../build-settings';
import { kubernetesRules } from './lazy';
import * as kpack from '../imports/kpack';
import { DEFAULT_NAMESPACE } from '../validation/kinds';

/**
 * Metadata as given, without the fields set to `undefined` or `null` (JavaScript's "not set"): cdk8s spreads the given
 * metadata over the name it generates, so `{ name: undefined }` would leave the object without a name.
 */
export function givenMetadata<T extends object>(metadata: T | undefined): T | undefined {
  if (metadata === undefined || metadata === null || typeof metadata !== 'object') return metadata;
  if (!Object.values(metadata).some(v => v === undefined || v === null)) return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** Drops empty lists and maps, so the YAML shows only what was set. */
export function undefinedIfEmpty<T>(value: T[] | undefined): T[] | undefined;
export function undefinedIfEmpty<T>(value: { [key: string]: T } | undefined): { [key: string]: T } | undefined;
export function undefinedIfEmpty(value: any): any {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value : undefined;
  return Object.keys(value).length > 0 ? value : undefined;
}

/** The namespace a ServiceAccount is (or will be) in; an object without one lands in `default`. */
export function namespaceOf(sa: kplus.IServiceAccount): string {
  return sa.toSubjectConfiguration().namespace ?? DEFAULT_NAMESPACE;
}

/** A cluster-scoped kind's `spec.serviceAccountRef`: kpack requires both name and namespace. */
export function serviceAccountRef(sa: kplus.IServiceAccount | undefined): kpack.ObjectReference | undefined {
  return sa ? { name: sa.name, namespaceName: namespaceOf(sa) } : undefined;
}

/** kpack's `[]EnvVar` from cdk8s-plus env values (kpack rejects `secretKeyRef`; the rule engine says so). */
export function envVars(env: { [name: string]: kplus.EnvValue } | undefined): kpack.EnvVar[] | undefined {
  if (!env) return undefined;
  // kpack drops an empty value (omitempty): not written, so applying shows no drift.
  return undefinedIfEmpty(Object.entries(env).map(([name, v]) => ({ name, value: v.value || undefined, valueFrom: v.valueFrom })));
}

/** kpack's ResourceRequirements from cdk8s-plus container resources. */
export function resourceRequirements(r: kplus.ContainerResources | undefined): kpack.ResourceRequirements | undefined {
  if (!r) return undefined;
  const requests: { [key: string]: string } = {};
  const limits: { [key: string]: string } = {};
  const put = (target: { [key: string]: string }, key: string, value: string | undefined) => {
    if (value !== undefined) target[key] = value;
  };
  put(requests, 'cpu', cpuQuantity(r.cpu?.request));
  put(limits, 'cpu', cpuQuantity(r.cpu?.limit));
  put(requests, 'memory', quantity(r.memory?.request));
  put(limits, 'memory', quantity(r.memory?.limit));
  put(requests, 'ephemeral-storage', quantity(r.ephemeralStorage?.request));
  put(limits, 'ephemeral-storage', quantity(r.ephemeralStorage?.limit));
  const out = { requests: undefinedIfEmpty(requests), limits: undefinedIfEmpty(limits) };
  return out.requests || out.limits ? out : undefined;
}

/**
 * A Cpu as Kubernetes and kpack store it (the quantity's `MarshalJSON`: `Cpu.millis(1000)` is stored `1`,
 * `Cpu.units(0.5)` `500m`, `Cpu.units(0.0001)` `100u`), so that what is written is what is stored and GitOps tools
 * see no drift. An amount that is not a quantity is written as given, for the checks to refuse.
 */
export function cpuQuantity(cpu: kplus.Cpu | undefined): string | undefined {
  if (!cpu) return undefined;
  const { parseQuantity, storedQuantity } = kubernetesRules();
  const q = parseQuantity(cpu.amount);
  return typeof q === 'string' ? cpu.amount : storedQuantity(q);
}

/** A Kubernetes quantity in the largest binary unit that keeps it whole (`2Gi`, `1536Mi`, `100Ki`, `512`), as Go writes it. */
export function quantity(size: Size | undefined): string | undefined {
  if (!size) return undefined;
  const none = { rounding: SizeRoundingBehavior.NONE };
  const units: Array<[string, number]> = [
    ['Pi', size.toPebibytes(none)], ['Ti', size.toTebibytes(none)], ['Gi', size.toGibibytes(none)],
    ['Mi', size.toMebibytes(none)], ['Ki', size.toKibibytes(none)],
  ];
  for (const [unit, value] of units) {
    if (Number.isInteger(value) && value > 0) return `${value}${unit}`;
  }
  // Less than a whole KiB, or zero: in bytes without a suffix, as Go's canonical form writes it (kpack and the API
  // server store `0Ki` as `0` and `0.5Ki` as `512`); negative or odd amounts as given, for the checks to refuse.
  const kib = size.toKibibytes(none);
  const bytes = kib * 1024;
  return Number.isSafeInteger(bytes) && bytes >= 0 ? `${bytes}` : `${kib}Ki`;
}

/** Whole seconds of a timeout (Kubernetes takes whole seconds, at least 1). */
export function timeoutSeconds(what: string, d: Duration | undefined): number | undefined {
  if (d === undefined) return undefined;
  const s = d.toMilliseconds() / 1000;
  if (!Number.isInteger(s) || s < 1) throw new Error(`${what} must be a whole number of seconds, at least 1, got ${d.toHumanString()}`);
  return s;
}

/**
 * A typed struct prop (`kpack.Affinity`, `kpack.Toleration[]`) without the fields set to `null`, which JavaScript and
 * Python callers write for "not set" (as Go decodes a JSON null into a pointer field); list elements are kept as they
 * are (a `null` element is Go's zero value, which the checks judge).
 */
export function withoutNullFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNullFields) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null) Object.defineProperty(out, key, { value: withoutNullFields(v), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

/** The build-pod fields Image (`spec.build`) and Build (`spec`) share. */
export function buildPodFields(s: BuildSettings, env: { [name: string]: kplus.EnvValue }, services: ServiceBinding[]) {
  return {
    env: envVars(env),
    resources: resourceRequirements(s.resources),
    tolerations: s.tolerations && undefinedIfEmpty(withoutNullFields([...s.tolerations])),
    nodeSelector: s.nodeSelector && undefinedIfEmpty({ ...s.nodeSelector }),
    affinity: withoutNullFields(s.affinity),
    runtimeClassName: s.runtimeClassName,
    schedulerName: s.schedulerName,
    services: undefinedIfEmpty(services.map(b => b._toKube())),
    creationTime: s.creationTime || undefined, // kpack drops an empty one (omitempty)
  };
}

/** kpack's cosign annotations list from a map (order as given). */
export function cosignConfig(annotations: { [name: string]: string } | undefined): kpack.CosignConfig | undefined {
  const list = Object.entries(annotations ?? {}).map(([name, value]) => ({ name, value }));
  return list.length > 0 ? { annotations: list } : undefined;
}
