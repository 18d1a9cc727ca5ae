import { IKpackResource } from './base';
import { IBuildpack } from './buildpack';
import { IClusterBuildpack } from './cluster-buildpack';
import * as kpack from './imports/kpack';
import { PropChecks } from './private/props';

/** Options of an order entry. */
export interface BuildpackRefOptions {
  /**
   * The exact buildpack version to use.
   * @default - the highest version kpack finds
   */
  readonly version?: string;

  /**
   * Whether the group may pass detection without this buildpack.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an order entry that names a Buildpack or ClusterBuildpack. */
export interface BuildpackResourceRefOptions extends BuildpackRefOptions {
  /**
   * Which buildpack of the image to use, when the image holds several (a composite buildpackage).
   * @default - the image's single root buildpack
   */
  readonly buildpackId?: string;
}

/** One entry of a builder order group: a buildpack by id, or a (Cluster)Buildpack resource. */
export class BuildpackRef {
  /**
   * A buildpack by id, resolved by kpack from the Buildpacks of the builder's namespace, then the
   * ClusterBuildpacks, then the builder's ClusterStore.
   */
  public static fromId(id: string, options: BuildpackRefOptions = {}): BuildpackRef {
    const checks = new PropChecks('BuildpackRef.fromId()');
    checks.string('id', id, { required: true, nonEmpty: true, expected: 'a buildpack id, e.g. "paketo-buildpacks/java"' });
    const o = checkRefOptions(checks, options);
    checks.throwIfFailed();
    return new BuildpackRef(id, undefined, o);
  }

  /** The buildpack of a namespaced Buildpack (only for a Builder in the same namespace). */
  public static fromBuildpack(buildpack: IBuildpack, options: BuildpackResourceRefOptions = {}): BuildpackRef {
    return BuildpackRef.fromResource('BuildpackRef.fromBuildpack()', 'Buildpack', buildpack, options);
  }

  /** The buildpack of a ClusterBuildpack. */
  public static fromClusterBuildpack(buildpack: IClusterBuildpack, options: BuildpackResourceRefOptions = {}): BuildpackRef {
    return BuildpackRef.fromResource('BuildpackRef.fromClusterBuildpack()', 'ClusterBuildpack', buildpack, options);
  }

  private static fromResource(owner: string, kind: string, buildpack: IBuildpack, options: BuildpackResourceRefOptions): BuildpackRef {
    const checks = new PropChecks(owner);
    checks.ref('buildpack', buildpack, `a ${kind}`, [kind], true);
    const o = checkRefOptions(checks, options);
    checks.string('options.buildpackId', o.buildpackId, { nonEmpty: true });
    checks.throwIfFailed();
    return new BuildpackRef(o.buildpackId, buildpack, o);
  }

  /** The buildpack id, if given. */
  public readonly buildpackId?: string;
  /** The Buildpack or ClusterBuildpack, if given. */
  public readonly resource?: IKpackResource;
  /** The exact version, if given. */
  public readonly version?: string;
  /** Whether the entry is optional. */
  public readonly optional?: boolean;

  private constructor(buildpackId: string | undefined, resource: IBuildpack | IClusterBuildpack | undefined, options: BuildpackRefOptions) {
    this.buildpackId = buildpackId;
    this.resource = resource;
    this.version = options.version;
    this.optional = options.optional;
  }

  /** @internal */
  public _toKube(): kpack.BuilderBuildpackRef {
    return {
      kind: this.resource?.kind,
      name: this.resource?.name,
      // kpack stores `id` even when empty (no omitempty): written out, so applying shows no drift.
      id: this.buildpackId ?? '',
      // kpack drops an empty version and a false optional (omitempty): not written, so applying shows no drift.
      version: this.version || undefined,
      optional: this.optional || undefined,
    };
  }
}

/** One group of a builder's order: buildpacks that detect together. */
export interface OrderGroup {
  /** The buildpacks of the group, in order. */
  readonly group: BuildpackRef[];
}

/** The options every order entry takes. */
function checkRefOptions(checks: PropChecks, options: unknown): Record<string, any> {
  const o = checks.props(options, false, 'an object with version and optional');
  checks.string('options.version', o.version, { nonEmpty: true });
  checks.boolean('options.optional', o.optional);
  return o;
}
