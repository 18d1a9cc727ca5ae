/** What the engine knows about each kpack.io kind, beyond the field schema of `src/imports/kpack-schema.ts`. */

export const KPACK_GROUP = 'kpack.io';
/** The only version kpack's webhooks are registered for (`matchPolicy: Exact`). */
export const CHECKED_API_VERSION = 'kpack.io/v1alpha2';
export const LEGACY_API_VERSION = 'kpack.io/v1alpha1';

export interface KindInfo {
  readonly clusterScoped: boolean;
  /** Also served as kpack.io/v1alpha1 (per the CRDs). */
  readonly servedAsV1alpha1: boolean;
  /** Defaulted and validated by kpack's webhooks (all but SourceResolver). */
  readonly webhook: boolean;
}

export const KIND_INFO: { readonly [kind: string]: KindInfo } = {
  ClusterStack: { clusterScoped: true, servedAsV1alpha1: true, webhook: true },
  ClusterStore: { clusterScoped: true, servedAsV1alpha1: true, webhook: true },
  ClusterBuildpack: { clusterScoped: true, servedAsV1alpha1: false, webhook: true },
  Buildpack: { clusterScoped: false, servedAsV1alpha1: false, webhook: true },
  ClusterLifecycle: { clusterScoped: true, servedAsV1alpha1: false, webhook: true },
  Builder: { clusterScoped: false, servedAsV1alpha1: true, webhook: true },
  ClusterBuilder: { clusterScoped: true, servedAsV1alpha1: true, webhook: true },
  Image: { clusterScoped: false, servedAsV1alpha1: true, webhook: true },
  Build: { clusterScoped: false, servedAsV1alpha1: true, webhook: true },
  SourceResolver: { clusterScoped: false, servedAsV1alpha1: true, webhook: false },
};

const hasOwn = Object.prototype.hasOwnProperty;

export function kindInfo(kind: string): KindInfo | undefined {
  return hasOwn.call(KIND_INFO, kind) ? KIND_INFO[kind] : undefined;
}

/** Whether objects of `kind` live in a namespace (core kinds read for references included). */
export function isNamespaced(kind: string): boolean {
  const info = kindInfo(kind);
  return info ? !info.clusterScoped : true;
}

/** The ClusterLifecycle kpack installs, which Builders use when they name none. */
export const DEFAULT_LIFECYCLE = 'default-lifecycle';
/** The namespace of objects that give none, and the ServiceAccount every namespace has. */
export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The annotation by which a ClusterStore, ClusterBuildpack or Buildpack declares the buildpack ids it provides. */
export const BUILDPACK_IDS_ANNOTATION = 'kpack.cdk8s.io/buildpack-ids';
