/** Typed access to the oracle (oracle/oracle.js): kpack's own admission chain, built from kpack's Go module. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle = require('../../oracle/oracle.js');

/** One error of kpack (knative's FieldError) or of the API server. */
export interface OracleError {
  readonly message: string;
  readonly paths: string[];
  readonly details?: string;
}

/** One error about an object kpack's controllers create from an admitted Image or Build (oracle/runtime.go). */
export interface OracleRuntimeError {
  /** The object refused: `PersistentVolumeClaim` (an Image's cache), `Build` (made from an Image), `Pod` (a build's). */
  readonly object: 'PersistentVolumeClaim' | 'Build' | 'Pod' | string;
  readonly message: string;
  /** The fields of the manifest it comes from (empty when it comes from none: a stand-in or kpack's own value). */
  readonly paths: string[];
  /** The fields of the created object, as Kubernetes (or kpack) names them. */
  readonly objectPaths: string[];
}

/** What Kubernetes (and kpack) say of the objects kpack's controllers create from an admitted Image or Build. */
export interface OracleRuntime {
  readonly admitted: boolean;
  readonly errors: OracleRuntimeError[];
}

/** The oracle's verdict on one document. */
export interface OracleLine {
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /**
   * false for documents the oracle has no judge for: kpack.io objects kpack's webhooks do not handle, and built-in
   * kinds without a Kubernetes validation in the oracle (oracle/kubernetes.go); true for built-in kinds it validates
   * with Kubernetes' own code (`refusedBy: "kubernetes"` when refused).
   */
  readonly judged: boolean;
  readonly update?: boolean;
  readonly admitted: boolean;
  readonly refusedBy?: string;
  readonly errors: OracleError[];
  readonly message?: string;
  readonly persisted?: any;
  /** For an Image or Build kpack admits: the build Pod, cache PVC and (for an Image) Build kpack makes of it. */
  readonly runtime?: OracleRuntime;
  /**
   * For a built-in object with a pod template (Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob):
   * Pod Security "restricted" (latest), by k8s.io/pod-security-admission's own evaluator (oracle/podsecurity.go).
   */
  readonly podSecurity?: OraclePodSecurity;
}

/** Pod Security admission's verdict on a pod template. */
export interface OraclePodSecurity {
  readonly level: string;
  readonly version: string;
  /** One per failed check, as Pod Security words it, e.g. `{ reason: 'privileged', detail: 'container "c" must not set ...' }`. */
  readonly violations: { readonly reason: string; readonly detail?: string }[];
}

export interface OracleOptions {
  /** @default true */
  readonly defaultStorageClass?: boolean;
  /** Objects that exist already (YAML or JSON text): same kind, namespace and name are judged as updates. */
  readonly previous?: string;
}

export const ORACLE_VERSIONS: readonly string[] = Object.keys(oracle.VERSIONS);

/** Whether Go is present to build the oracle. */
export function goAvailable(): boolean {
  return oracle.goAvailable();
}

/** Builds the oracle of a version (Go's build cache makes this quick after the first time). */
export function buildOracle(version: string): string {
  return oracle.oracleBinary(version);
}

/** Documents as the oracle reads them: one JSON document per YAML document. */
export function asDocuments(manifests: readonly unknown[]): string {
  return manifests.map(m => JSON.stringify(m)).join('\n---\n') + '\n';
}

/** Judges manifests (one line per manifest: callers pass only objects the oracle maps one to one). */
export function judge(version: string, manifests: readonly unknown[], options: OracleOptions = {}): OracleLine[] {
  if (manifests.length === 0) return [];
  const lines: OracleLine[] = oracle.judge(version, asDocuments(manifests), options);
  if (lines.length !== manifests.length) {
    throw new Error(`the oracle returned ${lines.length} lines for ${manifests.length} manifests`);
  }
  return lines;
}
