import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { ImportedCredential, who } from '../private/credentials';
import { show } from '../validation/json';

/** Props of a `ServiceBindingSecret`. */
export interface ServiceBindingSecretProps extends kplus.CommonSecretProps {
  /** The binding type buildpacks look for, e.g. `maven`, `ca-certificates`, `dependency-mapping`. */
  readonly bindingType: string;
  /**
   * The binding provider.
   * @default - none
   */
  readonly provider?: string;
  /**
   * The binding's entries, each a file in the binding directory, e.g. `{ 'settings.xml': '...' }`.
   * @default - none
   */
  readonly entries?: { [name: string]: string };
}

/**
 * A Secret for a service binding of builds (`ServiceBinding.fromSecret`), in the Service Binding for Kubernetes
 * layout (`type`, `provider` and entries). kpack rejects builds that bind a Secret which is also one of a
 * ServiceAccount's secrets, so `BuildServiceAccount` refuses it.
 */
export class ServiceBindingSecret extends Credential {
  /** An existing Secret used for service bindings. */
  public static fromSecretName(scope: Construct, id: string, name: string, options: FromCredentialSecretNameOptions = {}): ICredential {
    return new ImportedCredential(scope, id, name, { credentialType: CredentialType.SERVICE_BINDING, namespaceName: options.namespaceName, hosts: [] });
  }

  public readonly credentialType = CredentialType.SERVICE_BINDING;

  public constructor(scope: Construct, id: string, props: ServiceBindingSecretProps) {
    const owner = who('ServiceBindingSecret', scope, id);
    if (!/^[a-z0-9][a-z0-9.-]*$/i.test(props.bindingType ?? '')) {
      throw new Error(`${owner}: bindingType ${show(props.bindingType ?? '')} must be a word such as "maven" or "ca-certificates"`);
    }
    const entries = props.entries ?? {};
    for (const name of Object.keys(entries)) {
      if (name === 'type' || name === 'provider' || !/^[A-Za-z0-9._-]+$/.test(name)) {
        throw new Error(`${owner}: entry ${show(name)} must be a file name (letters, digits, . _ -) other than "type" and "provider"`);
      }
    }
    const stringData: { [key: string]: string } = { type: props.bindingType };
    if (props.provider !== undefined) stringData.provider = props.provider;
    super(scope, id, { metadata: props.metadata, immutable: props.immutable, stringData: { ...stringData, ...entries } }, []);
  }
}
