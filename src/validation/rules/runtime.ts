/**
 * Runtime rules: what kpack admits but then copies into objects Kubernetes refuses, so the build can never run. An
 * Image's `spec.build` (and `spec.serviceAccountName`, `spec.cache.volume`) and a Build's `spec` become the build Pod
 * and the cache PersistentVolumeClaim (kpack v0.17.2 pkg/apis/build/v1alpha2 build_pod.go `BuildPod`, image_builds.go
 * `Build` and `BuildCache`), checked with Kubernetes' own rules (src/validation/kubernetes); and what kpack's
 * controllers make of an Image: the tags of its Builds, its cache image, a Build's run image.
 */
import { RuleId } from '../catalogue';
import { fullRepository, ImageReference, parseReference, parseTag } from '../image-reference';
import { arr, get, isGoInt64, obj, Obj, show, str } from '../json';
import { RuleContext } from './context';
import { validateBuildEnvFiles, validateBuildPodFields, validateBuildServiceAccountName, validateSourceSubPath, validateVolumeCache } from '../kubernetes/build-pod';
import { DNS1123_LABEL_MAX_LENGTH, isDns1123Label } from '../kubernetes/names';
import { Problem } from '../kubernetes/problem';

const POD = ' (kpack admits it, but Kubernetes refuses the build Pod kpack creates from it)';
const CLAIM = ' (kpack admits it, but Kubernetes refuses the cache PersistentVolumeClaim kpack creates from it)';

