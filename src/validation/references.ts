/**
 * Cross-object rules: what kpack's controllers look up at reconcile time (kpack-api.md §15.3), checked over the
 * whole set of manifests. Namespaced objects without a namespace are taken to be in `default`.
 */
import { declaredIds, describeIds, mergeIds, ProvidedIds, providesId } from './buildpack-ids';
import { tagRegistry } from './image-reference';
import { arr, obj, Obj, raw, show, str } from './json';
import { DEFAULT_LIFECYCLE, DEFAULT_SERVICE_ACCOUNT } from './kinds';
import { ManifestObject, ObjectIndex } from './object-index';
import { element } from './rules/common';
import { featuresOf } from './versions';

const ORDER_KINDS = new Set(['Buildpack', 'ClusterBuildpack']);

/** Where kpack searches an order entry that gives only an id, and what those places declare. */
interface Availability {
  readonly ids: ProvidedIds;
  readonly where: string;
}

export class ReferenceChecker {
  private readonly declared = new Map<ManifestObject, ProvidedIds | undefined>();
  private readonly availability = new Map<string, Availability | undefined>();
  /** Per namespace: Secret name to the ServiceAccount that lists it under `secrets`. */
  private forbidden: Map<string, Map<string, string>> | undefined;

  public constructor(
    private readonly index: ObjectIndex,
    private readonly objects: readonly ManifestObject[],
    private readonly version: string,
  ) {}

  public check(o: ManifestObject): void {
    if (o.group === '') {
      if (o.kind === 'ServiceAccount') this.serviceAccount(o);
      return;
    }
    if (!o.checked) return;
    const spec = obj(o.doc, 'spec');
    if (!spec) return;
    switch (o.kind) {
      case 'Image': return this.image(o, spec);
      case 'Build': return this.build(o, spec);
      case 'Builder': return this.builder(o, spec, false);
      case 'ClusterBuilder': return this.builder(o, spec, true);
      case 'Buildpack': return this.serviceAccountName(o, spec, 'serviceAccountName');
      case 'ClusterStack':
      case 'ClusterStore':
      case 'ClusterBuildpack':
      case 'ClusterLifecycle':
        return this.serviceAccountRef(o, spec);
      default: return;
    }
  }

  private image(o: ManifestObject, spec: Obj): void {
    const builder = obj(spec, 'builder');
    const name = str(builder, 'name');
    const kind = str(builder, 'kind');
    if (name && kind === 'Builder') {
      this.ref(o, 'spec.builder.name', 'Builder', o.namespace, name, 'kpack looks Builders up in the Image\'s namespace');
    } else if (name && kind === 'ClusterBuilder') {
      this.ref(o, 'spec.builder.name', 'ClusterBuilder', '', name, '');
    }
    this.serviceAccountName(o, spec, 'serviceAccountName');
    const build = obj(spec, 'build');
    if (build) this.services(o, build, 'spec.build.services');
  }

  private build(o: ManifestObject, spec: Obj): void {
    const ref = obj(obj(spec, 'builder'), 'ref');
    const name = str(ref, 'name');
    const kind = str(ref, 'kind');
    if (ref && name && kind === 'Builder') {
      const namespace = str(ref, 'namespace');
      if (namespace === '') {
        o.report.add('ref-builder-namespace', 'spec.builder.ref.namespace', 'spec.builder.ref.namespace is required for a Builder: '
          + 'kpack\'s build pod generator looks the Builder up in ref.namespace, and with none in namespace "", where no Builder '
          + `can be, so the Build fails; set it to the Build's namespace ${show(o.namespace)}`);
      }
      this.ref(o, 'spec.builder.ref.name', 'Builder', namespace || o.namespace, name,
        'kpack looks the Builder up in spec.builder.ref.namespace');
    } else if (ref && name && kind === 'ClusterBuilder') {
      this.ref(o, 'spec.builder.ref.name', 'ClusterBuilder', '', name, '');
    }
    this.serviceAccountName(o, spec, 'serviceAccountName');
    this.services(o, spec, 'spec.services');
  }

