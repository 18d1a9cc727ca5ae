/**
 * The cdk8s validation plugin: `cdk8s synth` runs it over everything the app synthesized (objects from
 * constructs, `Include` and `Helm` alike) when cdk8s.yaml lists it under `validations`:
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-kpack
 *       version: 0.0.0
 *       class: KpackValidation
 *       properties: { kpackVersion: v0.17.2, strict: false, defaultStorageClass: true, external: cluster-objects.yaml }
 */
import type { InputError } from '../manifests';
import type { LocatedFinding } from '../manifests/check';
import { ObjectKey, Severity, Stage } from '../validation/finding';
import { DEFAULT_KPACK_VERSION } from '../validation/versions';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when first used (below) */
/**
 * The manifest reader and the checks over it (and with them the rule engine and its schemas), loaded when the
 * plugin first needs them: every app loads this module (the package's index exports the plugin), few run it, and
 * `require('cdk8s-kpack')` should not pay for them (issue 14).
 */
function manifests(): typeof import('../manifests') {
  return require('../manifests');
}
function check(): typeof import('../manifests/check') {
  return require('../manifests/check');
}
function externals(): typeof import('../manifests/external') {
  return require('../manifests/external');
}
function knownVersions(): readonly string[] {
  return (require('../validation/schema') as typeof import('../validation/schema')).knownVersions();
}
/* eslint-enable @typescript-eslint/no-require-imports */

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

  /**
   * Objects that exist in the cluster, so references to them are neither warnings nor errors: each `{kind, name,
   * namespace}`, and for a Secret its `type` and `kpack.io/*` annotations, which the credential checks read.
   * @default - none
   */
  readonly externalObjects?: ObjectKey[];

  /**
   * A file of objects that exist in the cluster, as `cdk8s-kpack validate --external` reads it: a YAML list of
   * `{kind, name, namespace}`, or `kubectl get -o yaml` output (of a Secret only its type and `kpack.io/*`
   * annotations are kept). Relative to the folder `cdk8s synth` runs in.
   * @default - none
   */
  readonly external?: string;
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
  private readonly externalObjects: ObjectKey[];
  private readonly external?: string;

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
    const objects: unknown = props.externalObjects;
    if (objects !== undefined && objects !== null && !Array.isArray(objects)) {
      throw new Error('externalObjects must be a list of {kind, name, namespace}');
    }
    this.externalObjects = Array.isArray(objects) ? externalKeys(objects) : [];
    const external: unknown = props.external;
    if (external !== undefined && external !== null && (typeof external !== 'string' || external === '')) {
      throw new Error(`external ${JSON.stringify(external)} must be the path of a file of external objects`);
    }
    this.external = typeof external === 'string' ? external : undefined;
  }

  /**
   * Checks the manifests of a cdk8s-cli `ValidationContext` and submits the report to it.
   *
   * @param context the cdk8s-cli `ValidationContext`: `manifests` (the paths of the synthesized files) and `report`
   */
  public async validate(context: any): Promise<void> {
    const paths: string[] = Array.isArray(context?.manifests) ? context.manifests : [];
    const input = manifests().readManifests(paths);
    const external = this.external === undefined ? { objects: [], errors: [] } : externals().readExternalObjects(this.external);
    const problems: InputError[] = [...input.errors, ...external.errors.map(e => ({ ...e, message: `external objects: ${e.message}` }))];
    const report = context.report;
    for (const problem of problems) report.addViolation(problemViolation(problem));
    const { findings, assumptions } = problems.length > 0 ? { findings: [], assumptions: [] } : check().checkDocuments(input.documents, {
      kpackVersion: this.kpackVersion,
      strict: this.strict,
      strictReferences: this.strictReferences,
      defaultStorageClass: this.defaultStorageClass,
      externalObjects: [...this.externalObjects, ...external.objects],
    });
    for (const f of findings) report.addViolation(findingViolation(f));
    const errors = findings.filter(f => f.severity === Severity.ERROR).length;
    report.submit(errors > 0 || problems.length > 0 ? 'failure' : 'success', {
      'kpack version': this.kpackVersion ?? DEFAULT_KPACK_VERSION,
      'kpack objects': String(input.documents.filter(d => check().isKpackDocument(d.value)).length),
      'errors': String(errors + problems.length),
      'warnings': String(findings.length - errors),
      ...assumptions.length > 0 ? { assumptions: assumptions.join('; ') } : {},
    });
  }
}

/** The keys of `externalObjects` as cdk8s.yaml gives them: each entry checked as `--external` checks a file's. */
function externalKeys(list: unknown[]): ObjectKey[] {
  const read = externals().parseExternalObjects('externalObjects', JSON.stringify(list));
  if (read.errors.length > 0) throw new Error(`externalObjects: ${read.errors[0].message}`);
  return read.objects;
}

function findingViolation(f: LocatedFinding): any {
  return {
    ruleName: f.rule,
    recommendation: `${f.severity} (${f.stage}): ${check().objectName(f)}: ${f.message}`,
    fix: f.stage === Stage.ADMISSION
      ? 'kubectl apply would be refused: change the object as the recommendation says'
      : f.stage === Stage.RUNTIME
        ? 'kpack admits the object, but it can never work: change it as the recommendation says'
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
