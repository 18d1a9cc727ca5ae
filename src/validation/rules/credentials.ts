/**
 * Credential rules: whether the ServiceAccount of an Image, Build, Builder or ClusterBuilder holds the credentials
 * kpack will look for (kpack-api.md §15.3 X-9, kpack-install.md §9 "Registry / git / blob credentials"), and
 * whether the `kpack.io/*` annotations of Secrets can ever match.
 *
 * kpack admits every one of these objects: a missing credential fails the build at run time. So the engine
 * reports warnings; the synth-time checks of the constructs (src/private/checks.ts) promote the ones that are
 * certain (`PROMOTED_AT_SYNTH`) to errors, since there the app defines the whole ServiceAccount.
 */
import {
  AWS_ROLE_ANNOTATION, AZURE_CLIENT_ID_ANNOTATION, BASIC_AUTH, BLOB_ANNOTATION, DOCKER_ANNOTATION, DOCKER_CFG, DOCKER_CONFIG_JSON,
  GCP_SERVICE_ACCOUNT_ANNOTATION, gitCredentialHost, GIT_ANNOTATION, parseGitUrl, registryHost, SSH_AUTH, suggestGitAnnotation,
} from '../credential-hosts';
import { tagRegistry } from '../image-reference';
import { arr, child, get, isObj, obj, Obj, ownKeys, show, str } from '../json';
import { KeyMap, ManifestObject, ObjectIndex } from '../object-index';
import { ObjectReference, referencesOf } from '../object-references';

/** Rules the synth-time checks report as errors (the engine reports them as warnings: kpack admits the objects). */
export const PROMOTED_AT_SYNTH: ReadonlySet<string> = new Set([
  'credential-registry', 'credential-git-ssh', 'credential-git-url', 'credential-registry-host', 'credential-docker-config',
]);

/** ServiceAccount annotations of workload identity: the cloud provides registry access, not a Secret. */
const WORKLOAD_IDENTITY = [AWS_ROLE_ANNOTATION, GCP_SERVICE_ACCOUNT_ANNOTATION, AZURE_CLIENT_ID_ANNOTATION];

/** Registries whose credentials can come from the cloud (node role, credential helpers of the lifecycle). */
const CLOUD_REGISTRY = /(\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?|(^|\.)gcr\.io|-docker\.pkg\.dev|\.azurecr\.io)$/;

/** What one Secret gives kpack. */
interface SecretInfo {
  readonly name: string;
  /** Registries it authenticates to; undefined when its docker config cannot be read. */
  readonly registries: ReadonlySet<string> | undefined;
  /** The git host it is for, with whether it is an ssh key. */
  readonly git?: { readonly host: string; readonly ssh: boolean };
  readonly blobHost?: string;
}

/** The credentials a ServiceAccount gives its builds; `complete` when every Secret it names is known. */
interface AccountCredentials {
  readonly name: string;
  readonly secrets: readonly SecretInfo[];
  readonly complete: boolean;
  readonly workloadIdentity: boolean;
  /** The registries of all its Secrets; undefined when a docker config among them cannot be read. */
  readonly registries: ReadonlySet<string> | undefined;
}

const isServiceAccount = (r: ObjectReference) => r.field === 'serviceAccount';

export class CredentialChecker {
  private readonly external = new Map<string, SecretInfo>();
  private readonly secretInfo = new Map<ManifestObject, SecretInfo>();
  /** By namespace and name (`null`: no such ServiceAccount in the manifests). */
  private readonly accounts = new KeyMap<AccountCredentials | null>();

  public constructor(private readonly index: ObjectIndex, externalObjects: readonly unknown[]) {
    for (const ref of externalObjects) {
      const name = get(ref, 'name');
      if (get(ref, 'kind') !== 'Secret' || typeof name !== 'string' || name === '') continue;
      const annotations = get(ref, 'annotations');
      const type = get(ref, 'type');
      if (!isObj(annotations) && typeof type !== 'string') continue; // nothing is known about what it holds
      const namespace = get(ref, 'namespace');
      const info = describeSecret(name, typeof type === 'string' ? type : '', isObj(annotations) ? annotations : {}, undefined, true);
      this.external.set(`${typeof namespace === 'string' && namespace !== '' ? namespace : 'default'}\u0000${name}`, info);
    }
  }

  /** Checks the credentials `o` needs; `refs` are its references (its `referencesOf`). */
  public check(o: ManifestObject, refs: readonly ObjectReference[]): void {
    if (o.group === '') {
      if (o.kind === 'Secret') this.secret(o);
      return;
    }
    if (!o.checked) return;
    const spec = obj(o.doc, 'spec');
    if (!spec) return;
    // The ServiceAccount kpack takes the object's credentials from (a ClusterBuilder names one in any namespace).
    // Every check here needs to know all its Secrets.
    const account = refs.find(isServiceAccount);
    const creds = account === undefined ? undefined : this.account(account.namespace, account.name);
    if (!creds?.complete) return;
    switch (o.kind) {
      case 'Image':
        this.registry(o, [['spec.tag', str(spec, 'tag')]], creds);
        return this.source(o, spec, creds);
      case 'Build': {
        const tags = (arr(spec, 'tags') ?? []).map((t, i) => [`spec.tags[${i}]`, typeof t === 'string' ? t : undefined] as const);
        this.registry(o, tags, creds);
        return this.source(o, spec, creds);
      }
      case 'Builder':
      case 'ClusterBuilder':
        return this.registry(o, [['spec.tag', str(spec, 'tag')]], creds);
      default:
        return;
    }
  }

