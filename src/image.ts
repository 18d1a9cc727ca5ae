import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FromNamespacedNameOptions, IKpackResource, KpackResource, KpackResourceProps } from './base';
import { BuildSettings, ServiceBinding } from './build-settings';
import { IBuilder } from './builder-options';
import { ImageCache } from './image-cache';
import { ImageSource } from './image-source';
import * as kpack from './imports/kpack';
import { platformBuildEnv } from './platform/registry';
import { AppChecks } from './private/checks';
import { ImportedKpackResource } from './private/imported';
import {
  checkBuildEnvVar, checkBuildSettings, checkKpackMetadata, checkSameNamespace, checkServiceBinding, IMAGE_NAME, namespaceFor,
} from './private/prop-rules';
import { PropChecks } from './private/props';
import { buildPodFields, cosignConfig, timeoutSeconds, undefinedIfEmpty } from './private/render';
import { DEFAULT_SERVICE_ACCOUNT } from './validation/kinds';

/** An Image: an app kpack keeps built. */
export interface IImage extends IKpackResource {}

/** Which tags a build writes besides `tag` and `additionalTags`. */
export enum ImageTaggingStrategy {
  /** Also `<repository>:[<tag>-]b<build number>.<yyyymmdd>.<hhmmss>` (kpack's default). */
  BUILD_NUMBER = 'BuildNumber',
  /** Only `tag` and `additionalTags`. */
  NONE = 'None',
}

/** What an `Image` takes besides its builder (see `Tenant.addImage`). */
export interface ImageOptions extends KpackResourceProps, BuildSettings {
  /** Where the app image is written, e.g. `registry.example.com/apps/web`; cannot change later. */
  readonly tag: string;

  /** The app source. */
  readonly source: ImageSource;

  /**
   * The ServiceAccount, in the Image's namespace, whose secrets push `tag` and fetch the source.
   * @default - the namespace's `default` ServiceAccount (kpack's default, written out)
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * More tags every build writes; they must be on the registry of `tag`.
   * @default - none
   */
  readonly additionalTags?: string[];

  /**
   * The build cache.
   * @default - kpack's default, written out: `ImageCache.volume()` (2G) when the cluster has a default
   * StorageClass (`KpackCluster.of(app).defaultStorageClass`, true unless set), else `ImageCache.none()`
   */
  readonly cache?: ImageCache;

  /**
   * How many failed Builds to keep (at least 1).
   * @default 10
   */
  readonly failedBuildHistoryLimit?: number;

  /**
   * How many successful Builds to keep (at least 1).
   * @default 10
   */
  readonly successBuildHistoryLimit?: number;

  /**
   * Which extra tags builds write.
   * @default ImageTaggingStrategy.BUILD_NUMBER
   */
  readonly imageTaggingStrategy?: ImageTaggingStrategy;

  /**
   * Path of `project.toml`, relative to the source root (or subPath).
   * @default - `project.toml` at the root, when there is one
   */
  readonly projectDescriptorPath?: string;

  /**
   * The process type the app image starts by default.
   * @default - the buildpacks' choice (usually `web`)
   */
  readonly defaultProcess?: string;

  /**
   * Extra annotations of the image's cosign signatures (kpack always adds `buildNumber` and `buildTimestamp`).
   * Signing keys come from cosign secrets of the service account.
   * @default - none
   */
  readonly cosignAnnotations?: { [name: string]: string };
}

/** Props of an `Image`. */
export interface ImageProps extends ImageOptions {
  /** The Builder (in the Image's namespace) or ClusterBuilder to build with. */
  readonly builder: IBuilder;
}

/**
 * A kpack `Image` (namespaced): kpack builds `source` with `builder` into `tag`, and rebuilds whenever the
 * source, builder, stack or buildpacks change.
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/image.md
 */
export class Image extends KpackResource implements IImage {
  /** Refers to an Image created elsewhere. */
  public static fromImageName(scope: Construct, id: string, name: string, options: FromNamespacedNameOptions = {}): IImage {
    return new ImportedKpackResource(scope, id, kpack.KpackImage.GVK, name, options?.namespaceName);
  }

  /** The app image tag. */
  public readonly tag: string;
  /** The builder. */
  public readonly builder: IBuilder;
  /** The source. */
  public readonly source: ImageSource;
  /** The ServiceAccount, if given. */
  public readonly serviceAccount?: kplus.IServiceAccount;
  private readonly settings: ImageProps;
  // Made when the first one is given (most Images have none: an app may hold tens of thousands of Images).
  private _additionalTags?: string[];
  private _env?: { [name: string]: kplus.EnvValue };
  private _services?: ServiceBinding[];

  public constructor(scope: Construct, id: string, props: ImageProps) {
    props = checkImageProps(PropChecks.forNew('Image', scope, id), props, scope);
    super(scope, id, kpack.KpackImage.GVK, props.metadata);
    this.settings = props;
    this.tag = props.tag;
    this.builder = props.builder;
    this.source = props.source;
    this.serviceAccount = props.serviceAccount;
    if (props.additionalTags?.length) this._additionalTags = [...props.additionalTags];
    if (props.env && Object.keys(props.env).length > 0) this._env = { ...props.env };
    if (props.services?.length) this._services = [...props.services];
  }

