/**
 * A cheaper `ApiObject.toJson()` for the package's own objects, with the same result as cdk8s's.
 *
 * cdk8s renders an object by resolving every value of its props (for each value: the app's resolvers, a context
 * object, a key path array, `App.of` up the tree) and then sanitizing the result (dropping null and undefined,
 * sorting keys) in a second pass; the metadata goes through both twice. For plain data and the app's default
 * resolvers all that amounts to one copy of the data, keys sorted, null and undefined dropped (and in the metadata
 * empty lists and maps too), which is what `renderFast` makes, in one pass.
 *
 * It takes that path only where the result is the same, and says `undefined` otherwise, for the caller to render
 * with cdk8s (`super.toJson()`): an app with resolvers of its own (e.g. `ImageLock.applyTo`), JSON patches, any value
 * that is neither plain data nor a `Lazy` nor a `SpecToken` (cdk8s's resolvers and checks then decide), metadata of
 * a class this code does not know. An error thrown while rendering (a producer's) also sends the caller to cdk8s,
 * so the error reads as cdk8s words it.
 *
 * Written against cdk8s 2.68.12 and 2.70.106, which agree (src/api-object.ts `toJson`, src/metadata.ts `toJson`,
 * src/resolve.ts, src/_util.ts `sanitizeValue`); test/fast-json.test.ts compares the two renderings over both, for
 * every case where they could part, so a cdk8s that renders otherwise fails the tests.
 */
import {
  ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver,
} from 'cdk8s';

/** What a SpecToken renders: an L2 construct's spec. */
export interface SpecOwner {
  /** The spec in its typed form. */
  _toKube(): any;
  /** The typed spec in kpack's JSON names. */
  _toJsonSpec(spec: any): any;
}

/**
 * The spec of an L2 construct's object, `owner._toJsonSpec(owner._toKube())` produced when the object is rendered:
 * an implicit token (cdk8s's ImplicitTokenResolver calls `resolve()`), one small object where `Lazy.any` over a
 * closure makes four.
 */
export class SpecToken {
  /** The construct whose spec this is: set once it exists (the token is made before its object's constructor runs). */
  public owner: SpecOwner | undefined;

  /** cdk8s's ImplicitTokenResolver calls this when cdk8s renders the object. */
  public resolve(): any {
    return this.owner!._toJsonSpec(this.owner!._toKube());
  }
}

/** Marks a value cdk8s must render itself. */
const SLOW: unique symbol = Symbol('slow');

/** The resolvers every cdk8s App ends its list with, in order; an app with only these renders plain data as is. */
const DEFAULT_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/** The fields of cdk8s's ApiObjectMetadataDefinition that its `toJson` reads. */
interface MetadataFields {
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly labels?: unknown;
  readonly annotations?: unknown;
  readonly finalizers?: unknown;
  readonly ownerReferences?: unknown;
  readonly _additionalAttributes?: unknown;
}

/**
 * The JSON cdk8s's `ApiObject.toJson()` gives `apiObject` (constructed with `props`), or `undefined` where only
 * cdk8s can say (the caller then calls cdk8s's).
 */
export function renderFast(apiObject: ApiObject, props: { [key: string]: unknown }): any {
  const patches = (apiObject as any).patches;
  if (!Array.isArray(patches) || patches.length > 0) return undefined;
  if (props === null || typeof props !== 'object' || !hasDefaultResolvers(apiObject)) return undefined;
  // cdk8s resolves `{ ...props, metadata }` as one value: a `resolve` function on it makes it an implicit token.
  if (typeof props.resolve === 'function') return undefined;
  const sort = !process.env.CDK8S_DISABLE_SORT;
  try {
    const metadata = renderMetadata(apiObject.metadata);
    if (metadata === SLOW) return undefined;
    // cdk8s: sanitize(resolve({ ...props, metadata })), then apiVersion, kind and metadata first, the rest in order.
    const apiVersion = plain(props.apiVersion, false, sort);
    const kind = plain(props.kind, false, sort);
    if (apiVersion === SLOW || kind === SLOW) return undefined;
    const result: { [key: string]: unknown } = {};
    if (apiVersion !== undefined) result.apiVersion = apiVersion;
    if (kind !== undefined) result.kind = kind;
    if (metadata !== undefined) result.metadata = metadata;
    const keys = Object.keys(props);
    if (sort) keys.sort();
    for (const key of keys) {
      if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
      if (key === '__proto__') return undefined;
      const value = plain(props[key], false, sort);
      if (value === SLOW) return undefined;
      if (value !== undefined) result[key] = value;
    }
    return result;
  } catch {
    return undefined; // cdk8s renders it again and reports the error in its words
  }
}