/** The rule of a build pod problem, by the field it is in. */
function podRule(path: string): RuleId {
  const field = /(?:^|\.)(env|resources|tolerations|nodeSelector|affinity|runtimeClassName|schedulerName|priorityClassName|buildTimeout|activeDeadlineSeconds)(?:$|[.[])/.exec(path)?.[1];
  switch (field) {
    case 'env': return 'pod-env';
    case 'resources': return 'pod-resources';
    case 'tolerations':
    case 'nodeSelector':
    case 'affinity': return 'pod-scheduling';
    case 'buildTimeout':
    case 'activeDeadlineSeconds': return 'pod-timeout';
    default: return 'pod-class-names';
  }
}

/** Problems the schema walk has reported already (as kpack's decoding sees them) are left out. */
function decodable(p: Problem): boolean {
  return p.type !== 'wrong-type' && p.type !== 'unknown-field';
}

/** The build pod fields of an Image's `spec.build` (at `spec.build`) or a Build's `spec` (at `spec`). */
export function checkBuildPod(fields: Obj | null | undefined, path: string, timeoutField: 'buildTimeout' | 'activeDeadlineSeconds',
  ctx: RuleContext): void {
  if (!fields) return;
  for (const p of validateBuildPodFields(path, fields, { timeoutField })) {
    if (decodable(p)) ctx.report.add(podRule(p.path), p.path, p.message + POD);
  }
  for (const p of validateBuildEnvFiles(`${path}.env`, fields.env)) {
    ctx.report.add('build-env-file', p.path, `${p.message} (kpack admits it, and Kubernetes the build Pod, but the build fails writing it)`);
  }
}

/**
 * A Build's `spec.creationTime`: kpack's Image controller writes "now" or Unix seconds, and the build pod generator
 * parses it (build_pod.go `parseTime`: "", "now", or Go's `strconv.ParseInt(s, 10, 64)`); anything else and kpack
 * cannot make the build Pod. (An Image's `spec.build.creationTime` is checked at admission, I-9.)
 */
export function checkBuildCreationTime(spec: Obj, ctx: RuleContext): void {
  const creationTime = str(spec, 'creationTime');
  if (!creationTime || creationTime === 'now' || isGoInt64(creationTime)) return;
  ctx.report.add('build-creation-time', 'spec.creationTime', `spec.creationTime ${show(creationTime)} must be "now" or a Unix time `
    + 'in seconds, e.g. "1700000000" (kpack admits it, but cannot make the build Pod: parsing creation time)');
}

/** The volume kpack mounts a service binding's Secret from (build_pod.go `setupBindingVolumesAndMounts`). */
const BINDING_VOLUME_PREFIX = 'binding-';

/**
 * `services[].name` of an Image's `spec.build` or a Build's `spec`: kpack mounts each binding's Secret from a volume
 * named `binding-<name>`, and a volume name is a DNS label (at most 63 characters, no "."). Names kpack refuses at
 * admission (S-2, S-3) are not repeated here.
 */
export function checkServiceBindingVolumes(services: readonly unknown[] | null | undefined, path: string, ctx: RuleContext): void {
  services?.forEach((service, i) => {
    const name = str(service, 'name');
    if (!name || !/^[a-z0-9\-.]{1,253}$/.test(name)) return;
    const volume = BINDING_VOLUME_PREFIX + name;
    if (isDns1123Label(volume).length === 0) return;
    const at = `${path}[${i}].name`;
    const why = volume.length > DNS1123_LABEL_MAX_LENGTH
      ? `at most ${DNS1123_LABEL_MAX_LENGTH - BINDING_VOLUME_PREFIX.length} characters`
      : 'lower case letters, digits and "-", ending with a letter or digit';
    ctx.report.add('service-binding-volume', at, `${at} ${show(name)}: kpack mounts the binding from a volume named ${show(volume)}, and a `
      + `volume name is a DNS label, so a service name must be ${why} (kpack admits it, but Kubernetes refuses the build Pod kpack creates from it)`);
  });
}

/**
 * A registry source's `imagePullSecrets`: kpack mounts the first one's Secret into the build Pod
 * (core/v1alpha1 source_types.go `Registry.ImagePullSecretsVolume`), and a Secret volume needs a Secret name.
 */
export function checkSourcePullSecret(spec: Obj, ctx: RuleContext): void {
  const secrets = arr(obj(obj(spec, 'source'), 'registry'), 'imagePullSecrets');
  if (!secrets || secrets.length === 0) return;
  const first = secrets[0];
  if (first !== null && (typeof first !== 'object' || Array.isArray(first))) return; // the schema walk reports it
  if (str(first as Obj | null, 'name')) return;
  const at = 'spec.source.registry.imagePullSecrets[0].name';
  ctx.report.add('source-pull-secret', at, `${at} is required: kpack mounts the first pull secret of a registry source into the build Pod `
    + '(kpack admits it without a name, but Kubernetes refuses the build Pod kpack creates from it)');
}

/** An Image's or Build's `spec.source.subPath`: the subPath of the source volume's mounts in the build Pod. */
export function checkSourceSubPath(spec: Obj, ctx: RuleContext): void {
  for (const p of validateSourceSubPath('spec.source.subPath', get(obj(spec, 'source'), 'subPath'))) {
    ctx.report.add('source-sub-path', p.path, p.message + POD);
  }
}

/** `spec.serviceAccountName` of an Image or Build: the build Pod's service account. */
export function checkPodServiceAccount(spec: Obj, ctx: RuleContext): void {
  const name = str(spec, 'serviceAccountName');
  if (!name) return; // kpack defaults it to `default`
  for (const p of validateBuildServiceAccountName('spec.serviceAccountName', name)) {
    if (decodable(p)) ctx.report.add('pod-service-account', p.path, p.message + POD);
  }
}

/** An Image's `spec.cache.volume` (`cache` is its `spec.cache`): the claim kpack creates. */
export function checkCacheVolume(cache: Obj | null | undefined, ctx: RuleContext): void {
  const volume = get(cache, 'volume');
  if (volume === undefined || volume === null) return;
  for (const p of validateVolumeCache('spec.cache.volume', volume)) {
    if (decodable(p)) ctx.report.add('cache-volume', p.path, p.message + CLAIM);
  }
}

/** Build-number tags are `[<tag>-]b<N>.<yyyymmdd>.<hhmmss>`: 18 characters and the build number's digits more. */
const BUILD_NUMBER_TAG = 'b1.20060102.150405';

/**
 * kpack's Image controller writes each Build's tags (image_builds.go `generateTags`): with the BuildNumber strategy,
 * also `<registry>/<full repository>:<tag>-b<N>.<date>.<time>` (without `<tag>-` when the tag is `latest` or none).
 * kpack's own webhook refuses that Build (BD-2) when its tag passes 128 characters, or when the full repository
 * (Docker Hub's implied `library/` included, which the Image's own tag is not checked with) passes 255, so the Image
 * never builds.
 */
export function checkBuildNumberTag(spec: Obj, tag: ImageReference | undefined, ctx: RuleContext): void {
  if (!tag || (str(spec, 'imageTaggingStrategy') ?? '') === 'None') return;
  const prefix = tag.tag === undefined || tag.tag === 'latest' ? '' : `${tag.tag}-`;
  const repository = fullRepository(tag);
  // Code points are counted only past a limit in UTF-16 units (a string never has more code points than units).
  const length = prefix.length + BUILD_NUMBER_TAG.length > 128 ? [...prefix].length + BUILD_NUMBER_TAG.length : 0;
  const runes = repository.length > 255 ? [...repository].length : 0;
  if (length <= 128 && runes <= 255) return;
  const written = show(str(spec, 'tag'));
  if (length > 128) {
    ctx.report.add('image-build-number-tag', 'spec.tag', `spec.tag ${written}: kpack also tags every build as `
      + `${show(`${prefix}b1.20260102.150405`)}, ${length} characters or more, but a tag may have at most 128, so kpack refuses the `
      + `Build it creates and the Image never builds; shorten the tag to ${128 - 1 - BUILD_NUMBER_TAG.length} characters or less, `
      + 'or set imageTaggingStrategy: None');
  }
  if (runes > 255) {
    ctx.report.add('image-build-number-tag', 'spec.tag', `spec.tag ${written}: kpack also tags every build as `
      + `${show(`${tag.registry}/${repository.slice(0, 40)}...:${prefix}b1.20260102.150405`)}, and that repository, with Docker Hub's implied `
      + `"library/", has ${runes} characters, but a repository may have at most 255, so kpack refuses the Build it creates and the Image `
      + 'never builds; shorten the repository, or set imageTaggingStrategy: None');
  }
}

/**
 * An Image's `spec.cache.registry.tag` (`cache` is its `spec.cache`): kpack does not check it, the build's exporter
 * pushes the cache image there.
 */
export function checkCacheTag(cache: Obj | null | undefined, ctx: RuleContext): void {
  const tag = str(obj(cache, 'registry'), 'tag');
  if (!tag) return; // empty: kpack uses no registry cache
  const parsed = parseTag(tag, ctx.features);
  if (!parsed.ok) {
    ctx.report.add('image-cache-tag', 'spec.cache.registry.tag', `spec.cache.registry.tag ${show(tag)} is not an image tag: `
      + `${parsed.reason} (kpack admits it, but the build cannot write its cache image there)`);
  }
}

/**
 * A Build's name: kpack labels its build Pod `kpack.io/build: <name>` (build_pod.go), and a label value has at most 63
 * characters, while a Build's name may have 253. (An Image's Builds get names of at most 63 characters, kmeta.ChildName.)
 */
export function checkBuildNameLabel(ctx: RuleContext): void {
  const name = str(get(ctx.doc, 'metadata'), 'name');
  if (!name || name.length <= 63) return;
  ctx.report.add('build-name-label', 'metadata.name', `metadata.name ${show(name)} has ${name.length} characters: kpack labels the build Pod `
    + 'kpack.io/build with the Build\'s name, and a label value may have at most 63, so Kubernetes refuses the Pod and the Build never runs; '
    + 'use a name of at most 63 characters');
}

/** A Build's `spec.runImage.image`: kpack does not check it, the build exports onto it. */
export function checkRunImage(spec: Obj, ctx: RuleContext): void {
  const image = str(obj(spec, 'runImage'), 'image');
  if (!image) return;
  const parsed = parseReference(image, ctx.features);
  if (!parsed.ok) {
    ctx.report.add('build-run-image', 'spec.runImage.image', `spec.runImage.image ${show(image)} is not an image reference: `
      + `${parsed.reason} (kpack admits it, but the build cannot use it as its run image)`);
  }
}
