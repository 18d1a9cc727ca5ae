/**
 * The platform's pod options checked with Kubernetes' own rules (src/validation/kubernetes, ported from Kubernetes
 * 1.34), so that a Deployment the platform writes is one the API server accepts and whose pods it creates. Each
 * message names the option (e.g. `controller.nodeSelector`), shows the value and says what is allowed.
 */
import * as kplus from 'cdk8s-plus-27';
import { typedProblems } from '../private/typed-names';
import { show } from '../validation/json';
import {
  Problem, SECRET_NAME, validateAffinity, validateAnnotations, validateContainerResources, validateLabels, validateName,
  validateNodeSelector, validatePriorityClassName, validateTolerations, wrongType,
} from '../validation/kubernetes';

/** The pod options of the controller or the webhook (`KpackComponentOptions`), as given (perhaps from JavaScript). */
export interface PodOptions {
  readonly resources?: kplus.ContainerResources;
  readonly nodeSelector?: { [key: string]: string };
  readonly tolerations?: unknown;
  readonly affinity?: unknown;
  readonly priorityClassName?: string;
  readonly podLabels?: { [key: string]: string };
  readonly podAnnotations?: { [key: string]: string };
}

/** Throws one error listing every problem, or nothing. */
export function throwProblems(problems: Problem[]): void {
  if (problems.length === 1) throw new Error(problems[0].message);
  if (problems.length > 1) throw new Error(`${problems.length} problems:\n  ${problems.map(p => p.message).join('\n  ')}`);
}

/**
 * The problems of a component's pod options before they are rendered: node selector keys and values, tolerations
 * (operators, effects, keys and values), affinity (operators, keys, values, weights, topology keys), the
 * PriorityClass name, pod label keys and values and pod annotation keys (values are never shown), and the types of
 * the resources (a `Cpu` and `Size`s, not strings).
 * @param option the option, e.g. `controller`
 */
export function podOptionProblems(option: string, o: PodOptions): Problem[] {
  return [
    ...resourceTypeProblems(`${option}.resources`, o.resources),
    ...validateNodeSelector(`${option}.nodeSelector`, o.nodeSelector),
    ...typedProblems(`${option}.tolerations`, o.tolerations, validateTolerations),
    ...typedProblems(`${option}.affinity`, o.affinity, validateAffinity),
    ...validatePriorityClassName(`${option}.priorityClassName`, o.priorityClassName),
    ...validateLabels(`${option}.podLabels`, o.podLabels, 'pod label'),
    ...validateAnnotations(`${option}.podAnnotations`, o.podAnnotations),
  ];
}

const RESOURCE_OPTION: { [resource: string]: string } = { 'cpu': 'cpu', 'memory': 'memory', 'ephemeral-storage': 'ephemeralStorage' };
const BOUND_OPTION: { [bound: string]: string } = { requests: 'request', limits: 'limit' };

/**
 * The problems of rendered container resources (`{ requests, limits }`): quantities not negative, requests at most
 * the limits. Paths are given as the option spells them (`controller.resources.cpu.request`).
 */
export function renderedResourceProblems(option: string, rendered: unknown): Problem[] {
  const prefix = `${option}.resources`;
  return validateContainerResources(prefix, rendered).map(p => {
    const m = /^\.(requests|limits)\.([a-z-]+)(.*)$/s.exec(p.path.slice(prefix.length));
    if (!p.path.startsWith(prefix) || !m || !RESOURCE_OPTION[m[2]]) return p;
    const path = `${prefix}.${RESOURCE_OPTION[m[2]]}.${BOUND_OPTION[m[1]]}${m[3]}`;
    return { ...p, path, message: path + p.message.slice(p.path.length) };
  });
}

/** A `ContainerResources` from JavaScript may hold strings where a `Cpu` or `Size` belongs: refuse them by name. */
function resourceTypeProblems(path: string, r: unknown): Problem[] {
  if (r === undefined || r === null) return [];
  if (typeof r !== 'object' || Array.isArray(r)) return [wrongType(path, r, 'a ContainerResources object')];
  const out: Problem[] = [];
  for (const [field, what, ok] of [
    ['cpu', 'a Cpu (e.g. Cpu.millis(250))', (v: any) => typeof v?.amount === 'string'],
    ['memory', 'a Size (e.g. Size.mebibytes(512))', (v: any) => typeof v?.toKibibytes === 'function'],
    ['ephemeralStorage', 'a Size (e.g. Size.gibibytes(1))', (v: any) => typeof v?.toKibibytes === 'function'],
  ] as const) {
    const bounds = (r as any)[field];
    if (bounds === undefined || bounds === null) continue;
    if (typeof bounds !== 'object' || Array.isArray(bounds)) {
      out.push(wrongType(`${path}.${field}`, bounds, 'an object with request and limit'));
      continue;
    }
    for (const bound of ['request', 'limit']) {
      const v = bounds[bound];
      if (v !== undefined && v !== null && !ok(v)) {
        out.push({ type: 'wrong-type', path: `${path}.${field}.${bound}`, message: `${path}.${field}.${bound} ${show(v)} is not ${what}` });
      }
    }
  }
  return out;
}

/** The problems of Secrets the platform's pods name: each a valid Secret name. */
export function secretNameProblems(option: string, secrets: unknown): Problem[] {
  if (secrets === undefined || secrets === null) return [];
  const list = Array.isArray(secrets) ? secrets.map((s, i) => [`${option}[${i}]`, s] as const) : [[option, secrets] as const];
  if (option === 'imagePullSecrets' && !Array.isArray(secrets)) return [wrongType(option, secrets, 'a list of Secrets')];
  if (option !== 'imagePullSecrets' && Array.isArray(secrets)) return [wrongType(option, secrets, 'a Secret (e.g. Secret.fromSecretName(this, "id", "name"))')];
  return list.flatMap(([path, s]) => typeof s === 'object' && s !== null
    ? validateName(`${path}.name`, (s as kplus.ISecret).name, SECRET_NAME)
    : [wrongType(path, s, 'a Secret (e.g. Secret.fromSecretName(this, "id", "name"))')]);
}
