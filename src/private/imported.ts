import { ApiObject, ApiObjectProps, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { IKpackResource } from '../base';
import { AppChecks, namespaceIn } from './checks';
import { renderFast } from './fast-json';
import { PropChecks } from './props';
import { kpackKind } from '../validation/kinds';
import { OBJECT_NAME } from '../validation/kubernetes';

/**
 * The ApiObject of every kpack object, the L1 classes' (src/imports/kpack.ts) and the L2 constructs' `Resource`:
 * checked by the rule engine at synth (it hooks the app's checks in). Within one `app.synth()`, it is rendered once:
 * the app's checks render it first, and cdk8s's own rendering of the chart reuses that JSON.
 * @internal
 */
export class KpackApiObject extends ApiObject {
  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    AppChecks.of(this);
  }

  public toJson(): any {
    const checks = AppChecks.of(this);
    const earlier = checks.renderedJson(this);
    if (earlier !== undefined) return earlier;
    const json = this._render();
    checks.keepRendered(this, json);
    return json;
  }

  /** cdk8s's rendering, in one pass where that gives the same JSON (src/private/fast-json.ts). @internal */
  protected _render(): any {
    return renderFast(this, (this as any).props) ?? super.toJson();
  }
}

/**
 * An ApiObject of a cluster-scoped kind: drops the namespace a chart would stamp on it (or that was given).
 * @internal
 */
export class ClusterScopedApiObject extends KpackApiObject {
  /** The manifest without `metadata.namespace` (a copy where it had one). @internal */
  public static _withoutNamespace(json: any): any {
    if (json.metadata?.namespace === undefined) return json;
    const { namespace: _, ...metadata } = json.metadata;
    return { ...json, metadata };
  }

  /** @internal */
  protected _render(): any {
    return ClusterScopedApiObject._withoutNamespace(super._render());
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

  /**
   * @param namespace of a namespaced kind: where it is (default: the chart's namespace, else `default`); a
   * cluster-scoped kind has none
   */
  constructor(scope: Construct, id: string, gvk: GroupVersionKind, name: string, namespace?: string) {
    const info = kpackKind(gvk.kind);
    const checks = PropChecks.forNew(gvk.kind, scope, id);
    checks.name('name', name, OBJECT_NAME);
    checks.namespace('namespaceName', namespace);
    checks.throwIfFailed();
    super(scope, id);
    this.apiVersion = gvk.apiVersion;
    this.kind = gvk.kind;
    this.resourceType = info.plural;
    this.name = name;
    this.namespaceName = info.clusterScoped ? undefined : namespaceIn(scope, namespace);
    AppChecks.of(this).addExternal({ kind: gvk.kind, name, namespaceName: this.namespaceName });
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

