/**
 * kp dependency descriptors (`kp import -f FILE`), read offline and checked, in every format kp accepts, and
 * converted to kp's current format (kp.kpack.io/v1) the way kp converts them.
 *
 * Followed: buildpacks-community/kpack-cli at f92a96f (Feb 2026): `pkg/import/descriptor/v1alpha1.go`,
 * `v1alpha3.go`, `v1.go`, `types.go` (field names; v1alpha1 and v1alpha3 `ToV1()`), `pkg/import/importer.go`
 * (`ReadDescriptor`: the accepted apiVersions) and `pkg/import/dependency_descriptor.go` (validation: unique,
 * non-empty names, images that parse, defaults that name an entry). Order entries are kpack's
 * `BuilderOrderEntry` (v1alpha3, v1) or core `OrderEntry` (v1alpha1: `id`, `version`, `optional` only).
 *
 * Stricter than kp, so mistakes surface here and not as a builder that never becomes ready: unknown fields, empty
 * names, a builder without a stack, and names that collide with kp's aliases (`default`, `default-lifecycle`)
 * are errors. kp ignores unknown fields.
 */
import type * as YAML from 'yaml';
import { parseReference, parseTag } from '../validation/image-reference';
import { DEFAULT_LIFECYCLE } from '../validation/kinds';

/**
 * The `yaml` package, loaded when first used: `require('cdk8s-kpack')` does not load it (cdk8s has its own copy,
 * so loading ours up front is a second YAML library in every app; `npm run bench` measures the require time).
 */
