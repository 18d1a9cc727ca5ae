/**
 * The build graph of a set of manifests: which objects refer to which (Image to Builder, Builder to ClusterStack,
 * ClusterStore, ClusterLifecycle and buildpacks, objects to their ServiceAccounts, ServiceAccounts to their
 * Secrets). Pure: plain manifests in, nodes and edges out. A reference to an object that is not in the set is a
 * dangling node. The rendering is in `render.ts`.
 */
import { arr, get, isObj, obj, Obj, str } from '../validation/json';
import { CHECKED_API_VERSION, DEFAULT_LIFECYCLE, DEFAULT_SERVICE_ACCOUNT, LEGACY_API_VERSION } from '../validation/kinds';
import { effectiveNamespace } from '../validation/object-index';

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
  const pending: Array<{ from: string; kind: string; namespace: string; name: string; label: string }> = [];

  for (const m of manifests) {
    const object = objectOf(m);
    if (!object) continue;
    const { kind, namespace, name, doc } = object;
    const key = nodeKey(kind, namespace, name);
    if (!nodes.has(key)) nodes.set(key, { key, kind, name, namespace, dangling: false });
    const refer = (toKind: string, toNamespace: string, toName: string | undefined, label: string) => {
      if (toName) pending.push({ from: key, kind: toKind, namespace: effectiveNamespace(toKind, toNamespace, namespace || 'default'), name: toName, label });
    };
    referencesOf(kind, namespace, doc, refer);
  }

  for (const ref of pending) {
    const to = nodeKey(ref.kind, ref.namespace, ref.name);
    if (!nodes.has(to)) {
      if (isImplicit(ref.kind, ref.name)) continue;
      nodes.set(to, { key: to, kind: ref.kind, name: ref.name, namespace: ref.namespace, dangling: true });
    }
    const edge = { from: ref.from, to, label: ref.label };
    edges.set(`${edge.from}\u0000${edge.to}\u0000${edge.label}`, edge);
  }

  const order = (a: GraphNode, b: GraphNode) => (RANK.get(a.kind)! - RANK.get(b.kind)!)
    || compare(a.namespace, b.namespace) || compare(a.name, b.name);
  return {
    nodes: [...nodes.values()].sort(order),
    edges: [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.label, b.label)),
  };
}

/** Objects every cluster has: each namespace's `default` ServiceAccount, and kpack's `default-lifecycle`. */
function isImplicit(kind: string, name: string): boolean {
  return (kind === 'ServiceAccount' && name === DEFAULT_SERVICE_ACCOUNT) || (kind === 'ClusterLifecycle' && name === DEFAULT_LIFECYCLE);
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
  return { kind, name, namespace: effectiveNamespace(kind, str(metadata, 'namespace'), 'default'), doc: m };
}

type Refer = (kind: string, namespace: string, name: string | undefined, label: string) => void;

function referencesOf(kind: string, namespace: string, doc: Obj, refer: Refer): void {
  const spec = obj(doc, 'spec');
  switch (kind) {
    case 'Image':
      builderRef(obj(spec, 'builder'), namespace, refer);
      refer('ServiceAccount', namespace, str(spec, 'serviceAccountName'), 'serviceAccount');
      return;
    case 'Build': {
      const ref = obj(obj(spec, 'builder'), 'ref');
      builderRef(ref, str(ref, 'namespace') || namespace, refer);
      refer('ServiceAccount', namespace, str(spec, 'serviceAccountName'), 'serviceAccount');
      return;
    }
    case 'Builder':
    case 'ClusterBuilder':
      return builderRefs(kind, namespace, spec, refer);
    case 'Buildpack':
      refer('ServiceAccount', namespace, str(spec, 'serviceAccountName'), 'serviceAccount');
      return;
    case 'ClusterStack':
    case 'ClusterStore':
    case 'ClusterBuildpack':
    case 'ClusterLifecycle':
      return serviceAccountRef(spec, refer);
    case 'ServiceAccount':
      for (const field of ['secrets', 'imagePullSecrets']) {
        for (const item of arr(doc, field) ?? []) refer('Secret', namespace, str(item, 'name'), field);
      }
      return;
    default:
      return;
  }
}

function builderRef(ref: Obj | null | undefined, namespace: string, refer: Refer): void {
  const kind = str(ref, 'kind');
  if (kind === 'Builder' || kind === 'ClusterBuilder') refer(kind, namespace, str(ref, 'name'), 'builder');
}

function builderRefs(kind: string, namespace: string, spec: Obj | null | undefined, refer: Refer): void {
  const cluster = kind === 'ClusterBuilder';
  const stack = obj(spec, 'stack');
  if (str(stack, 'kind') === 'ClusterStack' || (!cluster && str(stack, 'kind') === '')) refer('ClusterStack', '', str(stack, 'name'), 'stack');
  const store = obj(spec, 'store');
  if (str(store, 'kind') === 'ClusterStore' || (!cluster && str(store, 'kind') === '')) refer('ClusterStore', '', str(store, 'name'), 'store');
  const lifecycle = obj(spec, 'lifecycle');
  const lifecycleKind = str(lifecycle, 'kind');
  if (lifecycleKind === '' || lifecycleKind === 'ClusterLifecycle') refer('ClusterLifecycle', '', str(lifecycle, 'name'), 'lifecycle');
  for (const entry of arr(spec, 'order') ?? []) {
    for (const ref of arr(entry, 'group') ?? []) {
      const refKind = str(ref, 'kind');
      if (refKind === 'Buildpack' || refKind === 'ClusterBuildpack') refer(refKind, namespace, str(ref, 'name'), 'order');
    }
  }
  if (cluster) serviceAccountRef(spec, refer);
  else refer('ServiceAccount', namespace, str(spec, 'serviceAccountName') || str(spec, 'serviceAccount'), 'serviceAccount');
}

function serviceAccountRef(spec: Obj | null | undefined, refer: Refer): void {
  const ref = obj(spec, 'serviceAccountRef');
  const namespace = str(ref, 'namespace');
  if (namespace) refer('ServiceAccount', namespace, str(ref, 'name'), 'serviceAccount');
}
