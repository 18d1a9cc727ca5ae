import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { child, redactText, show } from '../validation/json';
import { validateAnnotations, validateLabels, validateObjectMeta } from '../validation/kubernetes/metadata';
import { NAMESPACE_NAME, NameRule, OBJECT_NAME, validateName } from '../validation/kubernetes/names';
import { isPlainObject, Problem, typeOf } from '../validation/kubernetes/problem';

/**
 * Checks of construct props and method arguments, made at once (DESIGN: "throw at once for a bad argument"). Props
 * are typed in TypeScript, but JavaScript and Python callers can pass anything: every check says which prop, what
 * was given and what is expected, and one error lists every problem found.
 *
 * Messages read `<Kind> "<construct path>": <prop> <value> <what is wrong>: <what is allowed>`.
 */
export class PropChecks {
  /** Checks for a construct about to be created as `id` in `scope` (its path is known before it exists). */
  public static forNew(kind: string, scope: IConstruct, id: string): PropChecks {
    return new PropChecks(() => who(kind, scope, id));
  }

  /** Checks for a method of an existing construct. */
  public static forConstruct(kind: string, construct: IConstruct): PropChecks {
    return new PropChecks(() => who(kind, construct));
  }

  /**
   * @param owner what the messages are about, or a function that says it (a construct path costs a walk up the
   * tree, paid only when a message is made)
   */
  public constructor(private owned: string | (() => string), private readonly messages: string[] = [], private readonly prefix = '') {}

  /** What the messages are about, e.g. `Image "chart/web"`. */
  public get owner(): string {
    if (typeof this.owned === 'function') this.owned = this.owned();
    return this.owned;
  }

  /** Checks of a nested object: their messages start with `<path>.` and count as this one's. */
  public nested(path: string): PropChecks {
    return new PropChecks(() => this.owner, this.messages, `${this.prefix}${path}.`);
  }

  /** Whether a problem was found so far. */
  public get failed(): boolean {
    return this.messages.length > 0;
  }

  /** A problem with the message as given (it should start with the prop's path). */
  public fail(message: string): this {
    this.messages.push(this.prefix + message);
    return this;
  }

  /** Problems found by the Kubernetes rules (messages start with their path). */
  public add(problems: readonly Problem[]): this {
    for (const p of problems) this.fail(p.message);
    return this;
  }

  /** Throws one error listing every problem, if any. */
  public throwIfFailed(): void {
    if (this.messages.length === 0) return;
    throw new Error(redactText(`${this.owner}: ${this.messages.join('; ')}`));
  }

