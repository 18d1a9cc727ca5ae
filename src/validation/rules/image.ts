/** Image rules I-1, I-3..I-14, I-18..I-22. The update-time rules I-2 and I-15..I-17 need the stored object: skipped. */
import { ImageReference, parseTag } from '../image-reference';
import { arr, get, isGoInt64, isInteger, isSet, num, obj, Obj, show, str, strItem } from '../json';
import { kpack, kpackInvalid } from '../report';
import { checkCnbBindings, checkEnv, checkNodeSelector, checkNotary } from './build-pod';
import { checkImage, element, invalid, missing, struct } from './common';
import { RuleContext } from './context';
import { checkBuildNumberTag, checkBuildPod, checkCacheTag, checkCacheVolume, checkPodServiceAccount, checkServiceBindingVolumes, checkSourcePullSecret, checkSourceSubPath } from './runtime';
import { checkServices } from './services';
import { checkSource } from './source';
import { checkImageCacheUpdate, checkImageTagUnchanged } from './update';

const BUILDER_KINDS = new Set(['Builder', 'ClusterBuilder']);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const HISTORY_LIMITS = ['failedBuildHistoryLimit', 'successBuildHistoryLimit'];

export function checkImageSpec(spec: Obj, ctx: RuleContext): void {
  checkName(ctx);
  const tag = checkTags(spec, ctx);
  checkBuildNumberTag(spec, tag, ctx);
  checkBuilderRef(spec, ctx);
  const source = struct(spec, 'source');
  if (source) checkSource(source, 'spec.source', ctx);
  const build = obj(spec, 'build');
  if (build) {
    checkBuild(build, ctx);
    checkBuildPod(build, 'spec.build', 'buildTimeout', ctx);
    checkServiceBindingVolumes(arr(build, 'services'), 'spec.build.services', ctx);
  }
  checkSourcePullSecret(spec, ctx);
  checkSourceSubPath(spec, ctx);
  checkPodServiceAccount(spec, ctx);
  const cache = obj(spec, 'cache');
  checkCache(cache, ctx);
  if (ctx.previous) checkImageCacheUpdate(spec, ctx.previous, ctx);
  checkCacheVolume(cache, ctx);
  checkCacheTag(cache, ctx);
  checkNotary(spec, 'spec.notary', ctx);
  checkCosign(spec, ctx);
  for (const field of HISTORY_LIMITS) {
    const limit = num(spec, field);
    if (typeof limit === 'number' && isInteger(limit) && limit < 1) {
      const rule = field === 'failedBuildHistoryLimit' ? 'I-20' : 'I-21';
      ctx.report.add(rule, `spec.${field}`, `spec.${field} ${limit} must be 1 or more (leave it out for kpack's default 10)`
        + kpack('build history limit must be greater than 0'));
    }
  }
}

/** I-22: kpack labels every Build with the Image's name, so the name must be a valid label value. */
function checkName(ctx: RuleContext): void {
  const name = str(get(ctx.doc, 'metadata'), 'name');
  if (!name) return;
  const tooLong = name.length > 63;
  const badChars = !LABEL_VALUE.test(name);
  if (!tooLong && !badChars) return;
  const problems: string[] = [];
  if (tooLong) problems.push(`must be no more than 63 characters (it has ${name.length})`);
  if (badChars) problems.push('must start and end with a letter or digit and contain only letters, digits, "-", "_" or "."');
  ctx.report.add('I-22', 'metadata.name', `metadata.name ${show(name)} is not a valid Image name: kpack labels builds with it, `
    + `so it ${problems.join(' and ')}` + kpack(`invalid image name: ${name}, name must be a valid label`));
}

