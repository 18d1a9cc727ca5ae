/** The set of objects being validated, indexed once so that references resolve in constant time. */
import { Obj } from './json';
import { DEFAULT_NAMESPACE, isNamespaced } from './kinds';
import { Report } from './report';

/** One object of the input that the engine reads: a kpack.io object, a ServiceAccount or a Secret. */
export interface ManifestObject {
  /** Position in the input list. */
  readonly position: number;
  /** `kpack.io`, or `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** `metadata.name` (`''` when missing). */
  readonly name: string;
  /** Effective namespace: `''` for cluster-scoped kinds, `default` when a namespaced object gives none. */
  readonly namespace: string;
  /** The object as kpack decodes it. */
  readonly doc: Obj;
  /** A kpack.io/v1alpha2 object whose admission rules ran: its references are checked too. */
  readonly checked: boolean;
  readonly report: Report;
}

/** A reference target known to exist outside the manifests. */
export interface ExternalKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

const SEP = '\u0000';
/** The table of `ObjectIndex.namespacesOf` for kinds and names with a NUL. */
const JOINED = Symbol('joined');

/**
 * A map keyed by three strings (kind, namespace, name) in nested maps, so that a lookup builds no key string: one runs
 * for every reference, and building and hashing joined keys was most of their time. Keys with a NUL in a part are kept
 * apart, under the parts joined by NUL as every key once was: two such keys can be one (`a\0b`,`c` and `a`,`b\0c`),
 * and still are (two keys without NUL never are).
 */
export class KeyMap<T> {
  private readonly nested = new Map<string, Map<string, Map<string, T>>>();
  private readonly joined = new Map<string, T>();

  public has(kind: string, namespace: string, name: string): boolean {
    if (hasNul(kind, namespace, name)) return this.joined.has(kind + SEP + namespace + SEP + name);
    return this.nested.get(kind)?.get(namespace)?.has(name) ?? false;
  }

  public get(kind: string, namespace: string, name: string): T | undefined {
    if (hasNul(kind, namespace, name)) return this.joined.get(kind + SEP + namespace + SEP + name);
    return this.nested.get(kind)?.get(namespace)?.get(name);
  }

  public set(kind: string, namespace: string, name: string, value: T): void {
    this.add(kind, namespace, name, value, true);
  }

  /** Sets `value` unless the key has one (or always, with `replace`); returns the value the key had. */
  public add(kind: string, namespace: string, name: string, value: T, replace = false): T | undefined {
    if (hasNul(kind, namespace, name)) {
      const key = kind + SEP + namespace + SEP + name;
      const had = this.joined.get(key);
      if (had === undefined || replace) this.joined.set(key, value);
      return had;
    }
    let namespaces = this.nested.get(kind);
    if (!namespaces) this.nested.set(kind, namespaces = new Map());
    let names = namespaces.get(namespace);
    if (!names) namespaces.set(namespace, names = new Map());
    const had = names.get(name);
    if (had === undefined || replace) names.set(name, value);
    return had;
  }
}

function hasNul(kind: string, namespace: string, name: string): boolean {
  return kind.includes(SEP) || namespace.includes(SEP) || name.includes(SEP);
}

/** The namespace an object of `kind` is looked up in, given the namespace it was written with (kubectl's `default` for none). */
export function effectiveNamespace(kind: string, namespace: string | undefined): string {
  if (!isNamespaced(kind)) return '';
  return namespace ? namespace : DEFAULT_NAMESPACE;
}

export class ObjectIndex {
  private readonly objects = new KeyMap<ManifestObject>();
  private readonly external = new KeyMap<true>();
  /**
   * Per kind, name to the namespaces where such an object exists (to explain namespace mix-ups). Only a missing
   * reference asks, and about few kinds: each kind's table is built on its first question (valid manifests never pay).
   */
  private readonly namespaces = new Map<string | typeof JOINED, Map<string, string[]>>();
  /** Every kind, namespace and name added, in order (objects and external objects), for `namespaces`. */
  private readonly added: ExternalKey[] = [];
  private readonly byNamespace = new Map<string, ManifestObject[]>();
  private readonly externalByNamespace = new Set<string>();

  /** Adds an object; returns the object already indexed under the same kind, namespace and name, if any. */
  public add(object: ManifestObject): ManifestObject | undefined {
    const earlier = this.objects.add(object.kind, object.namespace, object.name, object);
    if (earlier) return earlier;
    this.noteNamespace(object);
    const group = object.kind + SEP + object.namespace;
    const list = this.byNamespace.get(group);
    if (list) list.push(object);
    else this.byNamespace.set(group, [object]);
    return undefined;
  }

  public addExternal(ref: ExternalKey): void {
    if (this.external.has(ref.kind, ref.namespace, ref.name)) return;
    this.external.set(ref.kind, ref.namespace, ref.name, true);
    this.externalByNamespace.add(ref.kind + SEP + ref.namespace);
    this.noteNamespace(ref);
  }

  public find(kind: string, namespace: string, name: string): ManifestObject | undefined {
    return this.objects.get(kind, namespace, name);
  }

  /** Whether the object is in the manifests or among the external objects. */
  public exists(kind: string, namespace: string, name: string): boolean {
    return this.objects.has(kind, namespace, name) || this.external.has(kind, namespace, name);
  }

  /** Namespaces other than `namespace` holding an object of this kind and name. */
  public otherNamespaces(kind: string, name: string, namespace: string): string[] {
    return (this.namespacesOf(kind, name) ?? []).filter(ns => ns !== namespace);
  }

  /** The objects of a kind in a namespace (`''` for cluster-scoped kinds), in input order. */
  public list(kind: string, namespace: string): readonly ManifestObject[] {
    return this.byNamespace.get(kind + SEP + namespace) ?? [];
  }

  /** Whether some external object of this kind lives in the namespace. */
  public hasExternal(kind: string, namespace: string): boolean {
    return this.externalByNamespace.has(kind + SEP + namespace);
  }

  /**
   * The namespaces holding an object of this kind and name, in the order they were added. A kind or name with a NUL
   * is looked up in one table, by the two joined with NUL as all once were: two such pairs can be one (`a\0b`,`c`
   * and `a`,`b\0c`), while a pair without NUL is only ever itself.
   */
  private namespacesOf(kind: string, name: string): string[] | undefined {
    const joined = kind.includes(SEP) || name.includes(SEP);
    const tableKey = joined ? JOINED : kind;
    let table = this.namespaces.get(tableKey);
    if (!table) {
      table = new Map();
      for (const a of this.added) {
        const other = a.kind.includes(SEP) || a.name.includes(SEP);
        if (joined ? !other : other || a.kind !== kind) continue;
        const key = joined ? a.kind + SEP + a.name : a.name;
        const list = table.get(key);
        if (!list) table.set(key, [a.namespace]);
        else if (!list.includes(a.namespace)) list.push(a.namespace);
      }
      this.namespaces.set(tableKey, table);
    }
    return table.get(joined ? kind + SEP + name : name);
  }

  private noteNamespace(added: ExternalKey): void {
    this.added.push(added);
    if (this.namespaces.size > 0) this.namespaces.clear(); // rebuilt with this one on the next question
  }
}
