import { GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { namespaceIn } from './checks';
import { kubernetesRules, onFirstUse } from './lazy';
import { PropChecks } from './props';
import { resourceRequirements } from './render';
import { child, show } from '../validation/json';
import { DEFAULT_NAMESPACE, kpackKind } from '../validation/kinds';
import { isDns1123Subdomain, NameRule, OBJECT_NAME } from '../validation/kubernetes/names';
import { byteLength, isPlainObject, Problem } from '../validation/kubernetes/problem';

// The typed API's names in messages, loaded when a construct is first given props whose messages use them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const typedNames = onFirstUse(() => require('./typed-names') as typeof import('./typed-names'));

/**
 * The name of an Image: a DNS subdomain of at most 63 characters, since kpack writes it as the value of the label
 * `image.kpack.io/image` on every Build (and build Pod) of the Image (kpack image_builds.go `Build`).
 */
export const IMAGE_NAME: NameRule = {
  what: 'Image name',
  check: (value: string) => {
    const errs = isDns1123Subdomain(value);
    if (byteLength(value) > 63) {
      errs.push('must be no more than 63 characters: kpack writes it as the value of the label "image.kpack.io/image" on every Build');
    }
    return errs;
  },
};

/** The metadata of a kpack resource construct of `gvk`'s kind (names of kpack objects are DNS subdomains). */
export function checkKpackMetadata(c: PropChecks, gvk: GroupVersionKind, metadata: unknown, name: NameRule = OBJECT_NAME): void {
  c.metadata(metadata, { namespaced: !kpackKind(gvk.kind).clusterScoped, name });
}

/** Re-roots problems found at `from` (e.g. `env[0].name`) at `to` (e.g. `env["A=B"]`), in paths and messages. */
export function rebase(problems: readonly Problem[], from: string, to: string): Problem[] {
  return problems.map(p => p.path.startsWith(from) ? {
    ...p,
    path: to + p.path.slice(from.length),
    message: p.message.startsWith(from) ? to + p.message.slice(from.length) : p.message,
  } : p);
}

/** One build environment variable (`env` prop entry or `addEnv` arguments). */
export function checkBuildEnvVar(c: PropChecks, name: unknown, value: unknown): void {
  const at = typeof name === 'string' ? child('env', name) : 'env';
  if (!c.string('env name', name, { required: true })) return;
  if (!c.envValue(at, value)) return;
  const rendered = { name, value: value.value, valueFrom: value.valueFrom };
  const problems = kubernetesRules().validateBuildEnv('env', [rendered]);
  c.add(rebase(rebase(problems, 'env[0].name', 'env'), 'env[0]', at));
}

const RESOURCE_FIELDS = ['cpu', 'memory', 'ephemeralStorage'];
const RANGE_FIELDS = ['request', 'limit'];

/** `resources` (cdk8s-plus ContainerResources): Cpu and Size values, then Kubernetes' rules on what they render to. */
export function checkContainerResources(c: PropChecks, path: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!c.expect(isPlainObject(value), path, value, 'ContainerResources, e.g. { cpu: { request: Cpu.millis(500) } }')) return;
  let ok = true;
  for (const [key, range] of Object.entries(value as object)) {
    const at = child(path, key);
    if (!RESOURCE_FIELDS.includes(key)) {
      c.fail(`${at} is not a field of ContainerResources: the fields are ${RESOURCE_FIELDS.join(', ')}`);
      ok = false;
      continue;
    }
    if (range === undefined || range === null) continue;
    if (!c.expect(isPlainObject(range), at, range, 'an object with request and/or limit')) {
      ok = false;
      continue;
    }
    for (const [field, amount] of Object.entries(range as object)) {
      const fieldAt = child(at, field);
      if (!RANGE_FIELDS.includes(field)) {
        c.fail(`${fieldAt} is not a field here: give request and/or limit`);
        ok = false;
      } else if (amount !== undefined && amount !== null) {
        ok = (key === 'cpu' ? c.cpu(fieldAt, amount) : c.size(fieldAt, amount)) && ok;
      }
    }
  }
  if (ok) c.add(kubernetesRules().validateContainerResources(path, resourceRequirements(value as kplus.ContainerResources)));
}

