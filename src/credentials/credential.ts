import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks } from '../private/checks';
import { givenMetadata } from '../private/render';
import { DEFAULT_NAMESPACE } from '../validation/kinds';

/** What kpack uses a credential for. */
export enum CredentialType {
  /** Pushing and pulling images: found by registry (`kpack.io/docker`, or the registries of a docker config). */
  REGISTRY = 'registry',
  /** Fetching a git source: found by git host (`kpack.io/git`). */
  GIT = 'git',
  /** Fetching a blob source with `auth: secret`: found by host (`kpack.io/blob`). */
  BLOB = 'blob',
  /** Signing built images with cosign (`cosign.key`). */
  COSIGN = 'cosign',
  /** Data bound into builds as a service binding; never one of a ServiceAccount's secrets. */
  SERVICE_BINDING = 'service-binding',
}

/** A Secret kpack reads for builds: created in the app, or an existing Secret with what it is for declared. */
export interface ICredential extends kplus.ISecret {
  /** What kpack uses it for. */
  readonly credentialType: CredentialType;
  /** The namespace of the Secret: only ServiceAccounts and builds of that namespace can use it. */
  readonly namespaceName: string;
  /**
   * The hosts it authenticates to: registries (Docker Hub as `index.docker.io`), the git host or the blob host;
   * empty for cosign keys and service bindings.
   */
  readonly hosts: string[];
}

/** Options every `fromSecretName` of a credential takes. */
export interface FromCredentialSecretNameOptions {
  /**
   * The namespace of the existing Secret.
   * @default - the chart's namespace, else `default`
   */
  readonly namespaceName?: string;
}

/** What the Secret of a `Credential` subclass holds. */
export interface CredentialSecretProps extends kplus.CommonSecretProps {
  /**
   * The Secret's `type`, e.g. `kubernetes.io/basic-auth`.
   * @default - none (`Opaque`)
   */
  readonly secretType?: string;
  /** The Secret's data, as `stringData`. */
  readonly stringData: { [key: string]: string };
  /**
   * Annotations kpack reads, e.g. `kpack.io/git`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A credential created in the app: a cdk8s-plus Secret with the type, data and `kpack.io/*` annotations kpack
 * looks for. Its values are literals in code and so land in the synthesized YAML: synth warns and recommends an
 * existing Secret (`fromSecretName`) managed by External Secrets or Sealed Secrets.
 */
export abstract class Credential extends kplus.Resource implements ICredential {
  /** What kpack uses it for. */
  public abstract readonly credentialType: CredentialType;
  /** The hosts it authenticates to. */
  public readonly hosts: string[];
  public readonly resourceType = 'secrets';
  protected readonly apiObject: ApiObject;

  /**
   * @param props the Secret's type, data and annotations
   * @param hosts the hosts the credential authenticates to
   */
  protected constructor(scope: Construct, id: string, props: CredentialSecretProps, hosts: string[]) {
    super(scope, id);
    this.hosts = hosts;
    this.apiObject = new kplus.k8s.KubeSecret(this, 'Resource', {
      metadata: givenMetadata(props.metadata),
      type: props.secretType,
      stringData: props.stringData,
      immutable: props.immutable,
    });
    for (const [key, value] of Object.entries(props.annotations ?? {})) this.metadata.addAnnotation(key, value);
    const checks = AppChecks.of(this);
    checks.own(this, this.apiObject);
    checks.addWarning(this, 'this Secret holds credentials given as literal values in code, so they are written to the '
      + 'synthesized manifests: prefer an existing Secret managed by External Secrets or Sealed Secrets, referenced with '
      + `${this.constructor.name}.fromSecretName()`, 'credential-literal');
  }

  /** The namespace of the Secret. */
  public get namespaceName(): string {
    return this.metadata.namespace ?? DEFAULT_NAMESPACE;
  }

  /** An environment variable value read from a key of this Secret. */
  public envValue(key: string, options?: kplus.EnvValueFromSecretOptions): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: this, key }, options);
  }
}