  /** The tags must be on a registry one of the ServiceAccount's registry credentials is for. */
  private registry(o: ManifestObject, tags: ReadonlyArray<readonly [string, string | undefined]>, creds: AccountCredentials): void {
    if (creds.workloadIdentity) return;
    const registries = creds.registries;
    if (!registries) return; // an unreadable docker config: kpack fails anyway, reported on the Secret
    if (registries.size === 0) {
      // Only a warning, even at synth: a registry may take anonymous pushes (a local dev registry), and a cloud
      // registry may be reached through the lifecycle's credential helpers.
      for (const [path, tag] of tags) {
        const registry = tag ? tagRegistry(tag) : undefined;
        if (!registry || CLOUD_REGISTRY.test(registry)) continue;
        o.report.add('credential-registry-missing', path, `${path} ${show(tag)} is on registry ${show(registry)}, but `
          + `ServiceAccount ${show(creds.name)} has no registry credential: kpack pushes anonymously, which most registries `
          + `refuse; add a registry credential for ${show(registry)} to the ServiceAccount's secrets`);
      }
      return;
    }
    for (const [path, tag] of tags) {
      const registry = tag ? tagRegistry(tag) : undefined;
      if (!registry || registries.has(registry)) continue;
      const have = [...registries].sort().map(show).join(', ');
      const cloud = CLOUD_REGISTRY.test(registry);
      o.report.add(cloud ? 'credential-registry-helper' : 'credential-registry', path, `${path} ${show(tag)} is on registry `
        + `${show(registry)}, but ServiceAccount ${show(creds.name)} has registry credentials only for ${have}: kpack cannot push `
        + `there${cloud ? ' unless workload identity or the nodes\' credentials give access' : ''}, add a registry credential for `
        + `${show(registry)} to the ServiceAccount's secrets`);
    }
  }

