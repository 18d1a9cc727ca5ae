import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { credentialHosts, credentials } from '../private/lazy';
import { described } from '../private/props';
import { show } from '../validation/json';

/** Options of `GitCredential.fromSecretName` and `GitSshCredential.fromSecretName`. */
export interface FromGitSecretNameOptions extends FromCredentialSecretNameOptions {
  /** The git host the existing Secret is annotated for (`kpack.io/git`), e.g. `https://github.com` or `git@github.com`. */
  readonly url: string;
}

/** Props every git credential takes. */
export interface GitCredentialOptions extends kplus.CommonSecretProps {
  /**
   * The git host, written to the `kpack.io/git` annotation: `https://github.com`, `http://git.internal:8080`,
   * `git@github.com` or a bare `github.com`. kpack matches credentials by host only, so a repository path is
   * rejected.
   */
  readonly url: string;
}

/** Props of a `GitCredential`. */
export interface GitCredentialProps extends GitCredentialOptions {
  /** The user name. */
  readonly username: string;
  /** The password or access token. */
  readonly password: string;
}

/** Props of a `GitSshCredential`. */
export interface GitSshCredentialProps extends GitCredentialOptions {
  /** The unencrypted private key (PEM or OpenSSH format), written as `ssh-privatekey`. */
  readonly sshPrivateKey: string;
  /**
   * `known_hosts` lines for the git host, written as `known_hosts`. kpack checks host keys only when the
   * controller sets `INSECURE_SSH_TRUST_UNKNOWN_HOSTS=false`.
   * @default - none: the build's `SSH_KNOWN_HOSTS` or system known_hosts apply when host keys are checked
   */
  readonly knownHosts?: string;
}

/** The host of a `kpack.io/git` value, or an error naming the construct, the value and what to write instead. */
function gitHost(owner: string, url: unknown, ssh: boolean): string {
  const { gitCredentialHost, suggestGitAnnotation } = credentialHosts();
  if (url !== undefined && url !== null && typeof url !== 'string') throw new Error(`${owner}: url must be a string such as "https://github.com", got ${described(url)}`);
  if (url === undefined || url === null || url.trim() === '') {
    throw new Error(`${owner}: url must be given: the git host, e.g. ${ssh ? '"git@github.com"' : '"https://github.com"'}`);
  }
  const host = gitCredentialHost(url);
  if (!host) {
    const suggestion = suggestGitAnnotation(url, ssh);
    throw new Error(`${owner}: url ${show(url)} does not name a host: kpack matches git credentials by host only `
      + '(<host>, https://<host>, http://<host> or git@<host>), never by repository path'
      + (suggestion ? `, use ${show(suggestion)}` : ''));
  }
  return host;
}

function importGit(scope: Construct, id: string, name: string, options: FromGitSecretNameOptions, kind: string, type: string): ICredential {
  const { ImportedCredential, who } = credentials();
  const { GIT_ANNOTATION, SSH_AUTH } = credentialHosts();
  const host = gitHost(who(kind, scope, id), options?.url, type === SSH_AUTH);
  return new ImportedCredential(scope, id, name, {
    credentialType: CredentialType.GIT,
    namespaceName: options?.namespaceName,
    hosts: [host],
    secretType: type,
    annotations: { [GIT_ANNOTATION]: options.url },
  }, kind);
}

/**
 * A git credential with user name and password (or token), for git sources over http(s): a
 * `kubernetes.io/basic-auth` Secret annotated `kpack.io/git`.
 */
export class GitCredential extends Credential {
  /** An existing `kubernetes.io/basic-auth` Secret annotated `kpack.io/git: <options.url>`. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromGitSecretNameOptions): ICredential {
    return importGit(scope, id, name, options, 'GitCredential', credentialHosts().BASIC_AUTH);
  }

  public readonly credentialType = CredentialType.GIT;

  public constructor(scope: Construct, id: string, props: GitCredentialProps) {
    const { checkCredentialProps, requireSecretValue } = credentials();
    const { BASIC_AUTH, GIT_ANNOTATION } = credentialHosts();
    const owner = checkCredentialProps('GitCredential', scope, id, props, 'an object with url, username and password');
    const host = gitHost(owner, props.url, false);
    requireSecretValue(owner, 'username', props.username);
    requireSecretValue(owner, 'password', props.password);
    super(scope, id, {
      metadata: props.metadata,
      immutable: props.immutable,
      secretType: BASIC_AUTH,
      stringData: { username: props.username, password: props.password },
      annotations: { [GIT_ANNOTATION]: props.url },
    }, [host]);
  }
}

/**
 * A git credential with an ssh key, for git sources over ssh (`git@github.com:org/app.git`): a
 * `kubernetes.io/ssh-auth` Secret annotated `kpack.io/git`, optionally with `known_hosts`.
 */
export class GitSshCredential extends Credential {
  /** An existing `kubernetes.io/ssh-auth` Secret annotated `kpack.io/git: <options.url>`. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromGitSecretNameOptions): ICredential {
    return importGit(scope, id, name, options, 'GitSshCredential', credentialHosts().SSH_AUTH);
  }

  public readonly credentialType = CredentialType.GIT;

  public constructor(scope: Construct, id: string, props: GitSshCredentialProps) {
    const { checkCredentialProps, requirePrivateKey, requireSecretValue } = credentials();
    const { GIT_ANNOTATION, SSH_AUTH } = credentialHosts();
    const owner = checkCredentialProps('GitSshCredential', scope, id, props, 'an object with url and sshPrivateKey');
    const host = gitHost(owner, props.url, true);
    requirePrivateKey(owner, 'sshPrivateKey', props.sshPrivateKey, false);
    if (props.knownHosts !== undefined) requireSecretValue(owner, 'knownHosts', props.knownHosts);
    const stringData: { [key: string]: string } = { 'ssh-privatekey': props.sshPrivateKey };
    if (props.knownHosts !== undefined) stringData.known_hosts = props.knownHosts;
    super(scope, id, {
      metadata: props.metadata,
      immutable: props.immutable,
      secretType: SSH_AUTH,
      stringData,
      annotations: { [GIT_ANNOTATION]: props.url },
    }, [host]);
  }
}
