import { IConstruct } from 'constructs';
import { AppChecks } from '../private/checks';

/**
 * A kpack release this library ships the API and installation of (vendored under `imports/kpack/<version>`).
 *
 * The version decides which kinds and fields exist (ClusterLifecycle and a builder's `spec.lifecycle` arrived
 * in v0.17.0) and which defaults kpack writes, so the constructs and the rule engine follow it.
 */
export class KpackVersion {
  /** kpack v0.17.2 (2026-06-17), the newest release. */
  public static readonly V0_17_2 = new KpackVersion('0.17.2', true);

  /** kpack v0.16.1 (2025-01-16): no ClusterLifecycle; the lifecycle image is a ConfigMap of the controller. */
  public static readonly V0_16_1 = new KpackVersion('0.16.1', false);

  /** Every version this package ships, newest first. */
  public static all(): KpackVersion[] {
    return [KpackVersion.V0_17_2, KpackVersion.V0_16_1];
  }

  /**
   * The shipped version with this number (`0.17.2` or `v0.17.2`).
   * @throws when the package does not ship that version
   */
  public static of(version: string): KpackVersion {
    const wanted = version.replace(/^v/, '');
    const found = KpackVersion.all().find(v => v.version === wanted);
    if (!found) {
      const shipped = KpackVersion.all().map(v => v.tag).join(', ');
      throw new Error(`kpack version "${version}" is not shipped with cdk8s-kpack: use one of ${shipped}`);
    }
    return found;
  }

  /** The version number, e.g. `0.17.2`. */
  public readonly version: string;

  /** The release tag, e.g. `v0.17.2`. */
  public readonly tag: string;

  /** Whether this version has the ClusterLifecycle kind and a builder's `spec.lifecycle`. */
  public readonly hasClusterLifecycle: boolean;

  private constructor(version: string, hasClusterLifecycle: boolean) {
    this.version = version;
    this.tag = `v${version}`;
    this.hasClusterLifecycle = hasClusterLifecycle;
  }

  /**
   * Makes the app of `scope` target this kpack version: its defaults (a builder's default lifecycle) and the
   * rules its objects are checked against follow it. Apps target `KpackVersion.V0_17_2` unless told otherwise.
   */
  public useIn(scope: IConstruct): void {
    AppChecks.of(scope).kpackVersion = this;
  }
}
