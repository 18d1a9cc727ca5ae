/**
 * The cdk8s validation plugin: `cdk8s synth` runs it over everything the app synthesized (objects from
 * constructs, `Include` and `Helm` alike) when cdk8s.yaml lists it under `validations`:
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-kpack
 *       version: 0.0.0
 *       class: KpackValidation
 *       properties: { kpackVersion: v0.17.2, strictReferences: false }
 */
import { InputError, readManifests } from '../manifests';
import { checkDocuments, isKpackDocument, LocatedFinding, objectName } from '../manifests/check';
import { Severity } from '../validation/finding';
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
}

/**
 * A cdk8s validation plugin (for `cdk8s synth`, configured in cdk8s.yaml under `validations`) that checks every
 * synthesized manifest with the rule engine of cdk8s-kpack: kpack's admission rules, unknown fields and the
 * references between the objects. Errors fail the synth; warnings are reported and do not.
 */
export class KpackValidation {
  private readonly kpackVersion?: string;
  private readonly strictReferences: boolean;

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
  }

  /**
   * Checks the manifests of a cdk8s-cli `ValidationContext` and submits the report to it.
   *
   * @param context the cdk8s-cli `ValidationContext`: `manifests` (the paths of the synthesized files) and `report`
   */
  public async validate(context: any): Promise<void> {
    const manifests: string[] = Array.isArray(context?.manifests) ? context.manifests : [];
    const input = readManifests(manifests);
    const report = context.report;
    for (const problem of input.errors) report.addViolation(problemViolation(problem));
    const findings = input.errors.length > 0 ? [] : checkDocuments(input.documents, {
      kpackVersion: this.kpackVersion,
      strictReferences: this.strictReferences,
    });
    for (const f of findings) report.addViolation(findingViolation(f));
    const errors = findings.filter(f => f.severity === Severity.ERROR).length;
    report.submit(errors > 0 || input.errors.length > 0 ? 'failure' : 'success', {
      'kpack version': this.kpackVersion ?? DEFAULT_KPACK_VERSION,
      'kpack objects': String(input.documents.filter(d => isKpackDocument(d.value)).length),
      'errors': String(errors + input.errors.length),
      'warnings': String(findings.length - errors),
    });
  }
}

function findingViolation(f: LocatedFinding): any {
  return {
    ruleName: `${f.severity}: ${f.rule} (${objectName(f)})`,
    recommendation: f.message,
    fix: f.severity === Severity.ERROR
      ? 'kpack rejects the object as it is: change it as the recommendation says'
      : 'kpack admits the object: change it if the recommendation applies',
    violatingResources: [{ resourceName: f.name, manifestPath: f.file, locations: [`${f.path || '(the object)'} (line ${f.line})`] }],
  };
}

function problemViolation(p: InputError): any {
  return {
    ruleName: 'error: unreadable manifest',
    recommendation: p.message,
    fix: 'cdk8s-kpack could not read this file, so nothing was checked',
    violatingResources: [{ resourceName: '', manifestPath: p.file, locations: p.line === undefined ? [] : [`line ${p.line}`] }],
  };
}
