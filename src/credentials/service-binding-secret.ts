import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Credential, CredentialType, FromCredentialSecretNameOptions, ICredential } from './credential';
import { credentials } from '../private/lazy';
import { described } from '../private/props';
import { show } from '../validation/json';
import { isConfigMapKey } from '../validation/kubernetes/names';

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
    const { ImportedCredential } = credentials();
    return new ImportedCredential(scope, id, name, { credentialType: CredentialType.SERVICE_BINDING, namespaceName: options?.namespaceName, hosts: [] }, 'ServiceBindingSecret');
  }

  public readonly credentialType = CredentialType.SERVICE_BINDING;

  public constructor(scope: Construct, id: string, props: ServiceBindingSecretProps) {
    const owner = credentials().checkCredentialProps('ServiceBindingSecret', scope, id, props, 'an object with bindingType');
    if (typeof props.bindingType !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/i.test(props.bindingType)) {
      const given = typeof props.bindingType === 'string' || props.bindingType === undefined ? show(props.bindingType ?? '') : described(props.bindingType);
      throw new Error(`${owner}: bindingType ${given} must be a word such as "maven" or "ca-certificates"`);
    }
    if (props.provider !== undefined && typeof props.provider !== 'string') {
      throw new Error(`${owner}: provider must be a string, got ${described(props.provider)}`);
    }
    const entries = props.entries ?? {};
    if (typeof entries !== 'object' || Array.isArray(entries)) {
      throw new Error(`${owner}: entries must be a map of file names to contents, got ${described(entries)}`);
    }
    for (const [name, value] of Object.entries(entries)) {
      if (name === 'type' || name === 'provider' || isConfigMapKey(name).length > 0) {
        throw new Error(`${owner}: entry ${show(name)} must be a file name (letters, digits, . _ -) other than "type" and "provider"`);
      }
      if (typeof value !== 'string') {
        throw new Error(`${owner}: entry ${show(name)} must be a string, got ${Array.isArray(value) ? 'a list' : `a ${typeof value}`} (its value is not shown)`);
      }
    }
    const stringData: { [key: string]: string } = { type: props.bindingType };
    if (props.provider !== undefined) stringData.provider = props.provider;
    super(scope, id, { metadata: props.metadata, immutable: props.immutable, stringData: { ...stringData, ...entries } }, []);
  }
}