  /**
   * The props object: given (when required) and an object. Returns it (without the props set to `null`, which
   * JavaScript callers use for "not set"), or an empty object when optional props are missing. Missing required props,
   * or props that are not an object, throw at once: nothing more can be said about their fields.
   */
  public props(value: unknown, required: boolean, expected: string): Record<string, any> {
    if (value === undefined || value === null) {
      if (required) {
        this.fail(`props must be given: ${expected}`);
        this.throwIfFailed(); // nothing more to say
      }
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(`props must be an object (${expected}), got ${described(value)}`);
      this.throwIfFailed();
    }
    this.renderable('', value);
    const given = value as Record<string, any>;
    return Object.values(given).some(v => v === null) ? Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null)) : given;
  }

  /**
   * Map keys cdk8s cannot render, anywhere in plain data: an own `constructor` key breaks cdk8s's check for plain
   * objects, and `__proto__` is lost when it copies the map.
   */
  public renderable(path: string, value: unknown, depth = 0): void {
    if (!isObject(value) || depth > 20) return;
    if (Array.isArray(value)) {
      // Paths are made only for what is walked into: leaves cannot hold a bad key.
      value.forEach((v, i) => {
        if (isObject(v)) this.renderable(`${path}[${i}]`, v, depth + 1);
      });
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null && !Object.prototype.hasOwnProperty.call(value, 'constructor')) return;
    for (const key of Object.keys(value)) {
      if (key === 'constructor' || key === '__proto__') {
        this.fail(`${path === '' ? 'props' : path} has the key ${show(key)}, which cdk8s cannot render: use another key`);
      } else if (isObject(value[key])) {
        this.renderable(child(path, key), value[key], depth + 1);
      }
    }
  }

  /** Records `<path> must be <expected>, got <value>` when `ok` is false; returns `ok`. */
  public expect(ok: boolean, path: string, value: unknown, expected: string): boolean {
    if (!ok) this.fail(value === undefined || value === null ? `${path} is required: give ${expected}` : `${path} must be ${expected}, got ${described(value)}`);
    return ok;
  }

  /** A string (`required`: given; `nonEmpty`: not blank). */
  public string(path: string, value: unknown, options: { required?: boolean; nonEmpty?: boolean; expected?: string } = {}): value is string {
    const expected = options.expected ?? (options.nonEmpty ? 'a non-empty string' : 'a string');
    if (value === undefined || value === null) {
      if (options.required) this.fail(`${path} is required: give ${expected}`);
      return false;
    }
    if (typeof value !== 'string') return this.expect(false, path, value, expected);
    if (options.nonEmpty && value.trim() === '') {
      this.fail(`${path} must not be empty: give ${expected}`);
      return false;
    }
    return true;
  }

  /** An optional list of strings (each non-empty when `nonEmpty`). */
  public strings(path: string, value: unknown, options: { required?: boolean; nonEmpty?: boolean } = {}): value is string[] {
    if (value === undefined || value === null) {
      if (options.required) this.fail(`${path} is required: give a list of strings`);
      return false;
    }
    if (!Array.isArray(value)) return this.expect(false, path, value, 'a list of strings');
    let ok = true;
    value.forEach((v, i) => {
      ok = this.string(`${path}[${i}]`, v, { required: true, nonEmpty: options.nonEmpty }) && ok;
    });
    return ok;
  }

  /** An optional map of strings to strings. */
  public stringMap(path: string, value: unknown): value is { [key: string]: string } {
    if (value === undefined || value === null) return false;
    if (!isPlainObject(value)) return this.expect(false, path, value, 'a map of strings to strings');
    let ok = true;
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') {
        this.fail(`${child(path, k)} must be a string, got ${described(v)}`);
        ok = false;
      }
    }
    return ok;
  }

  /** An optional whole number of at least `min`. */
  public integer(path: string, value: unknown, min: number): value is number {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.expect(false, path, value, `a whole number, at least ${min}`);
    if (value < min) {
      this.fail(`${path} ${value} is too small: give a whole number, at least ${min}`);
      return false;
    }
    return true;
  }

  /** An optional boolean. */
  public boolean(path: string, value: unknown): value is boolean {
    if (value === undefined || value === null) return false;
    return this.expect(typeof value === 'boolean', path, value, 'true or false');
  }

  /** An optional value of an enum-like set. */
  public oneOf(path: string, value: unknown, values: readonly string[]): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === 'string' && values.includes(value)) return true;
    return this.expect(false, path, value, `one of ${values.map(v => show(v)).join(', ')}`);
  }

  /** An instance of one of our union-like classes (`ImageSource`, `ImageCache`, ...), told by its `_toKube`. */
  public instance(path: string, value: unknown, cls: Function, expected: string, required = false): boolean {
    if (value === undefined || value === null) {
      if (required) this.fail(`${path} is required: give ${expected}`);
      return false;
    }
    return this.expect(value instanceof cls || (isObject(value) && typeof value._toKube === 'function' && value.constructor?.name === cls.name),
      path, value, expected);
  }

  /** A cdk8s `Size` (`Size.gibibytes(2)`). */
  public size(path: string, value: unknown): value is Size {
    if (value === undefined || value === null) return false;
    const ok = value instanceof Size || (isObject(value) && typeof value.toKibibytes === 'function');
    if (!this.expect(ok, path, value, 'a Size, e.g. Size.gibibytes(2)')) return false;
    const kib = (value as Size).toKibibytes({ rounding: 2 /* SizeRoundingBehavior.NONE */ });
    return this.expect(Number.isFinite(kib), path, value, 'a Size of a finite amount');
  }

  /** A cdk8s `Duration` (`Duration.minutes(30)`). */
  public duration(path: string, value: unknown): value is Duration {
    if (value === undefined || value === null) return false;
    const ok = value instanceof Duration || (isObject(value) && typeof value.toMilliseconds === 'function' && typeof value.toHumanString === 'function');
    return this.expect(ok, path, value, 'a Duration, e.g. Duration.minutes(30)');
  }

  /** A cdk8s-plus `Cpu` (`Cpu.millis(500)`). */
  public cpu(path: string, value: unknown): value is kplus.Cpu {
    if (value === undefined || value === null) return false;
    return this.expect(value instanceof kplus.Cpu || (isObject(value) && typeof value.amount === 'string'), path, value, 'a Cpu, e.g. Cpu.millis(500)');
  }

  /** A cdk8s-plus `EnvValue` (`EnvValue.fromValue('x')`). */
  public envValue(path: string, value: unknown): value is kplus.EnvValue {
    const ok = value instanceof kplus.EnvValue || (isObject(value) && ('value' in value || 'valueFrom' in value) && !Array.isArray(value));
    return this.expect(ok, path, value, 'an EnvValue, e.g. EnvValue.fromValue("17")');
  }

  /**
   * A reference to a Kubernetes object (a construct or an import): an object with a string `name` (and, when `kinds`
   * is given, a `kind` among them).
   */
  public ref(path: string, value: unknown, expected: string, kinds?: readonly string[], required = false): boolean {
    if (value === undefined || value === null) {
      if (required) this.fail(`${path} is required: give ${expected}`);
      return false;
    }
    if (!isObject(value) || typeof value.name !== 'string' || typeof value.kind !== 'string') return this.expect(false, path, value, expected);
    if (kinds && !kinds.includes(value.kind)) {
      this.fail(`${path} must be ${expected}, got ${value.kind} ${show(value.name)}`);
      return false;
    }
    return true;
  }

  /** A ServiceAccount reference (`kplus.IServiceAccount`): a name that is a valid ServiceAccount name. */
  public serviceAccount(path: string, value: unknown, required = false): value is kplus.IServiceAccount {
    const expected = 'a ServiceAccount (a BuildServiceAccount, a cdk8s-plus ServiceAccount, or ServiceAccount.fromServiceAccountName)';
    if (!this.ref(path, value, expected, ['ServiceAccount'], required)) return false;
    return this.checkName(path, (value as any).name);
  }

  /** A Secret reference (`kplus.ISecret`). */
  public secret(path: string, value: unknown, required = false): value is kplus.ISecret {
    if (!this.ref(path, value, 'a Secret (a credential construct, a cdk8s-plus Secret, or Secret.fromSecretName)', ['Secret'], required)) return false;
    return this.checkName(path, (value as any).name);
  }

  /** A list of Secret references. */
  public secrets(path: string, value: unknown): value is kplus.ISecret[] {
    if (value === undefined || value === null) return false;
    if (!Array.isArray(value)) return this.expect(false, path, value, 'a list of Secrets');
    let ok = true;
    value.forEach((s, i) => {
      ok = this.secret(`${path}[${i}]`, s, true) && ok;
    });
    return ok;
  }

  /** A referenced object's name (unless it is a token cdk8s resolves later). */
  private checkName(path: string, name: string): boolean {
    const problems = validateName(`${path} name`, name, OBJECT_NAME);
    this.add(problems);
    return problems.length === 0;
  }

  /** An object name given for an import or a prop: a valid name by `rule`. */
  public name(path: string, value: unknown, rule: NameRule): value is string {
    const problems = validateName(path, value, rule);
    this.add(problems);
    return problems.length === 0;
  }

  /** A namespace name (DNS label), when given. */
  public namespace(path: string, value: unknown): value is string {
    if (value === undefined || value === null) return false;
    return this.name(path, value, NAMESPACE_NAME);
  }

  /**
   * `metadata` of a construct: an object whose name (when given) follows `name`, namespace (for namespaced kinds)
   * is a namespace name, and labels and annotations are what the API server accepts.
   */
  public metadata(value: unknown, options: { name?: NameRule; namespaced: boolean }): void {
    if (value === undefined || value === null) return;
    if (!isObject(value) || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
      this.expect(false, 'metadata', value, 'an object (ApiObjectMetadata): { name, labels, annotations, ... }');
      return;
    }
    this.add(validateObjectMeta('metadata', value, { name: options.name, namespaced: options.namespaced }));
    for (const [key, v] of Object.entries(value)) {
      if (['name', 'namespace', 'labels', 'annotations', 'finalizers'].includes(key)) continue;
      this.plainData(child('metadata', key), v);
    }
  }

  /** JSON-like data (what cdk8s can render): strings, numbers, booleans, null, lists and plain objects of them. */
  public plainData(path: string, value: unknown, depth = 0): boolean {
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return true;
    if (typeof value === 'number') return this.expect(Number.isFinite(value), path, value, 'a finite number');
    if (depth > 20) return this.expect(false, path, value, 'plain data nested less deeply');
    if (Array.isArray(value)) return value.every((v, i) => this.plainData(`${path}[${i}]`, v, depth + 1));
    if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.entries(value).every(([k, v]) => this.plainData(child(path, k), v, depth + 1));
    }
    return this.expect(false, path, value, 'plain data (strings, numbers, booleans, lists and maps)');
  }

  /** Labels of an object (a label map written into metadata). */
  public labels(path: string, value: unknown): void {
    this.add(validateLabels(path, value));
  }

  /** Annotations of an object (values never shown). */
  public annotations(path: string, value: unknown): void {
    this.add(validateAnnotations(path, value));
  }
}