  private builder(o: ManifestObject, spec: Obj, cluster: boolean): void {
    const stack = obj(spec, 'stack');
    const stackName = str(stack, 'name');
    const stackKind = str(stack, 'kind');
    if (stackName && (stackKind === 'ClusterStack' || (stackKind === '' && !cluster))) {
      this.ref(o, 'spec.stack.name', 'ClusterStack', '', stackName, '');
    }
    // The store kpack also searches for ids; `null` when it is named wrongly (the id check is then skipped).
    let store: string | null | undefined;
    const storeName = str(obj(spec, 'store'), 'name');
    const storeKind = str(obj(spec, 'store'), 'kind');
    if (storeName && (storeKind === 'ClusterStore' || (storeKind === '' && !cluster))) {
      this.ref(o, 'spec.store.name', 'ClusterStore', '', storeName, '');
      store = storeName;
    } else if (storeName !== '') {
      store = null;
    }
    if (featuresOf(this.version).clusterLifecycle) {
      const lifecycle = str(obj(spec, 'lifecycle'), 'name');
      if (lifecycle && lifecycle !== DEFAULT_LIFECYCLE) this.ref(o, 'spec.lifecycle.name', 'ClusterLifecycle', '', lifecycle, '');
    }
    (arr(spec, 'order') ?? []).forEach((value, i) => {
      const group = arr(element(value), 'group');
      if (group) this.group(o, group, `spec.order[${i}].group`, cluster, store);
    });
    if (cluster) this.serviceAccountRef(o, spec);
    else this.serviceAccountName(o, spec, str(spec, 'serviceAccountName') ? 'serviceAccountName' : 'serviceAccount');
  }

  private group(o: ManifestObject, group: readonly unknown[], path: string, cluster: boolean, store: string | null | undefined): void {
    const seen = new Map<string, string>();
    group.forEach((value, j) => {
      const entry = element(value);
      if (!entry) return;
      const at = `${path}[${j}]`;
      const id = str(entry, 'id') ?? '';
      const kind = str(entry, 'kind') ?? '';
      const name = str(entry, 'name') ?? '';
      const version = str(entry, 'version') ?? '';
      const namespace = kind === 'Buildpack' ? o.namespace : '';
      if (kind === 'Buildpack' && cluster) {
        o.report.add('ref-cluster-builder-buildpack', `${at}.kind`, `${at}.kind "Buildpack" cannot be used by a ClusterBuilder: `
          + 'kpack resolves only ClusterBuildpacks and the ClusterStore for it, use a ClusterBuildpack');
      } else if (ORDER_KINDS.has(kind) && name === '') {
        o.report.add('ref-name', `${at}.name`, `${at}.name is not set: kpack admits a kind without a name but cannot resolve it, `
          + `name the ${kind}`);
      } else if (ORDER_KINDS.has(kind)) {
        this.ref(o, `${at}.name`, kind, namespace, name, 'kpack looks Buildpacks up in the Builder\'s namespace');
      }
      const identity = id !== '' ? `id ${show(id)}` : name !== '' ? `${raw(kind)} ${show(name)}` : '';
      if (identity !== '') {
        const earlier = seen.get(identity);
        if (earlier !== undefined) {
          o.report.add('ref-duplicate-buildpack', at, `${at} repeats buildpack ${identity} of ${earlier}: kpack uses the first `
            + 'entry (with its optional) and the lifecycle skips the repeat; remove it');
        } else {
          seen.set(identity, at);
        }
      }
      if (id === '' || (kind === 'Buildpack' && cluster)) return;
      if (ORDER_KINDS.has(kind) && name !== '') {
        const target = this.index.find(kind, namespace, name);
        const ids = target ? this.declaredIds(target) : undefined;
        if (ids && !providesId(ids, id, version)) this.missingId(o, at, id, version, `${kind} ${show(name)}`, ids);
      } else if (kind === '' && name === '' && store !== null) {
        const available = this.available(cluster ? undefined : o.namespace, store);
        if (available && !providesId(available.ids, id, version)) this.missingId(o, at, id, version, available.where, available.ids);
      }
    });
  }

