import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { credentialHosts, credentials } from '../private/lazy';

/** Options of `BlobCredential.fromSecretName`. */
export interface FromBlobSecretNameOptions extends FromCredentialSecretNameOptions {
  /** The blob host the existing Secret is annotated for (`kpack.io/blob`), e.g. `storage.example.com`. */
  readonly host: string;
}

/** How a blob credential authenticates: basic authentication, a bearer token, or a complete `Authorization` header. */
export class BlobAuthorization {
  /** Basic authentication (the Secret's `username` and `password`). */
  public static basic(username: string, password: string): BlobAuthorization {
    const owner = 'BlobAuthorization.basic()';
    credentials().requireSecretValue(owner, 'username', username);
    credentials().requireSecretValue(owner, 'password', password);
    return new BlobAuthorization({ username, password });
  }

  /** An OAuth2 bearer token (the Secret's `bearer`). */
  public static bearer(token: string): BlobAuthorization {
    credentials().requireSecretValue('BlobAuthorization.bearer()', 'token', token);
    return new BlobAuthorization({ bearer: token });
  }

  /** A complete `Authorization` header value, for other schemes (the Secret's `authorization`). */
  public static fromHeader(value: string): BlobAuthorization {
    credentials().requireSecretValue('BlobAuthorization.fromHeader()', 'value', value);
    return new BlobAuthorization({ authorization: value });
  }

  private constructor(private readonly data: { [key: string]: string }) {}

  /**
   * The Secret's `stringData`.
   * @internal
   */
  public _toKube(): { [key: string]: string } {
    return { ...this.data };
  }
}

/** Props of a `BlobCredential`. */
export interface BlobCredentialProps extends kplus.CommonSecretProps {
  /** The host blob URLs are fetched from, written to the `kpack.io/blob` annotation, e.g. `storage.example.com`. */
  readonly host: string;
  /**
   * How kpack authenticates to the host: `BlobAuthorization.basic(username, password)`, `.bearer(token)` or
   * `.fromHeader(value)`.
   */
  readonly authorization: BlobAuthorization;
}

/**
 * A blob credential, for blob sources with `BlobAuth.SECRET`: a Secret annotated `kpack.io/blob: <host>` with
 * `username`/`password`, `bearer` or `authorization`.
 */
export class BlobCredential extends Credential {
  /** An existing Secret annotated `kpack.io/blob: <options?.host>`. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromBlobSecretNameOptions): ICredential {
    const { ImportedCredential, requireHost, who } = credentials();
    const { BLOB_ANNOTATION } = credentialHosts();
    const host = requireHost(who('BlobCredential', scope, id), 'host', options?.host, 'storage.example.com');
    return new ImportedCredential(scope, id, name, {
      credentialType: CredentialType.BLOB, namespaceName: options?.namespaceName, hosts: [host], annotations: { [BLOB_ANNOTATION]: host },
    }, 'BlobCredential');
  }

  public readonly credentialType = CredentialType.BLOB;

  public constructor(scope: Construct, id: string, props: BlobCredentialProps) {
    const { checkCredentialProps, describedSecretly, requireHost } = credentials();
    const { BLOB_ANNOTATION } = credentialHosts();
    const owner = checkCredentialProps('BlobCredential', scope, id, props, 'an object with host and authorization');
    const host = requireHost(owner, 'host', props.host, 'storage.example.com');
    const authorization: unknown = props.authorization;
    if (!(authorization instanceof BlobAuthorization)) {
      // Its value may be a secret (a token, as the former string prop took it): never shown.
      throw new Error(`${owner}: authorization must be a BlobAuthorization (BlobAuthorization.basic(username, password), `
        + `.bearer(token) or .fromHeader(value)), got ${describedSecretly(authorization)} (its value is not shown)`);
    }
    const stringData = authorization._toKube();
    super(scope, id, { metadata: props.metadata, immutable: props.immutable, stringData, annotations: { [BLOB_ANNOTATION]: host } }, [host]);
  }
}
