/**
 * What differs between the kpack releases the engine knows, in one place. Each entry names the change; the oracle
 * (oracle/, built against each release's own Go module) referees them.
 */

export interface KpackFeatures {
  /** v0.17.0: the ClusterLifecycle kind and a builder's `spec.lifecycle`. */
  readonly clusterLifecycle: boolean;
  /** v0.17.0: a Build's `spec.builder.ref` (a Builder or ClusterBuilder instead of an image). */
  readonly buildBuilderRef: boolean;
  /** v0.17.2: `valueFrom.secretKeyRef` in build env is refused (rule ENV-1). */
  readonly buildEnvSecretRefused: boolean;
  /**
   * A tag reference ending in a colon (`app:`) means `app:latest`: go-containerregistry before v0.20.6 (kpack v0.16.1
   * pins v0.20.0) accepts it; v0.20.6 (kpack v0.17.2) refuses it.
   */
  readonly emptyTagIsLatest: boolean;
}

const FEATURES: { readonly [version: string]: KpackFeatures } = {
  'v0.17.2': { clusterLifecycle: true, buildBuilderRef: true, buildEnvSecretRefused: true, emptyTagIsLatest: false },
  'v0.16.1': { clusterLifecycle: false, buildBuilderRef: false, buildEnvSecretRefused: false, emptyTagIsLatest: true },
};

/** The features of a kpack version the engine knows (the newest's for an unknown one). */
export function featuresOf(version: string): KpackFeatures {
  return Object.prototype.hasOwnProperty.call(FEATURES, version) ? FEATURES[version] : FEATURES['v0.17.2'];
}
