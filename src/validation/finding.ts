/**
 * The result types of the rule engine. Kept free of constructs: the engine runs over plain manifests, for the
 * constructs at synth, for the `cdk8s-kpack validate` command and for the cdk8s validation plugin alike.
 */

/** How serious a finding is. */
export enum Severity {
  /** The object is refused when applied, or can never work (stages `admission` and `runtime`), or strict mode promoted advice. */
  ERROR = 'error',
  /** Advice: kpack admits the object and it works, but it is probably not what was meant. */
  WARNING = 'warning',
}

/** When a finding's problem shows up. */
export enum Stage {
  /** kpack's webhooks or the API server refuse the object: `kubectl apply` fails. */
  ADMISSION = 'admission',
  /**
   * The object is admitted, but kpack's controllers, or Kubernetes for the pods and volumes kpack creates from it,
   * will certainly refuse it: it can never work.
   */
  RUNTIME = 'runtime',
  /** Admitted and working, but probably not what was meant (a field kpack silently drops, a missing credential). */
  ADVICE = 'advice',
}

/** One problem found in one object. */
export interface Finding {
  /** `error` for the stages `admission` and `runtime` (and advice promoted by a strict option), else `warning`. */
  readonly severity: Severity;
  /** When the problem shows up: refused when applied, certainly failing later, or advice. */
  readonly stage: Stage;
  /** Kind of the object the finding is about, e.g. `Image`. */
  readonly kind: string;
  /** `metadata.name` of the object (empty when it has none). */
  readonly name: string;
  /**
   * `metadata.namespace` of the object.
   * @default - cluster-scoped object, or no namespace given
   */
  readonly namespaceName?: string;
  /** kpack field path of the problem, e.g. `spec.source.git.url`; empty when it is about the whole object. */
  readonly path: string;
  /**
   * What is wrong: starts with the field path, shows the bad value, says what is allowed or how to fix it,
   * e.g. `spec.tag "my app:1" is not a valid image reference: ...`.
   */
  readonly message: string;
  /**
   * The rule that produced the finding, an id of the rule catalogue (docs/rules.md): kpack's admission rules
   * (`I-1`, `SRC-3`, `B-6`, ...) and the engine's own (`unknown-field`, `ref-missing`, ...).
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
   * @default - cluster-scoped, or `default` for a namespaced kind
   */
  readonly namespaceName?: string;
  /**
   * For an external Secret: its `type` (e.g. `kubernetes.io/ssh-auth`), when known.
   * @default - unknown
   */
  readonly secretType?: string;
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
   * Report every advice finding (stage `advice`) as an error, as synth does for the objects an app defines.
   * @default false - advice findings are warnings
   */
  readonly strict?: boolean;

  /**
   * Objects that exist already (manifests as they were applied, e.g. the previous version of a GitOps repository):
   * an object of the same kind, namespace and name is judged as an update of it, with kpack's update rules (an
   * Image's tag and cache, a Build's whole spec).
   * @default - every object is judged as a new one
   */
  readonly previousManifests?: any[];

  /**
   * Whether the cluster has a default StorageClass, which kpack's webhook reads: with one, an Image without a cache
   * gets kpack's default 2G volume cache; without one, a volume cache needs a `storageClassName` (rule I-14).
   * @default - unknown: assumed true, and the result's `assumptions` say so once
   */
  readonly defaultStorageClass?: boolean;
  /**
   * Objects known to exist outside the set of manifests (for example imported with `fromXxxName`), so
   * references to them are neither warnings nor errors.
   * @default - none
   */
  readonly externalObjects?: ObjectKey[];
}
