import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FromNamespacedNameOptions, KpackResourceProps } from './base';
import { BuilderBase, BuilderOptions, IBuilder } from './builder-options';
import * as kpack from './imports/kpack';
import { checkBuilderOptions } from './private/builder-spec';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata, checkSameNamespace, namespaceFor } from './private/prop-rules';
import { PropChecks } from './private/props';
import { DEFAULT_SERVICE_ACCOUNT } from './validation/kinds';

/** Props of a `NamespacedBuilder`. */
export interface NamespacedBuilderProps extends KpackResourceProps, BuilderOptions {
  /**
   * The ServiceAccount, in the Builder's namespace, with write access to `tag` (and pull access to the stack,
   * store and buildpack images when they are private).
   * @default - the namespace's `default` ServiceAccount (kpack's default, written out)
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A kpack `Builder` (namespaced): a builder image assembled from a stack and buildpacks, usable by Images in
 * its namespace. Named after kpack's own `NamespacedBuilderSpec`: a class called `Builder` cannot be compiled to Java,
 * whose jsii binding gives every construct with props a nested class `Builder`.
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/builders.md
 */
export class NamespacedBuilder extends BuilderBase {
  /** Refers to a Builder created elsewhere. */
  public static fromBuilderName(scope: Construct, id: string, name: string, options: FromNamespacedNameOptions = {}): IBuilder {
    return new ImportedKpackResource(scope, id, kpack.KpackBuilder.GVK, name, options?.namespaceName);
  }

  /** The ServiceAccount the Builder uses, if given. */
  public readonly serviceAccount?: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: NamespacedBuilderProps) {
    const checks = PropChecks.forNew('Builder', scope, id);
    const p = checks.props(props, true, 'an object with tag and stack');
    checkKpackMetadata(checks, kpack.KpackBuilder.GVK, p.metadata);
    checkBuilderOptions(checks, p);
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    checkSameNamespace(checks, 'serviceAccount', p.serviceAccount, namespaceFor(scope, p.metadata), 'Builder');
    checks.throwIfFailed();
    props = p as NamespacedBuilderProps;
    super(scope, id, props, kpack.KpackBuilder.GVK, props.metadata);
    this.serviceAccount = props.serviceAccount;
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.NamespacedBuilderSpec): any {
    return kpack.toJson_NamespacedBuilderSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.NamespacedBuilderSpec {
    return { ...this._renderBuilderSpec(true), serviceAccountName: this.serviceAccount?.name ?? DEFAULT_SERVICE_ACCOUNT };
  }
}
