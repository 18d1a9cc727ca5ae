import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { checkCredentialProps, ImportedCredential, requireHost, requireSecretValue, who } from '../private/credentials';
import { BLOB_ANNOTATION } from '../validation/credential-hosts';

/** Options of `BlobCredential.fromSecretName`. */
export interface FromBlobSecretNameOptions extends FromCredentialSecretNameOptions {
  /** The blob host the existing Secret is annotated for (`kpack.io/blob`), e.g. `storage.example.com`. */
  readonly host: string;
}

/** Props of a `BlobCredential`: exactly one of username and password, `bearer` or `authorization`. */
export interface BlobCredentialProps extends kplus.CommonSecretProps {
  /** The host blob URLs are fetched from, written to the `kpack.io/blob` annotation, e.g. `storage.example.com`. */
  readonly host: string;
  /**
   * User name for basic authentication (with `password`).
   * @default - no basic authentication
   */
  readonly username?: string;
  /**
   * Password for basic authentication (with `username`).
   * @default - no basic authentication
   */
  readonly password?: string;
  /**
   * An OAuth2 bearer token.
   * @default - none
   */
  readonly bearer?: string;
  /**
   * A complete `Authorization` header value, for other schemes.
   * @default - none
   */
  readonly authorization?: string;
}

/**
 * A blob credential, for blob sources with `BlobAuth.SECRET`: a Secret annotated `kpack.io/blob: <host>` with
 * `username`/`password`, `bearer` or `authorization`.
 */
export class BlobCredential extends Credential {
  /** An existing Secret annotated `kpack.io/blob: <options?.host>`. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromBlobSecretNameOptions): ICredential {
    const host = requireHost(who('BlobCredential', scope, id), 'host', options?.host, 'storage.example.com');
    return new ImportedCredential(scope, id, name, {
      credentialType: CredentialType.BLOB, namespaceName: options?.namespaceName, hosts: [host], annotations: { [BLOB_ANNOTATION]: host },
    }, 'BlobCredential');
  }

  public readonly credentialType = CredentialType.BLOB;

  public constructor(scope: Construct, id: string, props: BlobCredentialProps) {
    const owner = checkCredentialProps('BlobCredential', scope, id, props, 'an object with host and one of username and password, bearer or authorization');
    const host = requireHost(owner, 'host', props.host, 'storage.example.com');
    const basic = props.username !== undefined || props.password !== undefined;
    const given = [basic, props.bearer !== undefined, props.authorization !== undefined].filter(x => x).length;
    if (given !== 1) {
      throw new Error(`${owner}: give exactly one of username and password, bearer or authorization (got ${given}): kpack allows only one`);
    }
    const stringData: { [key: string]: string } = {};
    if (basic) {
      requireSecretValue(owner, 'username', props.username);
      requireSecretValue(owner, 'password', props.password);
      stringData.username = props.username!;
      stringData.password = props.password!;
    } else if (props.bearer !== undefined) {
      requireSecretValue(owner, 'bearer', props.bearer);
      stringData.bearer = props.bearer;
    } else {
      requireSecretValue(owner, 'authorization', props.authorization);
      stringData.authorization = props.authorization!;
    }
    super(scope, id, { metadata: props.metadata, immutable: props.immutable, stringData, annotations: { [BLOB_ANNOTATION]: host } }, [host]);
  }
}
