/**
 * The fields kpack copies from an Image (`spec.build`, `spec.serviceAccountName`, `spec.cache.volume`) or a Build
 * (`spec`) into the build Pod and cache PersistentVolumeClaim it creates (kpack v0.17.2
 * `pkg/apis/build/v1alpha2/build_pod.go` `BuildPod`, `image_builds.go` `Build` and `BuildCache`), checked with the
 * rules the API server applies to that Pod and claim. kpack admits values that break them; the Pod or claim is then
 * refused and the build fails.
 */
import { posix } from 'path';
import { redactUserinfo } from '../json';
import { STORAGE_CLASS_NAME, validateOptionalName } from './names';
import { validateActiveDeadlineSeconds, validateEnv, validatePriorityClassName, validateRuntimeClassName, validateSchedulerName, validateServiceAccountName } from './pod';
import { child, invalid, item, list, Problem, problem, struct, text } from './problem';
import { quantityAsStored } from './quantity';
import { validateContainerResources, validateStorageRequest } from './resources';
import { validateAffinity, validateNodeSelector, validateTolerations } from './scheduling';

/** build_pod.go `PlatformEnvVarPrefix`: kpack passes each build env var to the prepare container under this prefix. */
export const PLATFORM_ENV_PREFIX = 'PLATFORM_ENV_';

/**
 * A build's `env`, as the API server checks the build Pod's `PLATFORM_ENV_<name>` variables (Kubernetes 1.32 and
 * later: printable ASCII except `=`), and as kpack's prepare step writes each to a file ({@link validateBuildEnvFiles}).
 */
export function validateBuildEnv(path: string, value: unknown): Problem[] {
  const out = validateBuildPodEnv(path, value);
  const seen = new Set(out.map(p => p.path));
  return [...out, ...validateBuildEnvFiles(path, value).filter(p => !seen.has(p.path))];
}

/** A build's `env` as the build Pod carries it: `PLATFORM_ENV_<name>`, values and sources as Kubernetes checks them. */
export function validateBuildPodEnv(path: string, value: unknown): Problem[] {
  return validateEnv(path, value, { namePrefix: PLATFORM_ENV_PREFIX });
}

/** build_pod.go's platform mount and pkg/cnb `serializeEnvVars`'s folder: where each build env variable becomes a file. */
const PLATFORM_ENV_DIR = '/platform/env';

/**
 * A build's `env` as kpack's prepare step uses it (pkg/cnb/env_vars.go `serializeEnvVars`): it writes each variable
 * to `path.Join("/platform/env", name)`, which must be a file directly in that folder. An empty name, `.`, `..`, or a
 * name with `/` that does not clean to a plain file name writes to a folder or a missing one: the build fails, and
 * the build Pod itself is valid, so only this check sees it.
 */
