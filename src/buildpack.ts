import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FromNamespacedNameOptions, IKpackResource, KpackResource, KpackResourceProps } from './base';
import * as kpack from './imports/kpack';
import { ImportedKpackResource } from './private/imported';
import { checkKpackMetadata, checkSameNamespace, namespaceFor } from './private/prop-rules';
import { PropChecks } from './private/props';
import { declareBuildpackIds } from './private/provides';
import { DEFAULT_SERVICE_ACCOUNT } from './validation/kinds';

/** A (namespaced) Buildpack: one buildpackage image that Builders of its namespace can use. */
export interface IBuildpack extends IKpackResource {}

/** Props of a `Buildpack`. */
export interface BuildpackProps extends KpackResourceProps {
  /** The buildpackage image, e.g. `paketobuildpacks/java:17.1.0`. */
  readonly image: string;

  /**
   * The ids of the buildpacks the image contains (`id` or `id@version`), when you know them; builder order
   * entries are then checked against them at synth.
   * @default - unknown
   */
  readonly buildpackIds?: string[];

  /**
   * The ServiceAccount, in the Buildpack's namespace, whose secrets pull the image.
   * @default - the namespace's `default` ServiceAccount (kpack's default, written out)
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/** A kpack `Buildpack` (namespaced; only Builders in the same namespace can use it). */
export class Buildpack extends KpackResource implements IBuildpack {
  /** Refers to a Buildpack created elsewhere. */
  public static fromBuildpackName(scope: Construct, id: string, name: string, options: FromNamespacedNameOptions = {}): IBuildpack {
    return new ImportedKpackResource(scope, id, kpack.KpackBuildpack.GVK, name, options?.namespaceName);
  }

  /** The buildpackage image. */
  public readonly image: string;
  /** The declared buildpack ids, if any. */
  public readonly buildpackIds?: string[];
  /** The ServiceAccount whose secrets pull the image, if any. */
  public readonly serviceAccount?: kplus.IServiceAccount;

  public constructor(scope: Construct, id: string, props: BuildpackProps) {
    const checks = PropChecks.forNew('Buildpack', scope, id);
    const p = checks.props(props, true, 'an object with image');
    checkKpackMetadata(checks, kpack.KpackBuildpack.GVK, p.metadata);
    checks.string('image', p.image, { required: true, nonEmpty: true, expected: 'a buildpackage image, e.g. "paketobuildpacks/java:17.1.0"' });
    checks.strings('buildpackIds', p.buildpackIds, { nonEmpty: true });
    checks.serviceAccount('serviceAccount', p.serviceAccount);
    checks.throwIfFailed();
    checkSameNamespace(checks, 'serviceAccount', p.serviceAccount, namespaceFor(scope, p.metadata), 'Buildpack');
    checks.throwIfFailed();
    props = p as BuildpackProps;
    super(scope, id, kpack.KpackBuildpack.GVK, props.metadata);
    this.image = props.image;
    this.buildpackIds = props.buildpackIds && [...props.buildpackIds];
    this.serviceAccount = props.serviceAccount;
    declareBuildpackIds(this, () => this.buildpackIds);
  }

  /** @internal */
  public _toJsonSpec(spec: kpack.BuildpackSpec): any {
    return kpack.toJson_BuildpackSpec(spec);
  }

  /** @internal */
  public _toKube(): kpack.BuildpackSpec {
    return { image: this.image, serviceAccountName: this.serviceAccount?.name ?? DEFAULT_SERVICE_ACCOUNT };
  }
}
