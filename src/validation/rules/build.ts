/** Build rules BD-1..BD-7, BD-9..BD-12 and the builder rules BB-1..BB-5. BD-8 (immutable spec) is update-time: skipped. */
import { parseTag } from '../image-reference';
import { arr, isSet, obj, Obj, show, str, strItem } from '../json';
import { kpack, KPACK_MISSING } from '../report';
import { checkCnbBindings, checkEnv, checkNodeSelector, checkNotary } from './build-pod';
import { checkImage, invalid, missing, struct } from './common';
import { RuleContext } from './context';
import { checkBuildCreationTime, checkBuildNameLabel, checkBuildPod, checkPodServiceAccount, checkRunImage, checkServiceBindingVolumes, checkSourcePullSecret, checkSourceSubPath } from './runtime';
import { checkServices } from './services';
import { checkSource } from './source';
import { checkBuildUnchanged } from './update';

export function checkBuildSpec(spec: Obj, ctx: RuleContext): void {
  const tags = arr(spec, 'tags');
  if (tags === null || tags?.length === 0) {
    missing(ctx, 'BD-1', 'spec.tags', 'at least one tag to export the app image to');
  }
  (tags ?? []).forEach((item, i) => {
    const tag = strItem(item);
    if (tag === undefined) return;
    const parsed = parseTag(tag, ctx.features);
    if (!parsed.ok) invalid(ctx, 'BD-2', `spec.tags[${i}]`, tag, `is not a valid image reference: ${parsed.reason}`);
  });
  const cache = obj(spec, 'cache');
  if (cache && isSet(cache, 'volume') && isSet(cache, 'registry')) {
    ctx.report.add('BD-3', 'spec.cache', 'spec.cache sets both volume and registry: choose one'
      + kpack('only one type of cache can be specified'));
  }
  const builder = struct(spec, 'builder');
  if (builder) checkBuilder(builder, ctx);
  const source = struct(spec, 'source');
  if (source) checkSource(source, 'spec.source', ctx);
  const services = arr(spec, 'services');
  if (services) checkServices(services, 'spec.services', ctx);
  const lastBuild = obj(spec, 'lastBuild');
  if (lastBuild) checkImage(ctx, 'BD-7', 'spec.lastBuild.image', str(lastBuild, 'image'), 'reference', undefined);
  checkCnbBindings(spec, 'spec.cnbBindings', ctx);
  checkNodeSelector(spec, 'spec.nodeSelector', ctx);
  checkEnv(spec, 'spec.env', ctx);
  checkNotary(spec, 'spec.notary', ctx);
  if (ctx.previous) checkBuildUnchanged(spec, ctx.previous, ctx);
  checkBuildPod(spec, 'spec', 'activeDeadlineSeconds', ctx);
  checkServiceBindingVolumes(services, 'spec.services', ctx);
  checkSourcePullSecret(spec, ctx);
  checkSourceSubPath(spec, ctx);
  checkBuildCreationTime(spec, ctx);
  checkPodServiceAccount(spec, ctx);
  checkRunImage(spec, ctx);
  checkBuildNameLabel(ctx);
}

/** BB-1..BB-5; before v0.17 the builder had no `ref` and `image` was simply required. */
function checkBuilder(builder: Obj, ctx: RuleContext): void {
  const image = str(builder, 'image');
  if (!ctx.features.buildBuilderRef) {
    checkImage(ctx, image === '' ? 'BB-1' : 'BB-5', 'spec.builder.image', image, 'reference', 'the builder image to run');
    return;
  }
  const ref = obj(builder, 'ref');
  if (image === undefined || ref === undefined) return;
  if (image === '' && ref === null) {
    ctx.report.add('BB-1', 'spec.builder', 'spec.builder must give image (a builder image) or ref (a Builder or ClusterBuilder)'
      + KPACK_MISSING);
  } else if (image !== '' && ref !== null) {
    ctx.report.add('BB-2', 'spec.builder', 'spec.builder sets both image and ref: give one'
      + kpack('expected exactly one, got both'));
  }
  if (ref) {
    if (str(ref, 'name') === '') missing(ctx, 'BB-3', 'spec.builder.ref.name', 'the name of the Builder or ClusterBuilder');
    const kind = str(ref, 'kind');
    if (kind === '') {
      missing(ctx, 'BB-4', 'spec.builder.ref.kind', '"Builder" or "ClusterBuilder"');
    } else if (kind !== undefined && kind !== 'Builder' && kind !== 'ClusterBuilder') {
      // Admitted, but kpack's build pod generator resolves only these two kinds.
      ctx.report.add('ref-kind', 'spec.builder.ref.kind', `spec.builder.ref.kind ${show(kind)} must be "Builder" or `
        + '"ClusterBuilder": kpack admits other kinds but cannot resolve them when it creates the build pod');
    }
  }
  checkImage(ctx, 'BB-5', 'spec.builder.image', image, 'reference', undefined);
}
