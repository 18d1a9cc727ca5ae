/**
 * metadata.managedFields as the API server judges a request's: its field manager
 * (k8s.io/apimachinery v0.34.3 `pkg/util/managedfields`, `FieldManager.UpdateNoErrors`) runs first, and the
 * strategy's validation then checks what it left (`pkg/apis/meta/v1/validation` `ValidateManagedFields`).
 *
 * - A list the field manager cannot decode (`internal.DecodeManagedFields`: an operation other than `Apply` or
 *   `Update`, an empty apiVersion, a fieldsType other than `FieldsV1`, a fieldsV1 that is not a structured-merge-diff
 *   field set) is replaced by the stored object's (none on create): nothing to refuse.
 * - A decoded list goes through the structured merge update: entries of the same manager (manager, operation,
 *   subresource, and apiVersion for `Update`) merge; an entry of another apiVersion than the request's makes the
 *   update fail (the CRD converts to no other group or unserved version), and then the API server drops every
 *   entry (UpdateNoErrors); every entry loses the fields this request sets, changes or removes (on create: every
 *   field it writes), and an entry left with no field is dropped; the request's own manager gets an entry.
 * - What is left must have a manager of at most 128 bytes, all printable (`ValidateFieldManager`), and a
 *   subresource of at most 256 bytes. (Operation and fieldsType are right in any entry the field manager encodes.)
 *
 * The API server names an error by the entry's place in the list it re-encoded (sorted by operation, time and
 * manager); the engine names the entry as written, which is the one to fix.
 *
 * Fields are compared as the API server's TypeConverter for kpack's CRDs types them: ObjectMeta's schema for
 * metadata (owner references a list keyed by uid of atomic structs, finalizers a set), the deduced type elsewhere
 * (maps field by field, lists whole). Where this is an approximation: the request's manager is `kubectl apply`'s; on
 * update the
 * stored object is the previous manifest (without kpack's defaults); the value of a `v:` or `k:` key of fieldsV1 is
 * read as its longest prefix that is JSON, where structured-merge-diff reads one value with jsoniter (which
 * refuses some prefixes JSON allows, such as `1.5e`).
 */
import { byteLength, invalid, item, child, problem, Problem } from './problem';
import { compareCodePoints, isArray, isObj } from '../json';

/** meta/v1 validation.go `FieldManagerMaxLength` (bytes). */
export const FIELD_MANAGER_MAX_LENGTH = 128;
/** meta/v1 validation.go `MaxSubresourceNameLength` (bytes). */
export const MAX_SUBRESOURCE_NAME_LENGTH = 256;
/** The manager `kubectl apply` sends (`--field-manager`'s default for client-side apply). */
const REQUEST_MANAGER = 'kubectl-client-side-apply';
/** capmanagers.go `DefaultMaxUpdateManagers`: more `Update` entries than this and the oldest are merged. */
const MAX_UPDATE_MANAGERS = 10;

/** What the field manager knows of the request besides its managedFields. */
export interface ManagedFieldsRequest {
  /** The object as the API server decoded it (metadata decoded, the request's namespace). */
  readonly object: Record<string, unknown>;
  /** The request's apiVersion (the CRD version the field manager works in). */
  readonly apiVersion: string;
  /**
   * Other versions of the same CRD the API server serves: it converts the object to them with kpack's conversion
   * webhook, so their entries are checked as if kept.
   */
  readonly otherServedVersions?: readonly string[];
  /** The stored object on update (undefined on create). */
  readonly live?: Record<string, unknown>;
}

/**
 * A field set as structured-merge-diff reads fieldsV1 (fieldpath `Set.FromJSON`, serialize.go `readIterV1` and
 * serialize-pe.go `DeserializePathElement`): its member paths, each a list of path elements (`f:<name>` for a
 * field; `v:`, `k:` and `i:` elements, of list items, are kept as written), or undefined when it does not parse.
 */
export function parseFieldSet(fieldsV1: unknown): string[][] | undefined {
  if (fieldsV1 === undefined || fieldsV1 === null) return [];
  if (!isObj(fieldsV1)) return undefined;
  const members: string[][] = [];
  return readNode(fieldsV1 as Record<string, unknown>, [], members) === undefined ? undefined : members;
}

/**
 * readIterV1 over one node: `.` makes its path a member; a key of an unknown element type (`x:...`) is skipped
 * (both with any value); every other value must be an object or null (jsoniter's ReadMapCB), and a child that adds
 * nothing (null, `{}`, only `.` or skipped keys) is a member. A node that adds no child is a member. Returns
 * whether the node is a member, or undefined when something does not parse.
 */
