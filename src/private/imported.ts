import { ApiObject, ApiObjectProps, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { IKpackResource } from '../base';
import { AppChecks, namespaceIn } from './checks';
import { renderFast } from './fast-json';
import { PropChecks } from './props';
import { kpackKind } from '../validation/kinds';
import { OBJECT_NAME } from '../validation/kubernetes/names';

/**
 * The ApiObject of the L1 classes (src/imports/kpack.ts) and the platform's objects: checked by the rule engine at
 * synth (it hooks the app's checks in) and rendered by `renderKpackObject`. The L2 constructs are ApiObjects
 * themselves (src/base.ts `KpackResource`) and render the same way.
 * @internal
 */
export class KpackApiObject extends ApiObject {
  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    AppChecks.of(this);
  }

  public toJson(): any {
    return renderKpackObject(this, false, () => super.toJson());
  }
}

/**
 * An ApiObject of a cluster-scoped kind: drops the namespace a chart would stamp on it (or that was given).
 * @internal
 */
export class ClusterScopedApiObject extends KpackApiObject {
  /** The manifest without `metadata.namespace` (the generated L1 classes' `manifest()` uses it). @internal */
  public static _withoutNamespace(json: any): any {
    return withoutNamespace(json);
  }

  public toJson(): any {
    // cdk8s's own rendering, not KpackApiObject's (which would keep its JSON, with the namespace, for the synth).
    return renderKpackObject(this, true, () => ApiObject.prototype.toJson.call(this));
  }
}

/**
 * How every kpack object renders, the L1 classes', the platform's and the L2 constructs': in one pass where that gives
 * what cdk8s's `toJson()` (`cdk8sRender`) gives (src/private/fast-json.ts), without `metadata.namespace` for a
 * cluster-scoped object, and once per `app.synth()`: the app's checks render it first, and cdk8s's own rendering of the
 * chart reuses that JSON (nothing can change the object until the synth returns). Outside a synth, every call renders.
 */
export function renderKpackObject(apiObject: ApiObject, clusterScoped: boolean, cdk8sRender: () => any): any {
  const checks = AppChecks.of(apiObject);
  const earlier = checks.renderedJson(apiObject);
  if (earlier !== undefined) return earlier;
  const rendered = renderFast(apiObject, (apiObject as any).props) ?? cdk8sRender();
  const json = clusterScoped ? withoutNamespace(rendered) : rendered;
  checks.keepRendered(apiObject, json);
  return json;
}

/** A manifest without `metadata.namespace` (a copy where it had one): a cluster-scoped object never carries one. */
function withoutNamespace(json: any): any {
  if (json.metadata?.namespace === undefined) return json;
  const { namespace: _, ...metadata } = json.metadata;
  return { ...json, metadata };
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

