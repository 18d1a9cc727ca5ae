import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IKpackResource, KpackResource, KpackResourceProps } from './base';
import * as kpack from './imports/kpack';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata } from './private/prop-rules';
import { PropChecks } from './private/props';
import { declareBuildpackIds } from './private/provides';
import { serviceAccountRef } from './private/render';
import { isPlainObject } from './validation/kubernetes/problem';

/** A ClusterStore: buildpackage images whose buildpacks builders can use by id. */
export interface IClusterStore extends IKpackResource {}

/** One image of a ClusterStore. */
export interface ClusterStoreSource {
  /** A buildpackage (or builder) image, e.g. `paketobuildpacks/java`. */
  readonly image: string;

  /**
   * The ids of the buildpacks this image contains (`id` or `id@version`), when you know them. When every
   * source of the store declares its ids, builder order entries are checked against them at synth.
   * @default - unknown: order entries that would resolve from this store are not checked
   */
  readonly buildpackIds?: string[];
}

/** Props of a `ClusterStore`. */
export interface ClusterStoreProps extends KpackResourceProps {
  /**
   * The buildpackage images; kpack needs at least one (add more with `addSource`).
   * @default - none yet
   */
  readonly sources?: ClusterStoreSource[];

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the images from a private registry.
   * @default - the images are pulled anonymously
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A kpack `ClusterStore` (cluster-scoped).
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/buildpacks.md
 */
export class ClusterStore extends KpackResource implements IClusterStore {
  /** Refers to a ClusterStore created elsewhere. */
  public static fromClusterStoreName(scope: Construct, id: string, name: string): IClusterStore {
    return new ImportedKpackResource(scope, id, kpack.KpackClusterStore.GVK, name);
  }

  /** The ServiceAccount whose secrets pull the images, if any. */
  public readonly serviceAccount?: kplus.IServiceAccount;
  private readonly _sources: ClusterStoreSource[] = [];

  public constructor(scope: Construct, id: string, props: ClusterStoreProps = {}) {
    const checks = PropChecks.forNew('ClusterStore', scope, id);
    const p = checks.props(props, false, 'an object with sources');
    checkKpackMetadata(checks, kpack.KpackClusterStore.GVK, p.metadata);
    if (p.sources !== undefined && p.sources !== null && checks.expect(Array.isArray(p.sources), 'sources', p.sources, 'a list of { image }')) {
      (p.sources as unknown[]).forEach((s, i) => checkStoreSource(checks, `sources[${i}]`, s));
    }
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    props = p as ClusterStoreProps;
    super(scope, id, kpack.KpackClusterStore.GVK, p.metadata);
    this.serviceAccount = p.serviceAccount;
    for (const source of p.sources ?? []) this.addSource(source);
    declareBuildpackIds(this, () => this.buildpackIds);
  }

  /** Adds a buildpackage image to the store. */
  public addSource(source: ClusterStoreSource): void {
    const checks = PropChecks.forConstruct('ClusterStore', this);
    checkStoreSource(checks, 'addSource(source)', source);
    checks.throwIfFailed();
    this._sources.push({ ...source, buildpackIds: source.buildpackIds && [...source.buildpackIds] });
  }

  /** The store's images. Returns a copy; use `addSource()` to add one. */
  public get sources(): ClusterStoreSource[] {
    return [...this._sources];
  }

  /** The buildpack ids the store provides, when every source declares its own; otherwise undefined. */
  public get buildpackIds(): string[] | undefined {
    if (this._sources.length === 0 || this._sources.some(s => s.buildpackIds === undefined)) return undefined;
    return this._sources.flatMap(s => s.buildpackIds!);
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ClusterStoreSpec): any {
    return kpack.toJson_ClusterStoreSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ClusterStoreSpec {
    return {
      sources: this._sources.map(s => ({ image: s.image })),
      serviceAccountRef: serviceAccountRef(this.serviceAccount),
    };
  }
}

/** One image of a store. */
function checkStoreSource(checks: PropChecks, path: string, source: unknown): void {
  if (!checks.expect(isPlainObject(source), path, source, 'a store source: { image, buildpackIds? }')) return;
  const s = source as Record<string, unknown>;
  checks.string(`${path}.image`, s.image, { required: true, nonEmpty: true, expected: 'a buildpackage image, e.g. "paketobuildpacks/java"' });
  checks.strings(`${path}.buildpackIds`, s.buildpackIds, { nonEmpty: true });
}
