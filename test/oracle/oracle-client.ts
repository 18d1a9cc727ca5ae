/** Typed access to the oracle (oracle/oracle.js): kpack's own admission chain, built from kpack's Go module. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle = require('../../oracle/oracle.js');

/** One error of kpack (knative's FieldError) or of the API server. */
export interface OracleError {
  readonly message: string;
  readonly paths: string[];
  readonly details?: string;
}

/** The oracle's verdict on one document. */
export interface OracleLine {
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** false for documents that are not kpack objects kpack's webhooks handle. */
  readonly judged: boolean;
  readonly update?: boolean;
  readonly admitted: boolean;
  readonly refusedBy?: string;
  readonly errors: OracleError[];
  readonly message?: string;
  readonly persisted?: any;
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
