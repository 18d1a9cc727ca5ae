/**
 * Which field of which kind names which other object, and where kpack looks that object up: the one description of
 * the references between kpack objects, ServiceAccounts and Secrets (kpack-api.md §15.3). Read by the reference rules
 * (references.ts), the credential rules (rules/credentials.ts) and the build graph (src/graph/model.ts).
 *
 * A reference is what kpack resolves, after its defaulting: an Image without `serviceAccountName` uses the
 * namespace's `default` ServiceAccount. What kpack never resolves is no reference: a stack of another kind than
 * ClusterStack, a namespaced Buildpack in a ClusterBuilder's order, a field of the wrong type.
 */
import { arr, get, obj, Obj, str } from './json';
import { DEFAULT_LIFECYCLE, DEFAULT_SERVICE_ACCOUNT } from './kinds';
import { effectiveNamespace } from './object-index';
import { element } from './rules/common';

/** The field a reference is made by, as the graph labels its edges. */
export type ReferenceField = 'builder' | 'stack' | 'store' | 'lifecycle' | 'order' | 'serviceAccount' | 'services'
| 'secrets' | 'imagePullSecrets';

/** One reference of an object to another. */
export interface ObjectReference {
  /** Path of the field that holds the name, e.g. `spec.builder.name`. */
  readonly path: string;
  readonly field: ReferenceField;
  /** Kind of the object referred to. */
  readonly kind: string;
  /** Where kpack looks it up: `''` for cluster-scoped kinds. */
  readonly namespace: string;
  /** Its name (never empty). */
  readonly name: string;
  /** How kpack finds it, for messages (`''` for cluster-scoped kinds, where there is nothing to explain). */
  readonly lookup: string;
  /** An object every cluster has (a namespace's `default` ServiceAccount, kpack's `default-lifecycle`). */
  readonly implicit: boolean;
}

const BUILDER_KINDS = ['Builder', 'ClusterBuilder'];
const ORDER_KINDS = ['Buildpack', 'ClusterBuildpack'];

/**
 * The references of one manifest (a kpack object, ServiceAccount or Secret; any other value has none), in field
 * order. The object's own namespace is its `metadata.namespace`, `default` when it gives none.
 */
export function referencesOf(manifest: unknown): ObjectReference[] {
  const kind = get(manifest, 'kind');
  if (typeof kind !== 'string') return [];
  const namespace = effectiveNamespace(kind, str(get(manifest, 'metadata'), 'namespace'));
  const refs = new References(kind, namespace);
  if (kind === 'ServiceAccount') {
    for (const field of ['secrets', 'imagePullSecrets'] as const) {
      (arr(manifest, field) ?? []).forEach((value, i) => {
        refs.add(`${field}[${i}].name`, field, 'Secret', namespace, str(element(value), 'name'),
          'a ServiceAccount uses Secrets of its own namespace');
      });
    }
    return refs.list;
  }
  const spec = obj(manifest, 'spec');
  if (!spec) return refs.list;
  switch (kind) {
    case 'Image': {
      const builder = obj(spec, 'builder');
      refs.builder('spec.builder.name', str(builder, 'kind'), str(builder, 'name'), namespace,
        'kpack looks Builders up in the Image\'s namespace');
      refs.serviceAccountName(spec, 'serviceAccountName');
      const build = obj(spec, 'build');
      if (build) refs.services(build, 'spec.build.services');
      break;
    }
    case 'Build': {
      const ref = obj(obj(spec, 'builder'), 'ref');
      refs.builder('spec.builder.ref.name', str(ref, 'kind'), str(ref, 'name'), str(ref, 'namespace') || namespace,
        'kpack looks the Builder up in spec.builder.ref.namespace');
      refs.serviceAccountName(spec, 'serviceAccountName');
      refs.services(spec, 'spec.services');
      break;
    }
    case 'Builder':
    case 'ClusterBuilder': {
      const cluster = kind === 'ClusterBuilder';
      refs.clusterRef(spec, 'stack', 'ClusterStack', cluster);
      refs.clusterRef(spec, 'store', 'ClusterStore', cluster);
      // kpack reads only the name of `lifecycle` (its kind is defaulted, never checked).
      refs.add('spec.lifecycle.name', 'lifecycle', 'ClusterLifecycle', '', str(obj(spec, 'lifecycle'), 'name'), '');
      refs.order(spec, cluster);
      if (cluster) refs.serviceAccountRef(spec);
      else refs.serviceAccountName(spec, str(spec, 'serviceAccountName') ? 'serviceAccountName' : 'serviceAccount');
      break;
    }
    case 'Buildpack':
      refs.serviceAccountName(spec, 'serviceAccountName');
      break;
    case 'ClusterStack':
    case 'ClusterStore':
    case 'ClusterBuildpack':
    case 'ClusterLifecycle':
      refs.serviceAccountRef(spec);
      break;
    default:
      break;
  }
  return refs.list;
}

