import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kpack from './imports/kpack';
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

/** An Image's build cache: a volume, a registry image, or none. */
export class ImageCache {
  /** kpack's default cache size: decimal gigabytes, as kpack writes it. */
  public static readonly DEFAULT_SIZE = '2G';

  /** A PersistentVolumeClaim per Image (kpack's default when the cluster has a default StorageClass). */
  public static volume(options: VolumeCacheOptions = {}): ImageCache {
    return new ImageCache({
      volume: { size: quantity(options.size) ?? ImageCache.DEFAULT_SIZE, storageClassName: options.storageClassName },
    });
  }

  /** A cache image in a registry, e.g. `registry.example.com/app-cache`. */
  public static registry(tag: string): ImageCache {
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
    return defaultStorageClass ? ImageCache.volume() : ImageCache.none();
  }

  private constructor(private readonly config: kpack.ImageCacheConfig) {}

  /** @internal */
  public _toKube(): kpack.ImageCacheConfig {
    return this.config;
  }
}

/** A Build's cache: an existing PersistentVolumeClaim or a registry image. */
export class BuildCache {
  /** Mounts an existing claim at `/cache`. */
  public static fromPersistentVolumeClaim(claim: kplus.IPersistentVolumeClaim): BuildCache {
    return new BuildCache({ volume: { persistentVolumeClaimName: claim.name } });
  }

  /** A cache image in a registry. */
  public static registry(tag: string): BuildCache {
    return new BuildCache({ registry: { tag } });
  }

  private constructor(private readonly config: kpack.BuildCacheConfig) {}

  /** @internal */
  public _toKube(): kpack.BuildCacheConfig {
    return this.config;
  }
}