export function validateBuildEnvFiles(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  (list(value, path, []) ?? []).forEach((element, i) => {
    if (element === null || typeof element !== 'object' || Array.isArray(element)) return;
    const at = child(item(path, i), 'name');
    const name = (element as Record<string, unknown>).name;
    if (name === undefined || name === null || name === '') {
      out.push({ type: 'required', path: at, message: `${at} is required: kpack writes each build environment variable to a file named after it` });
    } else if (typeof name === 'string' && posix.dirname(posix.join(PLATFORM_ENV_DIR, name)) !== PLATFORM_ENV_DIR) {
      out.push(invalid(at, name, `cannot be a build environment variable name: kpack writes each variable to the file ${PLATFORM_ENV_DIR}/<name>, `
        + `and this name makes it ${posix.join(PLATFORM_ENV_DIR, redactUserinfo(name))}, which is not a file in that folder: use a name without "/"`));
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
  out.push(...validateBuildPodEnv(at('env'), f.env));
  out.push(...validateContainerResources(at('resources'), resourcesAsStored(f.resources)));
  out.push(...validateTolerations(at('tolerations'), f.tolerations));
  out.push(...validateNodeSelector(at('nodeSelector'), f.nodeSelector));
  out.push(...validateAffinity(at('affinity'), f.affinity));
  out.push(...validateRuntimeClassName(at('runtimeClassName'), f.runtimeClassName));
  out.push(...validateSchedulerName(at('schedulerName'), f.schedulerName));
  out.push(...validatePriorityClassName(at('priorityClassName'), f.priorityClassName));
  out.push(...validateActiveDeadlineSeconds(at(options.timeoutField), f[options.timeoutField]));
  return out;
}

/**
 * An Image's or Build's `spec.source.subPath`: kpack mounts the source volume at the workspace with this subPath in the
 * build Pod's containers (build_pod.go `workspaceVolume`), and Kubernetes' validateVolumeMounts takes a subPath that is
 * relative and has no `..` element (validation.go `validateLocalDescendingPath`). Empty is the whole source.
 */
export function validateSourceSubPath(path: string, value: unknown): Problem[] {
  if (typeof value !== 'string' || value === '') return []; // absent, or a wrong type the schema reports
  const out: Problem[] = [];
  if (value.startsWith('/')) out.push(invalid(path, value, 'must be a relative path: it is a directory of the source'));
  if (value.split('/').includes('..')) out.push(invalid(path, value, 'must not contain \'..\': it is a directory of the source'));
  return out;
}

/**
 * The build Pod's resources are what kpack stored: kpack's controller reads the stored text, and a quantity Go stores
 * with another value (quantityAsStored: `1000E` is stored as `1`) has that value in the Pod. The same object
 * when nothing changes (nearly always).
 */
function resourcesAsStored(resources: unknown): unknown {
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return resources;
  let out: Record<string, unknown> | undefined;
  for (const key of ['requests', 'limits']) {
    const resourceList = (resources as Record<string, unknown>)[key];
    if (resourceList === null || typeof resourceList !== 'object' || Array.isArray(resourceList)) continue;
    let stored: Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(resourceList)) {
      const storedText = quantityAsStored(value)?.storedText;
      if (storedText !== undefined) (stored ??= { ...resourceList })[name] = storedText;
    }
    if (stored) (out ??= { ...resources })[key] = stored;
  }
  return out ?? resources;
}

/** The build pod's `serviceAccountName` (an Image's or Build's `spec.serviceAccountName`). */
export function validateBuildServiceAccountName(path: string, value: unknown): Problem[] {
  return validateServiceAccountName(path, value);
}

/**
 * The PersistentVolumeClaim a Build's `spec.cache.volume.persistentVolumeClaimName` names, when the app makes it: the
 * API server refuses a claim without an access mode or without a storage request (core validation.go
 * `ValidatePersistentVolumeClaimSpec`: `spec.accessModes` "at least 1 access mode is required",
 * `spec.resources[storage]` "Required value"), so kpack could never mount it. cdk8s-plus makes both optional.
 */
export function validateBuildCacheClaim(path: string, claim: { readonly accessModes: readonly unknown[]; readonly storage: boolean }): Problem[] {
  const out: Problem[] = [];
  if (claim.accessModes.length === 0) {
    out.push(problem('required', path, 'has no access mode: the API server refuses a PersistentVolumeClaim without one '
      + '(spec.accessModes), so the build could never mount it; give accessModes, e.g. [PersistentVolumeAccessMode.READ_WRITE_ONCE]'));
  }
  if (!claim.storage) {
    out.push(problem('required', path, 'has no storage size: the API server refuses a PersistentVolumeClaim without a storage '
      + 'request (spec.resources.requests.storage), so the build could never mount it; give storage, e.g. Size.gibibytes(2)'));
  }
  return out;
}

const VOLUME_CACHE_FIELDS = ['size', 'storageClassName'];

/**
 * An Image's `spec.cache.volume`: the claim kpack creates needs a size greater than zero and, when given, a
 * StorageClass name that is a DNS subdomain (core validation.go `ValidatePersistentVolumeClaimSpec`). Without a size
 * kpack creates no claim (image_builds.go `NeedVolumeCache`), so nothing is checked then (found by the oracle: the
 * engine refused a StorageClass name Kubernetes never sees).
 */
export function validateVolumeCache(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const volume = struct(value, path, 'ImagePersistentVolumeCache', VOLUME_CACHE_FIELDS, out);
  if (!volume) return out;
  if (volume.size === undefined || volume.size === null) return out; // no claim: its StorageClass name is never used
  out.push(...validateStorageRequest(child(path, 'size'), volume.size));
  if (volume.storageClassName === undefined || volume.storageClassName === null) return out; // none: nothing to check
  const storageClass = text(volume.storageClassName, child(path, 'storageClassName'), out);
  if (storageClass) out.push(...validateOptionalName(child(path, 'storageClassName'), storageClass, STORAGE_CLASS_NAME));
  return out;
}
