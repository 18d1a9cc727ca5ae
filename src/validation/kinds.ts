/**
 * The one table of kpack.io kinds: scope, resource name and webhooks, read by the rule engine, by the generator of the
 * L1 classes (projenrc/gen-kpack-api.ts) and by the constructs; and the names kpack gives what it installs. The
 * fields of each kind are elsewhere: src/imports/kpack-schema.ts (from kpack's Go types).
 */

export const KPACK_GROUP = 'kpack.io';
/** The only version kpack's webhooks are registered for (`matchPolicy: Exact`). */
export const CHECKED_API_VERSION = 'kpack.io/v1alpha2';
export const LEGACY_API_VERSION = 'kpack.io/v1alpha1';

export interface KindInfo {
  readonly clusterScoped: boolean;
  /** The kind's resource name (lower-case plural), as RBAC rules and `kubectl get` name it, e.g. `clusterstacks`. */
  readonly plural: string;
  /** Also served as kpack.io/v1alpha1 (per the CRDs). */
  readonly servedAsV1alpha1: boolean;
  /** Defaulted and validated by kpack's webhooks (all but SourceResolver). */
  readonly webhook: boolean;
}

export const KIND_INFO: { readonly [kind: string]: KindInfo } = {
  ClusterStack: { clusterScoped: true, plural: 'clusterstacks', servedAsV1alpha1: true, webhook: true },
  ClusterStore: { clusterScoped: true, plural: 'clusterstores', servedAsV1alpha1: true, webhook: true },
  ClusterBuildpack: { clusterScoped: true, plural: 'clusterbuildpacks', servedAsV1alpha1: false, webhook: true },
  Buildpack: { clusterScoped: false, plural: 'buildpacks', servedAsV1alpha1: false, webhook: true },
  ClusterLifecycle: { clusterScoped: true, plural: 'clusterlifecycles', servedAsV1alpha1: false, webhook: true },
  ClusterBuilder: { clusterScoped: true, plural: 'clusterbuilders', servedAsV1alpha1: true, webhook: true },
  Builder: { clusterScoped: false, plural: 'builders', servedAsV1alpha1: true, webhook: true },
  Image: { clusterScoped: false, plural: 'images', servedAsV1alpha1: true, webhook: true },
  Build: { clusterScoped: false, plural: 'builds', servedAsV1alpha1: true, webhook: true },
  SourceResolver: { clusterScoped: false, plural: 'sourceresolvers', servedAsV1alpha1: true, webhook: false },
};

const hasOwn = Object.prototype.hasOwnProperty;

export function kindInfo(kind: string): KindInfo | undefined {
  return hasOwn.call(KIND_INFO, kind) ? KIND_INFO[kind] : undefined;
}

/** What a kpack.io kind of the table is (for the constructs and the generator, which know only these kinds). */
export function kpackKind(kind: string): KindInfo {
  const info = kindInfo(kind);
  if (!info) throw new Error(`${kind} is not a kind of the table in src/validation/kinds.ts`);
  return info;
}

/** Whether objects of `kind` live in a namespace (core kinds read for references included). */
export function isNamespaced(kind: string): boolean {
  const info = kindInfo(kind);
  return info ? !info.clusterScoped : true;
}

/** The namespace kpack is installed in (its controller, webhook, and kp's configuration). */
export const KPACK_NAMESPACE = 'kpack';
/** The ClusterLifecycle kpack installs, which Builders use when they name none. */
export const DEFAULT_LIFECYCLE = 'default-lifecycle';
/** The namespace of objects that give none, and the ServiceAccount every namespace has. */
export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The annotation by which a ClusterStore, ClusterBuildpack or Buildpack declares the buildpack ids it provides. */
export const BUILDPACK_IDS_ANNOTATION = 'kpack.cdk8s.io/buildpack-ids';
