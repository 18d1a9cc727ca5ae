/**
 * The result types of the rule engine. Kept free of constructs: the engine runs over plain manifests, for the
 * constructs at synth, for the `cdk8s-kpack validate` command and for the cdk8s validation plugin alike.
 */

/** How serious a finding is. */
export enum Severity {
  /** kpack (its webhook, or its controllers at reconcile time) rejects the object. */
  ERROR = 'error',
  /** kpack admits the object, but it is likely not what was meant, or cannot be checked here. */
  WARNING = 'warning',
}

/** One problem found in one object. */
export interface Finding {
  /** `error` when kpack rejects the object, `warning` when it admits it. */
  readonly severity: Severity;
  /** Kind of the object the finding is about, e.g. `Image`. */
  readonly kind: string;
  /** `metadata.name` of the object (empty when it has none). */
  readonly name: string;
  /**
   * `metadata.namespace` of the object.
   * @default - cluster-scoped object, or no namespace given
   */
  readonly namespace?: string;
  /** kpack field path of the problem, e.g. `spec.source.git.url`; empty when it is about the whole object. */
  readonly path: string;
  /**
   * What is wrong: starts with the field path, shows the bad value, says what is allowed or how to fix it,
   * e.g. `spec.tag "my app:1" is not a valid image reference: ...`.
   */
  readonly message: string;
  /**
   * The rule that produced the finding: kpack's admission rule ID from the API reference (`I-1`, `SRC-3`,
   * `B-6`, ...), or one of the engine's own (`unknown-field`, `ref-missing`, ...).
   */
  readonly rule: string;
}

/** Identifies one Kubernetes object. */
export interface ObjectKey {
  /** Kind, e.g. `ClusterStack` or `ServiceAccount`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /**
   * For an external Secret: its `type` (e.g. `kubernetes.io/ssh-auth`), when known.
   * @default - unknown
   */
  readonly type?: string;
  /**
   * For an external Secret: the `kpack.io/*` annotations that say what it authenticates to (`kpack.io/docker`
   * declares a registry whatever the Secret's type, `kpack.io/git` a git host), so the credential checks can
   * use it without its data.
   * @default - unknown: the checks that need the Secret's content are skipped for ServiceAccounts that list it
   */
  readonly annotations?: { [key: string]: string };
}

/** Options of `KpackValidator.validateManifests`. */
export interface ValidationOptions {
  /**
   * kpack version whose API and rules apply (`v0.17.2` or `v0.16.1`).
   * @default 'v0.17.2'
   */
  readonly kpackVersion?: string;
  /**
   * Treat a reference to an object that is not in the set (and not in `externalObjects`) as an error.
   * @default false - such a reference is a warning
   */
  readonly strictReferences?: boolean;
  /**
   * Objects known to exist outside the set of manifests (for example imported with `fromXxxName`), so
   * references to them are neither warnings nor errors.
   * @default - none
   */
  readonly externalObjects?: ObjectKey[];
}
