/**
 * The synth-time checks as a pure function of the construct tree: render every kpack object of the app (and the
 * ServiceAccounts and Secrets they reference), run the rule engine over them with what the app declared of itself
 * (imports, kpack version, cluster), and say which construct reports which error and which warning.
 *
 * Nothing here touches how cdk8s synthesizes; src/private/checks.ts hooks this into cdk8s.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { RuleId } from '../validation/catalogue';
import { engine } from '../validation/engine';
import { ObjectKey, Stage } from '../validation/finding';
import { DEFAULT_NAMESPACE, KPACK_GROUP } from '../validation/kinds';

/** A warning of the app, with the construct it is about. */
export interface AppWarning {
  /** Construct path of the object the warning is about. */
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** What the app declares of itself, read by the checks. */
export interface AppDeclarations {
  /** kpack version tag, e.g. `v0.17.2`. */
  readonly kpackVersion: string;
  /** Whether the cluster has a default StorageClass. */
  readonly defaultStorageClass: boolean;
  /** Objects that exist outside the app (imports that registered themselves). */
  readonly externals: readonly ObjectKey[];
  /** Imports that registered a key of their own; the generic scan of cdk8s-plus imports skips them. */
  readonly registered: WeakSet<IConstruct>;
  /** The construct that reports the findings of an ApiObject (its L2 owner); the ApiObject itself when absent. */
  readonly ownerOf: (apiObject: ApiObject) => IConstruct | undefined;
  /** Renders an ApiObject (a cached JSON within one synth). */
  readonly render: (apiObject: ApiObject) => any;
}

/** The outcome of checking an app. */
export interface AppCheckResult {
  /** Error messages by the construct that reports them. */
  readonly errors: Map<IConstruct, string[]>;
  readonly warnings: AppWarning[];
  /** Objects that could not be rendered, as `[path] message`. */
  readonly renderErrors: string[];
}

/** Runs the rule engine over the app of `root`. */
export function checkApp(root: IConstruct, app: AppDeclarations): AppCheckResult {
  const objects: ApiObject[] = [];
  const manifests: any[] = [];
  const renderErrors: string[] = [];
  const externals = [...app.externals];
  for (const c of root.node.findAll()) {
    const imported = app.registered.has(c) ? undefined : importedKubernetesObject(c);
    if (imported) externals.push(imported);
    if (!ApiObject.isApiObject(c) || !isChecked(c)) continue;
    try {
      manifests.push(app.render(c));
      objects.push(c);
    } catch (e) {
      renderErrors.push(`[${c.node.path}] ${(e as Error).message}`);
    }
  }
  const { findings } = engine().validatePositioned(manifests, {
    kpackVersion: app.kpackVersion,
    defaultStorageClass: app.defaultStorageClass,
    externalObjects: externals,
  });

  const errors = new Map<IConstruct, string[]>();
  const warnings: AppWarning[] = [];
  for (const { position, finding: f } of findings) {
    const apiObject = objects[position];
    // Objects that no L2 construct owns (L1 classes, Include) report on their own ApiObject.
    const reporter = app.ownerOf(apiObject) ?? apiObject;
    if (synthTreatment(f.stage, f.rule) === 'error') {
      const list = errors.get(reporter);
      if (list) list.push(f.message);
      else errors.set(reporter, [f.message]);
    } else {
      warnings.push({ path: reporter.node.path, rule: f.rule, message: f.message });
    }
  }
  return { errors, warnings, renderErrors };
}

/**
 * Synth is strict for what the app defines: admission and runtime findings are errors, and so is advice, unless the
 * catalogue keeps a rule a warning (with its reason).
 */
export function synthTreatment(stage: Stage, rule: string): 'error' | 'warning' {
  if (stage !== Stage.ADVICE) return 'error';
  // The catalogue is read only here, when an app has advice: loaded then, not by `require('cdk8s-kpack')`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ruleInfo } = require('../validation/catalogue') as typeof import('../validation/catalogue');
  return ruleInfo(rule as RuleId)?.atSynth ?? 'error';
}

/**
 * A ServiceAccount or Secret imported with cdk8s-plus (`fromServiceAccountName`, `fromSecretName`): it exists
 * outside the app, so references to it are not reported as missing. A Secret import carries no namespace; it
 * is taken to be in its chart's namespace, else `default`.
 */
function importedKubernetesObject(c: IConstruct): ObjectKey | undefined {
  const o = c as any;
  if (ApiObject.isApiObject(c) || (o.kind !== 'ServiceAccount' && o.kind !== 'Secret') || typeof o.name !== 'string') return undefined;
  if (c.node.tryFindChild('Resource')) return undefined; // created in the app: its ApiObject is checked
  const namespace = typeof o.namespace === 'string' ? o.namespace
    : typeof o.toSubjectConfiguration === 'function' ? o.toSubjectConfiguration().namespace : undefined;
  return { kind: o.kind, name: o.name, namespaceName: namespaceIn(c, namespace) };
}

/** The namespace of the chart `c` is in; undefined outside any chart (an import made directly in the App). */
export function chartNamespace(c: IConstruct): string | undefined {
  // Up the scopes by hand (the nearest chart): `node.scopes` builds the array of all of them, for every object.
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (Chart.isChart(s)) return s.namespace;
  }
  return undefined;
}

/** The namespace a namespaced object made (or imported) in `scope` is in: the given one, else its chart's, else `default`. */
export function namespaceIn(scope: IConstruct, given?: string): string {
  return given ?? chartNamespace(scope) ?? DEFAULT_NAMESPACE;
}

function isChecked(o: ApiObject): boolean {
  return o.apiGroup === KPACK_GROUP || (o.apiVersion === 'v1' && (o.kind === 'ServiceAccount' || o.kind === 'Secret'));
}
