import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kpack from './imports/kpack';
import { PropChecks } from './private/props';
import { OBJECT_NAME } from './validation/kubernetes/names';

/** A service binding of a build, projected under `$SERVICE_BINDING_ROOT` (`/platform/bindings`). */
export class ServiceBinding {
  /**
   * Binds a Secret directly. It must not also be a secret of a ServiceAccount in the namespace (kpack fails
   * such builds).
   */
  public static fromSecret(secret: kplus.ISecret): ServiceBinding {
    const checks = new PropChecks('ServiceBinding.fromSecret()');
    checks.secret('secret', secret, true);
    checks.throwIfFailed();
    return new ServiceBinding({ apiVersion: 'v1', kind: 'Secret', name: secret.name });
  }

  /** Binds a ProvisionedService (any resource with `status.binding.name`) in the build's namespace. */
  public static fromProvisionedService(apiVersion: string, kind: string, name: string): ServiceBinding {
    const checks = new PropChecks('ServiceBinding.fromProvisionedService()');
    checks.string('apiVersion', apiVersion, { required: true, nonEmpty: true, expected: 'an API version such as "example.com/v1"' });
    checks.string('kind', kind, { required: true, nonEmpty: true, expected: 'a kind such as "Database"' });
    checks.name('name', name, OBJECT_NAME);
    checks.throwIfFailed();
    return new ServiceBinding({ apiVersion, kind, name });
  }

  private constructor(private readonly ref: kpack.ObjectReference) {}

  /** The name of the bound object. */
  public get name(): string {
    return this.ref.name!;
  }

  /** @internal */
  public _toKube(): kpack.ObjectReference {
    return { ...this.ref };
  }
}

/** Settings of the build pods, shared by Image (`spec.build`) and Build (`spec`). */
export interface BuildSettings {
  /**
   * Environment variables for the buildpacks (as `PLATFORM_ENV_*`). kpack rejects values read from Secrets.
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };

  /**
   * Resources of every build container.
   * @default - none: the namespace's LimitRange, if any, applies
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Tolerations of the build pods.
   * @default - none
   */
  readonly tolerations?: kpack.Toleration[];

  /**
   * Node selector of the build pods. `kubernetes.io/os` is not allowed: kpack sets the OS itself.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Affinity of the build pods.
   * @default - none
   */
  readonly affinity?: kpack.Affinity;

  /**
   * RuntimeClass of the build pods.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;

  /**
   * Scheduler of the build pods.
   * @default - the default scheduler
   */
  readonly schedulerName?: string;

  /**
   * Service bindings of the builds.
   * @default - none
   */
  readonly services?: ServiceBinding[];

  /**
   * How long a build may run before it is stopped (whole seconds).
   * @default - no limit
   */
  readonly buildTimeout?: Duration;

  /**
   * The app image's creation time: `now`, or Unix epoch seconds as a string (`SOURCE_DATE_EPOCH`).
   * @default - the buildpacks' reproducible default (1980-01-01)
   */
  readonly creationTime?: string;
}
