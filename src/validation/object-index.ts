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

/**
 * A map keyed by three strings (kind, namespace, name) in nested maps, so that a lookup builds no key string: one runs
 * for every reference, and building and hashing joined keys was most of their time.
 */
export class KeyMap<T> {
  private readonly nested = new Map<string, Map<string, Map<string, T>>>();

  public has(kind: string, namespace: string, name: string): boolean {
    return this.nested.get(kind)?.get(namespace)?.has(name) ?? false;
  }

  public get(kind: string, namespace: string, name: string): T | undefined {
    return this.nested.get(kind)?.get(namespace)?.get(name);
  }

  public set(kind: string, namespace: string, name: string, value: T): void {
    this.add(kind, namespace, name, value, true);
  }

  /** Sets `value` unless the key has one (or always, with `replace`); returns the value the key had. */
  public add(kind: string, namespace: string, name: string, value: T, replace = false): T | undefined {
    let namespaces = this.nested.get(kind);
    if (!namespaces) this.nested.set(kind, namespaces = new Map());
    let names = namespaces.get(namespace);
    if (!names) namespaces.set(namespace, names = new Map());
    const had = names.get(name);
    if (had === undefined || replace) names.set(name, value);
    return had;
  }
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
  private readonly namespaces = new Map<string, Map<string, string[]>>();
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

  /** The namespaces holding an object of this kind and name, in the order they were added. */
  private namespacesOf(kind: string, name: string): string[] | undefined {
    let table = this.namespaces.get(kind);
    if (!table) {
      table = new Map();
      for (const a of this.added) {
        if (a.kind !== kind) continue;
        const list = table.get(a.name);
        if (!list) table.set(a.name, [a.namespace]);
        else if (!list.includes(a.namespace)) list.push(a.namespace);
      }
      this.namespaces.set(kind, table);
    }
    return table.get(name);
  }

  private noteNamespace(added: ExternalKey): void {
    this.added.push(added);
    if (this.namespaces.size > 0) this.namespaces.clear(); // rebuilt with this one on the next question
  }
}