function yaml(): typeof YAML {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

export const API_V1ALPHA1 = 'kp.kpack.io/v1alpha1';
export const API_V1ALPHA3 = 'kp.kpack.io/v1alpha3';
export const API_V1 = 'kp.kpack.io/v1';
export const API_VERSIONS = [API_V1ALPHA1, API_V1ALPHA3, API_V1];

/** The name kp gives the copy of the default stack and the default builder. */
export const DEFAULT_ALIAS = 'default';
/** The name kp gives the copy of the default lifecycle (and the v1alpha3 `lifecycle`); kpack's own ClusterLifecycle. */
export const DEFAULT_LIFECYCLE_ALIAS = DEFAULT_LIFECYCLE;

/** Where an entry is in the file, for messages: `clusterStacks[0] "base" (line 12)`. */
export interface Located {
  readonly at: string;
}

export interface ImageEntry extends Located {
  readonly name: string;
  readonly image: string;
}

export interface StoreEntry extends Located {
  readonly name: string;
  readonly sources: string[];
}

export interface StackEntry extends Located {
  readonly name: string;
  readonly buildImage: string;
  readonly runImage: string;
}

export interface OrderRefEntry {
  readonly id?: string;
  readonly version?: string;
  readonly optional?: boolean;
  readonly kind?: string;
  readonly name?: string;
}

export interface BuilderEntry extends Located {
  readonly name: string;
  /** The field names as this apiVersion spells them (`stack`/`store` in v1alpha1). */
  readonly stackField: string;
  readonly storeField: string;
  readonly clusterStack: string;
  readonly clusterStore?: string;
  readonly order: OrderRefEntry[][];
}

/** A descriptor in kp's v1 model, whatever version the file was. */
export interface Descriptor {
  readonly file: string;
  readonly apiVersion: string;
  readonly defaultClusterLifecycle?: string;
  readonly defaultClusterStack?: string;
  readonly defaultClusterBuilder?: string;
  readonly clusterLifecycles: ImageEntry[];
  readonly clusterBuildpacks: ImageEntry[];
  readonly clusterStores: StoreEntry[];
  readonly clusterStacks: StackEntry[];
  readonly clusterBuilders: BuilderEntry[];
}

type Path = Array<string | number>;

/** The top-level fields of each version (`kind` is conventionally `DependencyDescriptor`; kp does not check it). */
const TOP_FIELDS: { [version: string]: string[] } = {
  [API_V1ALPHA1]: ['apiVersion', 'kind', 'defaultStack', 'defaultClusterBuilder', 'stores', 'stacks', 'clusterBuilders'],
  [API_V1ALPHA3]: ['apiVersion', 'kind', 'defaultClusterStack', 'defaultClusterBuilder', 'lifecycle', 'clusterStores',
    'clusterStacks', 'clusterBuilders'],
  [API_V1]: ['apiVersion', 'kind', 'defaultClusterLifecycle', 'defaultClusterStack', 'defaultClusterBuilder',
    'clusterLifecycles', 'clusterBuildpacks', 'clusterStores', 'clusterStacks', 'clusterBuilders'],
};

/** Reads a descriptor's text; throws an Error naming the file, the entry and the value on any problem. */
export function parseDescriptor(text: string, file: string): Descriptor {
  return new Reader(text, file).read();
}

class Reader {
  private readonly doc: YAML.Document.Parsed;
  private readonly lines = new (yaml().LineCounter)();
  private root: any;

  constructor(text: string, private readonly file: string) {
    this.doc = yaml().parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
  }

  public read(): Descriptor {
    if (this.doc.errors.length > 0) {
      const e = this.doc.errors[0];
      const line = this.lines.linePos(e.pos[0]).line;
      throw new Error(`kp descriptor ${this.file} (line ${line}): not valid YAML: ${e.message.split('\n')[0]}`);
    }
    this.root = this.doc.toJS();
    if (!isMap(this.root)) this.fail([], 'must be a map with apiVersion, kind and the dependency lists');
    const apiVersion: any = this.root.apiVersion;
    if (!API_VERSIONS.includes(apiVersion)) {
      const hint = apiVersion === 'kp.kpack.io/v1alpha2'
        ? ' (kp no longer reads v1alpha2; its fields are those of v1alpha3 without lifecycle, so change the apiVersion to kp.kpack.io/v1alpha3)'
        : '';
      this.fail(['apiVersion'], `apiVersion ${show(apiVersion)} is not one kp accepts: ${API_VERSIONS.join(', ')}${hint}`);
    }
    this.checkFields([], this.root, TOP_FIELDS[apiVersion]);
    if (this.root.kind !== undefined) this.string(['kind']);
    switch (apiVersion) {
      case API_V1ALPHA1: return this.validate(this.v1alpha1());
      case API_V1ALPHA3: return this.validate(this.v1alpha3());
      default: return this.validate(this.v1());
    }
  }

  /** `ToV1()` of v1alpha1: `defaultStack`, `stores`, `stacks`, builders with `stack`/`store` and core order entries. */
  private v1alpha1(): Descriptor {
    return {
      file: this.file,
      apiVersion: API_V1ALPHA1,
      defaultClusterStack: this.optionalString(['defaultStack']),
      defaultClusterBuilder: this.optionalString(['defaultClusterBuilder']),
      clusterLifecycles: [],
      clusterBuildpacks: [],
      clusterStores: this.stores('stores'),
      clusterStacks: this.stacks('stacks'),
      clusterBuilders: this.builders('stack', 'store', false),
    };
  }

  /** `ToV1()` of v1alpha3: `lifecycle.image` becomes the ClusterLifecycle `default-lifecycle`. */
  private v1alpha3(): Descriptor {
    const lifecycles: ImageEntry[] = [];
    if (this.root.lifecycle !== undefined) {
      this.map(['lifecycle']);
      this.checkFields(['lifecycle'], this.root.lifecycle, ['image']);
      const image = this.optionalString(['lifecycle', 'image']) ? this.image(['lifecycle', 'image']) : undefined;
      if (image) lifecycles.push({ name: DEFAULT_LIFECYCLE_ALIAS, image, at: this.where(['lifecycle']) });
    }
    return {
      file: this.file,
      apiVersion: API_V1ALPHA3,
      defaultClusterStack: this.optionalString(['defaultClusterStack']),
      defaultClusterBuilder: this.optionalString(['defaultClusterBuilder']),
      clusterLifecycles: lifecycles,
      clusterBuildpacks: [],
      clusterStores: this.stores('clusterStores'),
      clusterStacks: this.stacks('clusterStacks'),
      clusterBuilders: this.builders('clusterStack', 'clusterStore', true),
    };
  }

  private v1(): Descriptor {
    return {
      file: this.file,
      apiVersion: API_V1,
      defaultClusterLifecycle: this.optionalString(['defaultClusterLifecycle']),
      defaultClusterStack: this.optionalString(['defaultClusterStack']),
      defaultClusterBuilder: this.optionalString(['defaultClusterBuilder']),
      clusterLifecycles: this.images('clusterLifecycles'),
      clusterBuildpacks: this.images('clusterBuildpacks'),
      clusterStores: this.stores('clusterStores'),
      clusterStacks: this.stacks('clusterStacks'),
      clusterBuilders: this.builders('clusterStack', 'clusterStore', true),
    };
  }

  private images(field: string): ImageEntry[] {
    return this.entries(field, ['name', 'image'], path => ({ image: this.image([...path, 'image']) }));
  }

  private stores(field: string): StoreEntry[] {
    return this.entries(field, ['name', 'sources'], path => ({
      sources: this.list([...path, 'sources']).map((_, j) => {
        const source = [...path, 'sources', j];
        this.map(source);
        this.checkFields(source, this.get(source), ['image']);
        return this.image([...source, 'image']);
      }),
    }));
  }

  private stacks(field: string): StackEntry[] {
    return this.entries(field, ['name', 'buildImage', 'runImage'], path => {
      for (const f of ['buildImage', 'runImage']) {
        this.map([...path, f]);
        this.checkFields([...path, f], this.get([...path, f]), ['image']);
      }
      return { buildImage: this.image([...path, 'buildImage', 'image']), runImage: this.image([...path, 'runImage', 'image']) };
    });
  }

  private builders(stackField: string, storeField: string, resourceRefs: boolean): BuilderEntry[] {
    return this.entries('clusterBuilders', ['name', stackField, storeField, 'order'], path => {
      if (this.get([...path, stackField]) === undefined || this.get([...path, stackField]) === '') {
        this.fail([...path, stackField], `${stackField} must name the ClusterStack the builder is built on`);
      }
      return {
        stackField,
        storeField,
        clusterStack: this.string([...path, stackField]),
        clusterStore: this.optionalString([...path, storeField]) || undefined,
        order: this.order([...path, 'order'], resourceRefs),
      };
    });
  }

  private order(path: Path, resourceRefs: boolean): OrderRefEntry[][] {
    if (this.get(path) === undefined) return [];
    const refFields = resourceRefs ? ['id', 'version', 'optional', 'kind', 'name'] : ['id', 'version', 'optional'];
    return this.list(path).map((_, i) => {
      const entry = [...path, i];
      this.map(entry);
      this.checkFields(entry, this.get(entry), ['group']);
      const group = this.list([...entry, 'group']);
      if (group.length === 0) this.fail([...entry, 'group'], 'group must list at least one buildpack');
      return group.map((__, j) => {
        const refPath = [...entry, 'group', j];
        this.map(refPath);
        this.checkFields(refPath, this.get(refPath), refFields);
        const ref: OrderRefEntry = {
          id: this.optionalString([...refPath, 'id']) || undefined,
          version: this.optionalString([...refPath, 'version']) || undefined,
          optional: this.optionalBoolean([...refPath, 'optional']),
          kind: resourceRefs ? this.optionalString([...refPath, 'kind']) || undefined : undefined,
          name: resourceRefs ? this.optionalString([...refPath, 'name']) || undefined : undefined,
        };
        if (!ref.id && !ref.name) {
          this.fail(refPath, resourceRefs
            ? 'an order entry needs an id, or kind: ClusterBuildpack and a name'
            : 'an order entry needs an id');
        }
        if ((ref.kind || ref.name) && !(ref.kind && ref.name)) {
          this.fail(refPath, 'an order entry that names a buildpack resource needs both kind and name');
        }
        if (ref.kind && ref.kind !== 'ClusterBuildpack') {
          this.fail([...refPath, 'kind'], `kind ${show(ref.kind)} is not allowed in a ClusterBuilder: only ClusterBuildpack `
            + '(a namespaced Buildpack cannot be used by a cluster-scoped builder)');
        }
        return ref;
      });
    });
  }

  /** A list of named entries: each a map with the given fields, `name` a unique non-empty string. */
  private entries<T>(field: string, fields: string[], read: (path: Path) => T): Array<T & { name: string; at: string }> {
    if (this.root[field] === undefined || this.root[field] === null) return [];
    const seen = new Map<string, number>();
    return this.list([field]).map((_, i) => {
      const path = [field, i];
      this.map(path);
      this.checkFields(path, this.get(path), fields);
      const name = this.string([...path, 'name']);
      if (name === '') this.fail([...path, 'name'], 'name must not be empty');
      const first = seen.get(name);
      if (first !== undefined) this.fail([...path, 'name'], `duplicate name ${show(name)}: ${field}[${first}] has it too`);
      seen.set(name, i);
      return { ...read(path), name, at: this.where(path) };
    });
  }

  /** Checks the defaults and kp's aliases. */
  private validate(d: Descriptor): Descriptor {
    const v1alpha1 = d.apiVersion === API_V1ALPHA1;
    const checkDefault = (field: string, value: string | undefined, entries: Array<{ name: string }>, list: string) => {
      if (value === undefined || value === '') return;
      if (!entries.some(e => e.name === value)) {
        const names = entries.map(e => show(e.name)).join(', ') || 'none';
        this.fail([field], `${field} ${show(value)} names no entry of ${list} (there: ${names})`);
      }
    };
    checkDefault('defaultClusterLifecycle', d.defaultClusterLifecycle, d.clusterLifecycles, 'clusterLifecycles');
    checkDefault(v1alpha1 ? 'defaultStack' : 'defaultClusterStack', d.defaultClusterStack, d.clusterStacks, v1alpha1 ? 'stacks' : 'clusterStacks');
    checkDefault('defaultClusterBuilder', d.defaultClusterBuilder, d.clusterBuilders, 'clusterBuilders');

    // kp also creates the default under a fixed name; an entry of that name that is not the default would be
    // overwritten by the copy (kp replaces its spec), which is never what the author meant.
    const checkAlias = (entries: Array<Located & { name: string }>, def: string | undefined, alias: string, field: string) => {
      if (!def || def === alias) return;
      const clash = entries.find(e => e.name === alias);
      if (clash) {
        throw new Error(`kp descriptor ${this.file}: ${clash.at}: the name ${show(alias)} is taken by the copy kp makes of `
          + `${field} ${show(def)}; rename this entry, or make it the ${field}`);
      }
    };
    checkAlias(d.clusterLifecycles, d.defaultClusterLifecycle, DEFAULT_LIFECYCLE_ALIAS, 'defaultClusterLifecycle');
    checkAlias(d.clusterStacks, d.defaultClusterStack, DEFAULT_ALIAS, v1alpha1 ? 'defaultStack' : 'defaultClusterStack');
    checkAlias(d.clusterBuilders, d.defaultClusterBuilder, DEFAULT_ALIAS, 'defaultClusterBuilder');
    return d;
  }

  // ---- typed access with positions ----

  private get(path: Path): any {
    let v = this.root;
    for (const p of path) v = v === undefined || v === null ? undefined : v[p];
    return v;
  }

  private string(path: Path): string {
    const v = this.get(path);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') this.fail(path, `${last(path)} must be a string, got ${show(v)}`);
    return v;
  }

  private optionalString(path: Path): string | undefined {
    return this.get(path) === undefined || this.get(path) === null ? undefined : this.string(path);
  }

  private optionalBoolean(path: Path): boolean | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(path, `${last(path)} must be true or false, got ${show(v)}`);
    return v;
  }

  private image(path: Path): string {
    const field = typeof path[1] === 'number' ? pathText(path.slice(2)) : pathText(path);
    const v = this.get(path);
    if (v === undefined || v === null || v === '') this.fail(path, `${field} must be given`);
    const image = this.string(path);
    const parsed = parseReference(image);
    if (!parsed.ok) this.fail(path, `${field} ${show(image)} is not a valid image reference: ${parsed.reason}`);
    return image;
  }

  private list(path: Path): unknown[] {
    const v = this.get(path);
    if (!Array.isArray(v)) this.fail(path, `${last(path)} must be a list, got ${show(v)}`);
    return v;
  }

  private map(path: Path): void {
    const v = this.get(path);
    if (!isMap(v)) this.fail(path, `${pathText(path.slice(-1))} must be a map, got ${show(v)}`);
  }

  private checkFields(path: Path, value: any, allowed: string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const where = path.length === 0 ? `in ${this.root.apiVersion}` : 'here';
        this.fail([...path, key], `unknown field ${show(key)}; the fields ${where} are ${allowed.join(', ')}`);
      }
    }
  }

  /** `clusterStacks[0] "base" (line 12)` for an entry, `clusterStacks[0].buildImage.image (line 14)` for a field. */
  public where(path: Path): string {
    const entryName = path.length >= 2 && typeof path[1] === 'number' ? this.get([path[0], path[1], 'name']) : undefined;
    const head = typeof entryName === 'string' && entryName !== '' ? `${pathText(path.slice(0, 2))} ${show(entryName)}` : pathText(path.slice(0, 2));
    const line = this.line(path);
    return `${head}${line ? ` (line ${line})` : ''}`;
  }

  private line(path: Path): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as any;
      if (node && node.range) return this.lines.linePos(node.range[0]).line;
      // A key without a node (unknown field): its key's position.
      const parent = this.doc.getIn(path.slice(0, n - 1), true) as any;
      if (n > 0 && parent && yaml().isMap(parent)) {
        const pair = parent.items.find((p: any) => yaml().isScalar(p.key) && p.key.value === path[n - 1]) as any;
        if (pair?.key?.range) return this.lines.linePos(pair.key.range[0]).line;
      }
    }
    return undefined;
  }

  private fail(path: Path, message: string): never {
    const where = path.length === 0 ? '' : ` ${this.where(path)}:`;
    throw new Error(`kp descriptor ${this.file}:${where} ${message}`);
  }
}

function isMap(v: unknown): v is { [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function last(path: Path): string {
  return String(path[path.length - 1]);
}

/** `clusterStacks[0].buildImage.image`. */
function pathText(path: Path): string {
  return path.map((p, i) => typeof p === 'number' ? `[${p}]` : (i === 0 ? p : `.${p}`)).join('');
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  return JSON.stringify(v);
}

/**
 * kp's default repository as kp uses it: without a trailing `/` (kp trims it), and a repository that
 * `<repository>:<tag>` can be written to. Throws naming `what` otherwise.
 */
export function checkRepository(what: string, given: string): string {
  const repository = given.replace(/\/+$/, '');
  const parsed = parseTag(repository);
  if (!parsed.ok || parsed.reference.tag !== undefined) {
    const reason = parsed.ok ? 'it has a tag; give the repository alone' : parsed.reason;
    throw new Error(`${what} ${JSON.stringify(given)} is not a valid image repository: ${reason}`);
  }
  return repository;
}
