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
import { isPlainObject } from './validation/kubernetes/problem';

/** Props of a `Build`. */
export interface BuildProps extends KpackResourceProps, BuildSettings {
  /** The tags to write; the first is the primary image. */
  readonly tags: string[];

  /** What to build with: `BuildBuilder.fromBuilder(builder)` or `BuildBuilder.fromImage(image)`. */
  readonly builder: BuildBuilder;

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

/** What a Build builds with: a Builder or ClusterBuilder, or a builder image. */
export class BuildBuilder {
  /**
   * A Builder (in any namespace) or ClusterBuilder, resolved by kpack to its latest image (kpack v0.17 and later).
   */
  public static fromBuilder(builder: IBuilder): BuildBuilder {
    const checks = new PropChecks('BuildBuilder.fromBuilder()');
    checks.ref('builder', builder, 'a Builder or ClusterBuilder', ['Builder', 'ClusterBuilder'], true);
    checks.throwIfFailed();
    return new BuildBuilder({ builderRef: { kind: builder.kind, name: builder.name, namespaceName: builder.namespaceName } });
  }

  /** A builder image to run, e.g. `registry.example.com/builders/java@sha256:...`. */
  public static fromImage(image: string): BuildBuilder {
    const checks = new PropChecks('BuildBuilder.fromImage()');
    checks.string('image', image, { required: true, nonEmpty: true, expected: 'a builder image, e.g. "paketobuildpacks/builder-jammy-base"' });
    checks.throwIfFailed();
    return new BuildBuilder({ image });
  }

  private constructor(private readonly spec: kpack.BuildBuilderSpec) {}

  /** @internal */
  public _toKube(): kpack.BuildBuilderSpec {
    return this.spec;
  }
}

/**
 * A kpack `Build` (namespaced): one build, run once. Usually the Image controller creates Builds; write one
 * directly for one-off builds. Its spec cannot change after creation.
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/build.md
 */
export class Build extends KpackResource {
  private readonly settings: BuildProps;

  public constructor(scope: Construct, id: string, props: BuildProps) {
    props = checkBuildProps(PropChecks.forNew('Build', scope, id), props, scope);
    super(scope, id, kpack.KpackBuild.GVK, props.metadata);
    this.settings = props;
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.BuildSpec): any {
    return kpack.toJson_BuildSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.BuildSpec {
    const p = this.settings;
    return {
      tags: [...p.tags],
      builder: {
        ...p.builder._toKube(),
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
  const p = checks.props(given, true, 'an object with tags, source and builder');
  checkKpackMetadata(checks, kpack.KpackBuild.GVK, p.metadata);
  if (checks.strings('tags', p.tags, { required: true, nonEmpty: true }) && p.tags.length === 0) {
    checks.fail('tags must list at least one tag: the first is the primary image');
  }
  checks.instance('builder', p.builder, BuildBuilder, 'a BuildBuilder (BuildBuilder.fromBuilder(builder) or BuildBuilder.fromImage(image))', true);
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
