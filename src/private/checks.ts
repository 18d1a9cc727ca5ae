/**
 * The one module that hooks the synth-time checks (src/private/check-app.ts) into cdk8s, and what the app declares
 * of itself for them (its L2 owners, imports, kpack version, cluster, warnings).
 *
 * cdk8s offers one supported hook, validations: they run once per `app.synth()` and once more for every chart it
 * renders (`Chart.toJson` validates the whole app), and in `Testing.synth`. It has no hook for "a synth begins /
 * ends", which is needed so the engine and the rendering run once per synth rather than once per chart. So the
 * app's `synth` and `synthYaml` are wrapped on the instance (nothing else of cdk8s is touched); a contract test
 * (test/checks-contract.test.ts) pins the behaviour over the oldest and newest cdk8s 2.x.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppWarning, chartNamespace, checkApp, namespaceIn } from './check-app';
import { KpackVersion } from '../platform/version';
import { RuleId } from '../validation/catalogue';
import { ObjectKey } from '../validation/finding';

export { chartNamespace, namespaceIn };

const CHECKS = Symbol.for('cdk8s-kpack.AppChecks');

/** Set to `silent` to keep `app.synth()` from printing warnings. */
export const WARNINGS_ENV = 'CDK8S_KPACK_WARNINGS';

export class AppChecks {
  /** The checks of the app that `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): AppChecks {
    // Up the scopes by hand: `node.root` builds the array of all scopes, and this runs for every object.
    let root: any = scope;
    while (root.node.scope) root = root.node.scope;
    if (!root[CHECKS]) {
      Object.defineProperty(root, CHECKS, { value: new AppChecks(root) });
    }
    return root[CHECKS];
  }

  /** The kpack version the app targets: the platform's when the app installs one. */
  public kpackVersion: KpackVersion = KpackVersion._default();
  /** The version `KpackVersion.useIn` chose, if it was called. */
  private chosen: KpackVersion | undefined;
  /** Whether the cluster the app is applied to has a default StorageClass. */
  public defaultStorageClass = true;