/** I-1, I-3, I-4; returns the parsed tag when it is valid. */
function checkTags(spec: Obj, ctx: RuleContext): ImageReference | undefined {
  // On an update kpack only checks that the tag did not change (I-2), not its grammar.
  let tag: ImageReference | undefined;
  if (ctx.previous) {
    checkImageTagUnchanged(spec, ctx.previous, ctx);
    const parsed = parseTag(str(spec, 'tag') ?? '', ctx.features);
    tag = parsed.ok ? parsed.reference : undefined;
  } else {
    tag = checkImage(ctx, 'I-1', 'spec.tag', str(spec, 'tag'), 'tag',
      'the registry location of the app image, e.g. registry.example.com/apps/my-app');
  }
  const registry = tag?.registry;
  arr(spec, 'additionalTags')?.forEach((item, i) => {
    const value = strItem(item);
    if (value === undefined) return;
    const path = `spec.additionalTags[${i}]`;
    const parsed = parseTag(value, ctx.features);
    if (!parsed.ok) {
      invalid(ctx, 'I-3', path, value, `is not a valid image reference: ${parsed.reason}`);
    } else if (registry !== undefined && parsed.reference.registry !== registry) {
      // kpack reports the first mismatch only; every one needs fixing, so all are reported.
      ctx.report.add('I-4', path, `${path} ${show(value)} is in registry ${show(parsed.reference.registry)}, but spec.tag is in `
        + `${show(registry)}: all additional tags must be in the registry of spec.tag`
        + kpack('all additionalTags must have the same registry as tag'));
    }
  });
  return tag;
}

function checkBuilderRef(spec: Obj, ctx: RuleContext): void {
  const builder = struct(spec, 'builder');
  if (!builder) return;
  const name = str(builder, 'name');
  const kind = str(builder, 'kind');
  if (name === '') {
    missing(ctx, 'I-5', 'spec.builder.name', 'the name of the Builder or ClusterBuilder to build with');
  } else if (name !== undefined && kind !== undefined && !BUILDER_KINDS.has(kind)) {
    const problem = kind === ''
      ? 'spec.builder.kind is required: "Builder" (in the Image\'s namespace) or "ClusterBuilder"'
      : `spec.builder.kind ${show(kind)} must be "Builder" or "ClusterBuilder"`;
    ctx.report.add('I-6', 'spec.builder.kind', problem + kpackInvalid(kind));
  }
}

/** kpack returns I-8 and then I-9 alone for spec.build; every real problem is reported here. */
function checkBuild(build: Obj, ctx: RuleContext): void {
  checkNodeSelector(build, 'spec.build.nodeSelector', ctx);
  const creationTime = str(build, 'creationTime');
  if (creationTime && creationTime !== 'now' && !isGoInt64(creationTime)) {
    invalid(ctx, 'I-9', 'spec.build.creationTime', creationTime, 'must be "now" or a Unix time in seconds, e.g. "1700000000"');
  }
  const services = arr(build, 'services');
  if (services) checkServices(services, 'spec.build.services', ctx);
  checkCnbBindings(build, 'spec.build.cnbBindings', ctx);
  checkEnv(build, 'spec.build.env', ctx);
}

function checkCache(cache: Obj | null | undefined, ctx: RuleContext): void {
  if (!cache) return;
  if (isSet(cache, 'volume') && isSet(cache, 'registry')) {
    ctx.report.add('I-13', 'spec.cache', 'spec.cache sets both volume and registry: choose one'
      + kpack('only one type of cache can be specified'));
  }
  // I-14: kpack's webhook refuses a volume cache that names no StorageClass when the cluster has no default one.
  const volume = obj(cache, 'volume');
  if (volume && str(volume, 'storageClassName') === '') {
    if (ctx.defaultStorageClass === false) {
      ctx.report.add('I-14', 'spec.cache.volume.storageClassName', 'spec.cache.volume.storageClassName is required: the cluster has '
        + 'no default StorageClass, so kpack cannot create the cache volume; name a StorageClass, or use a registry cache or none'
        + kpack('spec.cache.volume.size cannot be set without spec.cache.volume.storageClassName or a default StorageClass'));
    } else if (ctx.defaultStorageClass === undefined) {
      ctx.reliesOnDefaultStorageClass();
    }
  }
}

/** CO-1 / CO-2 (I-19), on Image only: kpack does not check Build's cosign. */
function checkCosign(spec: Obj, ctx: RuleContext): void {
  const cosign = obj(spec, 'cosign');
  (cosign ? arr(cosign, 'annotations') : undefined)?.forEach((value, i) => {
    const annotation = element(value);
    if (!annotation) return;
    const path = `spec.cosign.annotations[${i}]`;
    if (str(annotation, 'name') === '') missing(ctx, 'CO-1', `${path}.name`, 'the key of the signature annotation');
    if (str(annotation, 'value') === '') missing(ctx, 'CO-2', `${path}.value`, 'the value of the signature annotation');
  });
}
