import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KpackResource, KpackResourceProps } from './base';
import { BuildSettings } from './build-settings';
import { IBuilder } from './builder-options';
import { BuildCache } from './image-cache';
import { ImageSource } from './image-source';
import * as kpack from './imports/kpack';
import { platformBuildEnv } from './platform/registry';
import { checkBuildSettings, checkKpackMetadata, checkSameNamespace, namespaceFor } from './private/prop-rules';
import { PropChecks } from './private/props';
import { buildPodFields, cosignConfig, resourceRequirements, timeoutSeconds, undefinedIfEmpty } from './private/render';
import { DEFAULT_SERVICE_ACCOUNT } from './validation/kinds';
import { isPlainObject } from './validation/kubernetes';

/** Props of a `Build`. */
export interface BuildProps extends KpackResourceProps, BuildSettings {
  /** The tags to write; the first is the primary image. */
  readonly tags: string[];

  /**
   * The Builder or ClusterBuilder to build with, resolved by kpack to its latest image (kpack v0.17 and later).
   * Give this or `builderImage`.
   * @default - `builderImage`
   */
  readonly builder?: IBuilder;

  /**
   * A builder image to run. Give this or `builder`.
   * @default - `builder`
   */
  readonly builderImage?: string;

  /**
   * Pull secrets of the builder image; they also serve as registry credentials of the build.
   * @default - none
   */
  readonly builderImagePullSecrets?: kplus.ISecret[];

  /** The app source. */
  readonly source: ImageSource;

  /**
   * The ServiceAccount, in the Build's namespace, whose secrets push the tags and fetch the source.
   * @default - the namespace's `default` ServiceAccount (kpack's default, written out)
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * The build cache.
   * @default - no cache
   */
  readonly cache?: BuildCache;

  /**
   * A run image to use instead of the builder's.
   * @default - the builder's run image
   */
  readonly runImage?: string;

  /**
   * The previous build, for rebasing and cache reuse.
   * @default - none
   */
  readonly lastBuild?: kpack.LastBuild;

  /**
   * Path of `project.toml`, relative to the source root (or subPath).
   * @default - `project.toml` at the root, when there is one
   */
  readonly projectDescriptorPath?: string;

  /**
   * The process type the app image starts by default.
   * @default - the buildpacks' choice
   */
  readonly defaultProcess?: string;

  /**
   * PriorityClass of the build pod.
   * @default - none
   */
  readonly priorityClassName?: string;

  /**
   * Extra annotations of the image's cosign signatures.
   * @default - none
   */
  readonly cosignAnnotations?: { [name: string]: string };
}

/**
 * A kpack `Build` (namespaced): one build, run once. Usually the Image controller creates Builds; write one
 * directly for one-off builds. Its spec cannot change after creation.
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/build.md
 */
export class Build extends KpackResource {
  protected readonly apiObject: ApiObject;
  private readonly props: BuildProps;

  public constructor(scope: Construct, id: string, props: BuildProps) {
    props = checkBuildProps(PropChecks.forNew('Build', scope, id), props, scope);
    super(scope, id);
    this.props = props;
    this.apiObject = this._createApiObject(kpack.KpackBuild.GVK, props.metadata,
      () => kpack.toJson_BuildSpec(this._toKube()));
  }

  /** @internal */
  public _toKube(): kpack.BuildSpec {
    const p = this.props;
    const ref = p.builder && { kind: p.builder.kind, name: p.builder.name, namespaceName: p.builder.namespaceName };
    return {
      tags: [...p.tags],
      builder: {
        builderRef: ref,
        image: p.builderImage,
        imagePullSecrets: undefinedIfEmpty((p.builderImagePullSecrets ?? []).map(s => ({ name: s.name }))),
      },
      serviceAccountName: p.serviceAccount?.name ?? DEFAULT_SERVICE_ACCOUNT,
      source: p.source._toKube(),
      cache: p.cache?._toKube(),
      // kpack stores `runImage` and `resources` as values (`{}` when unset): written out, so applying shows no drift.
      runImage: p.runImage ? { image: p.runImage } : {},
      // kpack stores lastBuild.cache as a value (`{}` when unset).
      lastBuild: p.lastBuild && { ...p.lastBuild, cache: p.lastBuild.cache ?? {} },
      projectDescriptorPath: p.projectDescriptorPath,
      defaultProcess: p.defaultProcess,
      priorityClassName: p.priorityClassName,
      cosign: cosignConfig(p.cosignAnnotations),
      activeDeadlineSeconds: timeoutSeconds('buildTimeout', p.buildTimeout),
      ...buildPodFields(p, { ...platformBuildEnv(this), ...p.env }, [...p.services ?? []]),
      resources: resourceRequirements(p.resources) ?? {},
    };
  }
}

/** What a Build is given, checked before anything is created. */
function checkBuildProps(checks: PropChecks, given: BuildProps, scope: Construct): BuildProps {
  const p = checks.props(given, true, 'an object with tags, source and builder or builderImage');
  checkKpackMetadata(checks, p.metadata, true);
  if (checks.strings('tags', p.tags, { required: true, nonEmpty: true }) && p.tags.length === 0) {
    checks.fail('tags must list at least one tag: the first is the primary image');
  }
  if ((p.builder === undefined || p.builder === null) === (p.builderImage === undefined || p.builderImage === null)) {
    checks.fail('give exactly one of builder (a Builder or ClusterBuilder) or builderImage (a builder image to run)');
  }
  checks.ref('builder', p.builder, 'a Builder or ClusterBuilder', ['Builder', 'ClusterBuilder']);
  checks.string('builderImage', p.builderImage, { nonEmpty: true });
  checks.secrets('builderImagePullSecrets', p.builderImagePullSecrets);
  checks.instance('source', p.source, ImageSource, 'an ImageSource (ImageSource.fromGit, .fromBlob or .fromRegistry)', true);
  checks.serviceAccount('serviceAccount', p.serviceAccount);
  checks.instance('cache', p.cache, BuildCache, 'a BuildCache (BuildCache.fromPersistentVolumeClaim or .registry)');
  checks.string('runImage', p.runImage, { nonEmpty: true });
  if (p.lastBuild !== undefined && p.lastBuild !== null
    && checks.expect(isPlainObject(p.lastBuild), 'lastBuild', p.lastBuild, 'an object with image and stackId')) {
    checks.string('lastBuild.image', p.lastBuild.image, { nonEmpty: true });
    checks.string('lastBuild.stackId', p.lastBuild.stackId, { nonEmpty: true });
  }
  checks.string('projectDescriptorPath', p.projectDescriptorPath, { nonEmpty: true });
  checks.string('defaultProcess', p.defaultProcess, { nonEmpty: true });
  checks.stringMap('cosignAnnotations', p.cosignAnnotations);
  checkBuildSettings(checks, p);
  checks.throwIfFailed();
  checkSameNamespace(checks, 'serviceAccount', p.serviceAccount, namespaceFor(scope, p.metadata), 'Build');
  checks.throwIfFailed();
  return p as BuildProps;
}
