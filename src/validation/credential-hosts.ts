/**
 * How kpack matches credentials to the hosts they are for (kpack `pkg/dockercreds/match.go`,
 * `pkg/git/k8s_git_keychain.go`), shared by the credential constructs (to reject bad input at once) and the rule
 * engine (to check what a ServiceAccount can reach). Pure functions, no constructs.
 */
import { DEFAULT_REGISTRY } from './image-reference';

/** The `kpack.io/*` annotations by which kpack finds credentials among a ServiceAccount's secrets. */
export const DOCKER_ANNOTATION = 'kpack.io/docker';
export const GIT_ANNOTATION = 'kpack.io/git';
export const BLOB_ANNOTATION = 'kpack.io/blob';

/**
 * The ServiceAccount annotations of the clouds' workload identities (EKS IAM roles, GKE Workload Identity, Azure
 * Workload Identity): with one, the cloud gives registry access instead of a Secret.
 */
export const AWS_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const GCP_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';
export const AZURE_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';

/** The Secret types kpack reads. */
export const BASIC_AUTH = 'kubernetes.io/basic-auth';
export const SSH_AUTH = 'kubernetes.io/ssh-auth';
export const DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson';
export const DOCKER_CFG = 'kubernetes.io/dockercfg';

/** Names of Docker Hub: the registry of references without one. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** host[:port]: a DNS name (or IPv4 address) or a bracketed IPv6 address, then an optional port. */
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`);

/** Whether `value` is `host[:port]`, nothing more. */
export function isHost(value: string): boolean {
  return HOST.test(value);
}

/**
 * The registry host a credential key names (`gcr.io`, `https://index.docker.io/v1/`, `http://localhost:5000/v2/`,
 * ...), Docker Hub's aliases folded into `index.docker.io`. Undefined when it is not a registry host (it has a
 * repository path, or is not a host at all).
 */
export function registryHost(key: string): string | undefined {
  let rest = key.trim();
  const scheme = /^https?:\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const path = rest.slice(slash);
    // kpack also matches `<scheme>://<host>/v1/` and `/v2/`; a bare trailing slash is harmless for us.
    if (!/^\/(v[12]\/?)?$/.test(path)) return undefined;
    rest = rest.slice(0, slash);
  }
  if (!isHost(rest)) return undefined;
  const host = rest.toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DEFAULT_REGISTRY : host;
}

/** The key a generated `.dockerconfigjson` uses for a registry: Docker Hub's is `https://index.docker.io/v1/`. */
export function dockerConfigKey(host: string): string {
  return host === DEFAULT_REGISTRY ? 'https://index.docker.io/v1/' : host;
}

/** A git remote as kpack's keychain sees it: the transport and the host (with port) credentials are matched by. */
export interface GitRemote {
  readonly scheme: 'ssh' | 'http' | 'https' | 'git' | 'file' | 'other';
  readonly host: string;
}

const GIT_SCHEMES = new Set(['ssh', 'http', 'https', 'git', 'file']);

/** Parses a git URL like `github.com/whilp/git-urls` (what kpack uses): URLs with a scheme, and scp-like `user@host:path`. */
export function parseGitUrl(url: string): GitRemote | undefined {
  const withScheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/]*)/.exec(url);
  if (withScheme) {
    const scheme = withScheme[1].toLowerCase();
    const known = GIT_SCHEMES.has(scheme) ? scheme as GitRemote['scheme'] : 'other';
    return { scheme: scheme === 'git+ssh' || scheme === 'ssh+git' ? 'ssh' : known, host: withScheme[2] };
  }
  const scpLike = /^(?:[A-Za-z0-9_.+-]+@)?([A-Za-z0-9.-]+):(?!\/\/)/.exec(url);
  if (scpLike) return { scheme: 'ssh', host: scpLike[1] };
  return undefined;
}

/**
 * The git host a `kpack.io/git` annotation matches, or undefined when kpack can never match it: kpack compares the
 * annotation with `<host>`, `https://<host>`, `http://<host>` and `git@<host>` exactly, so a repository path, a
 * trailing slash or an `ssh://` URL never matches.
 */
export function gitCredentialHost(annotation: string): string | undefined {
  const m = /^(https?:\/\/|git@)?(.*)$/.exec(annotation)!;
  return isHost(m[2]) ? m[2] : undefined;
}

/** How to write a git host for a `kpack.io/git` annotation that kpack matches, from a URL someone may paste. */
export function suggestGitAnnotation(value: string, ssh: boolean): string | undefined {
  const remote = parseGitUrl(value) ?? parseGitUrl(`https://${value}`);
  if (!remote || !isHost(remote.host)) return undefined;
  return ssh ? `git@${remote.host}` : `https://${remote.host}`;
}
