import { ApiObject, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { IKpackResource } from '../base';
import { AppChecks } from './checks';

/** An ApiObject of a cluster-scoped kind: drops the namespace a chart would stamp on it. */
export class ClusterScopedApiObject extends ApiObject {
  public toJson(): any {
    const json = super.toJson();
    if (json.metadata) delete json.metadata.namespace;
    return json;
  }
}

/**
 * An object created elsewhere and referred to by name. It is registered with the app's checks, so references
 * to it are not reported as missing.
 */
export class ImportedKpackResource extends Construct implements IKpackResource {
  public readonly resourceType: string;
  public readonly name: string;
  public readonly namespace?: string;
  public readonly apiVersion: string;
  public readonly kind: string;

  constructor(scope: Construct, id: string, gvk: GroupVersionKind, resourceType: string, name: string, namespace?: string) {
    super(scope, id);
    if (!name) throw new Error(`${gvk.kind} name must not be empty`);
    this.apiVersion = gvk.apiVersion;
    this.kind = gvk.kind;
    this.resourceType = resourceType;
    this.name = name;
    this.namespace = namespace;
    AppChecks.of(this).addExternal({ kind: gvk.kind, name, namespace });
  }

  public get apiGroup(): string {
    return this.apiVersion.split('/')[0];
  }

  public get resourceName(): string {
    return this.name;
  }

  public asApiResource(): kplus.IApiResource | undefined {
    return this;
  }

  public asNonApiResource(): string | undefined {
    return undefined;
  }
}

