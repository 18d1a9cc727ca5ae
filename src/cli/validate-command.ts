/**
 * `cdk8s-kpack validate PATH...`: checks kpack YAML with the rule engine the constructs use.
 */
import { Command, CommandLine, optionLabel, OptionsSpec, readCommandLine, usageError, UsageError } from './args';
import { loadInput } from './input';
import { CliIo, EXIT_ERRORS, EXIT_INPUT, EXIT_OK, packageVersion } from './io';
import { closeMatches } from './suggest';
import { OUTPUT_FORMATS, OutputFormat, render, WARNINGS_PER_RULE } from './validate-report';
import { InputError, ReadOptions } from '../manifests';
import { checkDocuments, CheckResult } from '../manifests/check';
import { readExternalObjects } from '../manifests/external';
import { RULES } from '../validation/catalogue';
import { ObjectKey, Severity } from '../validation/finding';
import { knownVersions } from '../validation/schema';
import { DEFAULT_KPACK_VERSION } from '../validation/versions';

export { formatFinding } from './validate-report';

/** The options of validate. (A later `--previous OLD_PATH`, for the update rules, goes here and into `check`.) */
const OPTIONS: OptionsSpec = {
  'output': { type: 'string', short: 'o', values: OUTPUT_FORMATS },
  'json': { type: 'boolean' },
  'quiet': { type: 'boolean', short: 'q' },
  'kpack-version': { type: 'string', values: knownVersions() },
  'strict': { type: 'boolean' },
  'strict-references': { type: 'boolean' },
  'skip-rule': { type: 'string', multiple: true },
  'external': { type: 'string', multiple: true },
  'previous': { type: 'string', multiple: true },
  'default-storage-class': { type: 'string', values: ['true', 'false'] },
  'help': { type: 'boolean', short: 'h' },
};

export const VALIDATE_USAGE = `usage: cdk8s-kpack validate [options] PATH...

Checks kpack YAML against kpack's admission rules, unknown fields and the references between the objects.
PATH is a file, a folder (every *.yaml and *.yml below it) or - for standard input.

options:
  -o, --output FORMAT      text (default), json, junit, sarif (2.1.0) or github (GitHub Actions annotations);
                           input that cannot be read is reported in the same format
  --json                   the same as -o json
  -q, --quiet              report errors only
  --kpack-version VERSION  the kpack version to check against: ${knownVersions().join(', ')} (default ${DEFAULT_KPACK_VERSION})
  --strict                 advice (what kpack admits but is probably not meant, such as a field kpack drops) is an error
  --strict-references      a reference to an object that is not in the input is an error, not a warning
  --skip-rule ID           leave out the findings of a rule (repeatable, or ID,ID); the ids are in docs/rules.md
  --external FILE          objects that exist in the cluster, so references to them are fine (repeatable): a YAML
                           list of {kind, name, namespace}, or \`kubectl get -o yaml\` output
  --previous PATH          the objects as they are now (files or folders, repeatable; e.g. the main branch's output):
                           objects of the same kind, namespace and name in PATH... are checked as updates of them,
                           with kpack's update rules (an Image's tag and cache volume, a Build's spec cannot change)
  --default-storage-class true|false
                           whether the cluster has a default StorageClass (default: assumed, and said once)
  -h, --help               show this help

Each finding has a stage: admission (kubectl apply is refused), runtime (admitted, but kpack or Kubernetes
will certainly fail it later) or advice (admitted and working, probably not what was meant). Admission and
runtime findings are errors, advice is a warning unless --strict. Text and github output print the first
${WARNINGS_PER_RULE} warnings of each rule and count the others; json, junit and sarif list every finding.

exit codes: 0 no errors (warnings allowed), 1 errors, 2 input that cannot be read or a wrong command line
`;

/** The rule ids of `--skip-rule` (each may be a comma-separated list); unknown ids are a usage error. */
function skippedRules(values: readonly string[]): Set<string> {
  const ids = Object.keys(RULES);
  const skipped = new Set<string>();
  for (const id of values.flatMap(v => v.split(',')).map(v => v.trim())) {
    if (id === '') throw new UsageError('option --skip-rule needs a rule id, e.g. --skip-rule I-14');
    if (!ids.includes(id)) {
      const close = closeMatches(id, ids);
      throw new UsageError(`option --skip-rule ${JSON.stringify(id)} is not a rule id`
        + `${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}: the rules are listed in docs/rules.md`);
    }
    skipped.add(id);
  }
  return skipped;
}

function outputFormat(line: CommandLine): OutputFormat {
  const output = line.string('output') as OutputFormat | undefined;
  if (line.flag('json') && output !== undefined && output !== 'json') {
    throw new UsageError(`option --json and ${optionLabel('output', OPTIONS.output)} ${output} disagree: give one of them`);
  }
  return line.flag('json') ? 'json' : output ?? 'text';
}

const VALIDATE: Command = { name: 'validate', usage: VALIDATE_USAGE };

export function validateCommand(args: string[], io: CliIo, loadOptions?: ReadOptions): number {
  const read = readCommandLine(VALIDATE, args, OPTIONS, io, l => ({ format: outputFormat(l), skip: skippedRules(l.list('skip-rule')) }));
  if (typeof read === 'number') return read;
  const { line, value: { format, skip } } = read;
  if (line.positionals.length === 0) return usageError(VALIDATE, io, 'give at least one file or folder');

  const kpackVersion = line.string('kpack-version') ?? DEFAULT_KPACK_VERSION;
  const input = loadInput(line.positionals, loadOptions);
  const inputErrors: InputError[] = [...input.errors];
  const externalObjects: ObjectKey[] = [];
  for (const file of line.list('external')) {
    const external = readExternalObjects(file, loadOptions?.maxBytes);
    inputErrors.push(...external.errors.map(e => ({ ...e, message: `external objects: ${e.message}` })));
    externalObjects.push(...external.objects);
  }

  const previous = line.list('previous');
  const previousInput = previous.length > 0 ? loadInput(previous, loadOptions) : undefined;
  if (previousInput) inputErrors.push(...previousInput.errors.map(e => ({ ...e, message: `previous objects: ${e.message}` })));

  let result: CheckResult = { findings: [], documents: [], assumptions: [] };
  if (inputErrors.length === 0) {
    const storageClass = line.string('default-storage-class');
    result = checkDocuments(input.documents, {
      kpackVersion,
      strict: line.flag('strict'),
      strictReferences: line.flag('strict-references'),
      defaultStorageClass: storageClass === undefined ? undefined : storageClass === 'true',
      externalObjects,
      previousManifests: previousInput?.documents.map(d => d.value),
    });
  }
  const kept = result.findings.map((f, i) => ({ f, document: result.documents[i] })).filter(({ f }) => !skip.has(f.rule));
  const findings = kept.map(k => k.f);
  const rendered = render(format, {
    toolVersion: packageVersion(),
    kpackVersion,
    findings,
    findingDocuments: kept.map(k => k.document),
    documents: inputErrors.length === 0 ? input.documents : [],
    files: input.files,
    inputErrors,
    assumptions: result.assumptions,
    skipped: result.findings.length - findings.length,
    quiet: line.flag('quiet'),
  });
  if (rendered.out) io.out(rendered.out);
  if (rendered.err) io.err(rendered.err);
  if (inputErrors.length > 0) return EXIT_INPUT;
  return findings.some(f => f.severity === Severity.ERROR) ? EXIT_ERRORS : EXIT_OK;
}