/** `<kind> "<path>"`: how errors about a construct start (`id` given: a construct about to be created in `scope`). */
export function who(kind: string, scope: IConstruct, id?: string): string {
  const path = id === undefined ? scope.node.path : [scope.node.path, id].filter(p => p !== '').join('/');
  return `${kind} "${path}"`;
}

/**
 * An error of a construct's own checks, made to start with `owner` (`<Kind> "<path>"`) when it does not already. Only
 * plain Errors are ours: a TypeError or any other kind is a bug and is passed on as it is.
 */
export function ownedError(owner: string, e: unknown): unknown {
  if (!(e instanceof Error) || e.constructor !== Error) return e;
  const message = redactText(ownedBy(owner, e.message) ? e.message : `${owner}: ${e.message}`);
  if (message === e.message) return e;
  const owned = new Error(message);
  owned.stack = e.stack?.replace(e.message, owned.message);
  return owned;
}

/** Whether a message starts with `owner`, or with a construct inside it (`KpConfig "<owner path>/KpConfig": ...`). */
function ownedBy(owner: string, message: string): boolean {
  if (message.startsWith(`${owner}: `)) return true;
  const path = owner.slice(owner.indexOf('"') + 1, -1);
  const m = /^[A-Z][\w.()]* "([^"]*)": /.exec(message);
  return m !== null && m[1].startsWith(`${path}/`);
}

/** A value as messages describe it: a construct by kind and name, else its JSON type (and strings and numbers). */
export function described(value: unknown): string {
  if (isObject(value) && !Array.isArray(value) && typeof value.kind === 'string' && typeof value.name === 'string') {
    return `${value.kind} ${show(value.name)}`;
  }
  return typeOf(value);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null;
}
