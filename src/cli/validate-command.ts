/**
 * `cdk8s-kpack validate PATH...`: checks kpack YAML with the rule engine the constructs use.
 */
import { parseArgs, UsageError } from './args';
import { loadInput, location, reportProblems } from './input';
import { CliIo, EXIT_ERRORS, EXIT_INPUT, EXIT_OK } from './io';
import { lineOfField, LoadOptions, SourceDocument } from './yaml-source';
import { Finding, Severity, Stage } from '../validation/finding';
import { KPACK_GROUP } from '../validation/kinds';
import { knownVersions } from '../validation/schema';
import { DEFAULT_KPACK_VERSION, validatePositioned } from '../validation/validator';

export const VALIDATE_USAGE = `usage: cdk8s-kpack validate [options] PATH...

Checks kpack YAML against kpack's admission rules, unknown fields and the references between the objects.
PATH is a file, a folder (every *.yaml and *.yml below it) or - for standard input.

options:
  --json                   print the findings as a JSON array
  --kpack-version VERSION  the kpack version to check against: ${knownVersions().join(', ')} (default ${DEFAULT_KPACK_VERSION})
  --strict                 advice (what kpack admits but is probably not meant, such as a field kpack drops) is an error
  --strict-references      a reference to an object that is not in the input is an error, not a warning
  --default-storage-class true|false
                           whether the cluster has a default StorageClass (default: assumed, and said once)
  -h, --help               show this help

Each finding has a stage: admission (kubectl apply is refused), runtime (admitted, but kpack or Kubernetes
will certainly fail it later) or advice (admitted and working, probably not what was meant). Admission and
runtime findings are errors, advice is a warning unless --strict.

exit codes: 0 no errors (warnings allowed), 1 errors, 2 input that cannot be read or a wrong command line
`;

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

/** Options the validation plugin passes on. */
export interface CheckOptions {
  readonly kpackVersion?: string;
  readonly strict?: boolean;
  readonly strictReferences?: boolean;
  readonly defaultStorageClass?: boolean;
}

/** The findings of a check, each with its file and line, and what the check assumed of the cluster. */
export interface CheckResult {
  readonly findings: LocatedFinding[];
  readonly assumptions: string[];
}

/** Runs the engine over loaded documents, each finding with its file and line. */
export function checkDocuments(documents: readonly SourceDocument[], options: CheckOptions): CheckResult {
  const result = validatePositioned(documents.map(d => d.value), options);
  const located = result.findings.map(({ position, finding }) => ({ position, finding: locate(documents[position], finding) }));
  // By document, then by line (the engine orders a document's findings by field path).
  located.sort((a, b) => a.position - b.position || a.finding.line - b.finding.line);
  return { findings: located.map(l => l.finding), assumptions: result.assumptions };
}

function locate(doc: SourceDocument, f: Finding): LocatedFinding {
  return {
    severity: f.severity,
    stage: f.stage,
    file: doc.file,
    line: lineOfField(doc, f.path),
    kind: f.kind,
    name: f.name,
    namespace: f.namespace ?? null,
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

/** One line: `file:line: error (admission): Image team-a/app: spec.tag "x" is not ... [I-1]`. */
export function formatFinding(f: LocatedFinding): string {
  const message = f.path === '' || f.message.startsWith(f.path) || f.message.includes(` ${f.path}`) ? f.message : `${f.path}: ${f.message}`;
  return `${location(f.file, f.line)}: ${f.severity} (${f.stage}): ${objectName(f)}: ${message} [${f.rule}]`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function validateCommand(args: string[], io: CliIo, loadOptions?: LoadOptions): number {
  let parsed;
  try {
    parsed = parseArgs(args, {
      flags: ['json', 'strict', 'strict-references', 'help', 'h'],
      options: { 'kpack-version': knownVersions(), 'default-storage-class': ['true', 'false'] },
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdk8s-kpack validate: ${e.message}\n\n${VALIDATE_USAGE}`);
    return EXIT_INPUT;
  }
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) {
    io.err(`cdk8s-kpack validate: give at least one file or folder\n\n${VALIDATE_USAGE}`);
    return EXIT_INPUT;
  }

  const input = loadInput(parsed.positionals, loadOptions);
  if (reportProblems(input.problems, 'validate', io)) return EXIT_INPUT;

  const storageClass = parsed.options.get('default-storage-class');
  const { findings, assumptions } = checkDocuments(input.documents, {
    kpackVersion: parsed.options.get('kpack-version') ?? DEFAULT_KPACK_VERSION,
    strict: parsed.flags.has('strict'),
    strictReferences: parsed.flags.has('strict-references'),
    defaultStorageClass: storageClass === undefined ? undefined : storageClass === 'true',
  });
  const errors = findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = findings.length - errors;

  if (parsed.flags.has('json')) {
    io.out(JSON.stringify(findings, undefined, 2) + '\n');
  } else {
    for (const f of findings) io.out(formatFinding(f) + '\n');
    for (const a of assumptions) io.out(`cdk8s-kpack validate: note: ${a}\n`);
    const kpackObjects = input.documents.filter(d => isKpackDocument(d.value)).length;
    const result = findings.length === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    io.out(`cdk8s-kpack validate: ${result} in ${plural(kpackObjects, 'kpack object')} `
      + `(${plural(input.documents.length, 'document')} in ${plural(input.files.length, 'file')}, kpack ${parsed.options.get('kpack-version') ?? DEFAULT_KPACK_VERSION})\n`);
  }
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

/** Whether a document is a kpack.io object. */
export function isKpackDocument(value: { readonly [key: string]: unknown }): boolean {
  const apiVersion = value.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${KPACK_GROUP}/`);
}