  private readonly owners = new Map<ApiObject, IConstruct>();
  private readonly externals: ObjectKey[] = [];
  /** Imports that registered their own key (with more than a name), so the generic import scan skips them. */
  private readonly registered = new WeakSet<IConstruct>();
  /** Warnings of constructs, added when they are built. */
  private readonly constructWarnings: AppWarning[] = [];
  /** Warnings of the last check (the engine's, and those validations add), replaced by each check. */
  private runWarnings: AppWarning[] = [];
  private readonly watched = new WeakSet<IConstruct>();
  private errors = new Map<IConstruct, string[]>();
  /** How deep we are in `app.synth()` / `app.synthYaml()` calls of the root. */
  private synthDepth = 0;
  /** Whether the outermost call is `app.synth()`, which prints the warnings when it ends. */
  private printing = false;
  /** The result of the first validation pass of the current synth (cdk8s validates once more per chart). */
  private passResult: string[] | undefined;
  /** Objects rendered by the first pass of the current synth, reused when cdk8s renders the charts. */
  private readonly rendered = new Map<ApiObject, any>();
  private readonly printed = new Set<string>();

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.validate() });
    this.wrapSynth('synth', true);
    this.wrapSynth('synthYaml', false);
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

  /** `KpackVersion.useIn`: the app targets `version` (unless its platform installs another: the caller checks). */
  public targetVersion(version: KpackVersion): void {
    this.chosen = version;
    this.kpackVersion = version;
  }

  /** The app's KpackPlatform installs `version`: the app targets it, and must not have chosen another with useIn. */
  public installVersion(version: KpackVersion, platformPath: string): void {
    if (this.chosen && this.chosen.tag !== version.tag) {
      throw new Error(`KpackPlatform "${platformPath}": it installs kpack ${version.tag}, but KpackVersion.useIn made the app `
        + `target ${this.chosen.tag}: an app targets the version its platform installs, give the platform version ${this.chosen.tag} `
        + 'or do not call useIn');
    }
    this.kpackVersion = version;
  }

  /** `owner` (an L2 construct) reports the findings of `apiObject`. */
  public own(owner: IConstruct, apiObject: ApiObject): void {
    this.owners.set(apiObject, owner);
  }

  /** An object that exists outside the app (an import such as `ClusterStack.fromClusterStackName`). */
  public addExternal(key: ObjectKey, construct?: IConstruct): void {
    this.externals.push(key);
    if (construct) this.registered.add(construct);
  }

  /** A warning about `construct`, from when it was built. */
  public addWarning(construct: IConstruct, message: string, rule: RuleId): void {
    this.constructWarnings.push({ path: construct.node.path, rule, message });
  }

  /** A warning found while the app is validated (e.g. by the image lock); kept until the next check. */
  public addRunWarning(construct: IConstruct, message: string, rule: RuleId): void {
    this.runWarnings.push({ path: construct.node.path, rule, message });
  }

  /** Runs the app's checks now (every validation of the root: these and the image lock's) and returns its warnings, each once. */
  public warnings(): AppWarning[] {
    this.root.node.validate();
    return this.currentWarnings();
  }

  private currentWarnings(): AppWarning[] {
    const seen = new Set<string>();
    const all: AppWarning[] = [];
    for (const w of [...this.constructWarnings, ...this.runWarnings]) {
      const key = `${w.path}\u0000${w.rule}\u0000${w.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(w);
    }
    return all;
  }

  private watch(reporter: IConstruct): void {
    if (this.watched.has(reporter)) return;
    this.watched.add(reporter);
    reporter.node.addValidation({ validate: () => this.errors.get(reporter) ?? [] });
  }

  /** Within one synth, the first pass's result stands (linear cost, not charts x objects). */
  private validate(): string[] {
    if (this.synthDepth > 0 && this.passResult) return this.passResult;
    const result = this.run();
    if (this.synthDepth > 0) this.passResult = result;
    return result;
  }

  /** Marks the calls of `synth()` / `synthYaml()` on the root (an App), the span in which results are reused. */
  private wrapSynth(method: string, prints: boolean): void {
    const root = this.root as any;
    const original = root[method];
    if (typeof original !== 'function') return;
    Object.defineProperty(root, method, {
      configurable: true,
      writable: true,
      value: (...args: any[]) => {
        if (this.synthDepth++ === 0) this.printing = prints;
        try {
          return original.apply(root, args);
        } catch (error) {
          throw this.synthDepth === 1 ? withoutFrames(error) : error;
        } finally {
          if (--this.synthDepth === 0) {
            if (this.printing) this.printWarnings();
            this.passResult = undefined;
            this.rendered.clear();
          }
        }
      },
    });
  }

  private run(): string[] {
    // Validations added by others (the image lock) run after this one and add to the new run's warnings.
    this.runWarnings = [];
    const result = checkApp(this.root, {
      kpackVersion: this.kpackVersion._rulesTag,
      defaultStorageClass: this.defaultStorageClass,
      externals: this.externals,
      registered: this.registered,
      ownerOf: apiObject => this.owners.get(apiObject),
      render: apiObject => apiObject.toJson(),
    });
    // cdk8s validates the root first (pre-order), so reporters watched now are validated later in this pass.
    for (const reporter of result.errors.keys()) this.watch(reporter);
    this.errors = result.errors;
    this.runWarnings.push(...result.warnings);
    return result.renderErrors;
  }

  /** Prints the app's warnings on stderr once each (`cdk8s-kpack warning: [path] message [rule]`). */
  private printWarnings(): void {
    if (process.env[WARNINGS_ENV] === 'silent') return;
    for (const w of this.currentWarnings()) {
      const line = `cdk8s-kpack warning: [${w.path}] ${w.message} [${w.rule}]`;
      if (this.printed.has(line)) continue;
      this.printed.add(line);
      process.stderr.write(`${line}\n`);
    }
  }
}

/** How cdk8s's App.synth reports failed construct validations (cdk8s src/app.ts `validate`). */
const CDK8S_VALIDATION_FAILED = 'Validation failed with the following errors';

/**
 * A failed validation's error without its stack frames: the message names each construct, field and value, and the
 * frames (inside cdk8s's App.synth) would only bury it under a trace when `cdk8s synth` prints the uncaught error.
 * Any other error keeps its stack.
 */
function withoutFrames(error: unknown): unknown {
  if (error instanceof Error && error.message.startsWith(CDK8S_VALIDATION_FAILED)) {
    error.stack = `${error.name}: ${error.message}`;
  }
  return error;
}
