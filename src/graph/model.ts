/**
 * The build graph of a set of manifests: which objects refer to which (Image to Builder, Builder to ClusterStack,
 * ClusterStore, ClusterLifecycle and buildpacks, objects to their ServiceAccounts, ServiceAccounts to their
 * Secrets). Pure: plain manifests in, nodes and edges out. A reference to an object that is not in the set is a
 * dangling node. The rendering is in `render.ts`.
 */
import { get, isObj, obj, Obj, str } from '../validation/json';
import { CHECKED_API_VERSION, LEGACY_API_VERSION } from '../validation/kinds';
import { effectiveNamespace } from '../validation/object-index';
import { ObjectReference, referencesOf } from '../validation/object-references';

export interface GraphNode {
  /** `kind/namespace/name` (namespace empty for cluster-scoped kinds). */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** `''` for cluster-scoped kinds. */
  readonly namespace: string;
  /** Referred to, but not in the manifests. */
  readonly dangling: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** The field that makes the reference, e.g. `builder`, `stack`, `order`. */
  readonly label: string;
}

export interface BuildGraph {
  /** In a stable order: by kind (images first, then builders, buildpacks, stores, stacks, ...), namespace, name. */
  readonly nodes: GraphNode[];
  /** Sorted by source, then target, then label; no duplicates. */
  readonly edges: GraphEdge[];
}

/** The kinds drawn, in the order they are listed (referrers before what they refer to). */
export const GRAPH_KINDS: readonly string[] = [
  'Image', 'Build', 'ClusterBuilder', 'Builder', 'Buildpack', 'ClusterBuildpack', 'ClusterStore', 'ClusterStack',
  'ClusterLifecycle', 'ServiceAccount', 'Secret',
];
const RANK = new Map(GRAPH_KINDS.map((k, i) => [k, i]));
const KPACK_VERSIONS = new Set([CHECKED_API_VERSION, LEGACY_API_VERSION]);

function nodeKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Builds the graph of `manifests` (any values; those that are not kpack objects, ServiceAccounts or Secrets are skipped). */
export function buildGraph(manifests: readonly unknown[]): BuildGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const pending: Array<{ readonly from: string; readonly ref: ObjectReference }> = [];

  for (const m of manifests) {
    const object = objectOf(m);
    if (!object) continue;
    const { kind, namespace, name, doc } = object;
    const key = nodeKey(kind, namespace, name);
    if (!nodes.has(key)) nodes.set(key, { key, kind, name, namespace, dangling: false });
    for (const ref of referencesOf(doc)) {
      // Service bindings are what the app reads at run time, not part of how its image is built.
      if (ref.field !== 'services') pending.push({ from: key, ref });
    }
  }

  for (const { from, ref } of pending) {
    const to = nodeKey(ref.kind, ref.namespace, ref.name);
    if (!nodes.has(to)) {
      if (ref.implicit) continue; // every cluster has it
      nodes.set(to, { key: to, kind: ref.kind, name: ref.name, namespace: ref.namespace, dangling: true });
    }
    const edge = { from, to, label: ref.field };
    edges.set(`${edge.from}\u0000${edge.to}\u0000${edge.label}`, edge);
  }

  const order = (a: GraphNode, b: GraphNode) => (RANK.get(a.kind)! - RANK.get(b.kind)!)
    || compare(a.namespace, b.namespace) || compare(a.name, b.name);
  return {
    nodes: [...nodes.values()].sort(order),
    edges: [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.label, b.label)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface GraphObject {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly doc: Obj;
}

function objectOf(m: unknown): GraphObject | undefined {
  if (!isObj(m)) return undefined;
  const apiVersion = get(m, 'apiVersion');
  const kind = get(m, 'kind');
  if (typeof kind !== 'string' || !RANK.has(kind)) return undefined;
  const core = kind === 'ServiceAccount' || kind === 'Secret';
  if (core ? apiVersion !== 'v1' : !(typeof apiVersion === 'string' && KPACK_VERSIONS.has(apiVersion))) return undefined;
  const metadata = obj(m, 'metadata');
  const name = str(metadata, 'name');
  if (!name) return undefined;
  return { kind, name, namespace: effectiveNamespace(kind, str(metadata, 'namespace')), doc: m };
}
