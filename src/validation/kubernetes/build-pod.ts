/**
 * The fields kpack copies from an Image (`spec.build`, `spec.serviceAccountName`, `spec.cache.volume`) or a Build
 * (`spec`) into the build Pod and cache PersistentVolumeClaim it creates (kpack v0.17.2
 * `pkg/apis/build/v1alpha2/build_pod.go` `BuildPod`, `image_builds.go` `Build` and `BuildCache`), checked with the
 * rules the API server applies to that Pod and claim. kpack admits values that break them; the Pod or claim is then
 * refused and the build fails.
 */
import { STORAGE_CLASS_NAME, validateOptionalName } from './names';
import { validateActiveDeadlineSeconds, validateEnv, validatePriorityClassName, validateRuntimeClassName, validateSchedulerName, validateServiceAccountName } from './pod';
import { child, invalid, item, list, Problem, struct, text } from './problem';
import { validateContainerResources, validateStorageRequest } from './resources';
import { validateAffinity, validateNodeSelector, validateTolerations } from './scheduling';

/** build_pod.go `PlatformEnvVarPrefix`: kpack passes each build env var to the prepare container under this prefix. */
export const PLATFORM_ENV_PREFIX = 'PLATFORM_ENV_';

/**
 * A build's `env`: names as the API server checks `PLATFORM_ENV_<name>` (Kubernetes 1.32 and later: printable ASCII
 * except `=`), and as kpack uses them: the prepare step writes each variable to the file `/platform/env/<name>`
 * (pkg/cnb/env_vars.go `serializeEnvVars`), so a name must be a file name: not empty, no `/`, not `.` or `..`.
 */
export function validateBuildEnv(path: string, value: unknown): Problem[] {
  const out = validateEnv(path, value, { namePrefix: PLATFORM_ENV_PREFIX });
  const seen = new Set(out.map(p => p.path));
  (list(value, path, []) ?? []).forEach((element, i) => {
    const at = child(item(path, i), 'name');
    if (seen.has(at) || element === null || typeof element !== 'object') return;
    const name = (element as Record<string, unknown>).name;
    if (name === undefined || name === null || name === '') {
      out.push({ type: 'required', path: at, message: `${at} is required: kpack writes each build environment variable to a file named after it` });
    } else if (typeof name === 'string' && (name.includes('/') || name === '.' || name === '..')) {
      out.push(invalid(at, name, 'cannot be a build environment variable name: kpack writes each variable to a file named after it under '
        + '/platform/env, so the name must not contain "/" or be "." or ".."'));
    }
  });
  return out;
}

/** The build pod fields of an Image's `spec.build` or a Build's `spec`, each at `path.<field>`. */
export interface BuildPodFieldOptions {
  /** The field that becomes the pod's `activeDeadlineSeconds`: `buildTimeout` (Image) or `activeDeadlineSeconds` (Build). */
  readonly timeoutField: 'buildTimeout' | 'activeDeadlineSeconds';
}

/**
 * The build pod fields of one object: `env`, `resources`, `tolerations`, `nodeSelector`, `affinity`,
 * `runtimeClassName`, `schedulerName`, `priorityClassName` (Build) and the timeout, read from `fields` (an Image's
 * `spec.build` or a Build's `spec`) and reported at `path.<field>`.
 */
export function validateBuildPodFields(path: string, fields: unknown, options: BuildPodFieldOptions): Problem[] {
  const out: Problem[] = [];
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return out;
  const f = fields as Record<string, unknown>;
  const at = (key: string) => child(path, key);
  out.push(...validateBuildEnv(at('env'), f.env));
  out.push(...validateContainerResources(at('resources'), f.resources));
  out.push(...validateTolerations(at('tolerations'), f.tolerations));
  out.push(...validateNodeSelector(at('nodeSelector'), f.nodeSelector));
  out.push(...validateAffinity(at('affinity'), f.affinity));
  out.push(...validateRuntimeClassName(at('runtimeClassName'), f.runtimeClassName));
  out.push(...validateSchedulerName(at('schedulerName'), f.schedulerName));
  out.push(...validatePriorityClassName(at('priorityClassName'), f.priorityClassName));
  out.push(...validateActiveDeadlineSeconds(at(options.timeoutField), f[options.timeoutField]));
  return out;
}

/** The build pod's `serviceAccountName` (an Image's or Build's `spec.serviceAccountName`). */
export function validateBuildServiceAccountName(path: string, value: unknown): Problem[] {
  return validateServiceAccountName(path, value);
}

/**
 * An Image's `spec.cache.volume`: the claim kpack creates needs a size greater than zero and, when given, a
 * StorageClass name that is a DNS subdomain (core validation.go `ValidatePersistentVolumeClaimSpec`). Without a size
 * kpack creates no claim (image_builds.go `NeedVolumeCache`), so only a given size is checked.
 */
export function validateVolumeCache(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const volume = struct(value, path, 'ImagePersistentVolumeCache', ['size', 'storageClassName'], out);
  if (!volume) return out;
  if (volume.size !== undefined && volume.size !== null) out.push(...validateStorageRequest(child(path, 'size'), volume.size));
  const storageClass = text(volume.storageClassName, child(path, 'storageClassName'), out);
  if (storageClass) out.push(...validateOptionalName(child(path, 'storageClassName'), storageClass, STORAGE_CLASS_NAME));
  return out;
}
