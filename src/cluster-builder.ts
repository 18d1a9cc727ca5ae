import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KpackResourceProps } from './base';
import { BuilderBase, BuilderOptions, IBuilder } from './builder-options';
import * as kpack from './imports/kpack';
import { checkBuilderOptions } from './private/builder-spec';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata } from './private/prop-rules';
import { PropChecks } from './private/props';
import { serviceAccountRef } from './private/render';

/** Props of a `ClusterBuilder`. */
export interface ClusterBuilderProps extends KpackResourceProps, BuilderOptions {
  /**
   * The ServiceAccount (in any namespace) with write access to `tag` and pull access to private stack, store
   * and buildpack images; kpack requires it.
   */
  readonly serviceAccount: kplus.IServiceAccount;
}

/**
 * A kpack `ClusterBuilder` (cluster-scoped): a builder image any namespace's Images can use. Its order can
 * use ClusterBuildpacks and its ClusterStore, never namespaced Buildpacks.
 */
export class ClusterBuilder extends BuilderBase {
  /** Refers to a ClusterBuilder created elsewhere (for example kp's `default`). */
  public static fromClusterBuilderName(scope: Construct, id: string, name: string): IBuilder {
    return new ImportedKpackResource(scope, id, kpack.KpackClusterBuilder.GVK, name);
  }

  /** The ServiceAccount the ClusterBuilder uses. */
  public readonly serviceAccount: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: ClusterBuilderProps) {
    const checks = PropChecks.forNew('ClusterBuilder', scope, id);
    const p = checks.props(props, true, 'an object with tag, stack and serviceAccount');
    checkKpackMetadata(checks, kpack.KpackClusterBuilder.GVK, p.metadata);
    checkBuilderOptions(checks, p);
    checks.serviceAccount('serviceAccount', p.serviceAccount, true);
    checks.throwIfFailed();
    props = p as ClusterBuilderProps;
    super(scope, id, props, kpack.KpackClusterBuilder.GVK, props.metadata);
    this.serviceAccount = props.serviceAccount;
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.ClusterBuilderSpec): any {
    return kpack.toJson_ClusterBuilderSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.ClusterBuilderSpec {
    return { ...this._renderBuilderSpec(false), serviceAccountRef: serviceAccountRef(this.serviceAccount) };
  }
}
