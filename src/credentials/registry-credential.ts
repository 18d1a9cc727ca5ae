import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { credentialHosts, credentials } from '../private/lazy';

/** How a registry credential's Secret is written. */
export enum RegistryCredentialFormat {
  /**
   * A `kubernetes.io/dockerconfigjson` Secret (what `kubectl create secret docker-registry` and `kp secret
   * create` write). kpack needs no annotation for it, and the kubelet can use it as an image pull secret.
   */
  DOCKER_CONFIG_JSON = 'dockerconfigjson',
  /** A `kubernetes.io/basic-auth` Secret annotated `kpack.io/docker: <registry>` (kpack only). */
  BASIC_AUTH = 'basic-auth',
}

/** Options of `RegistryCredential.fromSecretName`. */
export interface FromRegistrySecretNameOptions extends FromCredentialSecretNameOptions {
  /**
   * The registry the existing Secret authenticates to, e.g. `ghcr.io` (`index.docker.io` for Docker Hub). The
   * Secret's data is not in the app, so this is how the synth-time checks know which image tags it can push.
   */
  readonly registry: string;
}

/** Props of a `RegistryCredential`. */
export interface RegistryCredentialProps extends kplus.CommonSecretProps {
  /**
   * The registry host[:port], e.g. `ghcr.io` or `registry.example.com:5000`. Docker Hub is `index.docker.io`
   * (also accepted: `docker.io`, `https://index.docker.io/v1/`).
   */
  readonly registry: string;
  /** The user name (`_json_key` for a GCR service account key, `AWS` for ECR). */
  readonly username: string;
  /** The password or access token. */
  readonly password: string;
  /**
   * How the Secret is written.
   * @default RegistryCredentialFormat.DOCKER_CONFIG_JSON
   */
  readonly format?: RegistryCredentialFormat;
}

/**
 * A registry credential: lets builds push the app image (and Builders their builder image) and pull private
 * images. Add it to a `BuildServiceAccount`, which lists it as a secret and as an image pull secret.
 *
 * The values are written to the synthesized YAML; prefer `RegistryCredential.fromSecretName` for a Secret
 * managed outside the app.
 */
export class RegistryCredential extends Credential {
  /** An existing Secret (docker config or annotated basic-auth) holding credentials for `options?.registry`. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromRegistrySecretNameOptions): ICredential {
    const { ImportedCredential, requireRegistry, who } = credentials();
    const hosts = credentialHosts();
    const registry = requireRegistry(who('RegistryCredential', scope, id), options?.registry, true);
    return new ImportedCredential(scope, id, name, {
      credentialType: CredentialType.REGISTRY,
      namespaceName: options?.namespaceName,
      hosts: [registry],
      annotations: { [hosts.DOCKER_ANNOTATION]: hosts.dockerConfigKey(registry) },
    }, 'RegistryCredential');
  }

  public readonly credentialType = CredentialType.REGISTRY;
  /** The registry host (Docker Hub as `index.docker.io`). */
  public readonly registry: string;

  public constructor(scope: Construct, id: string, props: RegistryCredentialProps) {
    const { checkCredentialProps, requireRegistry, requireSecretValue } = credentials();
    const hosts = credentialHosts();
    const owner = checkCredentialProps('RegistryCredential', scope, id, props, 'an object with registry, username and password');
    const registry = requireRegistry(owner, props.registry);
    requireSecretValue(owner, 'username', props.username);
    requireSecretValue(owner, 'password', props.password);
    const key = hosts.dockerConfigKey(registry);
    const basic = props.format === RegistryCredentialFormat.BASIC_AUTH;
    const auth = Buffer.from(`${props.username}:${props.password}`, 'utf-8').toString('base64');
    super(scope, id, {
      metadata: props.metadata,
      immutable: props.immutable,
      secretType: basic ? hosts.BASIC_AUTH : hosts.DOCKER_CONFIG_JSON,
      stringData: basic
        ? { username: props.username, password: props.password }
        : { '.dockerconfigjson': JSON.stringify({ auths: { [key]: { username: props.username, password: props.password, auth } } }) },
      annotations: basic ? { [hosts.DOCKER_ANNOTATION]: key } : undefined,
    }, [registry]);
    this.registry = registry;
  }
}
