/**
 * Buildpack ids declared with the `kpack.cdk8s.io/buildpack-ids` annotation (`id` or `id@version`, comma-separated)
 * on ClusterStores, ClusterBuildpacks and Buildpacks, so builder order entries can be checked without a registry.
 */
import { get, obj } from './json';
import { BUILDPACK_IDS_ANNOTATION } from './kinds';

/** Buildpack id to its declared versions; `ANY_VERSION` when declared without one. */
export type ProvidedIds = Map<string, Set<string> | typeof ANY_VERSION>;

export const ANY_VERSION = '*';

/** The ids an object declares, or undefined when it carries no (string) annotation. */
export function declaredIds(doc: unknown): ProvidedIds | undefined {
  const annotations = obj(get(doc, 'metadata'), 'annotations');
  const value = annotations ? get(annotations, BUILDPACK_IDS_ANNOTATION) : undefined;
  if (typeof value !== 'string') return undefined;
  const ids: ProvidedIds = new Map();
  for (const token of value.split(',')) {
    const entry = token.trim();
    if (entry === '') continue;
    const at = entry.indexOf('@');
    if (at < 0) addId(ids, entry, ANY_VERSION);
    else addId(ids, entry.slice(0, at), entry.slice(at + 1) || ANY_VERSION);
  }
  return ids;
}

function addId(ids: ProvidedIds, id: string, version: string): void {
  const known = ids.get(id);
  if (known === ANY_VERSION) return;
  if (version === ANY_VERSION) ids.set(id, ANY_VERSION);
  else if (known) known.add(version);
  else ids.set(id, new Set([version]));
}

export function mergeIds(into: ProvidedIds, from: ProvidedIds): void {
  for (const [id, versions] of from) {
    if (versions === ANY_VERSION) addId(into, id, ANY_VERSION);
    else for (const v of versions) addId(into, id, v);
  }
}

/** Whether `id` (at `version`, when given) is provided. A declaration without version matches any version. */
export function providesId(ids: ProvidedIds, id: string, version: string): boolean {
  const versions = ids.get(id);
  if (versions === undefined) return false;
  return version === '' || versions === ANY_VERSION || versions.has(version);
}

/** `a, b@1.0.0, ...` for messages (sorted, at most 20). */
export function describeIds(ids: ProvidedIds): string {
  const all: string[] = [];
  for (const [id, versions] of ids) {
    if (versions === ANY_VERSION) all.push(id);
    else for (const v of versions) all.push(`${id}@${v}`);
  }
  if (all.length === 0) return 'none';
  all.sort();
  return all.length > 20 ? `${all.slice(0, 20).join(', ')}, ... (${all.length} in all)` : all.join(', ');
}
