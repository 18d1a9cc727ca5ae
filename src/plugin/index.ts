/**
 * The cdk8s validation plugin: `cdk8s synth` runs it over everything the app synthesized (objects from
 * constructs, `Include` and `Helm` alike) when cdk8s.yaml lists it under `validations`:
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-kpack
 *       version: 0.0.0
 *       class: KpackValidation
 *       properties: { kpackVersion: v0.17.2, strict: false, defaultStorageClass: true }
 */
import { LocatedFinding, checkDocuments, isKpackDocument, objectName } from '../cli/validate-command';
import { InputProblem, loadPaths } from '../cli/yaml-source';
import { Severity, Stage } from '../validation/finding';
import { knownVersions } from '../validation/schema';
import { DEFAULT_KPACK_VERSION } from '../validation/validator';

/** Properties of the `KpackValidation` plugin (the `properties` of its entry under `validations` in cdk8s.yaml). */
export interface KpackValidationProps {
  /**
   * kpack version whose API and rules apply (`v0.17.2` or `v0.16.1`).
   * @default 'v0.17.2'
   */
  readonly kpackVersion?: string;

  /**
   * Treat a reference to an object that is not in the synthesized manifests as an error.
   * @default false - such a reference is a warning, which does not fail the synth
   */
  readonly strictReferences?: boolean;

  /**
   * Report every advice finding (what kpack admits but is probably not meant, such as a field kpack silently
   * drops) as an error.
   * @default false - advice is reported as a warning, which does not fail the synth
   */
  readonly strict?: boolean;

  /**
   * Whether the cluster has a default StorageClass (without one, kpack refuses a volume cache that names no
   * StorageClass).
   * @default - assumed, and said once in the report
   */
  readonly defaultStorageClass?: boolean;
}

/**
 * A cdk8s validation plugin (for `cdk8s synth`, configured in cdk8s.yaml under `validations`) that checks every
 * synthesized manifest with the rule engine of cdk8s-kpack: kpack's admission rules, unknown fields and the
 * references between the objects. Errors fail the synth; warnings are reported and do not.
 */
export class KpackValidation {
  private readonly kpackVersion?: string;
  private readonly strictReferences: boolean;
  private readonly strict: boolean;
  private readonly defaultStorageClass?: boolean;

  /**
   * @param props the plugin's `properties` from cdk8s.yaml
   */
  public constructor(props: KpackValidationProps = {}) {
    const version = props.kpackVersion;
    if (version !== undefined && !knownVersions().includes(version)) {
      throw new Error(`kpackVersion ${JSON.stringify(version)} is not supported: use one of ${knownVersions().join(', ')}`);
    }
    this.kpackVersion = version;
    this.strictReferences = props.strictReferences === true;
    this.strict = props.strict === true;
    this.defaultStorageClass = typeof props.defaultStorageClass === 'boolean' ? props.defaultStorageClass : undefined;
  }

  /**
   * Checks the manifests of a cdk8s-cli `ValidationContext` and submits the report to it.
   *
   * @param context the cdk8s-cli `ValidationContext`: `manifests` (the paths of the synthesized files) and `report`
   */
  public async validate(context: any): Promise<void> {
    const manifests: string[] = Array.isArray(context?.manifests) ? context.manifests : [];
    const input = loadPaths(manifests);
    const report = context.report;
    for (const problem of input.problems) report.addViolation(problemViolation(problem));
    const { findings, assumptions } = input.problems.length > 0 ? { findings: [], assumptions: [] } : checkDocuments(input.documents, {
      kpackVersion: this.kpackVersion,
      strict: this.strict,
      strictReferences: this.strictReferences,
      defaultStorageClass: this.defaultStorageClass,
    });
    for (const f of findings) report.addViolation(findingViolation(f));
    const errors = findings.filter(f => f.severity === Severity.ERROR).length;
    report.submit(errors > 0 || input.problems.length > 0 ? 'failure' : 'success', {
      'kpack version': this.kpackVersion ?? DEFAULT_KPACK_VERSION,
      'kpack objects': String(input.documents.filter(d => isKpackDocument(d.value)).length),
      'errors': String(errors + input.problems.length),
      'warnings': String(findings.length - errors),
      ...assumptions.length > 0 ? { assumptions: assumptions.join('; ') } : {},
    });
  }
}

function findingViolation(f: LocatedFinding): any {
  return {
    ruleName: f.rule,
    recommendation: `${f.severity} (${f.stage}): ${objectName(f)}: ${f.message}`,
    fix: f.stage === Stage.ADMISSION
      ? 'kubectl apply would be refused: change the object as the recommendation says'
      : f.stage === Stage.RUNTIME
        ? 'kpack admits the object, but it can never work: change it as the recommendation says'
        : 'kpack admits the object: change it if the recommendation applies',
    violatingResources: [{ resourceName: f.name, manifestPath: f.file, locations: [`${f.path || '(the object)'} (line ${f.line})`] }],
  };
}

function problemViolation(p: InputProblem): any {
  return {
    ruleName: 'error: unreadable manifest',
    recommendation: p.message,
    fix: 'cdk8s-kpack could not read this file, so nothing was checked',
    violatingResources: [{ resourceName: '', manifestPath: p.file, locations: p.line === undefined ? [] : [`line ${p.line}`] }],
  };
}
