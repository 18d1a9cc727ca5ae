import { IConstruct } from 'constructs';
import { KpackVersion } from './platform/version';
import { AppChecks } from './private/checks';

/** A warning of the synth-time checks. */
export interface SynthWarning {
  /** Construct path of the object the warning is about. */
  readonly path: string;
  /** The rule, an id of the rule catalogue (docs/rules.md). */
  readonly rule: string;
  /** What is probably wrong, and how to fix it. */
  readonly message: string;
}

/**
 * What an app assumes of the cluster it is applied to, which decides kpack's defaults and what kpack admits:
 * the kpack version installed there and whether the cluster has a default StorageClass. One per app.
 *
 * ```ts
 * KpackCluster.of(app).defaultStorageClass = false;  // Images get no cache unless they name a StorageClass
 * ```
 */
export class KpackCluster {
  /** The cluster of the app that `scope` belongs to. */
  public static of(scope: IConstruct): KpackCluster {
    return new KpackCluster(AppChecks.of(scope));
  }

  /**
   * The warnings of the app that `scope` belongs to: the synth-time checks run now. `app.synth()` prints them on
   * stderr too (set the environment variable `CDK8S_KPACK_WARNINGS=silent` to keep it from printing);
   * `Testing.synth` and `app.synthYaml()` never print them.
   */
  public static warningsOf(scope: IConstruct): SynthWarning[] {
    return AppChecks.of(scope).warnings().map(w => ({ path: w.path, rule: w.rule, message: w.message }));
  }

  private constructor(private readonly checks: AppChecks) {}

  /**
   * The kpack version installed in the cluster: the app's KpackPlatform's, else the one given with
   * `KpackVersion.useIn`, else the newest version this package ships (`KpackVersion.V0_17_2`).
   */
  public get kpackVersion(): KpackVersion {
    return this.checks.kpackVersion;
  }

  /**
   * Whether the cluster has a default StorageClass. kpack's webhook reads it: with one, an Image without a cache
   * gets a 2G volume cache (which the `Image` construct writes out); without one, kpack gives it no cache and refuses
   * a volume cache that names no `storageClassName` (rule I-14). The `Image` construct's default cache follows it.
   *
   * @default true
   */
  public get defaultStorageClass(): boolean {
    return this.checks.defaultStorageClass;
  }

  public set defaultStorageClass(value: boolean) {
    if (typeof value !== 'boolean') {
      throw new Error(`defaultStorageClass must be true or false, not ${JSON.stringify(value) ?? String(value)}`);
    }
    this.checks.defaultStorageClass = value;
  }
}
