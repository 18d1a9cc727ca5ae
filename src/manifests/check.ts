/**
 * The rule engine over read documents: each finding with the file and line of its field. Shared by the command
 * (src/cli) and the validation plugin (src/plugin).
 */
import { ManifestDocument } from './index';
import { engine } from '../validation/engine';
import { Finding, ObjectKey, Severity, Stage } from '../validation/finding';
import { KPACK_GROUP } from '../validation/kinds';

/** One finding with where it is, as `--json` prints it. */
export interface LocatedFinding {
  readonly severity: Severity;
  readonly stage: Stage;
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly path: string;
  readonly message: string;
  readonly rule: string;
}

/** Options the command and the validation plugin pass on. */
export interface CheckOptions {
  readonly kpackVersion?: string;
  readonly strict?: boolean;
  readonly strictReferences?: boolean;
  readonly defaultStorageClass?: boolean;
  /** Objects that exist in the cluster (`--external`). */
  readonly externalObjects?: readonly ObjectKey[];
  /** The objects as they are now (`--previous`): the documents are checked as updates of them. */
  readonly previousManifests?: readonly unknown[];
}

/** The findings of a check, each with its file and line, and what the check assumed of the cluster. */
export interface CheckResult {
  readonly findings: LocatedFinding[];
  /** For each finding, the index of its document in the documents checked. */
  readonly documents: number[];
  readonly assumptions: string[];
}

/** Runs the engine over loaded documents, each finding with its file and line. */
export function checkDocuments(documents: readonly ManifestDocument[], options: CheckOptions): CheckResult {
  const result = engine().validatePositioned(documents.map(d => d.value), options);
  const located = result.findings.map(({ position, finding }) => ({ position, finding: locate(documents[position], finding) }));
  // By document, then by line (the engine orders a document's findings by field path).
  located.sort((a, b) => a.position - b.position || a.finding.line - b.finding.line);
  return { findings: located.map(l => l.finding), documents: located.map(l => l.position), assumptions: result.assumptions };
}

function locate(doc: ManifestDocument, f: Finding): LocatedFinding {
  return {
    severity: f.severity,
    stage: f.stage,
    file: doc.file,
    line: doc.lineOf(f.path),
    kind: f.kind,
    name: f.name,
    namespace: f.namespaceName ?? null,
    path: f.path,
    message: f.message,
    rule: f.rule,
  };
}

/** `Image team-a/app`, `ClusterStack base`. */
export function objectName(f: { kind: string; name: string; namespace?: string | null }): string {
  const name = f.name === '' ? '(no name)' : f.name;
  return `${f.kind || '(no kind)'} ${f.namespace ? `${f.namespace}/` : ''}${name}`;
}

/** Whether a document is a kpack.io object. */
export function isKpackDocument(value: { readonly [key: string]: unknown }): boolean {
  const apiVersion = value.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${KPACK_GROUP}/`);
}