/** The build pod settings Image and Build share (`BuildSettings`), and a Build's `priorityClassName`. */
export function checkBuildSettings(c: PropChecks, s: Record<string, any>): void {
  // Each check runs for a prop that is given (an absent one passes them all; most objects give none, and an app may
  // hold tens of thousands of Images).
  if (s.env !== undefined && s.env !== null) {
    if (c.expect(isPlainObject(s.env), 'env', s.env, 'a map of names to EnvValues')) {
      for (const [name, value] of Object.entries(s.env)) checkBuildEnvVar(c, name, value);
    }
  }
  if (s.resources !== undefined) checkContainerResources(c, 'resources', s.resources);
  if (s.tolerations !== undefined) c.add(typedNames().typedProblems('tolerations', s.tolerations, kubernetesRules().validateTolerations));
  if (s.nodeSelector !== undefined) c.add(kubernetesRules().validateNodeSelector('nodeSelector', s.nodeSelector));
  if (s.nodeSelector && typeof s.nodeSelector === 'object' && Object.prototype.hasOwnProperty.call(s.nodeSelector, kubernetesRules().OS_LABEL)) {
    c.fail(`nodeSelector must not use the key "${kubernetesRules().OS_LABEL}": kpack sets the operating system of build pods itself`);
  }
  if (s.affinity !== undefined) c.add(typedNames().typedProblems('affinity', s.affinity, kubernetesRules().validateAffinity));
  if (s.runtimeClassName !== undefined) c.add(kubernetesRules().validateRuntimeClassName('runtimeClassName', s.runtimeClassName));
  if (s.schedulerName !== undefined) c.add(kubernetesRules().validateSchedulerName('schedulerName', s.schedulerName));
  if (s.priorityClassName !== undefined) c.add(kubernetesRules().validatePriorityClassName('priorityClassName', s.priorityClassName));
  if (s.services !== undefined && s.services !== null) {
    if (c.expect(Array.isArray(s.services), 'services', s.services, 'a list of ServiceBindings')) {
      (s.services as unknown[]).forEach((b, i) => checkServiceBinding(c, `services[${i}]`, b));
    }
  }
  if (s.buildTimeout !== undefined) checkTimeout(c, 'buildTimeout', s.buildTimeout);
  if (s.creationTime !== undefined) c.string('creationTime', s.creationTime, { nonEmpty: true, expected: '"now" or Unix epoch seconds as a string' });
}

/** A `ServiceBinding` (from `ServiceBinding.fromSecret` or `.fromProvisionedService`). */
export function checkServiceBinding(c: PropChecks, path: string, value: unknown): void {
  c.expect(typeof value === 'object' && value !== null && typeof (value as any)._toKube === 'function' && typeof (value as any).name === 'string',
    path, value, 'a ServiceBinding (ServiceBinding.fromSecret or .fromProvisionedService)');
}

/** A timeout: a Duration of whole seconds, from 1 to 2^31-1 (the pod's `activeDeadlineSeconds`). */
export function checkTimeout(c: PropChecks, path: string, value: unknown): void {
  if (!c.duration(path, value)) return;
  const seconds = value.toMilliseconds() / 1000;
  if (!Number.isInteger(seconds) || seconds < 1) {
    c.fail(`${path} must be a whole number of seconds, at least 1, got ${value.toHumanString()}`);
    return;
  }
  c.add(kubernetesRules().validateActiveDeadlineSeconds(path, seconds).map(p => ({
    ...p,
    message: `${path} ${value.toHumanString()} is too long: Kubernetes takes at most 2147483647 seconds (about 68 years)`,
  })));
}

/** Labels kpack writes on a builder image itself, after `additionalLabels` (kpack pkg/cnb/buildpack_metadata.go). */
const BUILDER_IMAGE_LABELS = ['io.buildpacks.builder.metadata', 'io.buildpacks.buildpack.order', 'io.buildpacks.buildpack.layers',
  'io.buildpacks.lifecycle.version', 'io.buildpacks.lifecycle.apis'];

/**
 * A builder's `additionalLabels`: OCI image labels (any non-empty key), except those kpack writes on the builder image
 * itself: kpack silently replaces four of them, and a `io.buildpacks.lifecycle.version` label would replace kpack's.
 */
export function checkAdditionalLabels(c: PropChecks, value: unknown): void {
  if (!c.stringMap('additionalLabels', value)) return;
  for (const key of Object.keys(value)) {
    if (key.trim() === '') {c.fail('additionalLabels has an empty key: image label keys must not be empty');} else if (BUILDER_IMAGE_LABELS.includes(key)) {
      c.fail(`additionalLabels ${show(key)} is a label kpack writes on the builder image itself: use another key`);
    }
  }
}

/** The namespace a namespaced object made in `scope` gets: `metadata.namespace`, else the chart's, else `default`. */
export function namespaceFor(scope: IConstruct, metadata: unknown): string {
  const given = isPlainObject(metadata) ? metadata.namespace : undefined;
  return namespaceIn(scope, typeof given === 'string' && given !== '' ? given : undefined);
}

/**
 * A namespaced object names its ServiceAccount (and an Image its Builder) by name only, and kpack looks it up in the
 * object's own namespace: one in another namespace would silently be confused with one of the same name there.
 */
export function checkSameNamespace(c: PropChecks, path: string, ref: unknown, own: string, ownKind: string): void {
  if (!isPlainObject(ref) && (typeof ref !== 'object' || ref === null)) return;
  const r = ref as Record<string, any>;
  if (typeof r.kind !== 'string' || typeof r.name !== 'string') return;
  let namespace: unknown;
  if (r.kind === 'ServiceAccount') {
    namespace = typeof r.toSubjectConfiguration === 'function' ? r.toSubjectConfiguration().namespace ?? DEFAULT_NAMESPACE : undefined;
  } else if (r.kind === 'Builder') {
    namespace = r.namespaceName;
  }
  if (typeof namespace !== 'string' || namespace === own) return;
  c.fail(`${path}: ${r.kind} ${show(r.name)} is in namespace ${show(namespace)}, the ${ownKind} in ${show(own)}: kpack looks it up by name `
    + `in the ${ownKind}'s namespace only, so it would use a ${r.kind} ${show(r.name)} of namespace ${show(own)} instead; `
    + `use one in namespace ${show(own)}${r.kind === 'Builder' ? ', or a ClusterBuilder' : ''}`);
}
