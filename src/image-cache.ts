import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kpack from './imports/kpack';
import { kubernetesRules } from './private/lazy';
import { PropChecks } from './private/props';
import { quantity } from './private/render';

/** Options of a volume cache. */
export interface VolumeCacheOptions {
  /**
   * Size of the PersistentVolumeClaim kpack creates for the Image (`<image>-cache`). It can grow later, never shrink.
   * @default - `2G`, kpack's default
   */
  readonly size?: Size;

  /**
   * StorageClass of the claim; cannot be changed once set.
   * @default - the cluster's default StorageClass (kpack refuses the Image when there is none: synth fails when
   * `KpackCluster.of(app).defaultStorageClass` is false)
   */
  readonly storageClassName?: string;
}

/** The default caches, made on first use. */
let defaultVolume: ImageCache | undefined;
let defaultNone: ImageCache | undefined;

/** An Image's build cache: a volume, a registry image, or none. */
export class ImageCache {
  /** kpack's default cache size: decimal gigabytes, as kpack writes it. */
  public static readonly DEFAULT_SIZE = '2G';

  /** A PersistentVolumeClaim per Image (kpack's default when the cluster has a default StorageClass). */
  public static volume(options: VolumeCacheOptions = {}): ImageCache {
    const checks = new PropChecks('ImageCache.volume()');
    const o = checks.props(options, false, 'an object with size and storageClassName');
    const size = checks.size('size', o.size) ? quantity(o.size) : undefined;
    const volume = { size: size ?? ImageCache.DEFAULT_SIZE, storageClassName: o.storageClassName };
    if (!checks.failed) {
      checks.add(kubernetesRules().validateVolumeCache('', volume));
    }
    checks.throwIfFailed();
    return new ImageCache({ volume });
  }

  /** A cache image in a registry, e.g. `registry.example.com/app-cache`. */
  public static registry(tag: string): ImageCache {
    const checks = new PropChecks('ImageCache.registry()');
    checks.string('tag', tag, { required: true, nonEmpty: true, expected: 'a cache image tag, e.g. "registry.example.com/app-cache"' });
    checks.throwIfFailed();
    return new ImageCache({ registry: { tag } });
  }

  /** No cache: written as `cache: {}`, which kpack leaves alone instead of defaulting a volume. */
  public static none(): ImageCache {
    return new ImageCache({});
  }

  /**
   * kpack's default: a 2G volume when the cluster has a default StorageClass, else no cache.
   * @internal
   */
  public static _defaultFor(defaultStorageClass: boolean): ImageCache {
    // Made once (an ImageCache never changes): every Image without a cache of its own renders it.
    if (defaultStorageClass) return defaultVolume ??= ImageCache.volume();
    return defaultNone ??= ImageCache.none();
  }

  private constructor(private readonly config: kpack.ImageCacheConfig) {}

  /** @internal */
  public _toKube(): kpack.ImageCacheConfig {
    return this.config;
  }
}

/** A Build's cache: an existing PersistentVolumeClaim or a registry image. */
export class BuildCache {
  /**
   * Mounts a claim at `/cache`: one that exists (`PersistentVolumeClaim.fromClaimName`) or one the app makes, which
   * needs access modes and a storage size (the API server refuses a claim without them).
   */
  public static fromPersistentVolumeClaim(claim: kplus.IPersistentVolumeClaim): BuildCache {
    const checks = new PropChecks('BuildCache.fromPersistentVolumeClaim()');
    checks.ref('claim', claim, 'a PersistentVolumeClaim (cdk8s-plus)', ['PersistentVolumeClaim'], true);
    checks.throwIfFailed();
    // A claim the app makes (not one imported by name) must be one the API server accepts.
    if (claim instanceof kplus.PersistentVolumeClaim) {
      checks.add(kubernetesRules().validateBuildCacheClaim(`claim "${claim.node.path}"`, { accessModes: claim.accessModes ?? [], storage: claim.storage !== undefined }));
      checks.throwIfFailed();
    }
    return new BuildCache({ volume: { persistentVolumeClaimName: claim.name } });
  }

  /** A cache image in a registry. */
  public static registry(tag: string): BuildCache {
    const checks = new PropChecks('BuildCache.registry()');
    checks.string('tag', tag, { required: true, nonEmpty: true, expected: 'a cache image tag, e.g. "registry.example.com/app-cache"' });
    checks.throwIfFailed();
    return new BuildCache({ registry: { tag } });
  }

  private constructor(private readonly config: kpack.BuildCacheConfig) {}

  /** @internal */
  public _toKube(): kpack.BuildCacheConfig {
    return this.config;
  }
}
