/**
 * Cross-object rules: what kpack's controllers look up at reconcile time (kpack-api.md §15.3), checked over the
 * whole set of manifests. Namespaced objects without a namespace are taken to be in `default`.
 */
import { declaredIds, describeIds, mergeIds, ProvidedIds, providesId } from './buildpack-ids';
import { tagRegistry } from './image-reference';
import { arr, obj, Obj, raw, show, str } from './json';
import { DEFAULT_SERVICE_ACCOUNT } from './kinds';
import { ManifestObject, ObjectIndex } from './object-index';
import { ObjectReference, referencesOf } from './object-references';
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

  /** Checks the references `refs` of `o` (its `referencesOf`). */
  public check(o: ManifestObject, refs: readonly ObjectReference[]): void {
    if (o.group === '' ? o.kind !== 'ServiceAccount' : !o.checked) return;
    const spec = obj(o.doc, 'spec');
    for (const r of refs) {
      if (r.field === 'order') continue; // with the rest of each order entry, below
      // The namespace's `default` ServiceAccount an Image, Build or Builder names (or gets by kpack's default).
      if (r.implicit && r.field === 'serviceAccount' && r.path !== 'spec.serviceAccountRef.name' && o.kind !== 'Buildpack') {
        this.defaultServiceAccount(o, spec ?? {}, r.path.slice('spec.'.length));
      }
      if (r.implicit || (r.field === 'lifecycle' && !featuresOf(this.version).clusterLifecycle)) continue;
      if (r.field === 'builder' && o.kind === 'Build') this.buildBuilderNamespace(o, spec);
      if (r.field === 'services') this.forbiddenSecret(o, r);
      this.ref(o, r);
    }
    if (spec && (o.kind === 'Builder' || o.kind === 'ClusterBuilder')) this.order(o, spec, new Map(refs.map(r => [r.path, r])));
  }

  /** A Build's Builder is looked up in `spec.builder.ref.namespace`, which kpack does not default. */
  private buildBuilderNamespace(o: ManifestObject, spec: Obj | null | undefined): void {
    const ref = obj(obj(spec, 'builder'), 'ref');
    if (str(ref, 'kind') !== 'Builder' || str(ref, 'namespace') !== '') return;
    o.report.add('ref-builder-namespace', 'spec.builder.ref.namespace', 'spec.builder.ref.namespace is required for a Builder: '
      + 'kpack\'s build pod generator looks the Builder up in ref.namespace, and with none in namespace "", where no Builder '
      + `can be, so the Build fails; set it to the Build's namespace ${show(o.namespace)}`);
  }

  /** The order of a Builder or ClusterBuilder: what each entry names, repeats, and the ids it asks for. */
  private order(o: ManifestObject, spec: Obj, byPath: Map<string, ObjectReference>): void {
    const cluster = o.kind === 'ClusterBuilder';
    // The store kpack also searches for ids; `null` when it is named wrongly (the id check is then skipped).
    const storeName = str(obj(spec, 'store'), 'name');
    const store = byPath.get('spec.store.name')?.name ?? (storeName !== '' ? null : undefined);
    (arr(spec, 'order') ?? []).forEach((value, i) => {
      const group = arr(element(value), 'group');
      if (group) this.group(o, group, `spec.order[${i}].group`, cluster, store, byPath);
    });
  }

  private group(o: ManifestObject, group: readonly unknown[], path: string, cluster: boolean, store: string | null | undefined,
    byPath: Map<string, ObjectReference>): void {
    const seen = new Map<string, string>();
    group.forEach((value, j) => {
      const entry = element(value);
      if (!entry) return;
      const at = `${path}[${j}]`;
      const id = str(entry, 'id') ?? '';
      const kind = str(entry, 'kind') ?? '';
      const name = str(entry, 'name') ?? '';
      const version = str(entry, 'version') ?? '';
      const target = byPath.get(`${at}.name`);
      if (kind === 'Buildpack' && cluster) {
        o.report.add('ref-cluster-builder-buildpack', `${at}.kind`, `${at}.kind "Buildpack" cannot be used by a ClusterBuilder: `
          + 'kpack resolves only ClusterBuildpacks and the ClusterStore for it, use a ClusterBuildpack');
      } else if (ORDER_KINDS.has(kind) && name === '') {
        o.report.add('ref-name', `${at}.name`, `${at}.name is not set: kpack admits a kind without a name but cannot resolve it, `
          + `name the ${kind}`);
      } else if (target) {
        this.ref(o, target);
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
      if (target) {
        const found = this.index.find(target.kind, target.namespace, target.name);
        const ids = found ? this.declaredIds(found) : undefined;
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

  /** kpack fails builds that bind a Secret some ServiceAccount of the namespace lists under `secrets`. */
  private forbiddenSecret(o: ManifestObject, r: ObjectReference): void {
    const account = this.forbiddenSecrets(o.namespace).get(r.name);
    if (account === undefined) return;
    o.report.add('ref-forbidden-secret', r.path, `${r.path} binds Secret ${show(r.name)}, which ServiceAccount ${show(account)} lists `
      + 'under secrets: kpack fails builds that bind service account secrets, bind a separate Secret'
      + ` (kpack: build rejected: service ${show(r.name)} uses forbidden secret ${show(r.name)})`);
  }

  private forbiddenSecrets(namespace: string): Map<string, string> {
    if (!this.forbidden) {
      this.forbidden = new Map();
      for (const o of this.objects) {
        if (o.group !== '' || o.kind !== 'ServiceAccount') continue;
        let secrets = this.forbidden.get(o.namespace);
        if (!secrets) this.forbidden.set(o.namespace, secrets = new Map());
        for (const r of referencesOf(o.doc)) {
          if (r.field === 'secrets' && !secrets.has(r.name)) secrets.set(r.name, o.name);
        }
      }
    }
    return this.forbidden.get(namespace) ?? new Map();
  }

  /** Reports a reference to an object that is neither in the manifests nor external (or is in another namespace). */
  private ref(o: ManifestObject, { path, kind, namespace, name, lookup }: ObjectReference): void {
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