function readNode(node: Record<string, unknown>, at: string[], members: string[][]): boolean | undefined {
  let added = false;
  let member = false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      member = true;
      continue;
    }
    const element = pathElement(key);
    if (element === undefined) return undefined;
    if (element === 'skip') continue;
    const path = [...at, element];
    const before = members.length;
    let childMember = true;
    if (value !== null) {
      if (!isObj(value)) return undefined;
      const m = readNode(value as Record<string, unknown>, path, members);
      if (m === undefined) return undefined;
      childMember = m;
    }
    if (childMember) members.push(path);
    if (childMember || members.length > before) added = true;
  }
  return member || !added;
}

/**
 * DeserializePathElement over a key's UTF-8 bytes: at least 2 bytes, the second a colon; `f:` any field name,
 * `v:` a JSON value, `k:` a JSON object, `i:` an integer as strconv.Atoi reads it; another type is skipped.
 */
function pathElement(key: string): string | 'skip' | undefined {
  const bytes = Buffer.from(key, 'utf-8');
  if (bytes.length < 2 || bytes[1] !== 0x3a) return undefined;
  const rest = key.slice(2);
  switch (key[0]) {
    case 'f':
      return key;
    case 'v': {
      // Compared by value: canonical JSON.
      const v = readJson(rest);
      return v === undefined ? undefined : `v:${canonicalJson(v.value)}`;
    }
    case 'k': {
      const v = readJson(rest);
      return v === undefined || !(v.value === null || isObj(v.value)) ? undefined : `k:${canonicalJson(v.value ?? {})}`;
    }
    case 'i': {
      // strconv.Atoi: an optional sign and decimal digits, within int64.
      if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
      const n = BigInt(rest);
      return n >= -(2n ** 63n) && n < 2n ** 63n ? `i:${n}` : undefined;
    }
    default:
      return 'skip';
  }
}

