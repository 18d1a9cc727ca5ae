/**
 * `cdk8s-kpack validate PATH...`: checks kpack YAML with the rule engine the constructs use.
 */
import { parseArgs, UsageError } from './args';
import { loadInput, location, reportProblems } from './input';
import { CliIo, EXIT_ERRORS, EXIT_INPUT, EXIT_OK } from './io';
import { ReadOptions } from '../manifests';
import { checkDocuments, isKpackDocument, LocatedFinding, objectName } from '../manifests/check';
import { Severity } from '../validation/finding';
import { knownVersions } from '../validation/schema';
import { DEFAULT_KPACK_VERSION } from '../validation/validator';

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

/** One line: `file:line: error (admission): Image team-a/app: spec.tag "x" is not ... [I-1]`. */
export function formatFinding(f: LocatedFinding): string {
  const message = f.path === '' || f.message.startsWith(f.path) || f.message.includes(` ${f.path}`) ? f.message : `${f.path}: ${f.message}`;
  return `${location(f.file, f.line)}: ${f.severity} (${f.stage}): ${objectName(f)}: ${message} [${f.rule}]`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function validateCommand(args: string[], io: CliIo, loadOptions?: ReadOptions): number {
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
  if (reportProblems(input.errors, 'validate', io)) return EXIT_INPUT;

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
