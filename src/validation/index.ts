/**
 * The rule engine of cdk8s-kpack: kpack's admission rules, unknown-field detection and cross-resource references,
 * as pure functions over plain manifests. The constructs, the CLI and the cdk8s validation plugin all call it.
 */
import { engine } from './engine';
import { Finding, ValidationOptions } from './finding';
import { BUILDPACK_IDS_ANNOTATION } from './kinds';

export * from './finding';

/** Checks kpack manifests the way kpack's admission webhooks (and, where possible, its controllers) would. */
export class KpackValidator {
  /**
   * The annotation by which a ClusterStore, ClusterBuildpack or Buildpack declares the buildpack ids it provides
   * (comma-separated, each `id` or `id@version`).
   */
  public static readonly BUILDPACK_IDS_ANNOTATION = BUILDPACK_IDS_ANNOTATION;

  /**
   * Validates a set of manifests (plain objects as parsed from YAML or JSON).
   *
   * `kpack.io/v1alpha2` objects are checked against kpack's admission rules, unknown fields and wrong types;
   * `kpack.io/v1alpha1` objects only get a warning (they bypass kpack's webhooks); `v1` ServiceAccounts and
   * Secrets are read for references; anything else is ignored. References between the objects are checked too.
   * Never throws for bad manifests: every problem is a finding.
   *
   * @param manifests the objects (any value is accepted; non-objects are ignored)
   * @param options the kpack version and how to treat references
   * @returns the findings, by input order of the objects, then by field path
   * @throws Error when `options.kpackVersion` is not a vendored kpack version
   */
  public static validateManifests(manifests: any[], options?: ValidationOptions): Finding[] {
    return engine().validate(manifests, options);
  }
}