/** `kpack uses ServiceAccounts of the <kind>'s namespace`, made once per kind: nearly every object has the reference. */
const SERVICE_ACCOUNT_LOOKUP = new Map<string, string>();

function serviceAccountLookup(kind: string): string {
  let text = SERVICE_ACCOUNT_LOOKUP.get(kind);
  if (text === undefined) SERVICE_ACCOUNT_LOOKUP.set(kind, text = `kpack uses ServiceAccounts of the ${kind}'s namespace`);
  return text;
}

class References {
  public readonly list: ObjectReference[] = [];

  public constructor(private readonly kind: string, private readonly namespace: string) {}

  public add(path: string, field: ReferenceField, kind: string, namespace: string, name: string | undefined, lookup: string): void {
    if (!name) return;
    const implicit = (kind === 'ServiceAccount' && name === DEFAULT_SERVICE_ACCOUNT) || (kind === 'ClusterLifecycle' && name === DEFAULT_LIFECYCLE);
    this.list.push({ path, field, kind, namespace, name, lookup: namespace === '' ? '' : lookup, implicit });
  }

  /** A builder's stack or store: a ClusterStack or ClusterStore (kpack defaults the kind on a Builder only). */
  public clusterRef(spec: Obj, field: 'stack' | 'store', target: string, cluster: boolean): void {
    const ref = obj(spec, field);
    const refKind = str(ref, 'kind');
    if (refKind === target || (refKind === '' && !cluster)) this.add(`spec.${field}.name`, field, target, '', str(ref, 'name'), '');
  }

  /** The Buildpacks and ClusterBuildpacks a builder's order names (a ClusterBuilder resolves no Buildpack). */
  public order(spec: Obj, cluster: boolean): void {
    const order = arr(spec, 'order') ?? [];
    for (let i = 0; i < order.length; i++) {
      const group = arr(element(order[i]), 'group') ?? [];
      for (let j = 0; j < group.length; j++) {
        const entry = element(group[j]);
        const refKind = str(entry, 'kind') ?? '';
        if (!ORDER_KINDS.includes(refKind) || (cluster && refKind === 'Buildpack')) continue;
        this.add(`spec.order[${i}].group[${j}].name`, 'order', refKind, refKind === 'Buildpack' ? this.namespace : '',
          str(entry, 'name'), 'kpack looks Buildpacks up in the Builder\'s namespace');
      }
    }
  }

  /** A Builder (in `namespace`) or a ClusterBuilder. */
  public builder(path: string, kind: string | undefined, name: string | undefined, namespace: string, lookup: string): void {
    if (kind !== undefined && BUILDER_KINDS.includes(kind)) this.add(path, 'builder', kind, kind === 'Builder' ? namespace : '', name, lookup);
  }

  /** A ServiceAccount of the object's namespace, by name; kpack's default is `default`. */
  public serviceAccountName(spec: Obj, field: 'serviceAccountName' | 'serviceAccount'): void {
    const name = str(spec, field);
    if (name === undefined) return;
    this.add(field === 'serviceAccountName' ? 'spec.serviceAccountName' : 'spec.serviceAccount', 'serviceAccount', 'ServiceAccount',
      this.namespace, name || DEFAULT_SERVICE_ACCOUNT, serviceAccountLookup(this.kind));
  }

  /** A ServiceAccount in any namespace, by name and namespace (both required; no default). */
  public serviceAccountRef(spec: Obj): void {
    const ref = obj(spec, 'serviceAccountRef');
    const namespace = str(ref, 'namespace');
    if (!namespace) return;
    this.add('spec.serviceAccountRef.name', 'serviceAccount', 'ServiceAccount', namespace, str(ref, 'name'),
      'spec.serviceAccountRef.namespace says where it is');
  }

  /** The Secrets bound as services (service bindings of kind Secret), in the object's namespace. */
  public services(owner: Obj, path: string): void {
    (arr(owner, 'services') ?? []).forEach((value, i) => {
      const service = element(value);
      if (str(service, 'kind') !== 'Secret') return;
      this.add(`${path}[${i}].name`, 'services', 'Secret', this.namespace, str(service, 'name'),
        'service bindings use Secrets of the build\'s namespace');
    });
  }
}
