import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { credentials, imageReference } from '../private/lazy';
import { described } from '../private/props';
import { show } from '../validation/json';

/** Props of a `CosignCredential`. */
export interface CosignCredentialProps extends kplus.CommonSecretProps {
  /** The cosign private key (`cosign generate-key-pair`), written as `cosign.key`. */
  readonly privateKey: string;
  /**
   * The key's password, written as `cosign.password`.
   * @default - the key has no password
   */
  readonly password?: string;
  /**
   * Where signatures are pushed instead of next to the image (`kpack.io/cosign.repository`).
   * @default - the image's own repository
   */
  readonly repository?: string;
  /**
   * Write signatures with Docker media types, for registries that reject OCI ones
   * (`kpack.io/cosign.docker-media-types: "1"`).
   * @default false
   */
  readonly dockerMediaTypes?: boolean;
}

/**
 * A cosign signing key: kpack signs every image built with a ServiceAccount that lists it (and a Builder's
 * builder image). A Secret with `cosign.key` and `cosign.password`.
 */
export class CosignCredential extends Credential {
  /** An existing cosign key Secret (with `cosign.key`). */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromCredentialSecretNameOptions = {}): ICredential {
    const { ImportedCredential } = credentials();
    return new ImportedCredential(scope, id, name, { credentialType: CredentialType.COSIGN, namespaceName: options?.namespaceName, hosts: [] }, 'CosignCredential');
  }

  public readonly credentialType = CredentialType.COSIGN;

  public constructor(scope: Construct, id: string, props: CosignCredentialProps) {
    const { checkCredentialProps, requirePrivateKey, requireSecretValue } = credentials();
    const owner = checkCredentialProps('CosignCredential', scope, id, props, 'an object with privateKey');
    requirePrivateKey(owner, 'privateKey', props.privateKey, true);
    if (props.password !== undefined) requireSecretValue(owner, 'password', props.password);
    if (props.repository !== undefined && (typeof props.repository !== 'string' || !imageReference().parseReference(props.repository).ok)) {
      throw new Error(`${owner}: repository ${typeof props.repository === 'string' ? show(props.repository) : described(props.repository)} is not a valid `
        + 'image repository, e.g. "registry.example.com/signatures"');
    }
    if (props.dockerMediaTypes !== undefined && typeof props.dockerMediaTypes !== 'boolean') {
      throw new Error(`${owner}: dockerMediaTypes must be true or false, got ${described(props.dockerMediaTypes)}`);
    }
    const stringData: { [key: string]: string } = { 'cosign.key': props.privateKey };
    if (props.password !== undefined) stringData['cosign.password'] = props.password;
    const annotations: { [key: string]: string } = {};
    if (props.repository !== undefined) annotations['kpack.io/cosign.repository'] = props.repository;
    if (props.dockerMediaTypes) annotations['kpack.io/cosign.docker-media-types'] = '1';
    super(scope, id, { metadata: props.metadata, immutable: props.immutable, stringData, annotations }, []);
  }
}
