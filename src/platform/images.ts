/**
 * Image references for the components of a kpack installation, each overriding the default. A reference may be
 * a tag (`registry.internal/kpack/controller:0.17.2`) or a digest (`...@sha256:<64 hex>`).
 */
export interface KpackImages {
  /**
   * The controller (Deployment `kpack-controller`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly controller?: string;

  /**
   * The admission and conversion webhook (Deployment `kpack-webhook`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly webhook?: string;

  /**
   * The prepare step of every build pod (ConfigMap `build-init-image`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly buildInit?: string;

  /**
   * The waiter used with injected-sidecar support (ConfigMap `build-waiter-image`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly buildWaiter?: string;

  /**
   * The rebase step (ConfigMap `rebase-image`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly rebase?: string;

  /**
   * The completion step: signing, attestation, metadata (ConfigMap `completion-image`).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly completion?: string;

  /**
   * The CNB lifecycle builders are assembled with: ClusterLifecycle `default-lifecycle` (v0.17) or ConfigMap
   * `lifecycle-image` (v0.16).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly lifecycle?: string;

  /**
   * The Windows prepare step (ConfigMap `build-init-windows-image`; kpack v0.16.1 only).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly buildInitWindows?: string;

  /**
   * The Windows completion step (ConfigMap `completion-windows-image`; kpack v0.16.1 only).
   * @default - see `KpackPlatformProps.imageRegistry` and `releaseFile`
   */
  readonly completionWindows?: string;
}