/** Whether the app renders with cdk8s's resolvers alone (in their order), none of its own. */
function hasDefaultResolvers(apiObject: ApiObject): boolean {
  let root: any = apiObject;
  while (root.node.scope) root = root.node.scope;
  if (!(root instanceof App)) return false; // cdk8s fails (App.of)
  const resolvers = (root as App).resolvers;
  if (!Array.isArray(resolvers) || resolvers.length !== DEFAULT_RESOLVERS.length) return false;
  for (let i = 0; i < resolvers.length; i++) {
    if (Object.getPrototypeOf(resolvers[i]) !== DEFAULT_RESOLVERS[i].prototype) return false;
  }
  return true;
}

/** The fields cdk8s's metadata `toJson` writes over the additional attributes, in sorted order. */
const METADATA_FIELDS = ['annotations', 'finalizers', 'labels', 'name', 'namespace', 'ownerReferences'] as const;

/** cdk8s's ApiObjectMetadataDefinition.toJson(): resolved, empty lists and maps dropped, keys sorted (always). */
function renderMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  if (Object.getPrototypeOf(metadata) !== ApiObjectMetadataDefinition.prototype) return SLOW;
  const m = metadata as unknown as MetadataFields;
  const extra = m._additionalAttributes;
  if (extra === null || typeof extra !== 'object' || Object.getPrototypeOf(extra) !== Object.prototype) return SLOW;
  // The additional attributes are the metadata options cdk8s was given, less `apiObject`, which it deletes: a
  // dictionary-mode object, slow to spread. They usually hold only fields the known ones replace, so when they do
  // the result is made from the known fields alone.
  for (const key in extra) {
    if (!(METADATA_FIELDS as readonly string[]).includes(key) && Object.prototype.hasOwnProperty.call(extra, key)) {
      const all: { [key: string]: unknown } = { ...extra };
      for (const field of METADATA_FIELDS) all[field] = m[field];
      return plain(all, true, true);
    }
  }
  const out: { [key: string]: unknown } = {};
  let size = 0;
  for (const key of METADATA_FIELDS) {
    const v = plain(m[key], true, true);
    if (v === SLOW) return SLOW;
    if (v !== undefined) {
      out[key] = v;
      size++;
    }
  }
  return size === 0 ? undefined : out;
}

/**
 * cdk8s's `sanitizeValue(resolve(value))` with the default resolvers, for plain data, `Lazy` and `SpecToken`;
 * SLOW for anything else. `filterEmpty`: empty lists and maps are dropped too (metadata).
 */
function plain(value: unknown, filterEmpty: boolean, sort: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'function') return SLOW; // a resolver may read its properties
  if (type !== 'object') return value;
  const o = value as { [key: string]: unknown };
  const proto = Object.getPrototypeOf(o);
  if (proto === Array.prototype) {
    // The token and union resolvers look at `resolve` and `value` of any object, a list's too.
    if (o.resolve !== undefined || o.value !== undefined) return SLOW;
    const list = o as unknown as unknown[];
    if (filterEmpty && list.length === 0) return undefined;
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const v = plain(list[i], filterEmpty, sort);
      if (v === SLOW || (v === undefined && !(i in list))) return SLOW; // a hole stays one in cdk8s's copy
      out[i] = v;
    }
    return out;
  }
  if (proto !== Object.prototype || o.constructor !== Object) {
    // The resolvers replace a Lazy or an implicit token by what it gives, and resolve that again.
    if (o instanceof Lazy) return plain(o.produce(), filterEmpty, sort);
    if (o instanceof SpecToken) return plain(o.resolve(), filterEmpty, sort);
    return SLOW;
  }
  if (typeof o.resolve === 'function') return SLOW; // an implicit token made as a plain object
  const keys = Object.keys(o);
  if (sort) keys.sort();
  const out: { [key: string]: unknown } = {};
  let size = 0;
  for (const key of keys) {
    if (key === '__proto__') return SLOW; // cdk8s's copy sets the prototype, then drops it
    const v = plain(o[key], filterEmpty, sort);
    if (v === SLOW) return SLOW;
    if (v !== undefined) {
      out[key] = v;
      size++;
    }
  }
  return filterEmpty && size === 0 ? undefined : out;
}