  private missingId(o: ManifestObject, at: string, id: string, version: string, where: string, ids: ProvidedIds): void {
    const wanted = version === '' ? `${show(id)}` : `${show(id)} version ${show(version)}`;
    o.report.add('ref-buildpack-id', `${at}.id`, `${at}.id ${wanted} is not provided by ${where} (as declared by their `
      + `kpack.cdk8s.io/buildpack-ids annotations): available are ${describeIds(ids)}`);
  }

  /**
   * The ids kpack could resolve an id-only entry from: every Buildpack of the namespace (none for a ClusterBuilder),
   * every ClusterBuildpack and the store. Undefined when any of them is unknown or does not declare its ids.
   */
  private available(namespace: string | undefined, store: string | undefined): Availability | undefined {
    const cacheKey = `${namespace ?? '\u0001'}\u0000${store ?? ''}`;
    if (this.availability.has(cacheKey)) return this.availability.get(cacheKey);
    const result = this.computeAvailable(namespace, store);
    this.availability.set(cacheKey, result);
    return result;
  }

  private computeAvailable(namespace: string | undefined, store: string | undefined): Availability | undefined {
    if (this.index.hasExternal('ClusterBuildpack', '')) return undefined;
    if (namespace !== undefined && this.index.hasExternal('Buildpack', namespace)) return undefined;
    const places: ManifestObject[] = [...namespace !== undefined ? this.index.list('Buildpack', namespace) : []];
    places.push(...this.index.list('ClusterBuildpack', ''));
    if (store !== undefined) {
      const target = this.index.find('ClusterStore', '', store);
      if (!target) return undefined;
      places.push(target);
    }
    if (places.length === 0) return undefined;
    const ids: ProvidedIds = new Map();
    for (const place of places) {
      const declared = this.declaredIds(place);
      if (!declared) return undefined;
      mergeIds(ids, declared);
    }
    const where = [
      namespace !== undefined ? `the Buildpacks of namespace ${show(namespace)}` : '',
      'the ClusterBuildpacks',
      store !== undefined ? `ClusterStore ${show(store)}` : '',
    ].filter(s => s !== '').join(', ');
    return { ids, where: `${where} in the manifests` };
  }

  private declaredIds(o: ManifestObject): ProvidedIds | undefined {
    if (!this.declared.has(o)) this.declared.set(o, declaredIds(o.doc));
    return this.declared.get(o);
  }

  private serviceAccountName(o: ManifestObject, spec: Obj, field: string): void {
    const name = str(spec, field);
    if (!name || name === DEFAULT_SERVICE_ACCOUNT) {
      if (name !== undefined && o.kind !== 'Buildpack') this.defaultServiceAccount(o, spec, field);
      return;
    }
    this.ref(o, `spec.${field}`, 'ServiceAccount', o.namespace, name, `kpack uses ServiceAccounts of the ${o.kind}'s namespace`);
  }

