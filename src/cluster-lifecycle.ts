import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IKpackResource, KpackResource, KpackResourceProps } from './base';
import * as kpack from './imports/kpack';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata } from './private/prop-rules';
import { PropChecks } from './private/props';
import { serviceAccountRef } from './private/render';
import { DEFAULT_LIFECYCLE } from './validation/kinds';

/** A ClusterLifecycle: the CNB lifecycle builders are assembled with (kpack v0.17 and later). */
export interface IClusterLifecycle extends IKpackResource {}

/** Props of a `ClusterLifecycle`. */
export interface ClusterLifecycleProps extends KpackResourceProps {
  /** The CNB lifecycle image, e.g. `buildpacksio/lifecycle:0.20.5`. */
  readonly image: string;

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the image from a private registry.
   * @default - the image is pulled anonymously
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A kpack `ClusterLifecycle` (cluster-scoped). kpack installs one named `default-lifecycle`, which builders use
 * when they name none.
 */
export class ClusterLifecycle extends KpackResource implements IClusterLifecycle {
  /** The name of the ClusterLifecycle a kpack installation ships, which builders use by default. */
  public static readonly DEFAULT_NAME = DEFAULT_LIFECYCLE;

  /** Refers to a ClusterLifecycle created elsewhere, e.g. `fromClusterLifecycleName(this, 'lc', 'default-lifecycle')`. */
  public static fromClusterLifecycleName(scope: Construct, id: string, name: string): IClusterLifecycle {
    return new ImportedKpackResource(scope, id, kpack.KpackClusterLifecycle.GVK, name);
  }

  /** The lifecycle image. */
  public readonly image: string;
  /** The ServiceAccount whose secrets pull the image, if any. */
  public readonly serviceAccount?: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: ClusterLifecycleProps) {
    const checks = PropChecks.forNew('ClusterLifecycle', scope, id);
    const p = checks.props(props, true, 'an object with image');
    checkKpackMetadata(checks, kpack.KpackClusterLifecycle.GVK, p.metadata);
    checks.string('image', p.image, { required: true, nonEmpty: true, expected: 'a lifecycle image, e.g. "buildpacksio/lifecycle:0.20.5"' });
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    props = p as ClusterLifecycleProps;
    super(scope, id, kpack.KpackClusterLifecycle.GVK, props.metadata);
    this.image = props.image;
    this.serviceAccount = props.serviceAccount;
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ClusterLifecycleSpec): any {
    return kpack.toJson_ClusterLifecycleSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ClusterLifecycleSpec {
    return { image: this.image, serviceAccountRef: serviceAccountRef(this.serviceAccount) };
  }
}
