import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks, chartNamespace } from './checks';
import type { CredentialType, ICredential } from '../credentials/credential';
import { isHost, registryHost } from '../validation/credential-hosts';
import { show } from '../validation/json';

/** What an imported credential declares, for the credential checks (the Secret itself is not in the app). */
export interface ImportedCredentialProps {
  readonly credentialType: CredentialType;
  readonly namespaceName?: string;
  readonly hosts: string[];
  readonly secretType?: string;
  readonly annotations?: { [key: string]: string };
}

/** An existing Secret used as a credential: known by name, with what it is for declared by the caller. */
export class ImportedCredential extends Construct implements ICredential {
  public readonly resourceType = 'secrets';
  public readonly apiVersion = 'v1';
  public readonly apiGroup = '';
  public readonly kind = 'Secret';
  public readonly credentialType: CredentialType;
  public readonly namespaceName: string;
  public readonly hosts: string[];

  public constructor(scope: Construct, id: string, public readonly name: string, props: ImportedCredentialProps) {
    super(scope, id);
    if (!name) throw new Error(`[${this.node.path}] the Secret name must not be empty`);
    this.credentialType = props.credentialType;
    this.namespaceName = props.namespaceName ?? chartNamespace(this) ?? 'default';
    this.hosts = props.hosts;
    AppChecks.of(this).addExternal({
      kind: 'Secret', name, namespace: this.namespaceName, type: props.secretType, annotations: props.annotations,
    }, this);
  }

  public get resourceName(): string {
    return this.name;
  }

  public envValue(key: string, options?: kplus.EnvValueFromSecretOptions): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: this, key }, options);
  }
}

/** `<kind> "<path>"`, how errors about a credential construct start. */
export function who(kind: string, scope: Construct, id?: string): string {
  const path = id === undefined ? scope.node.path : [scope.node.path, id].filter(p => p !== '').join('/');
  return `${kind} "${path}"`;
}

/** A secret value must be given; its content is never shown. */
export function requireSecretValue(owner: string, field: string, value: string | undefined): void {
  if (value === undefined || value.trim() === '') {
    throw new Error(`${owner}: ${field} must not be empty (its value is not shown)`);
  }
}

/** A registry host for a credential (host[:port], a scheme and `/v1/` tolerated); returns it normalized. */
export function requireRegistry(owner: string, registry: string | undefined): string {
  if (registry === undefined || registry.trim() === '') {
    throw new Error(`${owner}: registry must be given, e.g. "ghcr.io", "registry.example.com:5000" or "index.docker.io" for Docker Hub`);
  }
  const host = registryHost(registry);
  if (!host) {
    throw new Error(`${owner}: registry ${show(registry)} is not a registry host: give host[:port] only, without a repository `
      + 'path (e.g. "ghcr.io", "registry.example.com:5000", "index.docker.io" for Docker Hub)');
  }
  return host;
}

/** A plain host[:port]. */
export function requireHost(owner: string, field: string, value: string | undefined, example: string): string {
  if (value === undefined || !isHost(value)) {
    throw new Error(`${owner}: ${field} ${show(value ?? '')} is not a host: give host[:port] only, without scheme or path (e.g. ${show(example)})`);
  }
  return value;
}

const PRIVATE_KEY = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]*\r?\n-----END \1PRIVATE KEY-----\s*$/;

/**
 * An unencrypted PEM or OpenSSH private key, as kpack loads it (no passphrase). Messages never show the value,
 * only what it looks like.
 */
export function requirePrivateKey(owner: string, field: string, value: string | undefined, encryptedAllowed: boolean): void {
  requireSecretValue(owner, field, value);
  const text = value!.trim();
  if (/^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-\S+|sk-\S+) /.test(text) || /^-----BEGIN (SSH2 )?PUBLIC KEY-----/.test(text)) {
    throw new Error(`${owner}: ${field} is a public key (its value is not shown): give the private key`);
  }
  const m = PRIVATE_KEY.exec(text);
  if (!m) {
    throw new Error(`${owner}: ${field} is not a private key (its value is not shown): expected PEM or OpenSSH text from `
      + '"-----BEGIN ... PRIVATE KEY-----" to "-----END ... PRIVATE KEY-----"');
  }
  if (!encryptedAllowed && (m[1].includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(text))) {
    throw new Error(`${owner}: ${field} is protected by a passphrase (its value is not shown): kpack loads keys without one, `
      + 'give an unencrypted key');
  }
}
