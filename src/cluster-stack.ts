import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IKpackResource, KpackResource, KpackResourceProps } from './base';
import * as kpack from './imports/kpack';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata } from './private/prop-rules';
import { PropChecks } from './private/props';
import { serviceAccountRef } from './private/render';

/** A ClusterStack: the build and run base images every builder on it uses. */
export interface IClusterStack extends IKpackResource {}

/** Props of a `ClusterStack`. */
export interface ClusterStackProps extends KpackResourceProps {
  /**
   * The stack id, e.g. `io.buildpacks.stacks.jammy`; must equal the `io.buildpacks.stack.id` label of both images.
   */
  readonly stackId: string;

  /** The build image, e.g. `paketobuildpacks/build-jammy-base`. Pin it by digest to control rebuilds. */
  readonly buildImage: string;

  /** The run image, e.g. `paketobuildpacks/run-jammy-base`. Pin it by digest to control rebuilds. */
  readonly runImage: string;

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the stack images from a private registry.
   * @default - the images are pulled anonymously
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A kpack `ClusterStack` (cluster-scoped).
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/stack.md
 */
export class ClusterStack extends KpackResource implements IClusterStack {
  /** Refers to a ClusterStack created elsewhere (for example by the platform team or `kp`). */
  public static fromClusterStackName(scope: Construct, id: string, name: string): IClusterStack {
    return new ImportedKpackResource(scope, id, kpack.KpackClusterStack.GVK, name);
  }

  /** The stack id. */
  public readonly stackId: string;
  /** The build image. */
  public readonly buildImage: string;
  /** The run image. */
  public readonly runImage: string;
  /** The ServiceAccount whose secrets pull the images, if any. */
  public readonly serviceAccount?: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: ClusterStackProps) {
    const checks = PropChecks.forNew('ClusterStack', scope, id);
    const p = checks.props(props, true, 'an object with stackId, buildImage and runImage');
    checkKpackMetadata(checks, kpack.KpackClusterStack.GVK, p.metadata);
    checks.string('stackId', p.stackId, { required: true, nonEmpty: true, expected: 'the stack id, e.g. "io.buildpacks.stacks.jammy"' });
    checks.string('buildImage', p.buildImage, { required: true, nonEmpty: true, expected: 'the build image, e.g. "paketobuildpacks/build-jammy-base"' });
    checks.string('runImage', p.runImage, { required: true, nonEmpty: true, expected: 'the run image, e.g. "paketobuildpacks/run-jammy-base"' });
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    props = p as ClusterStackProps;
    super(scope, id, kpack.KpackClusterStack.GVK, props.metadata);
    this.stackId = props.stackId;
    this.buildImage = props.buildImage;
    this.runImage = props.runImage;
    this.serviceAccount = props.serviceAccount;
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ClusterStackSpec): any {
    return kpack.toJson_ClusterStackSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ClusterStackSpec {
    return {
      id: this.stackId,
      buildImage: { image: this.buildImage },
      runImage: { image: this.runImage },
      serviceAccountRef: serviceAccountRef(this.serviceAccount),
    };
  }
}
