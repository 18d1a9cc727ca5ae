import { ApiObject, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { IKpackResource } from '../base';
import { AppChecks } from './checks';
import { PropChecks } from './props';
import { OBJECT_NAME } from '../validation/kubernetes';

/**
 * The ApiObject of a kpack resource construct. Within one `app.synth()`, it is rendered once: the app's checks
 * render it first, and cdk8s's own rendering of the chart reuses that JSON.
 */
export class KpackApiObject extends ApiObject {
  public toJson(): any {
    const checks = AppChecks.of(this);
    const earlier = checks.renderedJson(this);
    if (earlier !== undefined) return earlier;
    const json = this._render();
    checks.keepRendered(this, json);
    return json;
  }

  /** @internal */
  protected _render(): any {
    return super.toJson();
  }
}

/** An ApiObject of a cluster-scoped kind: drops the namespace a chart would stamp on it. */
export class ClusterScopedApiObject extends KpackApiObject {
  /** @internal */
  protected _render(): any {
    const json = super._render();
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
  public readonly namespaceName?: string;
  public readonly apiVersion: string;
  public readonly kind: string;

  constructor(scope: Construct, id: string, gvk: GroupVersionKind, resourceType: string, name: string, namespace?: string) {
    const checks = PropChecks.forNew(gvk.kind, scope, id);
    checks.name('name', name, OBJECT_NAME);
    checks.namespace('namespaceName', namespace);
    checks.throwIfFailed();
    super(scope, id);
    this.apiVersion = gvk.apiVersion;
    this.kind = gvk.kind;
    this.resourceType = resourceType;
    this.name = name;
    this.namespaceName = namespace;
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

