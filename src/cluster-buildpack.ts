import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IKpackResource, KpackResource, KpackResourceProps } from './base';
import * as kpack from './imports/kpack';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata } from './private/prop-rules';
import { PropChecks } from './private/props';
import { declareBuildpackIds } from './private/provides';
import { serviceAccountRef } from './private/render';

/** A ClusterBuildpack: one buildpackage image that any builder can use. */
export interface IClusterBuildpack extends IKpackResource {}

/** Props of a `ClusterBuildpack`. */
export interface ClusterBuildpackProps extends KpackResourceProps {
  /** The buildpackage image, e.g. `paketobuildpacks/java:17.1.0`. */
  readonly image: string;

  /**
   * The ids of the buildpacks the image contains (`id` or `id@version`), when you know them; builder order
   * entries are then checked against them at synth.
   * @default - unknown
   */
  readonly buildpackIds?: string[];

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the image from a private registry.
   * @default - the image is pulled anonymously
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/** A kpack `ClusterBuildpack` (cluster-scoped). */
export class ClusterBuildpack extends KpackResource implements IClusterBuildpack {
  /** Refers to a ClusterBuildpack created elsewhere. */
  public static fromClusterBuildpackName(scope: Construct, id: string, name: string): IClusterBuildpack {
    return new ImportedKpackResource(scope, id, kpack.KpackClusterBuildpack.GVK, name);
  }

  /** The buildpackage image. */
  public readonly image: string;
  /** The declared buildpack ids, if any. */
  public readonly buildpackIds?: string[];
  /** The ServiceAccount whose secrets pull the image, if any. */
  public readonly serviceAccount?: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: ClusterBuildpackProps) {
    const checks = PropChecks.forNew('ClusterBuildpack', scope, id);
    const p = checks.props(props, true, 'an object with image');
    checkKpackMetadata(checks, kpack.KpackClusterBuildpack.GVK, p.metadata);
    checks.string('image', p.image, { required: true, nonEmpty: true, expected: 'a buildpackage image, e.g. "paketobuildpacks/java:17.1.0"' });
    checks.strings('buildpackIds', p.buildpackIds, { nonEmpty: true });
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    props = p as ClusterBuildpackProps;
    super(scope, id, kpack.KpackClusterBuildpack.GVK, props.metadata);
    this.image = props.image;
    this.buildpackIds = props.buildpackIds && [...props.buildpackIds];
    this.serviceAccount = props.serviceAccount;
    declareBuildpackIds(this, () => this.buildpackIds);
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ClusterBuildpackSpec): any {
    return kpack.toJson_ClusterBuildpackSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ClusterBuildpackSpec {
    return { image: this.image, serviceAccountRef: serviceAccountRef(this.serviceAccount) };
  }
}
