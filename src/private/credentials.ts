import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks, namespaceIn } from './checks';
import { described, PropChecks, who } from './props';
import type { CredentialType, ICredential } from '../credentials/credential';
import { isHost, registryHost } from '../validation/credential-hosts';
import { show } from '../validation/json';
import { SECRET_NAME } from '../validation/kubernetes/names';
import { isPlainObject } from '../validation/kubernetes/problem';

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

  public constructor(scope: Construct, id: string, public readonly name: string, props: ImportedCredentialProps, kind: string) {
    const checks = PropChecks.forNew(kind, scope, id);
    checks.name('name', name, SECRET_NAME);
    checks.namespace('options.namespaceName', props.namespaceName);
    checks.throwIfFailed();
    super(scope, id);
    this.credentialType = props.credentialType;
    this.namespaceName = namespaceIn(this, props.namespaceName);
    this.hosts = props.hosts;
    AppChecks.of(this).addExternal({
      kind: 'Secret', name, namespaceName: this.namespaceName, secretType: props.secretType, annotations: props.annotations,
    }, this);
  }

  public get resourceName(): string {
    return this.name;
  }

  public envValue(key: string, options?: kplus.EnvValueFromSecretOptions): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: this, key }, options);
  }
}

export { who };

/**
 * The checks every credential construct starts with (before its Secret exists): `props` is an object, its metadata
 * (Secret name, namespace, labels, annotations) is what the API server accepts, `immutable` is a boolean. Returns
 * how errors about it start.
 */
export function checkCredentialProps(kind: string, scope: Construct, id: string, props: unknown, expected: string): string {
  const checks = PropChecks.forNew(kind, scope, id);
  const p = checks.props(props, true, expected);
  checks.throwIfFailed();
  checks.metadata(p.metadata, { namespaced: true, name: SECRET_NAME });
  checks.boolean('immutable', p.immutable);
  checks.throwIfFailed();
  return checks.owner;
}

/** What a value that may hold a secret is, without its content: `a string`, `a list`, `a Size`, `an object`. */
export function describedSecretly(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return isPlainObject(value) || typeof name !== 'string' || name === '' ? 'an object' : `a ${name}`;
}

/** A secret value must be given, as a string; its content is never shown. */
export function requireSecretValue(owner: string, field: string, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new Error(`${owner}: ${field} must be a string, got ${describedSecretly(value)} (its value is not shown)`);
  }
  if (value === undefined || value === null || value.trim() === '') {
    throw new Error(`${owner}: ${field} must not be empty (its value is not shown)`);
  }
}

/** A registry host for a credential (host[:port], a scheme and `/v1/` tolerated); returns it normalized. */
/**
 * A registry host from a `registry` prop. `schemeAllowed` for an existing Secret, whose docker config key may carry
 * one (`https://index.docker.io/v1/`); a Secret we write takes the host alone, so a scheme there is refused with the
 * host to give instead.
 */
export function requireRegistry(owner: string, registry: unknown, schemeAllowed = false): string {
  if (registry !== undefined && registry !== null && typeof registry !== 'string') {
    throw new Error(`${owner}: registry must be a string such as "ghcr.io", got ${described(registry)}`);
  }
  if (registry === undefined || registry === null || registry.trim() === '') {
    throw new Error(`${owner}: registry must be given, e.g. "ghcr.io", "registry.example.com:5000" or "index.docker.io" for Docker Hub`);
  }
  const host = registryHost(registry);
  if (host && !schemeAllowed && /^[a-z][a-z0-9+.-]*:\/\//i.test(registry.trim())) {
    throw new Error(`${owner}: registry ${show(registry)} has a scheme: give the host alone, ${show(host)} (for Docker Hub, `
      + '"index.docker.io"; the Secret gets the key kpack expects)');
  }
  if (!host) {
    throw new Error(`${owner}: registry ${show(registry)} is not a registry host: give host[:port] only, without a repository `
      + 'path (e.g. "ghcr.io", "registry.example.com:5000", "index.docker.io" for Docker Hub)');
  }
  return host;
}

/** A plain host[:port]. */
export function requireHost(owner: string, field: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || !isHost(value)) {
    throw new Error(`${owner}: ${field} ${typeof value === 'string' || value === undefined ? show(value ?? '') : described(value)} is not a host: give host[:port] only, without scheme or path (e.g. ${show(example)})`);
  }
  return value;
}

const PRIVATE_KEY = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]*\r?\n-----END \1PRIVATE KEY-----\s*$/;

/**
 * An unencrypted PEM or OpenSSH private key, as kpack loads it (no passphrase). Messages never show the value,
 * only what it looks like.
 */
export function requirePrivateKey(owner: string, field: string, value: unknown, encryptedAllowed: boolean): void {
  requireSecretValue(owner, field, value);
  const text = (value as string).trim();
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