/** JSON with object keys sorted (a key's fields are sorted, value.FieldList.Sort), to compare path elements. */
function canonicalJson(value: unknown): string {
  if (isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObj(value)) {
    return `{${Object.keys(value).sort(compareCodePoints).map(k => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * jsoniter's Iterator.Read of a key's value: one JSON value, what follows it ignored (`v:1x` reads 1). Here: the
 * longest prefix that is JSON, or undefined.
 */
function readJson(text: string): { value: unknown } | undefined {
  for (let end = text.length; end > 0; end--) {
    try {
      return { value: JSON.parse(text.slice(0, end)) };
    } catch {
      if (text.length > 4096) return undefined;
    }
  }
  return undefined;
}

/** One entry as DecodeManagedFields reads it, or undefined when it does not decode. */
interface Entry {
  readonly index: number;
  readonly manager: string;
  readonly operation: string;
  readonly apiVersion: string;
  readonly subresource: string;
  readonly seconds: number;
  readonly time?: string;
  readonly members: string[][];
}

function decodeEntry(value: unknown, index: number): Entry | undefined {
  if (!isObj(value)) return undefined;
  const e = value as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const operation = str(e.operation);
  const apiVersion = str(e.apiVersion);
  if (operation !== 'Apply' && operation !== 'Update') return undefined;
  if (apiVersion === '' || e.fieldsType !== 'FieldsV1') return undefined;
  const parsed = parseFieldSet(e.fieldsV1);
  if (parsed === undefined) return undefined;
  const members = parsed.map(reconciled);
  const time = typeof e.time === 'string' ? Date.parse(e.time) : NaN;
  return {
    index,
    manager: str(e.manager),
    operation,
    apiVersion,
    subresource: str(e.subresource),
    seconds: Number.isNaN(time) ? 0 : Math.floor(time / 1000),
    ...typeof e.time === 'string' ? { time: e.time } : {},
    members,
  };
}

/**
 * typed.ReconcileFieldSetWithSchema (merge.Updater reconcileManagedFieldsWithSchemaChanges) with ObjectMeta's schema:
 * what an entry claims inside an atomic value is claimed as the whole value: an owner reference (an atomic struct)
 * or the managedFields list (an atomic list).
 */
function reconciled(path: string[]): string[] {
  if (path[0] !== 'f:metadata') return path;
  if (path[1] === 'f:ownerReferences' && path.length > 3) return path.slice(0, 3);
  if (path[1] === 'f:managedFields' && path.length > 2) return path.slice(0, 2);
  return path;
}

/** internal.BuildManagerIdentifier: the entry without fieldsType, fieldsV1 and time (and apiVersion for Apply). */
function identifier(e: Entry): string {
  return JSON.stringify({ manager: e.manager, operation: e.operation, ...e.operation === 'Update' ? { apiVersion: e.apiVersion } : {}, ...e.subresource ? { subresource: e.subresource } : {} });
}

/**
 * The paths a request sets, changes or removes, against the stored object (on create, an empty object of the kind):
 * typed.Compare over the deduced type of a CRD (maps field by field, lists and scalars whole), without the status
 * (the strategy's reset fields). Paths are joined by NUL.
 */
function changedPaths(live: unknown, object: unknown): Set<string> {
  const out = new Set<string>();
  walk(live, object, [], out);
  return out;
}

function walk(lhs: unknown, rhs: unknown, at: string[], out: Set<string>): void {
  if (at.length === 1 && at[0] === 'f:status') return;
  const key = at.join('\u0000');
  if (at.length === 2 && at[0] === 'f:metadata' && (at[1] === 'f:ownerReferences' || at[1] === 'f:finalizers')
    && (isArray(lhs) || isArray(rhs)) && (lhs === undefined || isArray(lhs)) && (rhs === undefined || isArray(rhs))) {
    walkAssociative(lhs as unknown[] | undefined, rhs as unknown[] | undefined, at, out);
    return;
  }
  const own = (m: unknown, k: string) => (isObj(m) && Object.prototype.hasOwnProperty.call(m, k) ? (m as Record<string, unknown>)[k] : undefined);
  if (lhs === undefined && rhs === undefined) return;
  if (lhs === undefined || rhs === undefined) {
    // Added or removed, with every field below it.
    const present = lhs === undefined ? rhs : lhs;
    if (at.length > 0) out.add(key);
    if (isObj(present)) {
      for (const k of Object.keys(present)) walk(own(lhs, k), own(rhs, k), [...at, `f:${k}`], out);
    }
    return;
  }
  const lMap = isObj(lhs);
  const rMap = isObj(rhs);
  if (lMap && rMap) {
    // Two empty maps are one equal leaf; otherwise field by field.
    for (const k of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) walk(own(lhs, k), own(rhs, k), [...at, `f:${k}`], out);
    return;
  }
  // Lists (atomic), scalars and null are leaves; a map against another type is changed, and its fields go or come.
  if (lMap || rMap || !sameValue(lhs, rhs)) out.add(key);
  const map = lMap ? lhs : rMap ? rhs : undefined;
  for (const k of Object.keys(map ?? {})) walk(lMap ? own(lhs, k) : undefined, rMap ? own(rhs, k) : undefined, [...at, `f:${k}`], out);
}

/**
 * ObjectMeta's associative lists as the TypeConverter types them (compare.go visitListItems): owner references keyed
 * by uid (`k:{"uid":...}`, each a struct compared field by field), finalizers a set (`v:"..."`). An item written more
 * than once is compared whole, at its key. Two empty (or absent) lists are one leaf.
 */
function walkAssociative(lhs: unknown[] | undefined, rhs: unknown[] | undefined, at: string[], out: Set<string>): void {
  const key = at.join('\u0000');
  if ((lhs ?? []).length === 0 && (rhs ?? []).length === 0) {
    if (lhs === undefined || rhs === undefined) out.add(key);
    return;
  }
  const owners = at[1] === 'f:ownerReferences';
  const element = (v: unknown) => (owners ? `k:${canonicalJson({ uid: isObj(v) ? (v as Record<string, unknown>).uid ?? null : null })}` : `v:${canonicalJson(v)}`);
  const index = (list: unknown[] | undefined) => {
    const m = new Map<string, unknown[]>();
    for (const v of list ?? []) m.set(element(v), [...m.get(element(v)) ?? [], v]);
    return m;
  };
  const [l, r] = [index(lhs), index(rhs)];
  for (const pe of new Set([...l.keys(), ...r.keys()])) {
    const [ls, rs] = [l.get(pe) ?? [], r.get(pe) ?? []];
    const path = [...at, pe];
    if (ls.length <= 1 && rs.length <= 1) {walk(ls[0], rs[0], path, out);} else if (ls.length >= 2 && rs.length >= 2) {
      if (!sameValue(ls, rs)) out.add(path.join('\u0000'));
    } else if (ls.length >= 2) {
      if (rs.length > 0) walk(undefined, rs[0], path, out);
      out.add(path.join('\u0000'));
    } else {
      if (ls.length > 0) walk(ls[0], undefined, path, out);
      out.add(path.join('\u0000'));
    }
  }
  // The list itself is added or removed with its items.
  if (lhs === undefined || rhs === undefined) out.add(key);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length
      && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as any)[k], (b as any)[k]));
  }
  return false;
}

/** stripmeta.go: the paths the request's own entry never keeps. */
const STRIPPED = new Set(['f:apiVersion', 'f:kind', 'f:metadata', 'f:metadata\u0000f:name', 'f:metadata\u0000f:namespace',
  'f:metadata\u0000f:creationTimestamp', 'f:metadata\u0000f:selfLink', 'f:metadata\u0000f:uid', 'f:metadata\u0000f:clusterName',
  'f:metadata\u0000f:generation', 'f:metadata\u0000f:managedFields', 'f:metadata\u0000f:resourceVersion']);

/** The system fields the create handler wipes before the field manager runs (rest.WipeObjectMetaSystemFields). */
const WIPED_ON_CREATE = ['creationTimestamp', 'uid', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'];

/** An entry of the list the field manager leaves, in the API server's order. */
export interface StoredManagedFieldsEntry {
  readonly manager: string;
  readonly operation: string;
  readonly apiVersion: string;
  readonly subresource: string;
  /** The entry's time as written (absent for the request's own entry, which the API server stamps). */
  readonly time?: string;
  /** The index of the written entry it comes from; undefined for the request's own entry. */
  readonly written?: number;
}

/**
 * The list the field manager leaves of the request's managedFields (FieldManager.UpdateNoErrors), sorted as it
 * encodes them (operation, time, manager, apiVersion, subresource); the request's own entry (kubectl apply's
 * manager) among them when the request sets fields of its own. A list it cannot decode is replaced by the stored
 * object's (on update, stood in for by the request's own entry); one whose update fails leaves nothing.
 */
export function fieldManagerResult(value: unknown, request: ManagedFieldsRequest): StoredManagedFieldsEntry[] {
  const object = withoutMeta(request.object, request.live === undefined ? ['managedFields', ...WIPED_ON_CREATE] : ['managedFields']);
  const live = request.live ?? { apiVersion: request.object.apiVersion, kind: request.object.kind };
  const changed = changedPaths(live, object);
  const ownSet = [...changed].some(p => !STRIPPED.has(p));
  const ownEntry: Entry = { index: -1, manager: REQUEST_MANAGER, operation: 'Update', apiVersion: request.apiVersion, subresource: '', seconds: Infinity, members: [] };
  const stored = (entries: readonly Entry[]) => [...entries].sort(encodedOrder).map(e => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    subresource: e.subresource,
    ...e.time !== undefined ? { time: e.time } : {},
    ...e.index >= 0 ? { written: e.index } : {},
  }));

  const entries = isArray(value) ? value.map(decodeEntry) : [];
  if (entries.length === 0 || entries.some(e => e === undefined)) {
    // Replaced by the stored object's: none on create; on update, the entry the last apply left.
    return stored(ownSet || request.live !== undefined ? [ownEntry] : []);
  }
  // Entries of one manager merge: the last one's fields and time stand.
  const byManager = new Map<string, Entry>();
  for (const e of entries as Entry[]) byManager.set(identifier(e), e);
  const other = new Set(request.otherServedVersions ?? []);
  if ([...byManager.values()].some(e => e.apiVersion !== request.apiVersion && !other.has(e.apiVersion))) return [];
  // An entry of another served version: the objects are converted to it and typed again, this time without
  // allowing duplicates (versionConverter.Convert): an owner reference or finalizer written twice fails the update.
  const converted = [...byManager.values()].some(e => e.apiVersion !== request.apiVersion);
  if (converted && (hasDuplicateItems(object) || hasDuplicateItems(request.live))) return [];

  const kept = [...byManager.values()].filter(e => e.apiVersion !== request.apiVersion
    || e.members.some(m => !changed.has(m.join('\u0000'))));
  // kubectl apply's manager: an entry of it in the list takes the request's fields (ManagedFieldsUpdater).
  const ownId = identifier(ownEntry);
  const own = ownSet && !kept.some(e => identifier(e) === ownId);
  const all = own ? [...kept, ownEntry] : kept;
  // The cap on Update entries (capmanagers.go): the oldest are merged into an entry of the manager `ancient-changes`.
  const updaters = all.filter(e => e.operation === 'Update').sort((a, b) => a.seconds - b.seconds || compareCodePoints(identifier(a), identifier(b)));
  if (updaters.length <= MAX_UPDATE_MANAGERS) return stored(all);
  const merged = new Set<Entry>(updaters.slice(0, updaters.length - MAX_UPDATE_MANAGERS + 1));
  const last = [...merged].reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const bucket: Entry = { ...last, index: -1, manager: 'ancient-changes', subresource: '' };
  return stored([...all.filter(e => !merged.has(e)), bucket]);
}

/** Whether ObjectMeta's associative lists hold an item twice: owner references by uid, finalizers by value. */
function hasDuplicateItems(object: unknown): boolean {
  const metadata = isObj(object) ? (object as Record<string, unknown>).metadata : undefined;
  if (!isObj(metadata)) return false;
  const m = metadata as Record<string, unknown>;
  const twice = (keys: unknown[]) => new Set(keys.map(k => canonicalJson(k))).size < keys.length;
  const owners = isArray(m.ownerReferences) ? m.ownerReferences.map(r => (isObj(r) ? (r as Record<string, unknown>).uid ?? '' : r)) : [];
  const finalizers = isArray(m.finalizers) ? m.finalizers : [];
  return twice(owners) || twice(finalizers);
}

/** sortEncodedManagedFields: operation, time (seconds; none is 0), manager, apiVersion, subresource. */
function encodedOrder(a: Entry, b: Entry): number {
  return compareCodePoints(a.operation, b.operation) || a.seconds - b.seconds || compareCodePoints(a.manager, b.manager)
    || compareCodePoints(a.apiVersion, b.apiVersion) || compareCodePoints(a.subresource, b.subresource);
}

/** Whether an entry decodes as the field manager reads one (DecodeManagedFields), for lists made otherwise. */
export function decodesAsManagedFieldsEntry(value: unknown): boolean {
  return decodeEntry(value, 0) !== undefined;
}

/**
 * ValidateManagedFields of one entry (operation and fieldsType aside: right in any entry the field manager
 * decodes): the manager at most 128 bytes, all printable, the subresource at most 256 bytes. `kept` says why the
 * entry is there.
 */
export function managedFieldsEntryProblems(at: string, manager: string, subresource: string, kept: string,
  managerAt = child(at, 'manager'), subresourceAt = child(at, 'subresource')): Problem[] {
  const out: Problem[] = [];
  const tail = `: the API server ${kept} and refuses the object; fix it or remove the entry`;
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) {
    out.push(problem('too-long', managerAt, `${showValue(manager)} is too long: ${byteLength(manager)} bytes, at most ${FIELD_MANAGER_MAX_LENGTH} are allowed${tail}`));
  }
  const bad = firstNonPrintable(manager);
  if (bad !== undefined) {
    out.push(invalid(managerAt, manager, `has a character that is not printable (${bad}), a manager is printable text${tail}`));
  }
  if (byteLength(subresource) > MAX_SUBRESOURCE_NAME_LENGTH) {
    out.push(problem('too-long', subresourceAt, `${showValue(subresource)} is too long: ${byteLength(subresource)} bytes, at most ${MAX_SUBRESOURCE_NAME_LENGTH} are allowed${tail}`));
  }
  return out;
}

/** Why the API server has a written entry after its field manager. */
export const KEPT_AS_WRITTEN = 'reads and keeps this entry (it claims fields this request leaves alone)';

/**
 * The errors of ValidateManagedFields for the request's managedFields (`value`, at `path`) after the field manager,
 * each named at the entry as written; none when the field manager replaces or drops them.
 */
export function validateManagedFields(path: string, value: unknown, request: ManagedFieldsRequest): Problem[] {
  const out: Problem[] = [];
  for (const e of fieldManagerResult(value, request)) {
    if (e.written !== undefined) out.push(...managedFieldsEntryProblems(item(path, e.written), e.manager, e.subresource, KEPT_AS_WRITTEN));
  }
  return out;
}

function showValue(value: string): string {
  return invalid('', value, '').message.trim();
}

function withoutMeta(object: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const metadata = object.metadata;
  if (!isObj(metadata)) return object;
  const copy: Record<string, unknown> = { ...metadata as Record<string, unknown> };
  for (const f of fields) delete copy[f];
  return { ...object, metadata: copy };
}

/**
 * Go's unicode.IsPrint over the runes of a string: letters, marks, numbers, punctuation, symbols and the ASCII
 * space. A lone surrogate is U+FFFD to Go's JSON decoder (printable). The first rune that is not, as `U+0007 at
 * byte 3`, or undefined.
 */
export function firstNonPrintable(value: string): string | undefined {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const printable = ch === ' ' || (cp >= 0xd800 && cp <= 0xdfff) || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
    if (!printable) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} at byte ${bytes}`;
    bytes += byteLength(ch);
  }
  return undefined;
}