  /**
   * An Image, Build or Builder on the namespace's `default` ServiceAccount: builds push with its secrets. When that
   * account is not among the objects (its credentials are then unknown), say what it must hold.
   */
  private defaultServiceAccount(o: ManifestObject, spec: Obj, given: string): void {
    if (this.index.exists('ServiceAccount', o.namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    const field = 'serviceAccountName'; // what kpack defaults (a Builder's legacy serviceAccount included)
    if (str(spec, given)) given = field;
    const first = arr(spec, 'tags')?.[0];
    const tag = o.kind === 'Build' ? (typeof first === 'string' ? first : undefined) : str(spec, 'tag');
    const registry = tag ? tagRegistry(tag) : undefined;
    const what = registry ? `a registry credential for ${show(registry)} (to push ${show(tag)})` : 'a registry credential for the tag\'s registry';
    o.report.add('default-service-account', `spec.${field}`, `spec.${field} is ${str(spec, given) ? '"default"' : 'not set'}: kpack uses `
      + `the ServiceAccount "default" of namespace ${show(o.namespace)}, which must list ${what} under secrets `
      + '(a kubernetes.io/dockerconfigjson Secret); name a ServiceAccount that holds one (BuildServiceAccount), or add it to the default one');
  }

  private serviceAccountRef(o: ManifestObject, spec: Obj): void {
    const ref = obj(spec, 'serviceAccountRef');
    const name = str(ref, 'name');
    const namespace = str(ref, 'namespace');
    if (!name || !namespace || name === DEFAULT_SERVICE_ACCOUNT) return;
    this.ref(o, 'spec.serviceAccountRef.name', 'ServiceAccount', namespace, name, 'spec.serviceAccountRef.namespace says where it is');
  }

  private services(o: ManifestObject, owner: Obj, path: string): void {
    (arr(owner, 'services') ?? []).forEach((value, i) => {
      const service = element(value);
      const name = str(service, 'name');
      if (!name || str(service, 'kind') !== 'Secret') return;
      const at = `${path}[${i}].name`;
      const account = this.forbiddenSecrets(o.namespace).get(name);
      if (account !== undefined) {
        o.report.add('ref-forbidden-secret', at, `${at} binds Secret ${show(name)}, which ServiceAccount ${show(account)} lists under `
          + 'secrets: kpack fails builds that bind service account secrets, bind a separate Secret'
          + ` (kpack: build rejected: service ${show(name)} uses forbidden secret ${show(name)})`);
      }
      this.ref(o, at, 'Secret', o.namespace, name, 'service bindings use Secrets of the build\'s namespace');
    });
  }

  private forbiddenSecrets(namespace: string): Map<string, string> {
    if (!this.forbidden) {
      this.forbidden = new Map();
      for (const o of this.objects) {
        if (o.group !== '' || o.kind !== 'ServiceAccount') continue;
        let secrets = this.forbidden.get(o.namespace);
        if (!secrets) this.forbidden.set(o.namespace, secrets = new Map());
        for (const value of arr(o.doc, 'secrets') ?? []) {
          const name = str(element(value), 'name');
          if (name && !secrets.has(name)) secrets.set(name, o.name);
        }
      }
    }
    return this.forbidden.get(namespace) ?? new Map();
  }

  private serviceAccount(o: ManifestObject): void {
    for (const field of ['secrets', 'imagePullSecrets']) {
      (arr(o.doc, field) ?? []).forEach((value, i) => {
        const name = str(element(value), 'name');
        if (name) this.ref(o, `${field}[${i}].name`, 'Secret', o.namespace, name, 'a ServiceAccount uses Secrets of its own namespace');
      });
    }
  }

  /** Reports a reference to an object that is neither in the manifests nor external (or is in another namespace). */
  private ref(o: ManifestObject, path: string, kind: string, namespace: string, name: string, lookup: string): void {
    if (this.index.exists(kind, namespace, name)) return;
    const other = namespace === '' ? [] : this.index.otherNamespaces(kind, name, namespace);
    if (other.length > 0) {
      const where = other.map(show).join(', ');
      o.report.add('ref-namespace', path, `${path} names ${kind} ${show(name)}, which is in namespace ${where}, not ${show(namespace)}: ${lookup}`);
      return;
    }
    const where = namespace === '' ? '' : ` in namespace ${show(namespace)}`;
    o.report.add('ref-missing', path, `${path} names ${kind} ${show(name)}${where}, `
      + 'which is not in the manifests: add it, or list it in externalObjects if it exists in the cluster');
  }
}
