import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks, namespaceIn } from './private/checks';
import { SpecToken } from './private/fast-json';
import { renderKpackObject } from './private/imported';
import { resourceChildName } from './private/names';
import { givenMetadata } from './private/render';
import { kpackKind } from './validation/kinds';

/** Props every kpack resource construct takes. */
export interface KpackResourceProps {
  /**
   * Metadata of the object: name, labels, annotations, and (for namespaced kinds) namespace.
   *
   * @default - a name generated from the construct path; namespaced kinds get the chart's namespace, or
   * `default`, written out explicitly
   */
  readonly metadata?: ApiObjectMetadata;
}

/** A kpack object, created in this app or imported by name. */
export interface IKpackResource extends kplus.IResource {
  /**
   * The namespace of a namespaced object.
   * @default - cluster-scoped
   */
  readonly namespaceName?: string;
}

/**
 * Base of the kpack resource constructs. Each is the kpack object itself, an ApiObject (`ApiObject.of(construct)`
 * returns the construct): one construct per object, where cdk8s-plus's pattern (a construct with an ApiObject child
 * `Resource`) makes two, which doubles what cdk8s's tree walks and dependency graphs visit at synth. Its spec is
 * rendered from the construct's state when the object is rendered, so mutators called after construction are
 * honoured, and the rule engine checks it at synth.
 */
export abstract class KpackResource extends ApiObject implements IKpackResource {
  private _permissions?: kplus.ResourcePermissions;

  /**
   * An object of a kind of the kind table (src/validation/kinds.ts) whose spec is `this._toJsonSpec(this._toKube())`. A
   * namespaced object gets its namespace written out (its chart's, else `default`); a cluster-scoped one never carries
   * one, even in a chart that has one. An object given no name gets the one it had as the `Resource` child of a
   * cdk8s-plus style construct, so names do not change with the shape.
   * @internal
   */
  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, given?: ApiObjectMetadata) {
    const metadata = givenMetadata(given);
    const spec = new SpecToken();
    // One literal: every object's props share a shape (a spread of gvk gives each its own hidden class).
    super(scope, id, {
      apiVersion: gvk.apiVersion,
      kind: gvk.kind,
      metadata: {
        ...metadata,
        name: metadata?.name ?? resourceChildName(scope, id, gvk),
        namespace: kpackKind(gvk.kind).clusterScoped ? metadata?.namespace : namespaceIn(scope, metadata?.namespace),
      },
      spec,
    });
    spec.owner = this;
    AppChecks.of(this);
  }

  /** The spec in its typed form, from the construct's state when the object is rendered. @internal */
  public abstract _toKube(): any;

  /** The typed spec in kpack's JSON names (the kind's generated `toJson_<Kind>Spec`). @internal */
  public abstract _toJsonSpec(spec: any): any;

  /** The kind's resource name, e.g. `clusterstacks` (what RBAC rules name). */
  public get resourceType(): string {
    return kpackKind(this.kind).plural;
  }

  /** The namespace of a namespaced object (always explicit); undefined for a cluster-scoped one. */
  public get namespaceName(): string | undefined {
    return kpackKind(this.kind).clusterScoped ? undefined : this.metadata.namespace;
  }

  /** The object's name, which RBAC rules name. */
  public get resourceName(): string | undefined {
    return this.name;
  }

  /** Grants subjects read or read-write access to this object (a Role and a RoleBinding in its namespace). */
  public get permissions(): kplus.ResourcePermissions {
    // Made on first use: most objects are never granted.
    this._permissions ??= new kplus.ResourcePermissions(this as unknown as kplus.Resource);
    return this._permissions;
  }

  /** This object as an API resource, for RBAC rules. */
  public asApiResource(): kplus.IApiResource | undefined {
    return this;
  }

  /** Not a non-API resource: undefined. */
  public asNonApiResource(): string | undefined {
    return undefined;
  }

  /** Renders the object (once per synth: the app's checks render it, and the chart reuses that JSON). */
  public toJson(): any {
    return renderKpackObject(this, kpackKind(this.kind).clusterScoped, () => super.toJson());
  }
}

/** Options for importing a namespaced kpack object by name. */
export interface FromNamespacedNameOptions {
  /**
   * Namespace of the object.
   * @default - the chart's namespace, else `default`
   */
  readonly namespaceName?: string;
}
