import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CredentialType, ICredential } from './credentials/credential';
import { AppChecks } from './private/checks';
import { PropChecks } from './private/props';
import { givenMetadata } from './private/render';
import { DEFAULT_NAMESPACE } from './validation/kinds';
import { SERVICE_ACCOUNT_NAME } from './validation/kubernetes/names';

/** Props of a `BuildServiceAccount`. */
export interface BuildServiceAccountProps extends kplus.ServiceAccountProps {
  /**
   * The credentials builds use: registry, git, blob and cosign credentials of the ServiceAccount's namespace.
   * Add more with `addCredential()`.
   * @default - none
   */
  readonly credentials?: ICredential[];

  /**
   * Secrets listed only as image pull secrets, e.g. the pull secret of a private builder image, so the kubelet
   * can pull it for build pods. Registry credentials are listed as image pull secrets anyway.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];
}

/**
 * A ServiceAccount for kpack builds (an Image's or Builder's `serviceAccount`, or a cluster kind's
 * `serviceAccountRef`), holding credentials the way kpack looks for them: every credential under `secrets`,
 * registry credentials also under `imagePullSecrets` (as `kp secret create` does), so both kpack and the
 * kubelet find them.
 *
 * The synth-time checks then verify that each Image and Builder using it can push its tag and clone its git
 * source over ssh.
 */
export class BuildServiceAccount extends kplus.ServiceAccount {
  private readonly _credentials: ICredential[] = [];
  /** The `imagePullSecrets` list; the JSON patch that writes it reads this array at synth. */
  private readonly _pullSecretRefs: Array<{ name: string }> = [];
  private readonly _pullSecrets: kplus.ISecret[] = [];

  public constructor(scope: Construct, id: string, props: BuildServiceAccountProps = {}) {
    const checks = PropChecks.forNew('BuildServiceAccount', scope, id);
    const p = checks.props(props, false, 'an object with metadata, credentials and imagePullSecrets');
    checks.metadata(p.metadata, { namespaced: true, name: SERVICE_ACCOUNT_NAME });
    checks.boolean('automountToken', p.automountToken);
    checks.secrets('secrets', p.secrets);
    if (p.credentials !== undefined && p.credentials !== null
      && checks.expect(Array.isArray(p.credentials), 'credentials', p.credentials, 'a list of credentials')) {
      (p.credentials as unknown[]).forEach((c, i) => checkCredential(checks, `credentials[${i}]`, c));
    }
    checks.secrets('imagePullSecrets', p.imagePullSecrets);
    checks.throwIfFailed();
    props = p as BuildServiceAccountProps;
    super(scope, id, { metadata: givenMetadata(p.metadata), automountToken: p.automountToken, secrets: p.secrets });
    AppChecks.of(this).own(this, ApiObject.of(this));
    for (const c of p.credentials ?? []) this.addCredential(c);
    for (const s of p.imagePullSecrets ?? []) this.addImagePullSecret(s);
  }

  /** The namespace of the ServiceAccount. */
  public get namespaceName(): string {
    return this.metadata.namespace ?? DEFAULT_NAMESPACE;
  }

  /**
   * Adds a credential: to `secrets`, and registry credentials also to `imagePullSecrets`. It must be in the
   * ServiceAccount's namespace, and must not be a service-binding Secret (kpack rejects builds that bind a
   * ServiceAccount's secret).
   */
  public addCredential(credential: ICredential): void {
    const checks = PropChecks.forConstruct('BuildServiceAccount', this);
    checkCredential(checks, 'addCredential(credential)', credential);
    checks.throwIfFailed();
    const owner = checks.owner;
    if (credential.credentialType === CredentialType.SERVICE_BINDING) {
      throw new Error(`${owner}: Secret "${credential.name}" is a service-binding Secret and cannot be one of the ServiceAccount's `
        + 'secrets: kpack rejects builds that bind it ("service uses forbidden secret"), bind it with ServiceBinding.fromSecret only');
    }
    if (credential.namespaceName !== this.namespaceName) {
      throw new Error(`${owner}: credential Secret "${credential.name}" is in namespace "${credential.namespaceName}", the ServiceAccount `
        + `in "${this.namespaceName}": a ServiceAccount can only use Secrets of its own namespace`);
    }
    if (this._credentials.some(c => c.name === credential.name)) return;
    this._credentials.push(credential);
    this.addSecret(credential);
    if (credential.credentialType === CredentialType.REGISTRY) this.addImagePullSecret(credential);
  }

  /** Lists a Secret under `imagePullSecrets` (only). */
  public addImagePullSecret(secret: kplus.ISecret): void {
    const checks = PropChecks.forConstruct('BuildServiceAccount', this);
    checks.secret('addImagePullSecret(secret)', secret, true);
    checks.throwIfFailed();
    if (this._pullSecrets.some(s => s.name === secret.name)) return;
    if (this._pullSecrets.length === 0) {
      // cdk8s-plus's ServiceAccount does not write imagePullSecrets; the patch reads the list when the app synthesizes.
      ApiObject.of(this).addJsonPatch(JsonPatch.add('/imagePullSecrets', this._pullSecretRefs));
    }
    this._pullSecrets.push(secret);
    this._pullSecretRefs.push({ name: secret.name });
  }

  /** The credentials. Returns a copy; use `addCredential()` to add one. */
  public get credentials(): ICredential[] {
    return [...this._credentials];
  }

  /** The image pull secrets. Returns a copy; use `addImagePullSecret()` to add one. */
  public get imagePullSecrets(): kplus.ISecret[] {
    return [...this._pullSecrets];
  }
}

/** A credential: a Secret reference that says what kpack uses it for (`ICredential`). */
function checkCredential(checks: PropChecks, path: string, value: unknown): void {
  const expected = 'a credential (RegistryCredential, GitCredential, ... or their fromSecretName)';
  if (!checks.secret(path, value, true)) return;
  const c = value as Partial<ICredential>;
  checks.expect(Object.values(CredentialType).includes(c.credentialType as CredentialType) && typeof c.namespaceName === 'string', path, value, expected);
}
