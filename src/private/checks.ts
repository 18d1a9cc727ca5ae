import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KpackVersion } from '../platform/version';
import { ObjectKey, Severity } from '../validation';
import { PROMOTED_AT_SYNTH } from '../validation/rules/credentials';
import { validatePositioned } from '../validation/validator';

const CHECKS = Symbol.for('cdk8s-kpack.AppChecks');

/**
 * Runs the rule engine once per validation pass over every kpack object of an app (and the ServiceAccounts and
 * Secrets they reference), then hands each object its own findings.
 *
 * cdk8s validates an app by visiting its constructs in pre-order, so the validation registered on the root runs
 * first and the per-object validations that follow read what it found. Each error is reported on the construct
 * that owns the object, so cdk8s prefixes the right construct path.
 */
export class AppChecks {
  /** The checks of the app that `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): AppChecks {
    // Up the scopes by hand: `node.root` builds the array of all scopes, and this runs for every object at
    // construction and twice more per synth (KpackApiObject.toJson).
    let root: any = scope;
    while (root.node.scope) root = root.node.scope;
    if (!root[CHECKS]) {
      Object.defineProperty(root, CHECKS, { value: new AppChecks(root) });
    }
    return root[CHECKS];
  }

  /** The kpack version the app targets: the platform's when the app installs one. */
  public kpackVersion: KpackVersion = KpackVersion.V0_17_2;

  private readonly owners = new Map<ApiObject, IConstruct>();
  private readonly externals: ObjectKey[] = [];
  /** Imports that registered their own key (with more than a name), so the generic import scan skips them. */
  private readonly registered = new WeakSet<IConstruct>();
  private readonly warnings: Array<{ construct: IConstruct; message: string }> = [];
  private readonly watched = new WeakSet<IConstruct>();
  private errors = new Map<ApiObject, string[]>();
  private readonly warned = new Set<string>();
  /** How deep we are in `app.synth()` / `app.synthYaml()` calls of the root. */
  private synthDepth = 0;
  /** The result of the first validation pass of the current synth (cdk8s validates once more per chart). */
  private passResult: string[] | undefined;
  /** Objects rendered by the first pass of the current synth, reused when cdk8s renders the charts. */
  private readonly rendered = new Map<ApiObject, any>();

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.validate() });
    this.wrapSynth('synth');
    this.wrapSynth('synthYaml');
  }

  /**
   * The JSON of an object rendered earlier in the current synth (nothing can change it until the synth returns),
   * or `undefined`: outside a synth, or not rendered yet.
   */
  public renderedJson(apiObject: ApiObject): any {
    return this.synthDepth > 0 ? this.rendered.get(apiObject) : undefined;
  }

  /** Keeps the JSON of an object for the rest of the current synth (no-op outside a synth). */
  public keepRendered(apiObject: ApiObject, json: any): void {
    if (this.synthDepth > 0) this.rendered.set(apiObject, json);
  }

  /**
   * `owner` (an L2 construct) reports the findings of `apiObject`. Its validation is added when the engine finds
   * an error: cdk8s validates the root first (pre-order), so that is before the owner's turn in the same pass.
   */
  public own(owner: IConstruct, apiObject: ApiObject): void {
    this.owners.set(apiObject, owner);
  }

  /** An object that exists outside the app (an import such as `ClusterStack.fromClusterStackName`). */
  public addExternal(key: ObjectKey, construct?: IConstruct): void {
    this.externals.push(key);
    if (construct) this.registered.add(construct);
  }

  /** A warning about `construct`, printed once when the app is validated (synthesized). */
  public addWarning(construct: IConstruct, message: string): void {
    this.warnings.push({ construct, message });
  }

  private watch(reporter: IConstruct, apiObject: ApiObject): void {
    if (this.watched.has(reporter)) return;
    this.watched.add(reporter);
    reporter.node.addValidation({ validate: () => this.errors.get(apiObject) ?? [] });
  }

  /**
   * cdk8s validates the whole app once per `app.synth()` and once more for each chart it renders, and no user
   * code runs in between: within one synth, the first pass's result stands (linear cost, not charts x objects).
   */
  private validate(): string[] {
    if (this.synthDepth > 0 && this.passResult) return this.passResult;
    const result = this.run();
    if (this.synthDepth > 0) this.passResult = result;
    return result;
  }

  /** Marks the calls of `synth()` / `synthYaml()` on the root (an App), the span in which results are reused. */
  private wrapSynth(method: string): void {
    const root = this.root as any;
    const original = root[method];
    if (typeof original !== 'function') return;
    Object.defineProperty(root, method, {
      configurable: true,
      writable: true,
      value: (...args: any[]) => {
        this.synthDepth++;
        try {
          return original.apply(root, args);
        } finally {
          if (--this.synthDepth === 0) {
            this.passResult = undefined;
            this.rendered.clear();
          }
        }
      },
    });
  }

  private run(): string[] {
    const objects: ApiObject[] = [];
    const manifests: any[] = [];
    const renderErrors: string[] = [];
    const externals = [...this.externals];
    for (const c of this.root.node.findAll()) {
      const imported = this.registered.has(c) ? undefined : importedKubernetesObject(c);
      if (imported) externals.push(imported);
      if (!ApiObject.isApiObject(c) || !isChecked(c)) continue;
      try {
        manifests.push(c.toJson());
        objects.push(c);
      } catch (e) {
        renderErrors.push(`[${c.node.path}] ${(e as Error).message}`);
      }
    }
    const findings = validatePositioned(manifests, {
      kpackVersion: this.kpackVersion.tag,
      externalObjects: externals,
    });

    this.errors = new Map();
    for (const { position, finding: f } of findings) {
      const apiObject = objects[position];
      const owner = this.owners.get(apiObject) ?? apiObject;
      if (f.rule === 'I-14') {
        // The default volume cache needs a default StorageClass, which nearly every cluster has; the Image's
        // `cache` doc says so. Warning on every Image would drown the warnings that matter.
        continue;
      } else if (f.severity === Severity.ERROR || PROMOTED_AT_SYNTH.has(f.rule)) {
        // Credential findings are warnings for YAML (kpack admits the objects); here the app defines the whole
        // ServiceAccount, so a credential kpack will not find is a certain build failure.
        // Objects that no L2 construct owns (L1 classes, Include) report on their own ApiObject.
        this.watch(owner, apiObject);
        const list = this.errors.get(apiObject) ?? [];
        list.push(f.message);
        this.errors.set(apiObject, list);
      } else {
        this.warn(`[${owner.node.path}] ${f.message}`);
      }
    }
    for (const w of this.warnings) this.warn(`[${w.construct.node.path}] ${w.message}`);
    return renderErrors;
  }

  /** Prints a synth warning on stderr (`cdk8s-kpack warning: ...`), once per distinct line. */
  public warn(line: string): void {
    if (this.warned.has(line)) return;
    this.warned.add(line);
    process.stderr.write(`cdk8s-kpack warning: ${line}\n`);
  }
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
  return { kind: o.kind, name: o.name, namespace: namespace ?? chartNamespace(c) ?? 'default' };
}

/** The namespace of the chart `c` is in; undefined outside any chart (an import made directly in the App). */
export function chartNamespace(c: IConstruct): string | undefined {
  const chart = c.node.scopes.slice().reverse().find(Chart.isChart);
  return chart?.namespace;
}

function isChecked(o: ApiObject): boolean {
  return o.apiGroup === 'kpack.io' || (o.apiVersion === 'v1' && (o.kind === 'ServiceAccount' || o.kind === 'Secret'));
}