  /** Adds a tag every build writes (on the registry of `tag`). */
  public addAdditionalTag(tag: string): void {
    const checks = PropChecks.forConstruct('Image', this);
    checks.string('addAdditionalTag(tag)', tag, { required: true, nonEmpty: true, expected: 'an image tag on the registry of tag' });
    checks.throwIfFailed();
    (this._additionalTags ??= []).push(tag);
  }

  /** Sets a build environment variable. */
  public addEnv(name: string, value: kplus.EnvValue): void {
    const checks = PropChecks.forConstruct('Image', this);
    checkBuildEnvVar(checks, name, value);
    checks.throwIfFailed();
    (this._env ??= {})[name] = value;
  }

  /** Adds a service binding to the builds. */
  public addServiceBinding(binding: ServiceBinding): void {
    const checks = PropChecks.forConstruct('Image', this);
    checkServiceBinding(checks, 'addServiceBinding(binding)', binding);
    checks.throwIfFailed();
    (this._services ??= []).push(binding);
  }

  /** The additional tags. Returns a copy; use `addAdditionalTag()` to add one. */
  public get additionalTags(): string[] {
    return [...this._additionalTags ?? []];
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ImageSpec): any {
    return kpack.toJson_ImageSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ImageSpec {
    const p = this.settings;
    const build = {
      ...buildPodFields(p, { ...platformBuildEnv(this), ...this._env }, this._services ?? []),
      buildTimeout: timeoutSeconds('buildTimeout', p.buildTimeout),
    };
    return {
      tag: this.tag,
      additionalTags: this._additionalTags && undefinedIfEmpty([...this._additionalTags]),
      builder: { kind: this.builder.kind, name: this.builder.name },
      serviceAccountName: this.serviceAccount?.name ?? DEFAULT_SERVICE_ACCOUNT,
      source: this.source._toKube(),
      cache: (p.cache ?? ImageCache._defaultFor(AppChecks.of(this).defaultStorageClass))._toKube(),
      failedBuildHistoryLimit: p.failedBuildHistoryLimit ?? 10,
      successBuildHistoryLimit: p.successBuildHistoryLimit ?? 10,
      imageTaggingStrategy: p.imageTaggingStrategy ?? ImageTaggingStrategy.BUILD_NUMBER,
      projectDescriptorPath: p.projectDescriptorPath,
      defaultProcess: p.defaultProcess,
      cosign: cosignConfig(p.cosignAnnotations),
      // kpack stores `build.resources` as a value (`{}` when unset) whenever there is a `build`.
      imageBuild: Object.values(build).some(v => v !== undefined) ? { ...build, resources: build.resources ?? {} } : undefined,
    };
  }
}

/** What an Image (or `Tenant.addImage`) is given, checked before anything is created. */
function checkImageProps(checks: PropChecks, given: ImageProps, scope: Construct): ImageProps {
  const p = checks.props(given, true, 'an object with tag, source and builder');
  checkImageOptions(checks, p);
  checks.ref('builder', p.builder, 'a Builder or ClusterBuilder', ['Builder', 'ClusterBuilder'], true);
  checks.throwIfFailed();
  const namespace = namespaceFor(scope, p.metadata);
  checkSameNamespace(checks, 'builder', p.builder, namespace, 'Image');
  checkSameNamespace(checks, 'serviceAccount', p.serviceAccount, namespace, 'Image');
  checks.throwIfFailed();
  return p as ImageProps;
}

function checkImageOptions(checks: PropChecks, p: Record<string, any>): void {
  checkKpackMetadata(checks, kpack.KpackImage.GVK, p.metadata, IMAGE_NAME);
  checks.string('tag', p.tag, { required: true, nonEmpty: true, expected: 'where the app image is written, e.g. "registry.example.com/apps/web"' });
  checks.instance('source', p.source, ImageSource, 'an ImageSource (ImageSource.fromGit, .fromBlob or .fromRegistry)', true);
  checks.serviceAccount('serviceAccount', p.serviceAccount);
  checks.strings('additionalTags', p.additionalTags, { nonEmpty: true });
  checks.instance('cache', p.cache, ImageCache, 'an ImageCache (ImageCache.volume, .registry or .none)');
  checks.integer('failedBuildHistoryLimit', p.failedBuildHistoryLimit, 1);
  checks.integer('successBuildHistoryLimit', p.successBuildHistoryLimit, 1);
  checks.oneOf('imageTaggingStrategy', p.imageTaggingStrategy, Object.values(ImageTaggingStrategy));
  checks.string('projectDescriptorPath', p.projectDescriptorPath, { nonEmpty: true });
  checks.string('defaultProcess', p.defaultProcess, { nonEmpty: true });
  checks.stringMap('cosignAnnotations', p.cosignAnnotations);
  checkBuildSettings(checks, p);
}