  /** A git source over ssh needs an ssh-auth Secret for its host; a blob source with `auth: secret` a blob Secret. */
  private source(o: ManifestObject, spec: Obj, creds: AccountCredentials): void {
    const source = obj(spec, 'source');
    const url = str(obj(source, 'git'), 'url');
    const blob = obj(source, 'blob');
    if (url) {
      const remote = parseGitUrl(url);
      if (remote?.scheme !== 'ssh') return;
      if (creds.secrets.some(s => s.git?.ssh && s.git.host === remote.host)) return;
      const other = creds.secrets.filter(s => s.git?.ssh).map(s => show(s.git!.host));
      o.report.add('credential-git-ssh', 'spec.source.git.url', `spec.source.git.url ${show(url)} is an ssh URL, but `
        + `ServiceAccount ${show(creds.name)} has no ${SSH_AUTH} Secret annotated ${GIT_ANNOTATION} for host ${show(remote.host)}`
        + `${other.length > 0 ? ` (only for ${other.join(', ')})` : ''}: kpack cannot clone it, add an ssh credential for `
        + `git@${remote.host} or use an https URL`);
    } else if (blob && str(blob, 'auth') === 'secret') {
      const blobUrl = str(blob, 'url');
      const host = blobUrl ? /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]*)/.exec(blobUrl)?.[1] : undefined;
      // Like registries: only an account with blob credentials, none for this host, is a clear mistake.
      const hosts = creds.secrets.filter(s => s.blobHost).map(s => s.blobHost!);
      if (!host || hosts.length === 0 || hosts.includes(host)) return;
      o.report.add('credential-blob', 'spec.source.blob.auth', 'spec.source.blob.auth is "secret", but ServiceAccount '
        + `${show(creds.name)} has ${BLOB_ANNOTATION} Secrets only for ${hosts.map(show).join(', ')}, none for host ${show(host)}: `
        + 'kpack fetches the blob without credentials, add a blob credential for that host');
    }
  }

  /** Annotations kpack can never match. */
  private secret(o: ManifestObject): void {
    const info = this.describe(o);
    const type = str(o.doc, 'type') ?? '';
    const annotations = obj(obj(o.doc, 'metadata'), 'annotations') ?? {};
    const git = str(annotations, GIT_ANNOTATION);
    if (git && (type === BASIC_AUTH || type === SSH_AUTH) && !info.git) {
      const path = child('metadata.annotations', GIT_ANNOTATION);
      const suggestion = suggestGitAnnotation(git, type === SSH_AUTH);
      o.report.add('credential-git-url', path, `${path} ${show(git)} does not name a host: kpack matches git credentials by `
        + 'host only (<host>, https://<host>, http://<host> or git@<host>) and never uses this Secret'
        + (suggestion ? `, write ${show(suggestion)}` : ''));
    }
    const docker = str(annotations, DOCKER_ANNOTATION);
    if (docker && type === BASIC_AUTH && registryHost(docker) === undefined) {
      const path = child('metadata.annotations', DOCKER_ANNOTATION);
      o.report.add('credential-registry-host', path, `${path} ${show(docker)} is not a registry host: kpack matches it against `
        + '<host>, https://<host> and https://<host>/v1/ only and never uses this Secret, name the registry (e.g. "gcr.io")');
    }
    if (!info.registries) {
      const key = type === DOCKER_CFG ? '.dockercfg' : '.dockerconfigjson';
      o.report.add('credential-docker-config', `data["${key}"]`, `data["${key}"] is not a readable docker config (base64 of `
        + `JSON${type === DOCKER_CONFIG_JSON ? ' with "auths"' : ''}): kpack fails every build whose ServiceAccount lists this Secret`);
    }
  }

  /** What a ServiceAccount gives, read once per run: many objects share one account (the index does not change). */
  private account(namespace: string, name: string): AccountCredentials | undefined {
    let creds = this.accounts.get('ServiceAccount', namespace, name);
    if (creds === undefined) this.accounts.set('ServiceAccount', namespace, name, creds = this.readAccount(namespace, name) ?? null);
    return creds ?? undefined;
  }

  private readAccount(namespace: string, name: string): AccountCredentials | undefined {
    const sa = this.index.find('ServiceAccount', namespace, name);
    if (!sa) return undefined;
    const annotations = obj(obj(sa.doc, 'metadata'), 'annotations') ?? {};
    const secrets: SecretInfo[] = [];
    let complete = true;
    for (const r of referencesOf(sa.doc)) {
      const target = this.index.find(r.kind, r.namespace, r.name);
      const info = target ? this.describe(target) : this.external.get(`${r.namespace}\u0000${r.name}`);
      if (info) secrets.push(info);
      else complete = false;
    }
    let registries: Set<string> | undefined = new Set<string>();
    for (const s of secrets) {
      if (!s.registries) {
        registries = undefined;
        break;
      }
      for (const r of s.registries) registries.add(r);
    }
    return { name, secrets, complete, workloadIdentity: WORKLOAD_IDENTITY.some(k => str(annotations, k)), registries };
  }

  private describe(o: ManifestObject): SecretInfo {
    let info = this.secretInfo.get(o);
    if (!info) {
      const annotations = obj(obj(o.doc, 'metadata'), 'annotations') ?? {};
      info = describeSecret(o.name, str(o.doc, 'type') ?? '', annotations, o.doc, false);
      this.secretInfo.set(o, info);
    }
    return info;
  }
}

/**
 * What kpack reads from a Secret. `doc` is the manifest (for its data); an external Secret has none, and its
 * `kpack.io/docker` annotation then declares its registry whatever its type.
 */
function describeSecret(name: string, type: string, annotations: Obj, doc: Obj | undefined, external: boolean): SecretInfo {
  const docker = str(annotations, DOCKER_ANNOTATION);
  const git = str(annotations, GIT_ANNOTATION);
  const blob = str(annotations, BLOB_ANNOTATION);
  let registries: Set<string> | undefined = new Set();
  if (docker && (type === BASIC_AUTH || external)) {
    const host = registryHost(docker);
    if (host) registries.add(host);
  } else if (doc && (type === DOCKER_CONFIG_JSON || type === DOCKER_CFG)) {
    registries = dockerConfigRegistries(doc, type);
  } else if (external && (type === DOCKER_CONFIG_JSON || type === DOCKER_CFG)) {
    registries = undefined; // an imported docker config whose registries were not declared
  }
  const gitHost = git && (type === BASIC_AUTH || type === SSH_AUTH) ? gitCredentialHost(git) : undefined;
  return {
    name,
    registries,
    git: gitHost ? { host: gitHost, ssh: type === SSH_AUTH } : undefined,
    blobHost: blob || undefined,
  };
}

/** The registries of a docker config Secret; undefined when it cannot be read (kpack then fails). */
function dockerConfigRegistries(doc: Obj, type: string): Set<string> | undefined {
  const key = type === DOCKER_CFG ? '.dockercfg' : '.dockerconfigjson';
  let text = str(obj(doc, 'stringData'), key);
  if (!text) {
    const encoded = str(obj(doc, 'data'), key);
    if (encoded === undefined) return undefined;
    // Data filled in by another tool (an operator, a sealed secret): nothing to read, and nothing wrong.
    if (encoded === '') return new Set();
    text = Buffer.from(encoded, 'base64').toString('utf-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const auths = type === DOCKER_CFG ? parsed : get(parsed, 'auths');
  if (!isObj(auths)) return undefined;
  const registries = new Set<string>();
  for (const k of ownKeys(auths)) {
    const host = registryHost(k);
    if (host) registries.add(host);
  }
  return registries;
}
