import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { kpDescriptor } from '../private/lazy';
import { ownedError, PropChecks } from '../private/props';
import { namespaceOf } from '../private/render';
import { KPACK_NAMESPACE } from '../validation/kinds';

/**
 * Props of a `KpConfig`.
 *
 * @experimental
 */
export interface KpConfigProps {
  /**
   * kp's default repository: where kp copies cluster-scoped dependencies and tags ClusterBuilders
   * (`<repository>:clusterbuilder-<name>`), e.g. `registry.example.com/kpack`. A trailing `/` is removed, as kp does.
   */
  readonly defaultRepository: string;

  /**
   * The ServiceAccount kp names in the `serviceAccountRef` of every cluster-scoped object it writes (it must be
   * able to pull from, and for builders push to, the default repository).
   * @default - kp's default: ServiceAccount `default` in namespace `kpack`
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/** The types of KpConfigProps' fields (for KpConfig, and for KpackPlatform's `kpConfig` through `checks.nested`). */
export function checkKpConfigFields(checks: PropChecks, p: Record<string, any>): void {
  checks.string('defaultRepository', p.defaultRepository, { required: true, nonEmpty: true, expected: 'an image repository, e.g. "registry.example.com/kpack"' });
  checks.serviceAccount('serviceAccount', p.serviceAccount);
}

/**
 * The `kpack/kp-config` ConfigMap the kp CLI reads its default repository and service account from, so `kp` keeps
 * working against a cluster this library set up (`kp clusterbuilder create`, `kp import`, ...).
 *
 * Writes the keys kp writes (`kp config default-repository` and `kp config default-service-account`): the current
 * `default.repository*` keys and the historical `canonical.repository*` ones that older kp releases read.
 *
 * @see https://github.com/buildpacks-community/kpack-cli/blob/main/pkg/config/kpconfig.go
 *
 * @experimental
 */
export class KpConfig extends Construct {
  /** The ConfigMap's name, which kp reads. */
  public static readonly NAME = 'kp-config';
  /** The ConfigMap's namespace, which kp reads. */
  public static readonly NAMESPACE = KPACK_NAMESPACE;

  /** The default repository, without a trailing `/`. */
  public readonly defaultRepository: string;
  /** The ServiceAccount the config names. */
  public readonly serviceAccount: kplus.IServiceAccount;
  /** The ConfigMap. */
  public readonly configMap: kplus.ConfigMap;

  public constructor(scope: Construct, id: string, props: KpConfigProps) {
    const checks = PropChecks.forNew('KpConfig', scope, id);
    checkKpConfigFields(checks, checks.props(props, true, 'KpConfigProps: { defaultRepository, serviceAccount? }'));
    checks.throwIfFailed();
    let defaultRepository: string;
    try {
      defaultRepository = kpDescriptor().checkRepository('defaultRepository', props.defaultRepository);
    } catch (e) {
      throw ownedError(checks.owner, e);
    }
    super(scope, id);
    this.defaultRepository = defaultRepository;
    this.serviceAccount = props.serviceAccount
      ?? kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', 'default', { namespaceName: KpConfig.NAMESPACE });
    const name = this.serviceAccount.name;
    const namespace = namespaceOf(this.serviceAccount);
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: { name: KpConfig.NAME, namespace: KpConfig.NAMESPACE },
      data: {
        'default.repository': this.defaultRepository,
        'default.repository.serviceaccount': name,
        'default.repository.serviceaccount.namespace': namespace,
        'canonical.repository': this.defaultRepository,
        'canonical.repository.serviceaccount': name,
        'canonical.repository.serviceaccount.namespace': namespace,
      },
    });
  }
}
